// Reading the two sides of a release comparison from Heroku: a release's config vars
// (`GET /apps/{app}/releases/{v}/config-vars`), its slug's commit, and the releases
// around it (to find the release before, and the one that brought its code); and what the
// rollback question says it changes. Plain Node.
import type { HerokuClient } from '../../heroku/client';
import type { Release } from '../../heroku/schemas';
import { ApiError, isErrorKind } from '../../membrane/errors';
import { lineText } from '../../shared/core/maskedConfig';
import { RELEASE_PAGE } from './format';
import { codeOrigin, previousRelease, rollbackSummary, type CommitCount, type CommitCounts, type ReleaseComparison, type ReleaseSide } from './releaseDiff';
import * as l10n from '@vscode/l10n';

/** How many releases before one are read to find the release before it and where its code came from. */
export const RELEASES_AROUND = 10;

type Reads = Pick<HerokuClient, 'releasesBefore' | 'releaseConfigVars' | 'getSlug'>;
type RollbackReads = Reads & Pick<HerokuClient, 'latestReleases'>;

/** One side: the release's config vars and slug, read in parallel. A slug Heroku does not answer for (404) is `undefined`. */
export async function readSide(heroku: Reads, app: string, release: Release, around: Release[], signal: AbortSignal, addonPlans = release.addon_plan_names ?? []): Promise<ReleaseSide> {
  const slugId = release.slug?.id;
  const [config, slug] = await Promise.all([
    heroku.releaseConfigVars(app, release.version, { signal }),
    slugId
      ? heroku.getSlug(app, slugId, { signal }).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        })
      : null,
  ]);
  return { release, config, slug, codeFrom: codeOrigin(around, release), addonPlans };
}

export type PreviousComparison = { kind: 'first' } | { kind: 'none-succeeded'; read: number } | { kind: 'compared'; comparison: ReleaseComparison };

/** `release` against the release before it that succeeded. */
export async function compareWithPrevious(heroku: Reads, app: string, release: Release, signal: AbortSignal): Promise<PreviousComparison> {
  const before = await heroku.releasesBefore(app, release.version, RELEASES_AROUND, { signal });
  if (!before.length) return { kind: 'first' };
  const { previous, skipped } = previousRelease(before, release);
  if (!previous) return { kind: 'none-succeeded', read: before.length };
  const [from, to] = await Promise.all([readSide(heroku, app, previous, before, signal), readSide(heroku, app, release, [release, ...before], signal)]);
  return { kind: 'compared', comparison: { app, kind: 'previous', from, to, skipped } };
}

/** What rolling back from `current` to `target` changes: the target's code and config vars, the add-ons of now. */
export async function compareRollback(heroku: Reads, app: string, current: Release, target: Release, signal: AbortSignal): Promise<ReleaseComparison> {
  // The releases up to each of the two: where each one's code came from.
  const [beforeCurrent, beforeTarget] = await Promise.all([heroku.releasesBefore(app, current.version + 1, RELEASES_AROUND, { signal }), heroku.releasesBefore(app, target.version + 1, RELEASES_AROUND, { signal })]);
  const [from, to] = await Promise.all([
    readSide(heroku, app, current, beforeCurrent, signal),
    readSide(heroku, app, target, beforeTarget, signal, current.addon_plan_names ?? []),
  ]);
  return { app, kind: 'rollback', from, to };
}

/** The commits `has` has that `lacks` lacks, counted in a linked repository; undefined when none can (no repository, a commit missing). */
export type CountCommits = (has: string, lacks: string, signal: AbortSignal) => Promise<CommitCount | undefined>;

/** How many commits the rollback's code change undoes and brings back; a count that fails is left out, never a reason to stop. */
async function commitsOfRollback(c: ReleaseComparison, signal: AbortSignal, countCommits?: CountCommits): Promise<CommitCounts | undefined> {
  const [now, after] = [c.from.slug?.commit, c.to.slug?.commit];
  if (!countCommits || !now || !after || now === after) return undefined;
  try {
    const [undone, brought] = await Promise.all([countCommits(now, after, signal), countCommits(after, now, signal)]);
    return undone && brought ? { undone, brought } : undefined;
  } catch (e) {
    if (signal.aborted) throw e;
    return undefined;
  }
}

/** The rollback question's account of what it changes, and the whole difference when it could be read. */
export interface RollbackPreview {
  summary: string;
  comparison?: ReleaseComparison;
}

/**
 * What rolling back to `target` changes, against the release running now. A rollback is an
 * emergency action and this is only its summary: whatever stops the read (a refusal, a
 * time-out, the rate limit, an answer that cannot be read) leaves the question without it,
 * saying why. Only a cancel stops the command.
 */
export async function rollbackPreview(heroku: RollbackReads, app: string, target: Release, signal: AbortSignal, countCommits?: CountCommits): Promise<RollbackPreview> {
  try {
    const current = (await heroku.latestReleases(app, RELEASE_PAGE + 1, { signal })).find((x) => x.current);
    if (!current) return { summary: l10n.t('{0} has no current release to compare with.', app) };
    const comparison = await compareRollback(heroku, app, current, target, signal);
    const commits = await commitsOfRollback(comparison, signal, countCommits);
    return { summary: rollbackSummary(comparison.from, comparison.to, commits), comparison };
  } catch (e) {
    if (signal.aborted || isErrorKind(e, 'cancelled') || (e instanceof Error && e.name === 'AbortError')) throw e;
    const why = e instanceof ApiError ? e.apiMessage : e instanceof Error ? e.message : String(e);
    return { summary: l10n.t('What it changes could not be read: {0}', lineText(why)) };
  }
}
