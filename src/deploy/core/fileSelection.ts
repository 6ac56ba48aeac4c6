// Which files of a folder a deploy sends, decided before anything is packed:
// - in a git repository, what git would commit from a clean `git add -A`: tracked files
//   plus untracked ones that are not ignored (`git ls-files -c -o --exclude-standard`),
//   so uncommitted changes go too, and are counted for the confirmation;
// - outside git, every file except `.git`, `node_modules` and what a root `.gitignore`
//   excludes;
// - in both, the root `.slugignore`'s entries are left out (the slug compiler would drop
//   them after upload anyway; not sending them saves upload time).
// Symlinks are kept as links; one that points outside the folder (or to an absolute path)
// would not resolve on Heroku, so it is reported and the deploy refused.
// git runs as a program with arguments (execFile, no shell).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import * as l10n from '@vscode/l10n';

export interface GitState {
  /** The HEAD commit, or undefined in a repository without commits. */
  commit: string | undefined;
  /** The HEAD commit's subject line. */
  subject: string | undefined;
  /** Changed, added, deleted and untracked (not ignored) paths under the folder. */
  uncommitted: number;
}

export interface FileSelection {
  root: string;
  /** Relative, `/`-separated paths of the files and symlinks to send. */
  files: string[];
  /** Their size on disk, uncompressed. */
  bytes: number;
  /** Set when the folder is in a git repository. */
  git: GitState | undefined;
  /** How many files `.slugignore` left out. */
  slugIgnored: number;
  /** Symlinks that point outside the folder, with their targets: the deploy is refused. */
  escapingLinks: { path: string; target: string }[];
}

/** Directories never sent from a folder outside git. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export async function selectFiles(root: string, signal?: AbortSignal): Promise<FileSelection> {
  const git = await gitState(root, signal);
  const listed = git ? await gitFiles(root, signal) : await walk(root, await rootIgnore(root, '.gitignore'), signal);
  const slug = await rootIgnore(root, '.slugignore');
  const realRoot = await fs.realpath(root);
  const files: string[] = [];
  const escapingLinks: FileSelection['escapingLinks'] = [];
  let bytes = 0;
  let slugIgnored = 0;
  for (const rel of listed) {
    if (signal?.aborted) throw abortError();
    if (slug?.ignores(rel)) {
      slugIgnored++;
      continue;
    }
    let stat;
    try {
      stat = await fs.lstat(path.join(root, rel));
    } catch {
      continue; // tracked but deleted in the working tree: nothing to send
    }
    if (stat.isSymbolicLink()) {
      const target = await fs.readlink(path.join(root, rel));
      if (await escapes(realRoot, path.join(realRoot, path.dirname(rel)), target)) escapingLinks.push({ path: rel, target });
      files.push(rel);
    } else if (stat.isFile()) {
      files.push(rel);
      bytes += stat.size;
    } else if (stat.isDirectory() && git) {
      // A submodule (git lists it as one path): its files go, as they are on disk.
      for (const inner of await walk(path.join(root, rel), undefined, signal)) {
        const innerStat = await fs.lstat(path.join(root, rel, inner));
        if (!innerStat.isFile() && !innerStat.isSymbolicLink()) continue;
        files.push(`${rel}/${inner}`);
        bytes += innerStat.isFile() ? innerStat.size : 0;
      }
    }
  }
  files.sort();
  return { root, files, bytes, git, slugIgnored, escapingLinks };
}

/** Whether a link's target leaves the folder, or is absolute (it would not resolve on Heroku). */
async function escapes(realRoot: string, linkDir: string, target: string): Promise<boolean> {
  if (path.isAbsolute(target)) return true;
  let resolved = path.resolve(linkDir, target);
  try {
    resolved = await fs.realpath(resolved);
  } catch {
    // Dangling: judged by where it points.
  }
  const rel = path.relative(realRoot, resolved);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}

async function gitState(root: string, signal?: AbortSignal): Promise<GitState | undefined> {
  try {
    if ((await git(root, ['rev-parse', '--is-inside-work-tree'], signal)).trim() !== 'true') return undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined; // not a repository, or no git on PATH: packed as a plain folder
  }
  const commit = await git(root, ['rev-parse', '--verify', '--quiet', 'HEAD'], signal).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
  const subject = commit ? (await git(root, ['log', '-1', '--format=%s', commit], signal)).trim() || undefined : undefined;
  const status = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], signal);
  return { commit, subject, uncommitted: countStatusEntries(status) };
}

/** Entries of `git status --porcelain=v1 -z`: a rename or copy carries its old path as an extra field. */
export function countStatusEntries(out: string): number {
  const fields = out.split('\0').filter(Boolean);
  let count = 0;
  for (let i = 0; i < fields.length; i++) {
    count++;
    if (/^[RC]/.test(fields[i]!)) i++;
  }
  return count;
}

async function gitFiles(root: string, signal?: AbortSignal): Promise<string[]> {
  const out = await git(root, ['ls-files', '-c', '-o', '--exclude-standard', '-z', '--', '.'], signal);
  return [...new Set(out.split('\0').filter(Boolean))];
}

function git(cwd: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    // core.quotepath=off: paths come back as they are (with -z they are never quoted anyway).
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, signal, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** The rules of a root ignore file, or undefined when there is none. */
async function rootIgnore(root: string, name: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(path.join(root, name), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every file and symlink under `dir` (relative, `/`-separated), minus `.git`, `node_modules` and the ignore rules. */
async function walk(dir: string, rules: Ignore | undefined, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    if (signal?.aborted) throw abortError();
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED.has(e.name) || rules?.ignores(`${child}/`)) continue;
        await visit(child);
      } else if ((e.isFile() || e.isSymbolicLink()) && !rules?.ignores(child)) {
        out.push(child);
      }
    }
  };
  await visit('');
  return out;
}

function abortError(): Error {
  return Object.assign(new Error(l10n.t('The packaging was cancelled.')), { name: 'AbortError' });
}
