// The paths a deploy starts from, before its own checks. In a git repository: what git
// would commit from a clean `git add -A` (tracked, plus untracked but not ignored). The
// outer repository names a submodule or a nested clone only as a folder, so each of those
// is listed by its own git, with its own ignore rules, and the root `.gitignore` applied on
// top. Outside git: a walk without `.git`, `node_modules` and what the root `.gitignore`
// excludes, which hands a nested clone to its git the same way.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Ignore } from 'ignore';
import * as l10n from '@vscode/l10n';
import { git } from './git';
import type { RealDirs } from './realDirs';

export interface ListContext {
  root: string;
  /** The root `.gitignore`. */
  rules: Ignore | undefined;
  /** Where folders really are: git is never run in one that leads outside. */
  dirs: RealDirs;
  signal?: AbortSignal;
}

export interface Listed {
  /** Relative, `/`-separated, normalised. */
  path: string;
  /** Not committed in the repository it is in (outside git, nothing is). */
  untracked: boolean;
}

/** Folders never walked into outside git. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** The repository's files under `rel` (its working-tree folder, relative to the root), sub-repositories' included. */
export async function listRepository(ctx: ListContext, rel = ''): Promise<Listed[]> {
  const cwd = path.join(ctx.root, rel);
  let cached: string, others: string;
  try {
    [cached, others] = await Promise.all([
      git(cwd, ['ls-files', '--cached', '--stage', '-z', '--', '.'], ctx.signal),
      git(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.'], ctx.signal),
    ]);
  } catch (e) {
    if (!rel || ctx.signal?.aborted) throw e;
    throw new Error(l10n.t('{0} is a git repository whose files git could not list ({1}). Repair or remove it, then deploy again.', rel, (e as { reason?: string }).reason ?? ''));
  }
  const out = new Map<string, Listed>();
  const add = (p: string, untracked: boolean) => {
    const full = joined(rel, p);
    if (sendable(full)) out.set(full, { path: full, untracked });
  };
  const subRepos: string[] = [];
  for (const entry of cached.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    // `<mode> <object> <stage>\t<path>` (an unmerged path once per stage): mode 160000 is a gitlink, a submodule's folder.
    if (entry.startsWith('160000 ')) subRepos.push(entry.slice(tab + 1));
    else add(entry.slice(tab + 1), false);
  }
  // git names an untracked nested repository as a folder, with a trailing slash.
  for (const p of others.split('\0').filter(Boolean)) {
    if (p.endsWith('/')) subRepos.push(p);
    else add(p, true);
  }
  for (const sub of subRepos) for (const l of await listSubRepository(ctx, joined(rel, sub))) out.set(l.path, l);
  return [...out.values()];
}

/** A folder outside git: every file and symlink, minus `.git`, `node_modules` and the root `.gitignore`'s entries. */
export async function walkFolder(ctx: ListContext): Promise<Listed[]> {
  const out: Listed[] = [];
  const visit = async (rel: string): Promise<void> => {
    if (ctx.signal?.aborted) throw abortError();
    const entries = await fs.readdir(path.join(ctx.root, rel), { withFileTypes: true });
    if (rel && entries.some((e) => e.name === '.git')) {
      out.push(...(await listSubRepository(ctx, rel)));
      return;
    }
    for (const e of entries) {
      const child = joined(rel, e.name);
      if (e.name === '.git') continue; // a folder, or a submodule's pointer file
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || ctx.rules?.ignores(`${child}/`)) continue;
        await visit(child);
      } else if ((e.isFile() || e.isSymbolicLink()) && !ctx.rules?.ignores(child)) {
        out.push({ path: child, untracked: true });
      }
    }
  };
  await visit('');
  return out;
}

/** A submodule or nested clone: what its own git lists, minus what the root `.gitignore` excludes. */
async function listSubRepository(ctx: ListContext, rel: string): Promise<Listed[]> {
  const dir = path.join(ctx.root, rel);
  // A submodule that is not checked out is an empty folder (or none); a symlink in its place is not followed.
  if (!(await fs.lstat(dir).catch(() => undefined))?.isDirectory()) return [];
  if (!ctx.dirs.resolve(rel)) return []; // under a symlinked folder that leads outside: named, and the deploy refused
  if (!(await fs.lstat(path.join(dir, '.git')).catch(() => undefined))) return [];
  return (await listRepository(ctx, rel)).filter((l) => !ctx.rules?.ignores(l.path));
}

/** `rel/p`, normalised: no `//`, no trailing slash. */
function joined(rel: string, p: string): string {
  return path.posix.normalize(rel ? `${rel}/${p}` : p).replace(/\/+$/, '');
}

/** Never a repository's own `.git`, nor a path that leaves the root. */
function sendable(p: string): boolean {
  return p !== '' && p !== '.' && !path.posix.isAbsolute(p) && !p.split('/').some((c) => c === '.git' || c === '..');
}

export function abortError(): Error {
  return Object.assign(new Error(l10n.t('The packaging was cancelled.')), { name: 'AbortError' });
}
