// The commits between two apps' code (two stages of a pipeline), when a linked repository
// has both slugs' commits: what the compare documents name and what a promotion carries.
// Unknown (no repository, a commit missing, no commit recorded) is said by saying nothing.
// Plain Node.
import type { HerokuClient } from '../../heroku/client';
import { lineText } from '../../shared/core/maskedConfig';
import { listText } from '../../shared/core/text';
import type { CommitCount } from '../../releases/core/releaseDiff';
import { readDeployed, shortCommit } from './deployedCode';
import { COMMITS_LISTED, commitsBetween, countable, fullCommitOf, isCommitId, type CommitInfo } from './repository';
import * as l10n from '@vscode/l10n';

export interface AppCode {
  app: string;
  commit: string;
}

/** The code of two apps and the commits each has that the other lacks (newest first). */
export interface CodeBetween {
  a: AppCode;
  b: AppCode;
  onlyA: CommitInfo[];
  onlyB: CommitInfo[];
}

type Reads = Pick<HerokuClient, 'latestReleases' | 'getSlug'>;

/** Reads both apps' slug commits and, in the first folder whose repository has both, the commits between. */
export async function codeBetween(heroku: Reads, a: string, b: string, folders: readonly string[], signal?: AbortSignal): Promise<CodeBetween | undefined> {
  if (!folders.length) return undefined;
  const [da, db] = await Promise.all([readDeployed(heroku, a, signal), readDeployed(heroku, b, signal)]);
  const sa = da?.slug?.commit?.trim().toLowerCase();
  const sb = db?.slug?.commit?.trim().toLowerCase();
  if (!isCommitId(sa) || !isCommitId(sb)) return undefined;
  for (const folder of folders) {
    const [ca, cb] = [await fullCommitOf(folder, sa, signal), await fullCommitOf(folder, sb, signal)];
    if (!ca || !cb) continue;
    if (!(await countable(folder, ca, cb, signal))) return undefined;
    const [onlyA, onlyB] = await Promise.all([commitsBetween(folder, cb, ca, signal), commitsBetween(folder, ca, cb, signal)]);
    return { a: { app: a, commit: ca }, b: { app: b, commit: cb }, onlyA, onlyB };
  }
  return undefined;
}

/** How many commits `has` has that `lacks` lacks, in the first folder whose repository has both; undefined when none has. */
export async function countCommitsIn(folders: readonly string[], has: string, lacks: string, signal?: AbortSignal): Promise<CommitCount | undefined> {
  const [sh, sl] = [has.trim().toLowerCase(), lacks.trim().toLowerCase()];
  if (!isCommitId(sh) || !isCommitId(sl)) return undefined;
  for (const folder of folders) {
    const [h, l] = [await fullCommitOf(folder, sh, signal), await fullCommitOf(folder, sl, signal)];
    if (!h || !l) continue;
    if (!(await countable(folder, h, l, signal))) return undefined;
    const commits = await commitsBetween(folder, l, h, signal);
    return { count: commits.length, atLeast: commits.length >= COMMITS_LISTED };
  }
  return undefined;
}

const commitCount = (n: number) => (n >= COMMITS_LISTED ? l10n.t('{0}+ commits', n) : n === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', n));
const subjects = (commits: CommitInfo[], max = 3) => listText([...commits.slice(0, max).map((c) => `${shortCommit(c.hash)} ${lineText(c.subject)}`), ...(commits.length > max ? [l10n.t('…')] : [])]);

/** The compare documents' summary line: "acme-api-staging carries 3 commits acme-api lacks: …". */
export function codeSummary(c: CodeBetween): string {
  if (!c.onlyA.length && !c.onlyB.length) return l10n.t('# Code: the same commit ({0}).', shortCommit(c.a.commit));
  const parts: string[] = [];
  if (c.onlyA.length) parts.push(l10n.t('{0} carries {1} {2} lacks: {3}', c.a.app, commitCount(c.onlyA.length), c.b.app, subjects(c.onlyA)));
  if (c.onlyB.length) parts.push(l10n.t('{0} carries {1} {2} lacks: {3}', c.b.app, commitCount(c.onlyB.length), c.a.app, subjects(c.onlyB)));
  return l10n.t('# Code: {0}.', parts.join('; '));
}

/** Each document's section: the commits this side has that the other lacks. */
export function codeSection(c: CodeBetween, side: 'a' | 'b'): string[] {
  const [own, other, commits] = side === 'a' ? [c.a, c.b, c.onlyA] : [c.b, c.a, c.onlyB];
  return [
    l10n.t('== Commits {0} lacks ==', other.app),
    ...(commits.length ? commits.map((x) => `${shortCommit(x.hash)} ${lineText(x.subject)} · ${lineText(x.author)}`) : [l10n.t('(none: {0} runs commit {1})', own.app, shortCommit(own.commit))]),
  ];
}

/** The promotion question's words: "Promotes 3 commits (4f2a9c1..9e8d7c6) to acme-api." `a` is the source, `b` the target. */
export function promotionWords(c: CodeBetween): string {
  const range = `${shortCommit(c.b.commit)}..${shortCommit(c.a.commit)}`;
  if (!c.onlyA.length && !c.onlyB.length) return l10n.t('{0} runs this code already (commit {1}).', c.b.app, shortCommit(c.a.commit));
  const carries = c.onlyA.length ? l10n.t('Promotes {0} ({1}) to {2}.', commitCount(c.onlyA.length), range, c.b.app) : '';
  const undoes = c.onlyB.length ? l10n.t('{0} runs {1} that {2} lacks: the promotion takes them away.', c.b.app, commitCount(c.onlyB.length), c.a.app) : '';
  return [carries, undoes].filter(Boolean).join(' ');
}
