// What the repository of a linked folder knows of a deployed commit: whether it has it,
// how far it is from HEAD, the commits between, the files changed since, and a file as it
// was. git runs through deploy's runner (execFile, never a shell; no prompt, no optional
// locks), with a time-out and bounded output. A commit comes from Heroku's data (a slug's
// `commit`), so it is checked to be a commit id before it reaches git: "--upload-pack=…"
// or "HEAD~1" never does. Plain Node.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { git, gitBytes } from '../../deploy/core/git';
import { herokuAppOfRemote } from '../../apps/core/format';
import * as l10n from '@vscode/l10n';

const TIMEOUT_MS = 15_000;
/**
 * The reads made without the user asking (the row, the counts) never fetch: in a partial
 * clone a missing object would be fetched from the promisor remote (the network, or an
 * `ext::` helper). git 2.44 and later honour `GIT_NO_LAZY_FETCH`; older git ignores it.
 * The reads of a diff the user opened (the changed files, a file as it was) may fetch the
 * blobs a `--filter=blob:none` clone lacks: without them the diff could not be shown.
 */
const NO_FETCH = { GIT_NO_LAZY_FETCH: '1' };
const READ = { timeoutMs: TIMEOUT_MS, env: NO_FETCH };
/** At most this many commits are listed in each direction. */
export const COMMITS_LISTED = 200;
/** A file larger than this is not shown in the diff. */
export const SHOWN_FILE_BYTES = 5 * 1024 * 1024;

/** A commit id as Heroku records it, full (SHA-1 or SHA-256) or abbreviated: nothing else is looked up. */
export function isCommitId(value: unknown): value is string {
  return typeof value === 'string' && /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(value);
}

/** A full commit id: the only revision that reaches git (git reads 40 or 64 hex digits as an object, never as a ref of that name). */
export function isFullCommitId(value: unknown): value is string {
  return typeof value === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}

function checked(commit: string): string {
  if (!isFullCommitId(commit)) throw new Error(l10n.t('Not a commit id: {0}', JSON.stringify(String(commit).slice(0, 60))));
  return commit;
}

/** Whether the folder is in a git work tree (false without git on PATH, too). */
export async function isRepository(folder: string, signal?: AbortSignal): Promise<boolean> {
  try {
    return (await git(folder, ['rev-parse', '--is-inside-work-tree'], signal, READ)).trim() === 'true';
  } catch (e) {
    if (signal?.aborted) throw e;
    return false;
  }
}

/** How many objects an abbreviated id may name before it is taken as none. */
const CANDIDATES = 16;

/**
 * The full id of a commit the repository has, from a full or abbreviated id; undefined
 * when it has none (or an abbreviated id names several). An abbreviated id is looked up
 * among the objects only (`--disambiguate`): as a revision, a branch named `abcdef1`
 * would be taken before the commit.
 */
export async function fullCommitOf(folder: string, commit: string, signal?: AbortSignal): Promise<string | undefined> {
  if (!isCommitId(commit)) throw new Error(l10n.t('Not a commit id: {0}', JSON.stringify(String(commit).slice(0, 60))));
  try {
    const candidates = isFullCommitId(commit) ? [commit] : (await git(folder, ['rev-parse', `--disambiguate=${commit}`], signal, { ...READ, maxBytes: 64 * 1024 })).split('\n').map((l) => l.trim()).filter(isFullCommitId);
    if (!candidates.length || candidates.length > CANDIDATES) return undefined;
    const commits: string[] = [];
    for (const id of candidates) if ((await git(folder, ['cat-file', '-t', id], signal, { ...READ, maxBytes: 64 }).catch(() => '')).trim() === 'commit') commits.push(id);
    return commits.length === 1 ? commits[0] : undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined;
  }
}

/** Whether the repository has that commit (a full or abbreviated id; an object, and a commit). */
export async function hasCommit(folder: string, commit: string, signal?: AbortSignal): Promise<boolean> {
  return (await fullCommitOf(folder, commit, signal)) !== undefined;
}

/** The HEAD commit, or undefined in a repository without commits. */
export async function headCommit(folder: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const out = (await git(folder, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], signal, READ)).trim();
    return isFullCommitId(out) ? out : undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined;
  }
}

/** A commit's first parent, or undefined for a root commit. */
export async function parentOf(folder: string, commit: string, signal?: AbortSignal): Promise<string | undefined> {
  const id = checked(commit);
  try {
    const out = (await git(folder, ['rev-parse', '--verify', '--quiet', `${id}^1`], signal, { ...READ, maxBytes: 1024 })).trim();
    return isFullCommitId(out) ? out : undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined;
  }
}

/** The repository's git directory (where HEAD and the refs are), absolute. */
export async function gitDirOf(folder: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await git(folder, ['rev-parse', '--absolute-git-dir'], signal, { ...READ, maxBytes: 64 * 1024 })).trim() || undefined;
  } catch (e) {
    if (signal?.aborted) throw e;
    return undefined;
  }
}

/** `ahead`: commits the deployed one has that HEAD lacks; `behind`: commits HEAD has that it lacks. */
export interface Counted {
  ahead: number;
  behind: number;
}

/** Counted, or not countable: a shallow clone lacks the history the count needs. */
export type Distance = Counted | { uncountable: 'shallow' };

export function parseLeftRight(out: string): Counted {
  const m = /^(\d+)\s+(\d+)\s*$/.exec(out.trim());
  if (!m) throw new Error(l10n.t('git rev-list answered what could not be read: {0}', JSON.stringify(out.slice(0, 60))));
  return { ahead: Number(m[1]), behind: Number(m[2]) };
}

/** The commits where a shallow clone's history is cut (none in a full clone). */
async function shallowCuts(folder: string, signal?: AbortSignal): Promise<string[]> {
  if ((await git(folder, ['rev-parse', '--is-shallow-repository'], signal, READ)).trim() !== 'true') return [];
  // Printed relative to the folder (or absolute).
  const file = (await git(folder, ['rev-parse', '--git-path', 'shallow'], signal, { ...READ, maxBytes: 64 * 1024 })).trim();
  const text = await readFile(resolve(folder, file), 'utf8').catch(() => '');
  return text.split('\n').map((l) => l.trim()).filter(isCommitId);
}

/**
 * Whether the commits between two can be counted: always in a full clone; in a shallow one
 * only when no cut commit is among them (past a cut, the history the count needs is missing,
 * and two commits whose merge base lies beyond it would count everything down to the cut).
 */
export async function countable(folder: string, a: string, b: string | 'HEAD', signal?: AbortSignal): Promise<boolean> {
  const range = `${checked(a)}...${b === 'HEAD' ? 'HEAD' : checked(b)}`;
  const cuts = await shallowCuts(folder, signal);
  if (!cuts.length) return true;
  if (cuts.length > MAX_CUTS) return false;
  const limits = { ...READ, maxBytes: 1024 };
  const [all, withoutCuts] = await Promise.all([git(folder, ['rev-list', '--count', range, '--'], signal, limits), git(folder, ['rev-list', '--count', range, '--not', ...cuts, '--'], signal, limits)]);
  return all.trim() === withoutCuts.trim();
}

/** A shallow clone with more cuts than this is not counted in (their ids go on git's command line). */
const MAX_CUTS = 100;

/** Counted in the folder (`-- .`): a subfolder of a monorepo counts the commits that touch it, as Show Changes lists its files. */
export async function distanceFromHead(folder: string, commit: string, signal?: AbortSignal): Promise<Distance> {
  const id = checked(commit);
  if (!(await countable(folder, id, 'HEAD', signal))) return { uncountable: 'shallow' };
  return parseLeftRight(await git(folder, ['rev-list', '--left-right', '--count', `${id}...HEAD`, '--', '.'], signal, { ...READ, maxBytes: 1024 }));
}

export interface CommitInfo {
  hash: string;
  author: string;
  /** ISO 8601, as git prints %aI. */
  date: string;
  subject: string;
}

const FIELD = '\x1f';
const LOG_FORMAT = ['%H', '%an', '%aI', '%s'].join('%x1f');

/** `git log -z` entries; a subject is text (whatever it holds), cut to one line. */
export function parseLog(out: string): CommitInfo[] {
  return out
    .split('\0')
    .filter((e) => e.trim())
    .flatMap((entry) => {
      const [hash = '', author = '', date = '', ...rest] = entry.replace(/^\n/, '').split(FIELD);
      if (!isFullCommitId(hash)) return [];
      return [{ hash, author, date, subject: rest.join(' ').split(/\r?\n/)[0] ?? '' }];
    });
}

/** The commits `to` has that `from` lacks and that touch the folder, newest first, at most `limit`. */
export async function commitsBetween(folder: string, from: string, to: string | 'HEAD', signal?: AbortSignal, limit = COMMITS_LISTED): Promise<CommitInfo[]> {
  const target = to === 'HEAD' ? 'HEAD' : checked(to);
  const out = await git(folder, ['log', '--no-show-signature', '--no-color', `--max-count=${limit}`, `--format=${LOG_FORMAT}`, '-z', `${checked(from)}..${target}`, '--', '.'], signal, { ...READ, maxBytes: 4 * 1024 * 1024 });
  return parseLog(out);
}

/** One commit's own information. */
export async function commitInfo(folder: string, commit: string, signal?: AbortSignal): Promise<CommitInfo | undefined> {
  const out = await git(folder, ['log', '--no-show-signature', '--no-color', '--max-count=1', `--format=${LOG_FORMAT}`, '-z', checked(commit), '--'], signal, { ...READ, maxBytes: 64 * 1024 });
  return parseLog(out)[0];
}

/** A file changed since a commit: added, modified, deleted or renamed (`from` its old path); paths relative to the folder. */
export interface FileChange {
  status: 'A' | 'M' | 'D' | 'R' | 'T' | 'C';
  path: string;
  from?: string;
  /** Not tracked by git yet (a deploy would still upload it). */
  untracked?: boolean;
}

/** `git diff --name-status -z`: a status field, then one path, or two for a rename or copy. */
export function parseNameStatus(out: string): FileChange[] {
  const fields = out.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i]!;
    if (!status) continue;
    const kind = status[0]!;
    if (kind === 'R' || kind === 'C') {
      const from = fields[++i];
      const path = fields[++i];
      if (from !== undefined && path !== undefined) changes.push({ status: kind, path, from });
    } else if ('AMDT'.includes(kind)) {
      const path = fields[++i];
      if (path !== undefined) changes.push({ status: kind as FileChange['status'], path });
    } else {
      i++; // U (unmerged), X: not a change of content we can show
    }
  }
  return changes;
}

/**
 * The files changed between a commit and the working tree, under the folder (paths
 * relative to it): renames found, and untracked files that are not ignored (a deploy
 * uploads them).
 */
export async function changesSince(folder: string, commit: string, signal?: AbortSignal): Promise<FileChange[]> {
  const limits = { timeoutMs: TIMEOUT_MS, maxBytes: 16 * 1024 * 1024 };
  const [diff, untracked] = await Promise.all([
    git(folder, ['diff', '--no-color', '--no-ext-diff', '--name-status', '-z', '-M', '--relative', checked(commit), '--', '.'], signal, limits),
    git(folder, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.'], signal, limits),
  ]);
  const changes = parseNameStatus(diff);
  for (const path of untracked.split('\0').filter(Boolean)) changes.push({ status: 'A', path, untracked: true });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The files one commit changed against its first parent (or, for a root commit, all of its files). */
export async function changesOfCommit(folder: string, commit: string, signal?: AbortSignal): Promise<FileChange[]> {
  const out = await git(folder, ['diff-tree', '--no-commit-id', '--root', '-r', '-M', '--name-status', '-z', '--relative', checked(commit), '--', '.'], signal, { timeoutMs: TIMEOUT_MS, maxBytes: 16 * 1024 * 1024 });
  return parseNameStatus(out);
}

export type FileContent = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'too-large' } | { kind: 'absent' };

/** A file as it was at a commit, relative to the folder: text, or why it is not shown. */
export async function fileAt(folder: string, commit: string, path: string, signal?: AbortSignal): Promise<FileContent> {
  let bytes: Buffer;
  try {
    // `./` makes the path relative to the folder, not to the repository's root.
    bytes = await gitBytes(folder, ['show', '--no-color', '--no-textconv', `${checked(commit)}:./${path}`], { signal, timeoutMs: TIMEOUT_MS, maxBytes: SHOWN_FILE_BYTES });
  } catch (e) {
    if (signal?.aborted) throw e;
    if ((e as { code?: string }).code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return { kind: 'too-large' };
    return { kind: 'absent' };
  }
  return isBinary(bytes) ? { kind: 'binary' } : { kind: 'text', text: bytes.toString('utf8') };
}

/** git's own test: a NUL byte in the first 8,000 bytes. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** The repository's remotes that are not Heroku's (the extension holds no Heroku git credential). */
export async function fetchableRemotes(folder: string, signal?: AbortSignal): Promise<string[]> {
  const out = await git(folder, ['remote', '-v'], signal, { ...READ, maxBytes: 1024 * 1024 });
  const remotes = new Map<string, boolean>();
  for (const line of out.split('\n')) {
    const m = /^(\S+)\t(\S+)\s+\((fetch|push)\)$/.exec(line.trim());
    if (!m || m[3] !== 'fetch') continue;
    const [, name, url] = m as unknown as [string, string, string];
    remotes.set(name, !herokuAppOfRemote(url) && !name.startsWith('-'));
  }
  return [...remotes].filter(([, ok]) => ok).map(([name]) => name);
}

/** How many commits Fetch adds to a shallow clone's history. */
export const SHALLOW_DEEPEN = 1000;

/** Fetches each remote (no prompt for credentials: one that needs them fails). Returns the remotes that failed, with git's reason. */
export async function fetchRemotes(folder: string, remotes: string[], signal?: AbortSignal): Promise<Array<{ remote: string; reason: string }>> {
  const failed: Array<{ remote: string; reason: string }> = [];
  // A shallow clone lacks the history past its cut, where a deployed commit often is: deepened, by a bounded number of commits.
  const deepen = (await shallowCuts(folder, signal)).length ? [`--deepen=${SHALLOW_DEEPEN}`] : [];
  for (const remote of remotes) {
    try {
      await git(folder, ['fetch', '--quiet', '--no-write-fetch-head', ...deepen, '--end-of-options', remote], signal, { timeoutMs: 120_000, maxBytes: 1024 * 1024 });
    } catch (e) {
      if (signal?.aborted) throw e;
      failed.push({ remote, reason: (e as { reason?: string }).reason ?? String(e) });
    }
  }
  return failed;
}
