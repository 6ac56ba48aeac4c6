// The HTML of a webview page, the same for every panel: a strict CSP (`default-src 'none'`,
// styles and fonts from the extension only, the one script by its nonce), the page's
// stylesheet and script from dist/ and media/, and its body's markup. Nothing inline but the
// nonce'd script tag; data arrives as messages.
import * as vscode from 'vscode';

export interface WebviewPageParts {
  /** dist/webview/<name>.js and media/<name>.css. */
  name: string;
  extensionUri: vscode.Uri;
  /** The page's title, as text (escaped here). */
  title: string;
  /** The body's markup (its translated words escaped by the caller with `escapeHtml`). */
  body: string;
}

/** The folders a page may load from (`localResourceRoots`). */
export function webviewRoots(extensionUri: vscode.Uri): { scripts: vscode.Uri; media: vscode.Uri } {
  return { scripts: vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), media: vscode.Uri.joinPath(extensionUri, 'media') };
}

export function webviewPage(webview: vscode.Webview, parts: WebviewPageParts): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(18))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const { scripts, media } = webviewRoots(parts.extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(scripts, `${parts.name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, `${parts.name}.css`));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
${parts.body}
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** Text for HTML: a translation is text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
