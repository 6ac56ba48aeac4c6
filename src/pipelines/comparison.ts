// Compare two apps in VS Code's diff editor: two read-only virtual documents
// (`heroku-compare:`) rendered by core/compare.ts. Values are masked; *Reveal Values*
// (the diff editor's title bar) renders both documents again with the values, after a
// question, and only for that comparison.
//
// Why the diff editor rather than a webview: it is the view users already read
// differences in (side by side or inline, next/previous change, the overview ruler); the
// documents are plain text, so there is no page script, no message protocol and no CSP
// to keep; and a difference in masked values still shows, because each side's mask names
// its own app.
import * as vscode from 'vscode';
import { compareApps, type AppSnapshot } from './core/compare';

export const COMPARE_SCHEME = 'heroku-compare';

interface Entry {
  a: AppSnapshot;
  b: AppSnapshot;
  revealed: boolean;
}

export class Comparisons implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this);

  /** `onShown`: told of each side's text (the in-host tests' probe). */
  constructor(private readonly onShown?: (uri: vscode.Uri, text: string) => void) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entries.get(uri.query.replace(/&side=.*$/, ''));
    if (!entry) return '';
    const c = compareApps(entry.a, entry.b, entry.revealed);
    const text = uri.query.endsWith('side=left') ? c.left : c.right;
    this.onShown?.(uri, text);
    return text;
  }

  async show(a: AppSnapshot, b: AppSnapshot): Promise<void> {
    const id = `c${++this.counter}`;
    this.entries.set(id, { a, b, revealed: false });
    const [left, right] = this.uris(id, a, b);
    await vscode.commands.executeCommand('vscode.diff', left, right, `${a.name} ↔ ${b.name} (Heroku)`, { preview: false });
  }

  /** Show the values of the comparison whose document is `uri`. */
  reveal(uri: vscode.Uri): boolean {
    const id = uri.query.replace(/&side=.*$/, '');
    const entry = this.entries.get(id);
    if (!entry || entry.revealed) return false;
    entry.revealed = true;
    for (const u of this.uris(id, entry.a, entry.b)) this.emitter.fire(u);
    return true;
  }

  /** The comparison's apps, for the question before revealing. */
  appsOf(uri: vscode.Uri): [string, string] | undefined {
    const entry = this.entries.get(uri.query.replace(/&side=.*$/, ''));
    return entry && [entry.a.name, entry.b.name];
  }

  private uris(id: string, a: AppSnapshot, b: AppSnapshot): [vscode.Uri, vscode.Uri] {
    return [vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${a.name}.heroku`, query: `${id}&side=left` }), vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${b.name}.heroku`, query: `${id}&side=right` })];
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.entries.clear();
  }
}
