// Which files of a folder a deploy sends, decided before anything is packed: what the
// listing names (listing.ts: git's view of the repository and of each sub-repository, or a
// walk outside git), minus the root `.slugignore`'s entries (the slug compiler would drop
// them after upload anyway; not sending them saves upload time).
// Symlinks are kept as links; one that points outside the folder (or to an absolute path)
// would not resolve on Heroku, so it is reported and the deploy refused. A file whose
// folder is (through a symlinked folder) outside would send outside content: reported by
// the folder's name, and refused too (realDirs.ts).
// Untracked files named like secrets are pointed out (secrets.ts): the confirmation names
// them and offers to leave them out.
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeRepository, isWorkTree, type GitState } from './git';
import { abortError, listRepository, walkFolder } from './listing';
import { RealDirs, isInside } from './realDirs';
import { looksLikeSecret } from './secrets';

export { countStatusEntries, type GitState } from './git';

/** The checks of the listed paths give the event loop a turn at least this often. */
const SLICE_MS = 8;

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
  /** Symlinked folders that lead outside the folder, with their real paths: the deploy is refused. */
  escapingFolders: { path: string; target: string }[];
  /** Selected files, not committed, whose names look like secrets (`.env`, keys): named in the confirmation. */
  untrackedSecrets: string[];
}

export async function selectFiles(root: string, signal?: AbortSignal): Promise<FileSelection> {
  const [inGit, realRoot, rules, slug] = await Promise.all([isWorkTree(root, signal), fs.realpath(root), rootIgnore(root, '.gitignore'), rootIgnore(root, '.slugignore')]);
  const dirs = new RealDirs(root, realRoot);
  const ctx = { root, rules, dirs, signal };
  // The repository's state (git log, git status) is read while its files are listed.
  const [git, listed] = await Promise.all([inGit ? describeRepository(root, signal) : undefined, inGit ? listRepository(ctx) : walkFolder(ctx)]);
  const files: string[] = [];
  const escapingLinks: FileSelection['escapingLinks'] = [];
  let bytes = 0;
  let slugIgnored = 0;
  const untrackedSecrets: string[] = [];
  let slice = performance.now();
  for (const { path: rel, untracked } of listed) {
    if (signal?.aborted) throw abortError();
    if (slug?.ignores(rel)) {
      slugIgnored++;
      continue;
    }
    // A synchronous lstat: a few microseconds, where a promise's round trip through the
    // thread pool costs several times that, for each file. The event loop gets a turn
    // every few milliseconds.
    if (performance.now() - slice > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw abortError();
      slice = performance.now();
    }
    let stat;
    try {
      stat = fsSync.lstatSync(path.join(root, rel));
    } catch {
      continue; // tracked but deleted in the working tree: nothing to send
    }
    const realDir = dirs.resolve(path.posix.dirname(rel));
    if (!realDir) continue; // its folder leads outside: named in escapingFolders
    if (stat.isSymbolicLink()) {
      const target = await fs.readlink(path.join(root, rel));
      if (await escapes(realRoot, realDir, target)) escapingLinks.push({ path: rel, target });
      files.push(rel);
    } else if (stat.isFile()) {
      files.push(rel);
      bytes += stat.size;
      if (untracked && looksLikeSecret(rel)) untrackedSecrets.push(rel);
    }
    // Anything else (a folder where git has a file, a socket) has no content to send.
  }
  files.sort();
  untrackedSecrets.sort();
  return { root, files, bytes, git, slugIgnored, escapingLinks, escapingFolders: dirs.outside, untrackedSecrets };
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
  return !isInside(realRoot, resolved);
}

/** The rules of a root ignore file, or undefined when there is none. */
async function rootIgnore(root: string, name: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fs.readFile(path.join(root, name), 'utf8'));
  } catch {
    return undefined;
  }
}
