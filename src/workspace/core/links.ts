// The workspace's links to Heroku apps, as data: the entries of the `herokuMembrane.links`
// folder setting (validated: a bad entry is left out and named, never thrown), the git
// remotes of a folder whose `.git` is a directory or a file (a worktree, a submodule), and
// the deepest linked folder that holds a path. Plain Node: unit-tested without VS Code.
import * as path from 'node:path';
import { herokuRemotesOfGitConfig } from '../../apps/core/format';
import * as l10n from '@vscode/l10n';

/** One entry of the setting: a subfolder of the workspace folder ('' is the folder itself) and an app. */
export interface LinkEntry {
  path: string;
  app: string;
  /** A remote's link the user unlinked: the remote stays, the workspace no longer shows it. */
  hidden?: boolean;
}

/** Heroku's app names (3 to 30 characters, lowercase letters, digits and dashes, a letter first). */
const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

export function isAppName(value: unknown): value is string {
  return typeof value === 'string' && APP_NAME.test(value);
}

/**
 * A subfolder as the setting keeps it: '/'-separated, relative, without '.' segments
 * ('' for the folder itself); undefined when it is absolute or leaves the folder.
 */
export function normalizeLinkPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  const slashed = value.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed) || slashed.includes('\0')) return undefined;
  const parts = slashed.split('/').filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..')) return undefined;
  return parts.join('/');
}

/** The setting's value read: its valid entries, and why each other one was left out. */
export function readLinkEntries(value: unknown): { entries: LinkEntry[]; refused: string[] } {
  const entries: LinkEntry[] = [];
  const refused: string[] = [];
  if (value === undefined || value === null) return { entries, refused };
  if (!Array.isArray(value)) return { entries, refused: [l10n.t('the setting is not a list')] };
  value.forEach((raw: unknown, i) => {
    const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
    const n = i + 1;
    if (!entry) return void refused.push(l10n.t('entry {0}: not an object', n));
    if (!isAppName(entry.app)) return void refused.push(l10n.t('entry {0}: "app" is not a Heroku app name', n));
    const linkPath = normalizeLinkPath(entry.path ?? '');
    if (linkPath === undefined) return void refused.push(l10n.t('entry {0}: "path" must be a subfolder of the workspace folder', n));
    if (entry.hidden !== undefined && typeof entry.hidden !== 'boolean') return void refused.push(l10n.t('entry {0}: "hidden" is not true or false', n));
    if (entries.some((e) => e.path === linkPath && e.app === entry.app)) return;
    entries.push(entry.hidden ? { path: linkPath, app: entry.app, hidden: true } : { path: linkPath, app: entry.app });
  });
  return { entries, refused };
}

/** Whether an entry of the setting, as written, is this link ("./api/" is "api"). */
function isEntryOf(raw: unknown, link: { path: string; app: string }): boolean {
  const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
  return Boolean(entry) && entry!.app === link.app && normalizeLinkPath(entry!.path ?? '') === link.path;
}

/**
 * The setting as written with one link added (a hidden remote's link of the same app
 * shown again): only that link's entries change, every other one (a refused one too)
 * stays as written.
 */
export function withLink(written: readonly unknown[], link: { path: string; app: string }, remoteLinked: boolean): unknown[] {
  if (!remoteLinked && written.some((e) => isEntryOf(e, link) && !(e as LinkEntry).hidden)) return [...written];
  const others = written.filter((e) => !isEntryOf(e, link));
  return remoteLinked ? others : [...others, { path: link.path, app: link.app }];
}

/** The setting as written without a link: a setting's link removed, a remote's hidden; every other entry as written. */
export function withoutLink(written: readonly unknown[], link: { path: string; app: string }, remoteLinked: boolean): unknown[] {
  const others = written.filter((e) => !isEntryOf(e, link));
  return remoteLinked ? [...others, { path: link.path, app: link.app, hidden: true }] : others;
}

/** A Heroku remote of a folder's repository. */
export interface HerokuRemote {
  remote: string;
  app: string;
}

/** Reads a file's text; undefined when it is missing or not a file. */
export type ReadText = (file: string) => Promise<string | undefined>;

/**
 * The Heroku remotes of a folder's repository: `.git/config`, or, when `.git` is a file
 * (`gitdir: …`, a worktree or a submodule), that git directory's `config` and, for a
 * worktree, its common directory's (`commondir`), where the remotes are.
 */
export async function herokuRemotesOfFolder(folder: string, read: ReadText): Promise<HerokuRemote[]> {
  const configs: string[] = [];
  const direct = await read(path.join(folder, '.git', 'config'));
  if (direct !== undefined) {
    configs.push(direct);
  } else {
    const gitDir = gitDirOfDotGitFile((await read(path.join(folder, '.git'))) ?? '');
    if (gitDir) {
      const dir = path.resolve(folder, gitDir);
      const own = await read(path.join(dir, 'config'));
      if (own !== undefined) configs.push(own);
      const common = (await read(path.join(dir, 'commondir')))?.trim();
      const shared = common ? await read(path.join(path.resolve(dir, common), 'config')) : undefined;
      if (shared !== undefined) configs.push(shared);
    }
  }
  const out: HerokuRemote[] = [];
  for (const r of configs.flatMap(herokuRemotesOfGitConfig)) if (!out.some((o) => o.remote === r.remote && o.app === r.app)) out.push(r);
  return out;
}

/** The git directory a `.git` file points at (`gitdir: ../.git/worktrees/api`). */
export function gitDirOfDotGitFile(text: string): string | undefined {
  return /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1];
}

/** Whether `inner` is `outer` or inside it ('/'-separated paths). */
export function holds(outer: string, inner: string): boolean {
  const o = outer.replace(/\/+$/, '');
  return inner === o || inner.startsWith(`${o}/`);
}

/**
 * The deepest of these folders that holds `target` ('/'-separated paths): the link a file
 * follows. `ignoreCase` on a case-insensitive file system, where `Repo/API` is `repo/api`.
 */
export function deepestHolder(folders: readonly string[], target: string, ignoreCase = false): string | undefined {
  const fold = (p: string) => (ignoreCase ? p.toLowerCase() : p);
  let best: string | undefined;
  for (const f of folders) if (holds(fold(f), fold(target)) && (best === undefined || f.length > best.length)) best = f;
  return best;
}

/**
 * A folder's linked apps as Deploy's pick lists them, and the one it may offer first (the
 * row a single Enter picks): the only link; of several (production beside staging, say),
 * the app last deployed from the folder, else the remote named `heroku` (git's and the
 * Heroku CLI's default); else none, and the user chooses.
 */
export function linksInDeployOrder(links: ReadonlyArray<{ app: string; remote?: string }>, deployedNewestFirst: readonly string[]): { apps: string[]; preferred: string | undefined } {
  const apps = [...new Set(links.map((l) => l.app))].sort((a, b) => a.localeCompare(b));
  const preferred = apps.length === 1 ? apps[0] : (deployedNewestFirst.find((app) => apps.includes(app)) ?? links.find((l) => l.remote === 'heroku')?.app);
  return { apps: preferred ? [preferred, ...apps.filter((a) => a !== preferred)] : apps, preferred };
}
