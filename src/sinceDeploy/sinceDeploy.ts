// The "Deployed code" rows and what keeps them true: they are made for each app with a
// linked folder, and read again when the folder's repository moves (HEAD, a branch, packed
// refs: a commit, a checkout, a pull), debounced, cheaply (the app's releases and slug
// come from the cache; only git runs again), and when the workspace becomes trusted.
import * as vscode from 'vscode';
import type { AppParent, Node } from '../explorer/node';
import { Disposable } from '../shared/core/disposable';
import { gitDirOf } from './core/repository';
import { DeployedCodeNode, deployedCodeRows } from './nodes';

export interface SinceDeployDeps {
  /** The folders linked to an app (each the root of the files deployed to it). */
  linkedFolders(app: string): readonly vscode.Uri[];
  explorer: { reloadShown(node: Node): Promise<void>; shows(node: Node): boolean };
}

const DEBOUNCE_MS = 400;

export class SinceDeploy extends Disposable {
  /** The latest row of each tree position (a redraw makes new rows with the same ids). */
  private readonly rowsById = new Map<string, DeployedCodeNode>();
  /** One watcher per folder, made with its first row. */
  private readonly watched = new Map<string, { watcher?: vscode.FileSystemWatcher; timer?: ReturnType<typeof setTimeout> }>();

  constructor(private readonly deps: SinceDeployDeps) {
    super();
    this.register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        for (const row of this.rowsById.values()) this.watch(row.folder);
        void this.readAgain();
      }),
    );
    this.onDispose(() => {
      for (const w of this.watched.values()) {
        w.watcher?.dispose();
        if (w.timer) clearTimeout(w.timer);
      }
    });
  }

  /** The rows first under an app: one per linked folder. */
  rows(app: AppParent): Node[] {
    const rows = deployedCodeRows(app, this.deps.linkedFolders(app.name));
    // A folder no longer linked to this app: its rows go, and its watcher once no row needs it.
    const folders = new Set(rows.map((r) => r.folder.toString()));
    for (const [id, row] of this.rowsById) if (row.app.name === app.name && !folders.has(row.folder.toString())) this.rowsById.delete(id);
    this.unwatchUnused();
    for (const row of rows) {
      this.rowsById.set(row.id, row);
      this.watch(row.folder);
    }
    return rows;
  }

  /** The watchers of folders no row shows any more, disposed. */
  private unwatchUnused(): void {
    const used = new Set([...this.rowsById.values()].map((r) => r.folder.toString()));
    for (const [key, w] of this.watched) {
      if (used.has(key)) continue;
      w.watcher?.dispose();
      if (w.timer) clearTimeout(w.timer);
      this.watched.delete(key);
    }
  }

  /** The rows shown now (of a folder, or all), each read again; a row not shown (yet, or any more) is read when it is. */
  readAgain(folder?: vscode.Uri): Promise<void[]> {
    const reads: Promise<void>[] = [];
    for (const row of this.rowsById.values()) {
      if (this.deps.explorer.shows(row) && (!folder || row.folder.toString() === folder.toString())) reads.push(this.deps.explorer.reloadShown(row));
    }
    return Promise.all(reads);
  }

  private watch(folder: vscode.Uri): void {
    const key = folder.toString();
    // Finding the git directory runs git: not in an untrusted workspace.
    if (this.watched.has(key) || !vscode.workspace.isTrusted) return;
    const entry: { watcher?: vscode.FileSystemWatcher; timer?: ReturnType<typeof setTimeout> } = {};
    this.watched.set(key, entry);
    void gitDirOf(folder.fsPath).then((gitDir) => {
      if (!gitDir || this.isDisposed || this.watched.get(key) !== entry) return;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(gitDir), '{HEAD,packed-refs,refs/heads/**,refs/remotes/**}'));
      const changed = () => {
        if (entry.timer) clearTimeout(entry.timer);
        entry.timer = setTimeout(() => void this.readAgain(folder), DEBOUNCE_MS);
      };
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      entry.watcher = watcher;
    });
  }
}
