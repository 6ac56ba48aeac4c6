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

/** How long a git read may take, and how much it may print, before it is stopped. */
export interface GitLimits {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Variables added to git's environment (`GIT_NO_LAZY_FETCH`, for one). */
  env?: Record<string, string>;
}

/** git's environment: no prompt for credentials (nobody could answer it), no optional locks. */
const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };

/**
 * Variables that point git at another repository, work tree, index, object store or
 * configuration than the folder's: inherited from whatever started the editor (a git hook,
 * a `git rebase --exec` shell), never meant for the reads of a folder.
 */
const INHERITED = /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX|SHALLOW_FILE|GRAFT_FILE|REPLACE_REF_BASE|QUARANTINE_PATH|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+)$/i;

/** The environment git runs in: the editor's, without the inherited variables above, with ours. */
export function gitEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!INHERITED.test(key)) env[key] = value;
  return { ...env, ...GIT_ENV, ...extra };
}

/** git's output as bytes; a failure carries git's own first line of complaint as `reason`. */
export function gitBytes(cwd: string, args: string[], limits: GitLimits = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Every call only reads: --no-optional-locks keeps `git status` from rewriting .git/index.
    // core.quotepath=off: paths come back as they are (with -z they are never quoted anyway).
    execFile(
      'git',
      ['--no-optional-locks', '-c', 'core.quotepath=off', ...args],
      { cwd, signal: limits.signal, timeout: limits.timeoutMs ?? 0, maxBuffer: limits.maxBytes ?? 256 * 1024 * 1024, encoding: 'buffer', windowsHide: true, env: gitEnv(process.env, limits.env) },
      (err, stdout, stderr) => (err ? reject(Object.assign(err, { reason: stderr.toString('utf8').trim().split('\n')[0] || err.message })) : resolve(stdout)),
    );
  });
}

/** git's output as text (see `gitBytes`). */
export async function git(cwd: string, args: string[], signal?: AbortSignal, limits: Omit<GitLimits, 'signal'> = {}): Promise<string> {
  return (await gitBytes(cwd, args, { ...limits, signal })).toString('utf8');
}

/** Whether the folder is in a git work tree (false without git on PATH). */
export async function isWorkTree(root: string, signal?: AbortSignal): Promise<boolean> {
  try {
    return (await git(root, ['rev-parse', '--is-inside-work-tree'], signal)).trim() === 'true';
  } catch (e) {
    if (signal?.aborted) throw e;
    return false; // not a repository, or no git on PATH: packed as a plain folder
  }
}

/** The state of the repository the folder is in: its HEAD commit and subject (one `git log`), and `git status`, both at once. */
export async function describeRepository(root: string, signal?: AbortSignal): Promise<GitState> {
  const [head, status] = await Promise.all([
    // Fails in a repository without commits. --no-show-signature: a `log.showSignature` setting would add gpg's lines.
    git(root, ['log', '-1', '--no-show-signature', '--format=%H%x00%s', 'HEAD', '--'], signal).catch(() => ''),
    git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], signal),
  ]);
  const nul = head.indexOf('\0');
  const commit = nul > 0 ? head.slice(0, nul).trim() || undefined : undefined;
  const subject = commit ? head.slice(nul + 1).trim() || undefined : undefined;
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
