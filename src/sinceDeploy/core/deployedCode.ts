// The code an app runs against a linked folder's repository: the current release's slug
// commit (read through the Heroku client's cache), where the repository stands from it,
// and that in words ("3 commits behind HEAD", "not in this repository"). Plain Node.
import type { HerokuClient } from '../../heroku/client';
import type { Release, Slug } from '../../heroku/schemas';
import { ApiError } from '../../membrane/errors';
import { RELEASE_PAGE } from '../../releases/core/format';
import { codeOrigin } from '../../releases/core/releaseDiff';
import * as path from 'node:path';
import { lineText } from '../../shared/core/maskedConfig';
import { clip, withoutLinks } from '../../shared/core/text';
import { distanceFromHead, fullCommitOf, headCommit, isCommitId, isRepository, type Distance } from './repository';
import * as l10n from '@vscode/l10n';

/** What runs on the app: the current release, its slug (undefined when Heroku did not answer for it) and the release that brought the code. */
export interface Deployed {
  release: Release;
  slug: Slug | undefined;
  codeFrom: Release | undefined;
}

type Reads = Pick<HerokuClient, 'latestReleases' | 'getSlug'>;

/** The app's current release and its slug; undefined when no release is current. */
export async function readDeployed(heroku: Reads, app: string, signal?: AbortSignal): Promise<Deployed | undefined> {
  // The same read the Releases category makes: shared through the cache.
  const releases = await heroku.latestReleases(app, RELEASE_PAGE + 1, { signal });
  const release = releases.find((r) => r.current);
  if (!release) return undefined;
  const slugId = release.slug?.id;
  const slug = slugId
    ? await heroku.getSlug(app, slugId, { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      })
    : undefined;
  return { release, slug, codeFrom: codeOrigin(releases, release) };
}

/** A deployed commit as the repository sees it. */
export type Standing =
  | { kind: 'not-repository' }
  | { kind: 'untrusted' }
  | { kind: 'nothing-deployed' }
  | { kind: 'no-commit' }
  | { kind: 'missing'; commit: string }
  | { kind: 'unborn'; commit: string }
  | ({ kind: 'compared'; commit: string } & Distance);

/** Where the folder's repository stands from what the app runs. A commit that is not a commit id is "no commit recorded": it never reaches git. */
export async function standingOf(folder: string, deployed: Deployed | undefined, signal?: AbortSignal): Promise<Standing> {
  if (!(await isRepository(folder, signal))) return { kind: 'not-repository' };
  if (!deployed?.release.slug) return { kind: 'nothing-deployed' };
  const commit = deployed.slug?.commit?.trim().toLowerCase();
  if (!isCommitId(commit)) return { kind: 'no-commit' };
  const full = await fullCommitOf(folder, commit, signal);
  if (!full) return { kind: 'missing', commit };
  // A new repository, or an orphan branch: nothing to count from.
  if (!(await headCommit(folder, signal))) return { kind: 'unborn', commit: full };
  return { kind: 'compared', commit: full, ...(await distanceFromHead(folder, full, signal)) };
}

/** A commit as the tree shows it. */
export function shortCommit(commit: string): string {
  return commit.slice(0, 7);
}

/** The words beside the commit: "HEAD is deployed", "3 commits behind HEAD", "2 ahead of HEAD", … */
export function standingWords(s: Standing): string {
  switch (s.kind) {
    case 'not-repository':
      return l10n.t('not a git repository');
    case 'untrusted':
      return l10n.t('git is not run in an untrusted workspace');
    case 'nothing-deployed':
      return l10n.t('nothing deployed yet');
    case 'no-commit':
      return l10n.t('no commit recorded');
    case 'missing':
      return l10n.t('not in this repository');
    case 'unborn':
      return l10n.t('no commit on HEAD yet');
    case 'compared':
      if ('uncountable' in s) return l10n.t('shallow clone: cannot count');
      if (!s.ahead && !s.behind) return l10n.t('HEAD is deployed');
      if (!s.ahead) return s.behind === 1 ? l10n.t('1 commit behind HEAD') : l10n.t('{0} commits behind HEAD', s.behind);
      if (!s.behind) return s.ahead === 1 ? l10n.t('1 commit ahead of HEAD') : l10n.t('{0} commits ahead of HEAD', s.ahead);
      return l10n.t({ message: '{0} behind, {1} ahead of HEAD', args: [s.behind, s.ahead], comment: ['Commit counts: HEAD has {0} the deployed commit lacks; the deployed commit has {1} HEAD lacks.'] });
  }
}

/** The row's description: the short commit (when there is one) and the words. */
export function standingDescription(s: Standing): string {
  const words = standingWords(s);
  return 'commit' in s ? `${shortCommit(s.commit)} · ${words}` : words;
}

/** The tooltip's lines: the commit, its subject and the release that brought it. */
export function deployedLines(app: string, deployed: Deployed | undefined, s: Standing): string[] {
  const lines = [l10n.t('Deployed code of {0}: {1}', app, standingWords(s))];
  if (!deployed) return lines;
  const commit = deployed.slug?.commit;
  if (commit) lines.push(l10n.t('Commit: {0}', lineText(commit)));
  if (deployed.slug?.commit_description) lines.push(l10n.t('Subject: {0}', lineText(deployed.slug.commit_description)));
  const from = deployed.codeFrom;
  if (from) lines.push(l10n.t('Brought by v{0}: {1}', from.version, lineText(from.description ?? '')));
  else lines.push(l10n.t('Running in v{0}', deployed.release.version));
  return lines;
}

/** How much of git's complaint a notification shows. */
const REASON_SHOWN = 300;

/** A failed fetch in a notification: git's stderr is the remote server's text too, so one line, clipped, and no `[label](command:…)` link in it. */
export function fetchFailedWords(remote: string, reason: string): string {
  const line = lineText(reason);
  return withoutLinks(l10n.t('git fetch {0} failed: {1}', lineText(remote), line.length > REASON_SHOWN ? `${clip(line, REASON_SHOWN)}…` : line));
}

/** Each folder's name, with as many of its parents as it takes to tell it from the others (two linked folders named `api`). */
export function folderLabels(folders: readonly string[]): string[] {
  const parts = folders.map((f) => path.resolve(f).split(path.sep).filter(Boolean));
  const depth = parts.map(() => 1);
  const label = (i: number) => parts[i]!.slice(-depth[i]!).join(path.sep);
  for (let changed = true; changed; ) {
    changed = false;
    const labels = parts.map((_, i) => label(i));
    labels.forEach((l, i) => {
      if (labels.indexOf(l) !== labels.lastIndexOf(l) && depth[i]! < parts[i]!.length) {
        depth[i]!++;
        changed = true;
      }
    });
  }
  return parts.map((_, i) => label(i));
}
