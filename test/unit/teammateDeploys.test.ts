// Teammate deploys' plain-Node part (src/teammateDeploys/core/, src/heroku/writeLog.ts): the
// first look is a baseline, later looks' releases this window did not make are news (one
// piece per app and look); what this window made, by the write spans its client records and
// the account's e-mail; the description as bounded, one-line text; the schedule (at most one
// read a minute per app over an hour, none while off, off and on again without a burst). The
// client and the sandbox's teammate knob in process. Times are numbers handed in, or the
// mocked clock's.
import { after, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { HerokuClient } from '../../src/heroku';
import { appOfPath, OPEN_SPAN_MAX_MS, WRITE_GRACE_MS, WRITE_SKEW_MS, WriteLog } from '../../src/heroku/writeLog';
import { AppPoller, POLL_MS } from '../../src/shared/core/appPoller';
import { madeHere } from '../../src/teammateDeploys/core/madeHere';
import { newsMessage, releaseWhat, WHAT_MAX } from '../../src/teammateDeploys/core/news';
import { ReleaseLooks, type LookMemory, type ReleaseSeen } from '../../src/teammateDeploys/core/releaseLooks';
import { CONNECTION_ID, makeSandbox, type TestSandbox } from '../helpers/sandbox';

const WEB = { app: 'acme-web', connectionId: 'c1' };
const API = { app: 'acme-api', connectionId: 'c2' };
const ME = 'alex@acme.dev';
const rel = (version: number, email = 'sam@acme.dev', description = `Deploy ${version}abcdef`, at = 0): ReleaseSeen => ({ version, description, user: { email }, created_at: new Date(at).toISOString() });
const nobodyMine = () => false;

describe('teammate deploys: new since the baseline', () => {
  it('the first look only sets the baseline: history is not news', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB]);
    assert.equal(looks.observe(WEB, [rel(12), rel(11), rel(10)], 0, nobodyMine), undefined);
    assert.equal(looks.get(WEB)?.baseline, 12);
    assert.equal(looks.observe(WEB, [rel(12), rel(11)], 1, nobodyMine), undefined, 'nothing new');
  });

  it('one new release is news naming it; several are one piece with their count and the newest', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB]);
    looks.observe(WEB, [rel(10)], 0, nobodyMine);
    const one = looks.observe(WEB, [rel(11), rel(10)], 1, nobodyMine);
    assert.deepEqual(one && { count: one.count, v: one.latest.version, ref: one.ref }, { count: 1, v: 11, ref: WEB });
    // Oldest first in the list: the newest is still the one named.
    const three = looks.observe(WEB, [rel(12), rel(13), rel(14), rel(11)], 2, nobodyMine);
    assert.deepEqual(three && { count: three.count, v: three.latest.version }, { count: 3, v: 14 });
  });

  it('releases this window made are not news; a teammate’s among them is, counted alone', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB]);
    looks.observe(WEB, [rel(10)], 0, nobodyMine);
    const mine = (r: ReleaseSeen) => r.user?.email === ME;
    assert.equal(looks.observe(WEB, [rel(12, ME), rel(11, ME), rel(10)], 1, mine), undefined);
    const news = looks.observe(WEB, [rel(15, ME), rel(14), rel(13, ME), rel(12, ME)], 2, mine);
    assert.deepEqual(news && { count: news.count, v: news.latest.version }, { count: 1, v: 14 });
  });

  it('releases between the last look and the oldest one read were not seen: counted as others’', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB]);
    looks.observe(WEB, [rel(10)], 0, nobodyMine);
    const news = looks.observe(WEB, [rel(50), rel(49)], 1, nobodyMine);
    assert.equal(news?.count, 40);
  });

  it('an app not watched is not news; watched again in the same watch it keeps its baseline, in a new watch it starts a new one', () => {
    const memory: LookMemory = new Map();
    const looks = new ReleaseLooks(memory);
    looks.setApps([WEB]);
    assert.equal(looks.observe(API, [rel(3)], 0, nobodyMine), undefined);
    looks.observe(WEB, [rel(10)], 0, nobodyMine);
    looks.setApps([WEB, API]);
    assert.equal(looks.get(WEB)?.baseline, 10);
    const next = new ReleaseLooks(memory);
    next.setApps([WEB]);
    assert.equal(next.get(WEB)?.baseline, undefined, 'a new watch: its first look is a baseline');
    assert.equal(next.get(WEB)?.observedAt, 0, 'but when it was read is remembered');
  });
});

describe('teammate deploys: what this window made', () => {
  it('a release stamped during a write to its app, by this account, is this window’s; a teammate’s in the same minute is not', () => {
    let now = 1_000_000;
    const log = new WriteLog(() => now);
    const done = log.begin('acme-web');
    now += 2_000;
    done();
    const at = now - 1_000;
    assert.equal(madeHere(rel(5, ME, 'Set X config vars', at), 'acme-web', log, ME), true);
    assert.equal(madeHere(rel(5, 'sam@acme.dev', 'Deploy 4f2a9c1', at), 'acme-web', log, ME), false, 'another user');
    assert.equal(madeHere(rel(5, ME, 'Deploy 4f2a9c1', at), 'acme-api', log, ME), false, 'another app');
    assert.equal(madeHere(rel(5, ME.toUpperCase(), 'x', at), 'acme-web', log, ME), true, 'e-mails compared without case');
    assert.equal(madeHere(rel(5, ME, 'x', at), 'acme-web', log, undefined), true, 'the account’s e-mail unknown: the span decides');
  });

  it('the span reaches a minute either side (clocks); later, or before, the same user’s release is not this window’s', () => {
    let now = 10_000_000;
    const log = new WriteLog(() => now);
    const from = now;
    const done = log.begin('acme-web');
    now += 1_000;
    done();
    const to = now;
    now += 10 * 60_000;
    assert.equal(log.covers('acme-web', from - WRITE_SKEW_MS), true);
    assert.equal(log.covers('acme-web', to + WRITE_GRACE_MS), true);
    assert.equal(log.covers('acme-web', from - WRITE_SKEW_MS - 1), false);
    assert.equal(log.covers('acme-web', to + WRITE_GRACE_MS + 1), false);
    assert.equal(madeHere(rel(5, ME, 'Deploy from a terminal', to + 5 * 60_000), 'acme-web', log, ME), false);
    assert.equal(madeHere({ version: 5, description: 'x', user: { email: ME } }, 'acme-web', log, ME), false, 'no time: not this window’s');
  });

  it('a write to apps unknown (an action, a promotion) covers every app; a span left open closes after half an hour', () => {
    let now = 0;
    const log = new WriteLog(() => now);
    log.begin(undefined);
    assert.equal(log.covers('any-app', 0), true);
    now = 2 * OPEN_SPAN_MAX_MS;
    assert.equal(log.covers('any-app', OPEN_SPAN_MAX_MS + WRITE_GRACE_MS + 1), false);
    assert.equal(log.covers('any-app', OPEN_SPAN_MAX_MS), true);
  });

  it('the app of a request’s path', () => {
    assert.equal(appOfPath('/apps/acme-web/config-vars'), 'acme-web');
    assert.equal(appOfPath('/apps/acme%2Dweb'), 'acme-web');
    assert.equal(appOfPath('/pipeline-promotions'), undefined);
    assert.equal(appOfPath('/apps/%E0%A4%A'), undefined);
  });
});

describe('teammate deploys: the notification’s words', () => {
  it('names the app (and account), the version, who and what; several releases as one', () => {
    assert.equal(newsMessage({ ref: WEB, count: 1, latest: rel(52, 'sam@acme.dev', 'Deploy 4f2a9c1') }), 'New release v52 on acme-web by sam@acme.dev: Deploy 4f2a9c1');
    assert.equal(newsMessage({ ref: WEB, count: 3, latest: rel(52, 'sam@acme.dev', 'Rollback to v49') }, 'work@acme.dev'), '3 new releases on acme-web (work@acme.dev), latest v52 by sam@acme.dev: Rollback to v49');
    assert.equal(newsMessage({ ref: WEB, count: 1, latest: { version: 3, description: '' } }), 'New release v3 on acme-web by someone: a release');
  });

  it('the description is one line of text, without control or bidirectional characters, bounded', () => {
    assert.equal(releaseWhat('Set A,\nB\u202E and C\u0007 config vars'), 'Set A, B and C config vars');
    const long = releaseWhat('Deploy '.repeat(40));
    assert.equal(long.length, WHAT_MAX);
    assert.ok(long.endsWith('…'));
    assert.equal(releaseWhat(`${'x'.repeat(WHAT_MAX - 2)}😀😀`).length <= WHAT_MAX, true, 'an emoji is not cut in half');
    // A notification makes [label](target) a link (a command: one runs it): never from a release's words.
    const hostile = newsMessage({ ref: WEB, count: 1, latest: rel(7, 'sam@acme.dev', 'Fixed [Update now](command:workbench.action.reloadWindow) ok') });
    assert.equal(hostile, 'New release v7 on acme-web by sam@acme.dev: Fixed [Update now] (command:workbench.action.reloadWindow) ok');
  });
});

describe('teammate deploys: the schedule', () => {
  it('over an hour of polling every due app, each is read 60 times at most', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB, API]);
    const polls = new Map<string, number>();
    for (let t = 0; t < 3_600_000; t += 1000) {
      for (const ref of looks.due(t)) {
        polls.set(ref.app, (polls.get(ref.app) ?? 0) + 1);
        looks.polling(ref, t);
        looks.observe(ref, [rel(1)], t + 500, nobodyMine);
      }
    }
    assert.deepEqual([...polls.values()], [60, 60]);
  });

  it('a view’s read is a look: an app the tree keeps fresh is never polled', () => {
    const looks = new ReleaseLooks();
    looks.setApps([WEB]);
    let polls = 0;
    for (let t = 0; t < 3_600_000; t += 1000) {
      if (t % 30_000 === 0) looks.observe(WEB, [rel(1)], t, nobodyMine);
      polls += looks.due(t).length;
    }
    assert.equal(polls, 0);
  });

  const watch = (memory: LookMemory, reads: { n: number }, ready = () => true) => {
    const looks = new ReleaseLooks(memory);
    looks.setApps([WEB]);
    const poller = new AppPoller({
      health: looks,
      ready,
      read: (ref) => {
        reads.n++;
        looks.observe(ref, [rel(1)], Date.now(), nobodyMine);
        return Promise.resolve();
      },
      changed: () => {},
      log: () => {},
      now: () => Date.now(),
    });
    poller.refresh();
    return poller;
  };

  /** A minute on the mocked clock, then the read's outcome on the promise queue (the next poll is set then). */
  const minute = async (ms = POLL_MS) => {
    mock.timers.tick(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('with the mocked clock: one read at once, then one a minute; none while not connected; none after dispose (off)', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const reads = { n: 0 };
    const poller = watch(new Map(), reads);
    try {
      await minute(10);
      assert.equal(reads.n, 1);
      for (let i = 0; i < 60; i++) await minute();
      assert.equal(reads.n, 61, 'an hour later: one a minute');
      poller.dispose();
      for (let i = 0; i < 60; i++) await minute();
      assert.equal(reads.n, 61, 'off: no read');
      const offline = { n: 0 };
      const waiting = watch(new Map(), offline, () => false);
      for (let i = 0; i < 10; i++) await minute();
      assert.equal(offline.n, 0, 'not connected: no read');
      waiting.dispose();
    } finally {
      poller.dispose();
      mock.timers.reset();
    }
  });

  it('turned off and on five times within a second: one read, not five; a minute later, one more', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const memory: LookMemory = new Map();
    const reads = { n: 0 };
    try {
      for (let i = 0; i < 5; i++) {
        const poller = watch(memory, reads);
        mock.timers.tick(20);
        poller.dispose();
      }
      assert.equal(reads.n, 1);
      mock.timers.tick(POLL_MS);
      const poller = watch(memory, reads);
      mock.timers.tick(10);
      poller.dispose();
      assert.equal(reads.n, 2);
    } finally {
      mock.timers.reset();
    }
  });
});

describe('teammate deploys: the client and the sandbox', () => {
  const boxes: TestSandbox[] = [];
  after(() => boxes.forEach((b) => b.dispose()));

  it('a config change this window made is its own; a teammate’s deploy (the sandbox’s knob) is not, and has a new slug and commit', async () => {
    const b = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_RESTART_MS: '0' } });
    boxes.push(b);
    await b.client.ensureConnection();
    const heroku = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID });
    const looks = new ReleaseLooks();
    looks.setApps([{ app: 'acme-web', connectionId: CONNECTION_ID }]);
    const told: Array<{ count: number; version: number; email?: string | null }> = [];
    heroku.onDidReadReleases(({ app, releases }) => {
      const news = looks.observe({ app, connectionId: CONNECTION_ID }, releases, Date.now(), (r) => madeHere(r, app, heroku.writes, ME));
      if (news) told.push({ count: news.count, version: news.latest.version, email: news.latest.user?.email });
    });
    const [before] = await heroku.latestReleases('acme-web', 31);
    assert.equal(told.length, 0, 'the baseline');

    const vars = await heroku.getConfigVars('acme-web');
    await heroku.updateConfigVars('acme-web', vars, { ...vars, TEAMMATE_TEST: 'on' });
    const afterWrite = await heroku.latestReleasesAfresh('acme-web', 31);
    assert.equal(afterWrite[0]!.version, before!.version + 1);
    assert.deepEqual(told, [], 'this window’s own release is not news');

    b.env.MEMBRANE_SANDBOX_TEAMMATE = 'acme-web*2';
    const latest = await heroku.latestReleasesAfresh('acme-web', 31);
    assert.deepEqual(told, [{ count: 2, version: before!.version + 3, email: 'sam@acme.dev' }]);
    const [a, c] = [latest[0]!, latest[1]!];
    assert.match(a.description, /^Deploy [0-9a-f]{7}$/);
    assert.notEqual(a.slug?.id, c.slug?.id);
    const slug = await heroku.getSlug('acme-web', a.slug!.id);
    assert.equal(slug.commit?.slice(0, 7), a.description.slice(7));
    // The knob releases once per value.
    await heroku.latestReleasesAfresh('acme-web', 31);
    assert.equal(told.length, 1);
  });
});
