// Read-only JSON documents (a virtual `heroku-json:` scheme): resources, action outputs,
// API responses. Shared by the explorer, the palette commands and the config editor.
import * as vscode from 'vscode';
import { Disposable } from './core/disposable';
import { printable } from './core/text';

export const JSON_SCHEME = 'heroku-json';

export class JsonDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly emitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.emitter.event;
  private counter = 0;

  /** `onShown`: told of every document opened (the in-host tests' probe). */
  constructor(private readonly onShown?: (uri: vscode.Uri, text: string) => void) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, this));
    this.onDispose(() => this.contents.clear());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Open `value` pretty-printed (or `text` as is) in a read-only editor titled `title`. */
  async show(title: string, value: unknown, opts: { text?: string; language?: string } = {}): Promise<vscode.TextEditor> {
    const safeTitle = printable(title).replace(/[\\/:*?"<>|#]+/g, '-').slice(0, 120);
    const uri = vscode.Uri.from({ scheme: JSON_SCHEME, path: `/${safeTitle}`, query: String(++this.counter) });
    const text = opts.text ?? `${JSON.stringify(value, null, 2)}\n`;
    this.contents.set(uri.toString(), text);
    this.onShown?.(uri, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, opts.language ?? 'json');
    return vscode.window.showTextDocument(doc, { preview: false });
  }
}
