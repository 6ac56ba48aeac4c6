// What changes between two releases of an app: the config vars (added, removed, changed),
// the code (the slug, and the commit it was built from), and the add-on plans each
// release recorded. Two uses: *Compare with Previous Release* (the release before, then
// this one) and a rollback (the release running now, then what the rollback makes: the
// target's code and config vars, today's add-ons). Rendered as two documents whose
// sections line up, for the diff editor; values masked unless revealed, by the same rules
// as comparing two apps. Plain Node, unit-tested.
import type { ConfigVars, Release, Slug } from '../../heroku/schemas';
import { configLines, keyCounts, keyText, lineText } from '../../shared/core/maskedConfig';
import { listText } from '../../shared/core/text';
import * as l10n from '@vscode/l10n';

/** One side: a release, the config vars it had, and its code. */
export interface ReleaseSide {
  release: Release;
  config: ConfigVars;
  /** The release's slug as Heroku answered for it; null when the release has none (before the first deploy); undefined when it could not be read. */
  slug: Slug | null | undefined;
  /** The release that brought this code (the first of the releases that run the same slug), when it is among those read. */
  codeFrom?: Release | undefined;
  /** The add-on plans shown on this side. */
  addonPlans: string[];
}

export interface ReleaseComparison {
  app: string;
  /** `previous`: the release before, then this one. `rollback`: now, then after rolling back. */
  kind: 'previous' | 'rollback';
  from: ReleaseSide;
  to: ReleaseSide;
  /** Releases between the two that did not succeed (skipped when looking for the previous one). */
  skipped?: number[];
}

export interface ReleaseChanges {
  added: string[];
  removed: string[];
  changed: string[];
  same: number;
  /** Whether the code differs: the slug ids (the same id is the same code). */
  code: 'same' | 'changed';
  addonsAdded: string[];
  addonsRemoved: string[];
}

/** A commit's first 7 characters, as Heroku text: it goes into the question and the headers' lines. */
const short = (commit: string | null | undefined) => (commit ? lineText(commit.slice(0, 7)) || undefined : undefined);

/** The changes from one side to the other. */
export function releaseChanges(from: ReleaseSide, to: ReleaseSide): ReleaseChanges {
  const k = keyCounts(from.config, to.config);
  const plansFrom = new Set(from.addonPlans);
  const plansTo = new Set(to.addonPlans);
  return {
    added: k.onlyB,
    removed: k.onlyA,
    changed: k.differing,
    same: k.same,
    code: (from.release.slug?.id ?? null) === (to.release.slug?.id ?? null) ? 'same' : 'changed',
    addonsAdded: [...plansTo].filter((p) => !plansFrom.has(p)).sort(),
    addonsRemoved: [...plansFrom].filter((p) => !plansTo.has(p)).sort(),
  };
}

/** How many config vars a change touches. */
export function configChangeCount(c: ReleaseChanges): number {
  return c.added.length + c.removed.length + c.changed.length;
}

/**
 * The release that brought the code `release` runs: going back from it through the
 * releases that run the same slug, the last one before another slug (a failed release
 * never ran, so it does not count). Undefined when every release read runs it and the
 * first release is not among them: the code came from further back.
 */
export function codeOrigin(releases: Release[], release: Release): Release | undefined {
  const slug = release.slug?.id;
  if (!slug) return undefined;
  let origin = release;
  for (const r of releases.filter((x) => x.version < release.version && x.status !== 'failed').sort((a, b) => b.version - a.version)) {
    if (r.slug?.id !== slug) return origin;
    origin = r;
  }
  return origin.version === 1 ? origin : undefined;
}

/** The release before `release` that succeeded, and those skipped on the way (newest first). Releases newest first, all older than `release`. */
export function previousRelease(before: Release[], release: Release): { previous: Release | undefined; skipped: number[] } {
  const older = before.filter((r) => r.version < release.version).sort((a, b) => b.version - a.version);
  const previous = older.find((r) => r.status === 'succeeded');
  return { previous, skipped: older.filter((r) => !previous || r.version > previous.version).map((r) => r.version) };
}

/** The code of a side: "v41 (commit abc1234)" (v41 brought it), "commit abc1234" (from further back), by slug when no commit is known, or no code. */
export function codeName(side: ReleaseSide): string {
  if (!side.release.slug) return l10n.t('no code (no slug yet)');
  const commit = short(side.slug?.commit);
  const slug = lineText(side.release.slug.id.slice(0, 8));
  if (side.codeFrom) return commit ? l10n.t('v{0} (commit {1})', side.codeFrom.version, commit) : l10n.t('v{0} (slug {1})', side.codeFrom.version, slug);
  return commit ? l10n.t('commit {0}', commit) : l10n.t('slug {0}', slug);
}

/** How many commits a code change carries, when a linked repository could count them ("5 commits", "200+ commits"). */
export interface CommitCount {
  count: number;
  /** The count stopped at its limit: there are at least that many. */
  atLeast: boolean;
}

const commitsText = (n: CommitCount) => (n.atLeast ? l10n.t('{0}+ commits', n.count) : n.count === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', n.count));

/** The commits a code change undoes (`now` has them, the code after lacks them) and brings back (the other way). */
export interface CommitCounts {
  undone: CommitCount;
  brought: CommitCount;
}

/**
 * The rollback question's summary: what rolling back from `now` to `target` undoes, with the
 * commit range by ids; `commits`, when a linked repository counted them, says how many.
 */
export function rollbackSummary(now: ReleaseSide, after: ReleaseSide, commits?: CommitCounts): string {
  const c = releaseChanges(now, after);
  const n = configChangeCount(c);
  const lines: string[] = [];
  const code = codeName(now);
  if (c.code === 'changed' && n === 1) lines.push(l10n.t('Rolling back undoes 1 config change and the code of {0}.', code));
  else if (c.code === 'changed' && n) lines.push(l10n.t('Rolling back undoes {0} config changes and the code of {1}.', n, code));
  else if (c.code === 'changed') lines.push(l10n.t('Rolling back undoes the code of {0}; the config vars stay as they are.', code));
  else if (n === 1) lines.push(l10n.t('Rolling back undoes 1 config change; the code stays as it is ({0}).', code));
  else if (n) lines.push(l10n.t('Rolling back undoes {0} config changes; the code stays as it is ({1}).', n, code));
  else lines.push(l10n.t('Rolling back changes neither the config vars nor the code: it makes a new release of the same.'));
  if (c.code === 'changed') {
    const [from, to] = [short(now.slug?.commit), short(after.slug?.commit)];
    const back = (after.codeFrom ?? after.release).version < (now.codeFrom ?? now.release).version;
    const [undone, brought] = [commits?.undone.count ?? 0, commits?.brought.count ?? 0];
    if (!from || !to) lines.push(l10n.t('The code becomes that of {0}.', codeName(after)));
    // Counted: what the history says, whichever release is older (two branches: both ways).
    else if (commits && undone && brought) lines.push(l10n.t('The code becomes that of {0}, undoing {1} and bringing back {2} (the two are on different branches).', codeName(after), commitsText(commits.undone), commitsText(commits.brought)));
    else if (commits && undone) lines.push(l10n.t('The code goes back to that of {0}, undoing {1} ({2}..{3}).', codeName(after), commitsText(commits.undone), to, from));
    else if (commits && brought) lines.push(l10n.t('The code becomes that of {0}, bringing back {1} ({2}..{3}).', codeName(after), commitsText(commits.brought), from, to));
    else if (back) lines.push(l10n.t('The code goes back to that of {0}: the commits {1}..{2} are undone.', codeName(after), to, from));
    else lines.push(l10n.t('The code becomes that of {0}: the commits {1}..{2} come back.', codeName(after), from, to));
  }
  if (n) lines.push(l10n.t('Config vars: {0}.', keyList(c)));
  return lines.join('\n');
}

/** The keys a change touches, by kind, at most 12 named. */
function keyList(c: ReleaseChanges): string {
  const named = [...c.changed.map((k) => l10n.t('{0} changed', keyText(k))), ...c.removed.map((k) => l10n.t('{0} removed', keyText(k))), ...c.added.map((k) => l10n.t('{0} added', keyText(k)))];
  return named.length > 12 ? l10n.t('{0} and {1} more', listText(named.slice(0, 12)), named.length - 12) : listText(named);
}

/** The two sides' names: the reveal question's words and the masked values' ("v46's value"). */
export function sideNames(c: ReleaseComparison): [string, string] {
  return [`v${c.from.release.version}`, `v${c.to.release.version}`];
}

/** The diff editor's title. */
export function comparisonTitle(c: ReleaseComparison): string {
  const [a, b] = sideNames(c);
  return c.kind === 'rollback' ? l10n.t('{0}: {1} ↔ after a rollback to {2} (Heroku)', c.app, a, b) : l10n.t('{0} {1} ↔ {2} (Heroku)', c.app, a, b);
}

/** Both documents, their sections lined up. */
export function renderReleaseComparison(c: ReleaseComparison, reveal = false): { left: string; right: string } {
  const changes = releaseChanges(c.from, c.to);
  const [nameFrom, nameTo] = sideNames(c);
  const counts = [changes.added.length, changes.removed.length, changes.changed.length, changes.same];
  const summary = [
    c.kind === 'rollback'
      ? l10n.t('# {0}: rolling back from {1} to {2}', c.app, nameFrom, nameTo)
      : c.skipped?.length
        ? l10n.t('# {0}: {1} against the release before it, {2} (skipped, not succeeded: {3})', c.app, nameTo, nameFrom, listText(c.skipped.map((v) => `v${v}`)))
        : l10n.t('# {0}: {1} against the release before it, {2}', c.app, nameTo, nameFrom),
    reveal
      ? l10n.t('# Config vars: {0} added, {1} removed, {2} changed, {3} the same. Values shown.', ...counts)
      : l10n.t('# Config vars: {0} added, {1} removed, {2} changed, {3} the same. Values masked (Reveal Values shows them).', ...counts),
    changes.code === 'same' ? l10n.t('# Code: the same ({0}).', codeName(c.to)) : l10n.t('# Code: {0}, then {1}.', codeName(c.from), codeName(c.to)),
    changes.addonsAdded.length || changes.addonsRemoved.length
      ? l10n.t('# Add-on plans: {0} added, {1} removed.', changes.addonsAdded.length, changes.addonsRemoved.length)
      : c.kind === 'rollback'
        ? l10n.t('# Add-on plans: a rollback leaves the add-ons as they are.')
        : l10n.t('# Add-on plans: the same.'),
  ];

  const render = (self: ReleaseSide, other: ReleaseSide, name: string, heading: string) => {
    const r = self.release;
    const lines = [...summary, '', heading, `${name} · ${lineText(r.description ?? '')}`, lineText([r.status, r.user?.email, r.created_at].filter(Boolean).join(' · ')), '', l10n.t('== Code ==')];
    if (!r.slug) lines.push(l10n.t('(no slug: nothing deployed yet)'));
    else {
      lines.push(l10n.t('slug: {0}', lineText(r.slug.id)));
      if (self.slug === undefined) lines.push(l10n.t('commit: (Heroku did not answer for this slug)'));
      else if (self.slug === null || !self.slug.commit) lines.push(l10n.t('commit: (none recorded)'));
      else lines.push(l10n.t('commit: {0}', lineText(self.slug.commit)), l10n.t('message: {0}', lineText(self.slug.commit_description ?? '')));
      if (self.codeFrom) lines.push(l10n.t('deployed in: v{0} · {1}', self.codeFrom.version, lineText(self.codeFrom.description ?? '')));
    }
    lines.push('', l10n.t('== Config vars =='), ...configLines(self.config, other.config, name, reveal));
    if (!Object.keys(self.config).length) lines.push(l10n.t('(none)'));
    lines.push('', l10n.t('== Add-on plans (as recorded by the release) =='), ...[...self.addonPlans].sort().map(lineText));
    if (!self.addonPlans.length) lines.push(l10n.t('(none)'));
    return `${lines.join('\n')}\n`;
  };

  const headings: [string, string] =
    c.kind === 'rollback'
      ? [l10n.t('Now (the current release):'), l10n.t('After the rollback (a new release with the code and config vars of {0}; the add-ons of now):', nameTo)]
      : [l10n.t('The release before:'), l10n.t('This release:')];
  return { left: render(c.from, c.to, nameFrom, headings[0]), right: render(c.to, c.from, nameTo, headings[1]) };
}
