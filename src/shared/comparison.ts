// Comparisons in VS Code's diff editor: two read-only virtual documents (`heroku-compare:`)
// that a plain-Node renderer writes (two apps: pipelines/core/compare.ts; two releases:
// releases/core/releaseDiff.ts). Values are masked; *Reveal Values* (the diff editor's
// title bar) renders both documents again with the values, after a question, and only for
// that comparison until it is closed.
//
// Why the diff editor rather than a webview: it is the view users already read
// differences in (side by side or inline, next/previous change, the overview ruler); the
// documents are plain text, so there is no page script, no message protocol and no CSP
// to keep; and a difference in masked values still shows, because each side's mask names
// its own app.
import * as vscode from 'vscode';
import { Disposable } from './core/disposable';
import * as l10n from '@vscode/l10n';

export const COMPARE_SCHEME = 'heroku-compare';

/** What one comparison shows. */
export interface ComparisonSource {
  /** The two sides, as the reveal question names them ("acme-api", "acme-api v46"). */
  names: [string, string];
  /** The documents' file names (no extension), one per side. */
  files: [string, string];
  /** The diff editor's title. */
  title: string;
  /** Both documents' text, with or without the values. */
  render(revealed: boolean): { left: string; right: string };
}

interface Entry {
  source: ComparisonSource;
  revealed: boolean;
}

const idOf = (uri: vscode.Uri) => uri.query.replace(/&side=.*$/, '');

/** The comparison ids a tab shows (a diff, or one side opened alone). */
function idsOfTab(tab: vscode.Tab): string[] {
  const input = tab.input;
  const uris = input instanceof vscode.TabInputTextDiff ? [input.original, input.modified] : input instanceof vscode.TabInputText ? [input.uri] : [];
  return uris.filter((u) => u.scheme === COMPARE_SCHEME).map(idOf);
}

export class Comparisons extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.emitter.event;
  private counter = 0;

  /** `onShown`: told of each side's text (the in-host tests' probe). */
  constructor(private readonly onShown?: (uri: vscode.Uri, text: string) => void) {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this));
    // "Until it is closed": a comparison no tab shows any more is masked again, and once
    // VS Code lets go of its documents, its snapshots (values included) are dropped.
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsClosed(e.closed)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.documentClosed(d.uri)));
    this.onDispose(() => this.entries.clear());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entries.get(idOf(uri));
    if (!entry) return l10n.t('This comparison was closed: compare again.');
    const c = entry.source.render(entry.revealed);
    const text = uri.query.endsWith('side=left') ? c.left : c.right;
    this.onShown?.(uri, text);
    return text;
  }

  async show(source: ComparisonSource): Promise<void> {
    const id = `c${++this.counter}`;
    this.entries.set(id, { source, revealed: false });
    const [left, right] = this.uris(id, source);
    await vscode.commands.executeCommand('vscode.diff', left, right, source.title, { preview: false });
  }

  /** Show the values of the comparison whose document is `uri`. */
  reveal(uri: vscode.Uri): boolean {
    const entry = this.entries.get(idOf(uri));
    if (!entry || entry.revealed) return false;
    this.setRevealed(idOf(uri), true);
    return true;
  }

  /** The comparison's two sides, for the question before revealing. */
  namesOf(uri: vscode.Uri): [string, string] | undefined {
    return this.entries.get(idOf(uri))?.source.names;
  }

  private tabsClosed(closed: readonly vscode.Tab[]): void {
    const ids = new Set(closed.flatMap(idsOfTab));
    if (!ids.size) return;
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap(idsOfTab));
    for (const id of ids) if (!shown.has(id)) this.setRevealed(id, false);
  }

  private documentClosed(uri: vscode.Uri): void {
    if (uri.scheme !== COMPARE_SCHEME) return;
    const id = idOf(uri);
    if (!vscode.workspace.textDocuments.some((d) => d.uri.scheme === COMPARE_SCHEME && idOf(d.uri) === id)) this.entries.delete(id);
  }

  /** Render both documents again (an open one, or one VS Code still holds) with or without the values. */
  private setRevealed(id: string, revealed: boolean): void {
    const entry = this.entries.get(id);
    if (!entry || entry.revealed === revealed) return;
    entry.revealed = revealed;
    for (const u of this.uris(id, entry.source)) this.emitter.fire(u);
  }

  private uris(id: string, source: ComparisonSource): [vscode.Uri, vscode.Uri] {
    const [a, b] = source.files;
    return [vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${a}.heroku`, query: `${id}&side=left` }), vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${b}.heroku`, query: `${id}&side=right` })];
  }
}
