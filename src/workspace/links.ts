// The workspace's links to Heroku apps: each workspace folder (or a subfolder the user
// linked, for monorepos) and the apps it is linked to, found from the folder's git
// remotes of any name that point at Heroku and from the folder's `herokuMembrane.links`
// setting. Read again when that setting, the workspace's folders or a `.git` changes.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { Disposable } from '../shared/core/disposable';
import { prompts } from '../shared/prompts';
import { SECTION } from '../shared/settings';
import { herokuRemotesOfGitConfig } from '../apps/core/format';
import { deepestHolder, herokuRemotesOfFolder, readLinkEntries, withLink, withoutLink, type LinkEntry } from './core/links';

export const LINKS_KEY = 'links';

/** One folder linked to one app. */
export interface WorkspaceLink {
  /** The linked folder: the workspace folder or a subfolder of it. */
  folder: vscode.Uri;
  workspaceFolder: vscode.WorkspaceFolder;
  /** The subfolder, relative and '/'-separated ('' for the workspace folder itself). */
  path: string;
  app: string;
  /** Where it was found: a git remote (its name) or the folder's settings. */
  source: { kind: 'remote'; remote: string } | { kind: 'settings' };
}

/** Whether local paths differ only in case name the same file (Windows' and macOS's usual file systems), as VS Code assumes. */
const CASE_INSENSITIVE = process.platform === 'win32' || process.platform === 'darwin';

/** How long a burst of `.git` changes is let settle before the links are read again. */
const DEBOUNCE_MS = 300;

export class WorkspaceLinks extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires once the links were read again and differ. */
  readonly onDidChange = this.changed.event;
  private current: WorkspaceLink[] = [];
  private names: ReadonlySet<string> = new Set();
  private reading: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly log: (message: string) => void) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reread()));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.${LINKS_KEY}`) && this.reread()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reread()));
    this.onDispose(() => {
      clearTimeout(this.timer);
      for (const w of this.watchers) w.dispose();
    });
    this.reading = this.readSafely();
  }

  /** Every link, in the workspace folders' order, then by subfolder. */
  links(): readonly WorkspaceLink[] {
    return this.current;
  }

  /** Every linked app's name. */
  workspaceApps(): ReadonlySet<string> {
    return this.names;
  }

  /** The folders linked to an app (each the root of the files linked to it). */
  foldersOfApp(app: string): readonly vscode.Uri[] {
    return this.current.filter((l) => l.app === app).map((l) => l.folder);
  }

  /** The links of the deepest linked folder that holds this file or folder (none: no linked folder holds it). */
  linksOfFolder(uri: vscode.Uri): readonly WorkspaceLink[] {
    const same = this.current.filter((l) => l.folder.scheme === uri.scheme && l.folder.authority === uri.authority);
    const deepest = deepestHolder(
      same.map((l) => l.folder.path),
      uri.path,
      uri.scheme === 'file' && CASE_INSENSITIVE,
    );
    return deepest === undefined ? [] : same.filter((l) => l.folder.path === deepest);
  }

  /** Reads every link again now (after a change the watchers cannot see). */
  refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return (this.reading = this.reading.then(() => this.readSafely()));
  }

  /** Links a folder of the workspace to an app, in that workspace folder's settings. */
  async link(folder: vscode.Uri, app: string): Promise<WorkspaceLink> {
    const ws = vscode.workspace.getWorkspaceFolder(folder);
    if (!ws) throw new Error(l10n.t('{0} is not in a folder of this workspace.', folder.fsPath));
    const sub = relativePath(ws.uri, folder);
    const byRemote = (await this.remoteLinks(ws)).some((l) => l.path === sub && l.app === app);
    await this.write(ws, withLink(this.written(ws), { path: sub, app }, byRemote));
    return { folder, workspaceFolder: ws, path: sub, app, source: { kind: 'settings' } };
  }

  /** Removes a link: a setting's is deleted, a remote's hidden in this workspace (the remote stays). */
  async unlink(link: WorkspaceLink): Promise<void> {
    await this.write(link.workspaceFolder, withoutLink(this.written(link.workspaceFolder), link, link.source.kind === 'remote'));
  }

  /** What an app pick's row says of a linked app ("linked to api"); undefined when it is not linked. */
  noteOf(app: string): string | undefined {
    const link = this.current.find((l) => l.app === app);
    return link && l10n.t('linked to {0}', this.folderLabel(link));
  }

  /** How a link names its folder: the workspace folder's name, with the subfolder. */
  folderLabel(link: WorkspaceLink): string {
    return link.path ? `${link.workspaceFolder.name}/${link.path}` : link.workspaceFolder.name;
  }

  /** Whether the folder is worth naming beside the app: several workspace folders, or a subfolder. */
  namesFolder(link: WorkspaceLink): boolean {
    return Boolean(link.path) || (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  }

  /**
   * Writes the folder's setting. Never in an untrusted workspace: its setting is not read
   * there, so a write would be made blind (VS Code does not stop it).
   */
  private async write(ws: vscode.WorkspaceFolder, entries: unknown[]): Promise<void> {
    if (!prompts.isTrusted()) throw new Error(l10n.t("This workspace is not trusted: its links to apps are not changed."));
    await vscode.workspace.getConfiguration(SECTION, ws.uri).update(LINKS_KEY, entries.length ? entries : undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await this.refresh();
  }

  private reread(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reading = this.reading.then(() => this.readSafely());
    }, DEBOUNCE_MS);
  }

  /**
   * The folder's own setting (never the user's: a relative path means nothing outside a
   * folder). Not in an untrusted workspace: a cloned repository's settings do not choose
   * the app Deploy offers first.
   */
  private entriesOf(ws: vscode.WorkspaceFolder): { entries: LinkEntry[]; refused: string[] } {
    if (!prompts.isTrusted()) return { entries: [], refused: [] };
    return readLinkEntries(this.writtenValue(ws));
  }

  /** The folder's setting as written (a single-folder workspace's own settings are that folder's). */
  private writtenValue(ws: vscode.WorkspaceFolder): unknown {
    const i = vscode.workspace.getConfiguration(SECTION, ws.uri).inspect<unknown>(LINKS_KEY);
    return i?.workspaceFolderValue ?? (vscode.workspace.workspaceFile ? undefined : i?.workspaceValue);
  }

  /** The setting's entries as written, each kept as it is (a refused one too) when one link is added or removed. */
  private written(ws: vscode.WorkspaceFolder): unknown[] {
    const value = this.writtenValue(ws);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Error(l10n.t('The setting herokuMembrane.links of folder {0} is not a list: correct it first.', ws.name));
    return value;
  }

  private async remoteLinks(ws: vscode.WorkspaceFolder): Promise<Array<{ path: string; app: string; remote: string }>> {
    if (ws.uri.scheme !== 'file') {
      const text = await readText(vscode.Uri.joinPath(ws.uri, '.git', 'config'));
      return text === undefined ? [] : herokuRemotesOfGitConfig(text).map((r) => ({ path: '', ...r }));
    }
    const remotes = await herokuRemotesOfFolder(ws.uri.fsPath, (file) => readText(vscode.Uri.file(file)));
    return remotes.map((r) => ({ path: '', ...r }));
  }

  /** A read that fails keeps the links read before (and the next read still runs). */
  private async readSafely(): Promise<void> {
    try {
      await this.read();
    } catch (e) {
      this.log(l10n.t("The workspace's links to apps could not be read: {0}", e instanceof Error ? e.message : String(e)));
    }
  }

  private async read(): Promise<void> {
    const links: WorkspaceLink[] = [];
    for (const ws of vscode.workspace.workspaceFolders ?? []) {
      const { entries, refused } = this.entriesOf(ws);
      for (const why of refused) this.log(l10n.t('The setting herokuMembrane.links of folder {0}: {1}; that entry is ignored.', ws.name, why));
      const hidden = (sub: string, app: string) => entries.some((e) => e.hidden && e.path === sub && e.app === app);
      const found: WorkspaceLink[] = [];
      for (const r of await this.remoteLinks(ws)) {
        if (!hidden(r.path, r.app) && !found.some((f) => f.app === r.app)) found.push({ folder: ws.uri, workspaceFolder: ws, path: '', app: r.app, source: { kind: 'remote', remote: r.remote } });
      }
      for (const e of entries) {
        if (e.hidden || found.some((f) => f.path === e.path && f.app === e.app)) continue;
        found.push({ folder: e.path ? vscode.Uri.joinPath(ws.uri, ...e.path.split('/')) : ws.uri, workspaceFolder: ws, path: e.path, app: e.app, source: { kind: 'settings' } });
      }
      links.push(...found.sort((a, b) => a.path.localeCompare(b.path) || a.app.localeCompare(b.app)));
    }
    this.watch();
    const before = JSON.stringify(this.current.map(shape));
    this.current = links;
    this.names = new Set(links.map((l) => l.app));
    if (JSON.stringify(links.map(shape)) !== before) this.changed.fire();
  }

  /** One watcher per workspace folder, on its `.git` and `.git/config` (created, changed or deleted). */
  private watch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = (vscode.workspace.workspaceFolders ?? []).map((ws) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(ws, '{.git,.git/config}'));
      const again = () => this.reread();
      watcher.onDidCreate(again);
      watcher.onDidChange(again);
      watcher.onDidDelete(again);
      return watcher;
    });
  }
}

function shape(l: WorkspaceLink): string {
  return `${l.folder.toString()}\n${l.app}\n${l.source.kind === 'remote' ? l.source.remote : ''}`;
}

/** The subfolder of a workspace folder a uri is, '/'-separated ('' for the folder itself). */
function relativePath(root: vscode.Uri, uri: vscode.Uri): string {
  const base = root.path.replace(/\/+$/, '');
  return uri.path === base ? '' : uri.path.slice(base.length + 1).replace(/\/+$/, '');
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
