// A release's diff: the config changes by kind, the code by slug and commit, the add-on
// plans, the rollback question's words, and no value shown unless revealed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Release } from '../../src/heroku/schemas';
import { codeOrigin, comparisonTitle, previousRelease, releaseChanges, renderReleaseComparison, rollbackSummary, type ReleaseComparison, type ReleaseSide } from '../../src/releases/core/releaseDiff';
import { compareRollback, compareWithPrevious, rollbackPreview } from '../../src/releases/core/releaseSides';
import * as l10n from '@vscode/l10n';
import { ApiError, CancelledError, CommandFailedError, RateLimitedError, TimedOutError, UnexpectedOutputError } from '../../src/membrane/errors';
import { keyText, lineText, quoted } from '../../src/shared/core/maskedConfig';

const rel = (version: number, slug: string | null, extra: Partial<Release> = {}): Release => ({ id: `r${version}`, version, description: `release ${version}`, status: 'succeeded', current: false, slug: slug ? { id: slug } : null, ...extra });

const side = (release: Release, config: Record<string, string>, commit?: string | null, extra: Partial<ReleaseSide> = {}): ReleaseSide => ({
  release,
  config,
  slug: release.slug ? (commit === undefined ? undefined : { id: release.slug.id, commit, commit_description: commit ? `message of ${commit.slice(0, 7)}` : null }) : null,
  addonPlans: release.addon_plan_names ?? [],
  ...extra,
});

const v38 = rel(38, 'slug-a', { description: 'Deploy def5678', addon_plan_names: ['heroku-postgresql:standard-0'] });
const v41 = rel(41, 'slug-b', { description: 'Deploy abc1234', addon_plan_names: ['heroku-postgresql:standard-0', 'heroku-redis:premium-0'] });
const v42 = rel(42, 'slug-b', { description: 'Set C config var', addon_plan_names: v41.addon_plan_names ?? null });

describe('release diff', () => {
  it('counts config keys added, removed and changed (own keys only: __proto__ and constructor are data)', () => {
    const from = side(v38, { SAME: 's', CHANGED: 'old-value-1', GONE: 'gone-value-2', ['__proto__']: 'p' } as Record<string, string>, 'def5678' + '0'.repeat(33));
    Object.defineProperty(from.config, '__proto__', { value: 'p', enumerable: true });
    const to = side(v41, { SAME: 's', CHANGED: 'new-value-3', NEW: 'new-value-4', constructor: 'c' }, 'abc1234' + '0'.repeat(33));
    const c = releaseChanges(from, to);
    assert.deepEqual(c.added, ['NEW', 'constructor']);
    assert.deepEqual(c.removed, ['GONE', '__proto__']);
    assert.deepEqual(c.changed, ['CHANGED']);
    assert.equal(c.same, 1);
    assert.equal(c.code, 'changed');
    assert.deepEqual([c.addonsAdded, c.addonsRemoved], [['heroku-redis:premium-0'], []]);
    assert.equal(releaseChanges(side(v41, {}), side(v42, {})).code, 'same');
  });

  it('finds where the code came from (a failed release never ran) and the release before one that succeeded', () => {
    const releases = [rel(48, 'b', { current: true }), rel(47, 'x', { status: 'failed' }), rel(46, 'b'), rel(45, 'a'), rel(44, 'a')];
    assert.equal(codeOrigin(releases, releases[0]!)?.version, 46);
    assert.equal(codeOrigin(releases, releases[3]!), undefined, 'every release read runs it, and v1 is not among them');
    assert.equal(codeOrigin([rel(2, 'a'), rel(1, 'a')], rel(3, 'a'))?.version, 1);
    assert.equal(codeOrigin(releases, rel(49, null)), undefined);
    assert.deepEqual(previousRelease(releases.slice(1), releases[0]!), { previous: releases[2], skipped: [47] });
    assert.deepEqual(previousRelease([], rel(1, null)), { previous: undefined, skipped: [] });
  });

  it("the rollback question's summary: the config changes, the code of the release that brought it, the commit range by ids", () => {
    const now = side(v42, { A: '1', B: '2', C: '3' }, 'abc1234' + 'f'.repeat(33), { codeFrom: v41 });
    const target = side(v38, { A: '0', B: '2', D: '4' }, 'def5678' + 'e'.repeat(33), { codeFrom: v38 });
    assert.equal(
      rollbackSummary(now, target),
      'Rolling back undoes 3 config changes and the code of v41 (commit abc1234).\nThe code goes back to that of v38 (commit def5678): the commits def5678..abc1234 are undone.\nConfig vars: A changed, C removed, D added.',
    );
    const sameCode = side(v41, { A: '1', B: '2' }, 'abc1234' + 'f'.repeat(33), { codeFrom: v41 });
    assert.equal(rollbackSummary(now, sameCode), 'Rolling back undoes 1 config change; the code stays as it is (v41 (commit abc1234)).\nConfig vars: C removed.');
    assert.equal(rollbackSummary(now, { ...sameCode, config: now.config }), 'Rolling back changes neither the config vars nor the code: it makes a new release of the same.');
    // Forwards (after an earlier rollback), and a slug Heroku did not answer for.
    assert.match(rollbackSummary(target, now), /^Rolling back undoes 3 config changes and the code of v38 \(commit def5678\)\.\nThe code becomes that of v41 \(commit abc1234\): the commits def5678\.\.abc1234 come back\./);
    assert.match(rollbackSummary({ ...now, config: target.config, slug: undefined }, target), /^Rolling back undoes the code of v41 \(slug slug-b\); the config vars stay as they are\.\nThe code becomes that of v38 \(commit def5678\)\.$/);
  });

  it('counts the commits a rollback undoes or brings back, when a linked repository counted them, both ways', () => {
    const now = side(v42, { A: '1' }, 'abc1234' + 'f'.repeat(33), { codeFrom: v41 });
    const target = side(v38, { A: '1' }, 'def5678' + 'e'.repeat(33), { codeFrom: v38 });
    const n = (count: number, atLeast = false) => ({ count, atLeast });
    assert.match(rollbackSummary(now, target, { undone: n(5), brought: n(0) }), /^The code goes back to that of v38 \(commit def5678\), undoing 5 commits \(def5678\.\.abc1234\)\.$/m);
    assert.match(rollbackSummary(now, target, { undone: n(1), brought: n(0) }), /, undoing 1 commit \(def5678\.\.abc1234\)\.$/m);
    assert.match(rollbackSummary(target, now, { undone: n(0), brought: n(200, true) }), /^The code becomes that of v41 \(commit abc1234\), bringing back 200\+ commits \(def5678\.\.abc1234\)\.$/m);
    // An older release on another branch: the version order says nothing about the history.
    assert.match(rollbackSummary(now, target, { undone: n(3), brought: n(2) }), /^The code becomes that of v38 \(commit def5678\), undoing 3 commits and bringing back 2 commits \(the two are on different branches\)\.$/m);
  });

  it('renders two documents whose sections line up, every value masked until revealed', () => {
    const from = side(v41, { SAME: 'same-secret-1', CHANGED: 'old-secret-2', GONE: 'gone-secret-3' }, 'abc1234' + '1'.repeat(33), { codeFrom: v41 });
    const to = side(v42, { SAME: 'same-secret-1', CHANGED: 'new-secret-4', ADDED: 'added-secret-5' }, 'abc1234' + '1'.repeat(33), { codeFrom: v41 });
    const c: ReleaseComparison = { app: 'shop', kind: 'previous', from, to, skipped: [] };
    const { left, right } = renderReleaseComparison(c);
    for (const doc of [left, right]) {
      assert.match(doc, /^# shop: v42 against the release before it, v41\n# Config vars: 1 added, 1 removed, 1 changed, 1 the same\. Values masked \(Reveal Values shows them\)\.\n# Code: the same \(v41 \(commit abc1234\)\)\.\n# Add-on plans: the same\.\n/);
      for (const secret of ['same-secret-1', 'old-secret-2', 'gone-secret-3', 'new-secret-4', 'added-secret-5']) assert.ok(!doc.includes(secret), `a value leaked: ${secret}`);
    }
    assert.match(left, /^CHANGED = ‹masked · differs: v41's value›$/m);
    assert.match(right, /^CHANGED = ‹masked · differs: v42's value›$/m);
    assert.match(left, /^GONE = ‹masked›$/m);
    assert.match(right, /^ADDED = ‹masked›$/m);
    assert.match(left, /^SAME = ‹masked · same on both›$/m);
    assert.match(left, /== Code ==\nslug: slug-b\ncommit: abc1234111/);
    assert.match(left, /deployed in: v41 · Deploy abc1234/);
    assert.equal(left.split('\n').indexOf('== Config vars =='), right.split('\n').indexOf('== Config vars =='), 'the sections line up');
    const revealed = renderReleaseComparison(c, true);
    assert.match(revealed.left, /^CHANGED = "old-secret-2"$/m);
    assert.match(revealed.right, /^ADDED = "added-secret-5"$/m);
    assert.match(revealed.left, /Values shown\./);
  });

  it('a rollback document says the add-ons stay; a first deploy has no slug', () => {
    const now = side(v41, {}, 'abc1234' + '1'.repeat(33), { codeFrom: v41 });
    const first = rel(1, null, { description: 'Initial release' });
    const c: ReleaseComparison = { app: 'shop', kind: 'rollback', from: now, to: side(first, {}, undefined, { addonPlans: now.addonPlans }) };
    const { left, right } = renderReleaseComparison(c);
    assert.match(left, /^# shop: rolling back from v41 to v1\n.*\n# Code: v41 \(commit abc1234\), then no code \(no slug yet\)\.\n# Add-on plans: a rollback leaves the add-ons as they are\./);
    assert.match(right, /^After the rollback \(a new release with the code and config vars of v1; the add-ons of now\):$/m);
    assert.match(right, /== Code ==\n\(no slug: nothing deployed yet\)/);
  });

  it('hostile keys and Heroku text stay on their line, as text', () => {
    const evil = 'A\n== Code ==\nslug: forged';
    const bidi = 'KEY\u202eTXT';
    assert.equal(keyText(evil), '"A\\n== Code ==\\nslug: forged"');
    assert.equal(keyText(bidi), '"KEY\\u202eTXT"');
    assert.equal(keyText('DATABASE_URL'), 'DATABASE_URL');
    assert.equal(quoted('line\u2028two'), '"line\\u2028two"');
    assert.equal(lineText('Deploy\nv99 · forged\u202e'), 'Deploy v99 · forged');
    // The Arabic letter mark, the soft hyphen, the Mongolian vowel separator, the interlinear annotation marks.
    for (const c of ['\u061c', '\u00ad', '\u180e', '\ufff9', '\ufffa', '\ufffb']) {
      assert.equal(lineText(`a${c}b`), 'a b', `U+${c.charCodeAt(0).toString(16)}`);
      assert.equal(quoted(c), `"\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}"`);
    }
    const from = side(rel(1, null, { description: 'Initial\n== Config vars ==' }), { [evil]: 'x\ny', [bidi]: '<script>' });
    const { left } = renderReleaseComparison({ app: 'shop', kind: 'previous', from, to: side(rel(2, null), {}) }, true);
    assert.equal(left.split('\n').filter((l) => l === '== Config vars ==').length, 1, 'no forged section');
    assert.match(left, /^"A\\n== Code ==\\nslug: forged" = "x\\ny"$/m);
    assert.match(left, /^"KEY\\u202eTXT" = "<script>"$/m);
  });

  it('a hostile commit or slug id stays on its line in the question and the headers', () => {
    const forged = 'a\n# Co\u202e' + 'f'.repeat(33);
    const now = side(rel(42, 'slug-b\n# Add-on plans: forged'), { A: '1' }, forged, { codeFrom: v41 });
    const target = side(v38, { A: '0' }, 'def5678' + 'e'.repeat(33), { codeFrom: v38 });
    const summary = rollbackSummary(now, target);
    assert.equal(summary, 'Rolling back undoes 1 config change and the code of v41 (commit a # Co).\nThe code goes back to that of v38 (commit def5678): the commits def5678..a # Co are undone.\nConfig vars: A changed.');
    const unanswered = rollbackSummary({ ...now, slug: undefined }, target);
    assert.match(unanswered, /^Rolling back undoes 1 config change and the code of v41 \(slug slug-b #\)\./);
    const { left, right } = renderReleaseComparison({ app: 'shop', kind: 'rollback', from: now, to: target });
    for (const doc of [left, right]) {
      assert.ok(!doc.includes('\u202e'), 'no direction mark');
      assert.equal(doc.split('\n').filter((l) => l.startsWith('# Code:')).length, 1, 'no forged header');
      assert.equal(doc.split('\n').filter((l) => l.startsWith('# Add-on plans:')).length, 1, 'no forged header');
    }
    assert.match(left, /^# Code: v41 \(commit a # Co\), then v38 \(commit def5678\)\.$/m);
    assert.match(left, /^slug: slug-b # Add-on plans: forged$/m);
  });

  it('each sentence of the question and the headers is one whole message for a translator', () => {
    // A pseudo-translation of any message: a sentence glued from fragments shows as several ⟦…⟧ side by side.
    l10n.config({ contents: new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? `⟦${key.replace(/\/[^{}]*$/, '')}⟧` : undefined) }) as Record<string, string> });
    try {
      const now = side(v42, { A: '1', B: '2', C: '3' }, 'abc1234' + 'f'.repeat(33), { codeFrom: v41 });
      const target = side(v38, { A: '0', B: '2', D: '4' }, 'def5678' + 'e'.repeat(33), { codeFrom: v38 });
      const lines = rollbackSummary(now, target).split('\n');
      assert.equal(lines[0], '⟦Rolling back undoes 3 config changes and the code of ⟦v{0} (commit {1})⟧.⟧'.replace('{0}', '41').replace('{1}', 'abc1234'));
      assert.equal(lines[2], '⟦Config vars: ⟦⟦⟦A changed⟧, ⟦C removed⟧⟧, ⟦D added⟧⟧.⟧');
      const sameCode = side(v41, { A: '1', B: '2' }, 'abc1234' + 'f'.repeat(33), { codeFrom: v41 });
      assert.equal(rollbackSummary(now, sameCode).split('\n')[0], '⟦Rolling back undoes 1 config change; the code stays as it is (⟦v41 (commit abc1234)⟧).⟧');
      const whole = (line: string) => {
        // The first ⟦ closes at the line's end: one message, maybe with others inside it.
        let depth = 0;
        for (const [i, ch] of [...line].entries()) {
          if (ch === '⟦') depth++;
          if (ch === '⟧' && --depth === 0) return i === [...line].length - 1;
        }
        return false;
      };
      const c: ReleaseComparison = { app: 'shop', kind: 'previous', from: side(v41, { A: '1' }), to: side(v42, { A: '2' }), skipped: [40, 39] };
      for (const revealed of [false, true]) {
        const headers = renderReleaseComparison(c, revealed).left.split('\n').filter((l) => l.startsWith('⟦#'));
        assert.equal(headers.length, 4);
        for (const h of headers) assert.ok(whole(h), h);
      }
      assert.match(renderReleaseComparison(c).left, /^⟦# shop: v42 against the release before it, v41 \(skipped, not succeeded: ⟦v40, v39⟧\)⟧$/m);
      assert.ok(whole(comparisonTitle(c)), comparisonTitle(c));
      assert.ok(whole(comparisonTitle({ ...c, kind: 'rollback' })), comparisonTitle({ ...c, kind: 'rollback' }));
    } finally {
      l10n.config({ contents: {} });
    }
  });

  it('reads the sides: the release before that succeeded, a slug Heroku does not answer for, none before the first, none that succeeded', async () => {
    const history = [rel(5, 'b', { current: true, addon_plan_names: ['pg:1'] }), rel(4, 'x', { status: 'failed' }), rel(3, 'b', { description: 'Deploy bbbbbbb' }), rel(2, 'a'), rel(1, null)];
    const reads: string[] = [];
    const heroku = {
      releasesBefore: async (_app: string, version: number, count: number) => (reads.push(`before ${version}`), history.filter((r) => r.version < version).slice(0, count)),
      releaseConfigVars: async (_app: string, version: number) => (reads.push(`config ${version}`), { V: String(version) }),
      getSlug: async (_app: string, id: string) => {
        reads.push(`slug ${id}`);
        if (id === 'a') throw new ApiError(404, 'not_found', "Couldn't find that slug.", 'heroku');
        return { id, commit: `${id.repeat(7)}${'0'.repeat(33)}`, commit_description: 'a change' };
      },
    };
    const signal = new AbortController().signal;
    const c = await compareWithPrevious(heroku, 'shop', history[0]!, signal);
    assert.equal(c.kind, 'compared');
    if (c.kind !== 'compared') return;
    assert.deepEqual([c.comparison.from.release.version, c.comparison.to.release.version, c.comparison.skipped], [3, 5, [4]]);
    assert.equal(c.comparison.to.codeFrom?.version, 3, 'v5 runs the code v3 deployed');
    assert.equal(c.comparison.from.slug?.commit?.slice(0, 7), 'bbbbbbb');
    assert.deepEqual(await compareWithPrevious(heroku, 'shop', history[4]!, signal), { kind: 'first' });
    const failedOnly = { ...heroku, releasesBefore: async () => [rel(1, null, { status: 'failed' })] };
    assert.deepEqual(await compareWithPrevious(failedOnly, 'shop', rel(2, null), signal), { kind: 'none-succeeded', read: 1 });

    const rollback = await compareRollback(heroku, 'shop', history[0]!, history[3]!, signal);
    assert.equal(rollback.to.slug, undefined, 'a 404 for the slug reads as not answered');
    assert.deepEqual(rollback.to.addonPlans, ['pg:1'], "a rollback keeps today's add-on plans");
    assert.deepEqual(rollback.to.config, { V: '2' });
    assert.match(rollbackSummary(rollback.from, rollback.to), /^Rolling back undoes 1 config change and the code of v3 \(commit bbbbbbb\)\.\nThe code becomes that of v2 \(slug a\)\.\n/);
    await assert.rejects(compareRollback({ ...heroku, releaseConfigVars: async () => Promise.reject(new ApiError(403, 'forbidden', 'no', 'heroku')) }, 'shop', history[0]!, history[3]!, signal), ApiError);
  });

  it("the rollback question's summary: whatever stops the read leaves the question without it, saying why; a cancel stops it", async () => {
    const history = [rel(5, 'b', { current: true }), rel(4, 'a')];
    const reads = {
      latestReleases: async () => history,
      releasesBefore: async (_app: string, version: number) => history.filter((r) => r.version < version),
      releaseConfigVars: async (_app: string, version: number) => ({ V: String(version) }),
      getSlug: async (_app: string, id: string) => ({ id, commit: `${id.repeat(7)}${'0'.repeat(33)}`, commit_description: null }),
    };
    const signal = new AbortController().signal;
    const read = await rollbackPreview(reads, 'shop', history[1]!, signal);
    assert.match(read.summary, /^Rolling back undoes 1 config change and the code of v5 \(commit bbbbbbb\)\.\n/);
    assert.equal(read.comparison?.kind, 'rollback');
    assert.deepEqual(await rollbackPreview({ ...reads, latestReleases: async () => [] }, 'shop', history[1]!, signal), { summary: 'shop has no current release to compare with.' });

    const failures: Array<[Error, string]> = [
      [new TimedOutError('request', 60_000), '"membrane request" did not answer within 60s'],
      [new RateLimitedError('Your account reached the API rate limit\nPlease wait', 2), 'Rate limited: Your account reached the API rate limit Please wait (retry in 2s)'],
      [new UnexpectedOutputError('request', 'body.commit', 'expected a string'), 'Unexpected output from "membrane request" at body.commit'],
      [new CommandFailedError('request', 1, 'socket hang up'), '"membrane request" failed (exit 1): socket hang up'],
      [new ApiError(403, 'forbidden', 'Not\u202e yours\n# forged', 'heroku'), 'Not yours # forged'],
    ];
    for (const [e, why] of failures) {
      for (const broken of [{ releaseConfigVars: async () => Promise.reject(e) }, { getSlug: async () => Promise.reject(e) }, { latestReleases: async () => Promise.reject(e) }]) {
        const r = await rollbackPreview({ ...reads, ...broken }, 'shop', history[1]!, signal);
        assert.equal(r.comparison, undefined);
        assert.ok(r.summary.startsWith(`What it changes could not be read: ${why}`), r.summary);
        assert.ok(!/[\n\u202e]/.test(r.summary), 'one line, no direction mark');
      }
    }
    await assert.rejects(rollbackPreview({ ...reads, releaseConfigVars: async () => Promise.reject(new CancelledError('request')) }, 'shop', history[1]!, signal), CancelledError);
    await assert.rejects(rollbackPreview({ ...reads, getSlug: async () => Promise.reject(Object.assign(new Error('stopped'), { name: 'AbortError' })) }, 'shop', history[1]!, signal), /stopped/);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(rollbackPreview({ ...reads, releaseConfigVars: async () => Promise.reject(new TimedOutError('request', 1000)) }, 'shop', history[1]!, ac.signal), TimedOutError, 'cancelled while it failed: the cancel wins');
  });
});
