// git for the file selection, run as a program with arguments (execFile, never a shell):
// the repository's state, which the confirmation and the build's version describe.
import { execFile } from 'node:child_process';

export interface GitState {
  /** The HEAD commit, or undefined in a repository without commits. */
  commit: string | undefined;
  /** The HEAD commit's subject line. */
  subject: string | undefined;
  /** Changed, added, deleted and untracked (not ignored) paths under the folder. */
  uncommitted: number;
}

/** git's output; a failure carries git's own first line of complaint as `reason`. */
export function git(cwd: string, args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    // core.quotepath=off: paths come back as they are (with -z they are never quoted anyway).
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, signal, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) =>
      err ? reject(Object.assign(err, { reason: stderr.trim().split('\n')[0] || err.message })) : resolve(stdout),
    );
  });
}

export async function gitState(root: string, signal?: AbortSignal): Promise<GitState | undefined> {
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
