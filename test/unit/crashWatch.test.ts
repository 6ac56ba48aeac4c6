// The crash watch's plain-Node part (src/crashWatch/core/): the watched apps as the setting
// holds them, observations and the news they make (up → crashed, told once per quiet
// period), when an app is due for a poll (a minute after anything was read of it), and the
// status in words; the poller's timer (mocked timers: a read that never ends, a watch
// turned off and on). Times are numbers handed in, or the mocked clock's.
import { after, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { HerokuClient } from '../../src/heroku';
import { CONNECTION_ID, makeSandbox, type TestSandbox } from '../helpers/sandbox';
import { POLL_MS, QUIET_MS, WatchHealth, type DynoSeen, type WatchMemory } from '../../src/crashWatch/core/health';
import { AppPoller as WatchPoller, type PollerDeps } from '../../src/shared/core/appPoller';
import { displayable } from '../../src/shared/core/text';
import { WhileOn } from '../../src/shared/core/whileOn';
import { appLine, newsMessage, watchLook } from '../../src/crashWatch/core/status';
import { MAX_WATCHED_APPS, isWatched, readWatchedApps, resolveWatched, withApp, withoutApp } from '../../src/crashWatch/core/watchedApps';

const WEB = { app: 'acme-web', connectionId: 'c1' };
const API = { app: 'acme-api', connectionId: 'c2' };
const dyno = (name: string, state: string): DynoSeen => ({ name, type: name.split('.')[0]!, state });

describe('crash watch: the watched apps as the setting holds them', () => {
  it('reads names and {app, connectionId}, drops what is not an app, keeps each once, ten at most', () => {
    const read = readWatchedApps(['acme-web', { app: 'acme-api', connectionId: 'c2' }, 'acme-web', 'Not An App', 42, null, { app: 'x' }, { app: 'acme-api', connectionId: 'bad id!' }, { app: 'acme-api', connectionId: '' }]);
    assert.deepEqual(read, [{ app: 'acme-web' }, { app: 'acme-api', connectionId: 'c2' }, { app: 'acme-api' }]);
    assert.deepEqual(readWatchedApps('acme-web'), []);
    const many = readWatchedApps(Array.from({ length: 30 }, (_, i) => `app-${i}`));
    assert.equal(many.length, MAX_WATCHED_APPS);
  });

  it('an entry without an account is the first account’s; none known yet: it waits', () => {
    const apps = readWatchedApps(['acme-web', { app: 'acme-web', connectionId: 'c1' }, { app: 'acme-api', connectionId: 'c2' }]);
    assert.deepEqual(resolveWatched(apps, 'c1'), [WEB, API], 'the same app named twice is watched once');
    assert.deepEqual(resolveWatched(apps, undefined), [{ app: 'acme-web', connectionId: 'c1' }, API]);
    assert.ok(isWatched(apps, WEB, 'c1'));
    assert.ok(!isWatched(apps, { app: 'acme-web', connectionId: 'c2' }, 'c1'), 'the same name in another account is another app');
  });

  it('adds and removes one app, every other entry as it was', () => {
    const apps = readWatchedApps(['acme-web', { app: 'acme-api', connectionId: 'c2' }]);
    assert.deepEqual(withApp(apps, WEB, 'c1'), apps, 'already watched');
    assert.deepEqual(withApp(apps, { app: 'acme-web', connectionId: 'c2' }, 'c1'), [...apps, { app: 'acme-web', connectionId: 'c2' }]);
    assert.deepEqual(withoutApp(apps, WEB, 'c1'), [{ app: 'acme-api', connectionId: 'c2' }]);
    assert.deepEqual(withoutApp(apps, API, 'c1'), [{ app: 'acme-web' }]);
  });
});

describe('crash watch: observations and news', () => {
  it('up → crashed is news once; still crashed is not; a dyno of an app not watched is ignored', () => {
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    assert.equal(h.observe(WEB, [dyno('web.1', 'up'), dyno('web.2', 'up')], 0), undefined);
    const news = h.observe(WEB, [dyno('web.1', 'crashed'), dyno('web.2', 'up')], QUIET_MS);
    assert.deepEqual(news, { ref: WEB, dynos: [dyno('web.1', 'crashed')], first: false });
    assert.equal(h.observe(WEB, [dyno('web.1', 'crashed'), dyno('web.2', 'up')], 2 * QUIET_MS), undefined, 'the same crash is not told twice');
    assert.equal(h.observe(API, [dyno('web.1', 'crashed')], 0), undefined);
    assert.equal(h.get(API), undefined);
  });

  it('a dyno crashed at the first observation is told, as found crashed', () => {
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    assert.deepEqual(h.observe(WEB, [dyno('web.1', 'crashed')], 0), { ref: WEB, dynos: [dyno('web.1', 'crashed')], first: true });
  });

  it('a crash loop (crashed, starting, crashed…) is told once per quiet period', () => {
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    h.observe(WEB, [dyno('web.1', 'up')], 0);
    const told: number[] = [];
    for (let minute = 1; minute <= 40; minute++) {
      const at = minute * 60_000;
      if (h.observe(WEB, [dyno('web.1', minute % 2 ? 'crashed' : 'starting')], at)) told.push(minute);
    }
    assert.deepEqual(told, [1, 17, 33], `at most once per ${QUIET_MS / 60_000} minutes`);
  });

  it('a new set of apps keeps what was known of those still watched', () => {
    const h = new WatchHealth();
    h.setApps([WEB, API], 0);
    h.observe(WEB, [dyno('web.1', 'crashed')], 0);
    h.setApps([WEB], 0);
    assert.deepEqual(h.get(WEB)?.dynos, [dyno('web.1', 'crashed')]);
    assert.equal(h.get(API), undefined);
    h.setApps([WEB, API], POLL_MS);
    assert.equal(h.get(API)?.dynos, undefined, 'an app never read starts afresh');
  });

  it('an app watched again (or by a new watch sharing the memory) keeps what was read within the minute, and its quiet period', () => {
    const memory: WatchMemory = new Map();
    const h = new WatchHealth({ memory });
    h.setApps([WEB, API], 0);
    h.polling(WEB, 0);
    h.observe(WEB, [dyno('web.1', 'crashed')], 100);
    h.setApps([API], 200);
    h.setApps([WEB, API], 300);
    assert.deepEqual(h.get(WEB)?.dynos, [dyno('web.1', 'crashed')], 'read 200 ms ago: still known');
    assert.deepEqual(h.due(300), [API]);
    const next = new WatchHealth({ memory });
    next.setApps([WEB], POLL_MS + 100);
    assert.equal(next.get(WEB)?.dynos, undefined, 'read over a minute ago: read afresh');
    assert.deepEqual(next.due(POLL_MS + 100), [WEB]);
    assert.equal(next.observe(WEB, [dyno('web.1', 'crashed')], POLL_MS + 200), undefined, 'told 1 minute ago: within the quiet period');
  });
});

describe('crash watch: at most one poll a minute per app, reads from elsewhere counting', () => {
  it('an app never read is due at once; then a minute after its poll or its latest read', () => {
    const h = new WatchHealth();
    h.setApps([WEB, API], 0);
    assert.deepEqual(h.due(0), [WEB, API]);
    assert.equal(h.nextDue(), -Infinity);
    h.polling(WEB, 0);
    h.polling(API, 0);
    h.observe(WEB, [dyno('web.1', 'up')], 100);
    h.failed(API, 'rate limited');
    assert.deepEqual(h.due(POLL_MS - 1), []);
    assert.equal(h.nextDue(), POLL_MS, 'the failed poll counts: not again within the minute');
    assert.deepEqual(h.due(POLL_MS), [API]);
    // The tree read WEB's dynos meanwhile: that read counts, and its poll moves later.
    h.observe(WEB, [dyno('web.1', 'up')], 50_000);
    assert.deepEqual(h.due(POLL_MS + 100), [API]);
    assert.deepEqual(h.due(50_000 + POLL_MS), [WEB, API]);
  });

  it('over an hour of polling every due app, each app is read 60 times at most', () => {
    const h = new WatchHealth();
    h.setApps([WEB, API], 0);
    const polls = new Map<string, number>();
    // A timer that fires at every second: the schedule alone bounds the polls.
    for (let t = 0; t < 3_600_000; t += 1000) {
      for (const ref of h.due(t)) {
        polls.set(ref.app, (polls.get(ref.app) ?? 0) + 1);
        h.polling(ref, t);
        h.observe(ref, [dyno('web.1', 'up')], t + 500);
      }
    }
    assert.deepEqual([...polls.values()], [60, 60]);
  });

  it('nothing watched: nothing is due, no next poll', () => {
    const h = new WatchHealth();
    assert.deepEqual(h.due(0), []);
    assert.equal(h.nextDue(), undefined);
  });
});

describe('crash watch: the status in words', () => {
  it('checking, all up, N crashed, not read, paused, none watched; the name says the state in words', () => {
    const h = new WatchHealth();
    assert.equal(watchLook(h.list(), false).kind, 'none');
    h.setApps([WEB, API], 0);
    assert.equal(watchLook(h.list(), true).kind, 'paused');
    assert.equal(watchLook(h.list(), false).kind, 'checking');
    h.observe(WEB, [dyno('web.1', 'up'), dyno('web.2', 'up')], 0);
    h.observe(API, [dyno('web.1', 'up'), dyno('worker.1', 'idle')], 0);
    const up = watchLook(h.list(), false);
    assert.deepEqual([up.kind, up.text, up.label], ['up', '$(pass) Dynos: all up', 'Dynos: all up: no dyno crashed in 2 watched apps']);
    h.observe(WEB, [dyno('web.1', 'crashed'), dyno('web.2', 'up')], 1);
    const one = watchLook(h.list(), false);
    assert.deepEqual([one.kind, one.text, one.label, one.crashed], ['crashed', '$(error) 1 crashed', '1 crashed: 1 dyno crashed, web.1 of acme-web', 1]);
    h.observe(API, [dyno('web.1', 'crashed'), dyno('worker.1', 'crashed')], 1);
    assert.equal(watchLook(h.list(), false).text, '$(error) 3 crashed');
    h.observe(WEB, [dyno('web.1', 'up')], 2);
    h.observe(API, [dyno('web.1', 'up')], 2);
    h.failed(API, 'rate limited');
    assert.equal(watchLook(h.list(), false).kind, 'unread');
  });

  it("one line per app: its crashed dynos by name, its states, or why it is not known", () => {
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    const app = () => h.get(WEB)!;
    assert.equal(appLine(app()), 'not read yet');
    h.observe(WEB, [], 0);
    assert.equal(appLine(app()), 'no dynos');
    h.observe(WEB, [dyno('web.1', 'up'), dyno('web.2', 'up')], 0);
    assert.equal(appLine(app()), 'all 2 dynos up');
    h.observe(WEB, [dyno('web.1', 'crashed'), dyno('web.2', 'up')], 0);
    assert.equal(appLine(app()), 'web.1 crashed · 1 up');
    h.observe(WEB, [dyno('web.1', 'crashed')], 0);
    assert.equal(appLine(app()), 'web.1 crashed');
    h.failed(WEB, 'rate limited');
    assert.equal(appLine(app()), 'could not be read: rate limited');
  });

  it('the notification names the dynos, the app and (with several accounts) the account', () => {
    assert.equal(newsMessage('acme-web', [{ name: 'web.1' }], false), 'Dyno web.1 of acme-web crashed.');
    assert.equal(newsMessage('acme-web', [{ name: 'web.1' }, { name: 'web.2' }], true, 'alex@side-gig.io'), 'Dynos web.1, web.2 of acme-web (alex@side-gig.io) are crashed.');
  });
});

describe('crash watch: what it reads', () => {
  const boxes: TestSandbox[] = [];
  after(() => boxes.forEach((b) => b.dispose()));

  it("the client tells each dyno list it reads from Heroku, never a cached answer; the sandbox crashes a dyno once per knob value", async () => {
    const b = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_RESTART_MS: '0' } });
    boxes.push(b);
    await b.client.ensureConnection();
    const heroku = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID });
    const reads: Array<{ app: string; states: string[] }> = [];
    heroku.onDidReadDynos(({ app, dynos }) => reads.push({ app, states: dynos.map((d) => `${d.name}:${d.state}`).sort() }));
    await heroku.listDynos('acme-web');
    await heroku.listDynos('acme-web');
    assert.deepEqual(reads, [{ app: 'acme-web', states: ['web.1:up', 'web.2:up'] }], 'the second answer came from the cache: not a read');

    b.env.MEMBRANE_SANDBOX_CRASH = 'acme-web/web.1';
    heroku.forget('acme-web', 'dynos');
    await heroku.listDynos('acme-web');
    assert.deepEqual(reads.at(-1)?.states, ['web.1:crashed', 'web.2:up']);
    // Restarted, it stays up although the knob still names it: one crash per value.
    await heroku.restartDyno('acme-web', 'web.1');
    await heroku.listDynos('acme-web');
    assert.deepEqual(reads.at(-1)?.states, ['web.1:up', 'web.2:up']);
    // A process type names each of its dynos.
    b.env.MEMBRANE_SANDBOX_CRASH = 'acme-web/web';
    heroku.forget('acme-web', 'dynos');
    await heroku.listDynos('acme-web');
    assert.deepEqual(reads.at(-1)?.states, ['web.1:crashed', 'web.2:crashed']);
  });
});

describe('crash watch: the poller’s timer', () => {
  const clock = () => Date.now();
  const deps = (health: WatchHealth, over: Partial<PollerDeps>): PollerDeps => ({ health, ready: () => true, read: () => Promise.resolve(), changed: () => {}, log: () => {}, now: clock, ...over });

  it('a read that never ends: nothing spins while it is in flight, and the app is not read again', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    let reads = 0;
    let draws = 0;
    const poller: WatchPoller = new WatchPoller(
      deps(h, {
        read: () => {
          reads++;
          return new Promise(() => {});
        },
        // A timer firing at once again and again would draw the item without end: stopped at 1,000.
        changed: () => void (++draws > 1000 && poller.dispose()),
      }),
    );
    try {
      poller.refresh();
      // Ten minutes in steps of 100 ms: a timer set to fire at once fires at each step.
      for (let t = 0; t < 10 * POLL_MS; t += 100) mock.timers.tick(100);
      assert.equal(reads, 1);
      assert.equal(draws, 1, 'drawn once, when the poll started');
      assert.ok(poller.busy, 'the read is still in flight');
    } finally {
      poller.dispose();
      mock.timers.reset();
    }
  });

  it('turned off and on five times within 100 ms: one read, not five (the memory outlives each watch); a minute later, one more', () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const memory: WatchMemory = new Map();
    let reads = 0;
    const watchOnce = (): WatchHealth => {
      const h = new WatchHealth({ memory });
      h.setApps([WEB], clock());
      const poller = new WatchPoller(
        deps(h, {
          read: (ref) => {
            reads++;
            h.observe(ref, [dyno('web.1', 'up')], clock());
            return Promise.resolve();
          },
        }),
      );
      try {
        poller.refresh();
        mock.timers.tick(20);
      } finally {
        poller.dispose();
      }
      return h;
    };
    try {
      for (let i = 0; i < 5; i++) assert.deepEqual(watchOnce().get(WEB)?.dynos, [dyno('web.1', 'up')], `turn ${i + 1}: what was read is shown`);
      assert.equal(reads, 1);
      mock.timers.tick(POLL_MS);
      watchOnce();
      assert.equal(reads, 2);
    } finally {
      mock.timers.reset();
    }
  });

  it('an app that cannot be read is logged when the reason changes, not at every minute', async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    const h = new WatchHealth();
    h.setApps([WEB], 0);
    const logged: string[] = [];
    let answer: () => Promise<unknown> = () => Promise.reject(new Error('Not found'));
    const poller = new WatchPoller(deps(h, { read: () => answer(), log: (ref, problem) => logged.push(`${ref.app}: ${problem}`) }));
    const minute = async () => {
      mock.timers.tick(POLL_MS);
      // The read's outcome arrives on the promise queue.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    try {
      poller.refresh();
      for (let i = 0; i < 4; i++) await minute();
      assert.deepEqual(logged, ['acme-web: Not found']);
      answer = () => Promise.reject(new Error('Rate limited'));
      await minute();
      assert.equal(logged.length, 2);
      assert.equal(h.get(WEB)?.problem, 'Rate limited');
    } finally {
      poller.dispose();
      mock.timers.reset();
    }
  });

  it('the tooltip’s text from elsewhere stays on one line, without control or bidirectional formatting characters', () => {
    assert.equal(displayable('acme\u202Eweb\u0007: not\r\nfound\u2066'), 'acmeweb: not found');
  });
});

describe('crash watch: built only while it is on', () => {
  /** A feature whose code loads when the test says so; what it built, and what of that was disposed. */
  function feature() {
    const built: Array<{ disposed: boolean; dispose(): void }> = [];
    const loads: Array<() => void> = [];
    const whileOn = new WhileOn(
      () =>
        new Promise<() => (typeof built)[number]>((resolve) =>
          loads.push(() =>
            resolve(() => {
              const f = { disposed: false, dispose: () => void (f.disposed = true) };
              built.push(f);
              return f;
            }),
          ),
        ),
    );
    const loaded = async () => {
      for (const load of loads.splice(0)) load();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    return { whileOn, built, loaded };
  }

  it('its code loads after the owner was disposed, or after it was turned off: nothing is built', async () => {
    const a = feature();
    a.whileOn.set(true);
    a.whileOn.dispose();
    await a.loaded();
    assert.equal(a.built.length, 0, 'disposed while loading');
    a.whileOn.set(true);
    await a.loaded();
    assert.equal(a.built.length, 0, 'nothing after dispose');

    const b = feature();
    b.whileOn.set(true);
    b.whileOn.set(false);
    await b.loaded();
    assert.equal(b.built.length, 0, 'off while loading');
  });

  it('off and on while it loads: one is built, live; asked for while it loads, it is the one built (not "off")', async () => {
    const f = feature();
    f.whileOn.set(true);
    f.whileOn.set(false);
    f.whileOn.set(true);
    const asked = f.whileOn.get();
    await f.loaded();
    assert.equal(f.built.length, 1);
    assert.equal(await asked, f.built[0]);
    assert.equal(f.built[0]!.disposed, false);
    f.whileOn.dispose();
    assert.equal(f.built[0]!.disposed, true);
    assert.equal(await f.whileOn.get(), undefined);
  });
});
