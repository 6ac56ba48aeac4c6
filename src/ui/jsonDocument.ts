// Read-only JSON documents (a virtual `heroku-json:` scheme): resources, action outputs,
// API responses. Shared by the explorer, the palette commands and the config editor.
import * as vscode from 'vscode';

export const JSON_SCHEME = 'heroku-json';

export class JsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Open `value` pretty-printed (or `text` as is) in a read-only editor titled `title`. */
  async show(title: string, value: unknown, opts: { text?: string; language?: string } = {}): Promise<vscode.TextEditor> {
    const printable = [...title].filter((ch) => ch.charCodeAt(0) >= 32).join('');
    const safeTitle = printable.replace(/[\\/:*?"<>|#]+/g, '-').slice(0, 120);
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${safeTitle}`, query: String(++this.counter) });
    this.contents.set(uri.toString(), opts.text ?? `${JSON.stringify(value, null, 2)}\n`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, opts.language ?? 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** The text of a document this provider made (tests). */
  textOf(uri: vscode.Uri): string | undefined {
    return this.contents.get(uri.toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.contents.clear();
  }
}
