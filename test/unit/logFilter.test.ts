// Logs you can narrow: each kind of filter, its highlights, the view that re-renders the
// kept lines under a new filter (in order, none lost, none twice), a user's regular
// expression that cannot hang the host (a worker with a time budget), and hostile input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeFilter, filterLabel, lineMatcher, parseRegex, sourceOf, type LogFilter } from '../../src/logs/core/logFilter';
import { KeptLines } from '../../src/logs/core/keptLines';
import { CLEAR_SCREEN, LogView } from '../../src/logs/core/logView';
import { RegexTooSlowError, WorkerRegex } from '../../src/logs/core/regexWorker';
import { LineSplitter } from '../../src/heroku/streams/lineSplitter';
import { waitUntil } from '../helpers/wait';

const T = '2026-11-29T10:00:00.000001+00:00';
/* eslint-disable no-control-regex -- escapes are what these tests look for */
const SGR = /\x1b\[[0-9;]*m/g;
const INVERSE = /\x1b\[(?:[0-9]+;)*7m([^\x1b]*)/g;
const routerLine = (status: number, extra = '') => `${T} heroku[router]: at=${status === 503 ? 'error code=H12 desc="Request timeout"' : 'info'} method=GET path="/api" host=acme-api.herokuapp.com dyno=web.1 connect=0ms service=12ms status=${status} bytes=5${extra}`;

const LINES = [
  `${T} app[web.1]: Listening on port 5000`,
  `${T} app[web-848cd4f64d-pvpr2]: GET /health took 3 ms`,
  `${T} app[worker.1]: Job 42 done`,
  `${T} heroku[web.1]: State changed from up to crashed`,
  `${T} heroku[worker.1]: Error R14 (Memory quota exceeded)`,
  `${T} heroku[logplex]: Error L11 (Tail buffer overflow) -> This tail session dropped 12 messages`,
  routerLine(200),
  routerLine(503),
  routerLine(500),
  `${T} app[api]: Release v42 created by user alex@example.com`,
  `${T} app[api]: Build failed -- check your build output`,
  `${T} app[web.2]: an Error occurred, status=500 in the body of an app line`,
];

/** The lines a synchronous filter keeps. */
const passing = (filter: Exclude<LogFilter, { kind: 'regex' }>) => LINES.filter((l) => lineMatcher(filter)(l));
/** The highlighted texts of a line. */
const highlighted = (line: string, filter: Exclude<LogFilter, { kind: 'regex' }>) => (lineMatcher(filter)(line) ?? []).map(([a, b]) => line.slice(a, b));

describe('log filters', () => {
  it('text: any case, the text literally (no pattern), every occurrence highlighted', () => {
    assert.deepEqual(passing({ kind: 'text', text: 'error' }).length, 4);
    assert.deepEqual(highlighted(`${T} app[web.1]: ERROR and error`, { kind: 'text', text: 'Error' }), ['ERROR', 'error']);
    assert.equal(passing({ kind: 'text', text: 'web.1' }).length, 5, "'.' is a dot, not any character");
    assert.equal(passing({ kind: 'text', text: 'web_1' }).length, 0);
    assert.equal(passing({ kind: 'text', text: '(a+)+$' }).length, 0, 'a pattern typed as text is text');
  });

  it('process type or dyno: web takes web.1, web.2 and Fir web-… dynos; web.1 only itself', () => {
    assert.deepEqual(passing({ kind: 'dyno', dyno: 'web' }).map((l) => /\[([^\]]+)\]/.exec(l)![1]), ['web.1', 'web-848cd4f64d-pvpr2', 'web.1', 'web.2']);
    assert.deepEqual(passing({ kind: 'dyno', dyno: 'web.1' }).length, 2);
    assert.deepEqual(passing({ kind: 'dyno', dyno: 'web-848cd4f64d-pvpr2' }).length, 1);
    assert.deepEqual(passing({ kind: 'dyno', dyno: 'router' }).length, 3);
    assert.equal(describeFilter({ kind: 'dyno', dyno: 'web' }), 'process type web');
    assert.equal(describeFilter({ kind: 'dyno', dyno: 'web.1' }), 'dyno web.1');
    assert.equal(describeFilter({ kind: 'dyno', dyno: 'web-848cd4f64d-pvpr2' }), 'dyno web-848cd4f64d-pvpr2');
  });

  it("source: app (the dynos' output), heroku (the platform, not the router), router, api — each line in exactly one", () => {
    assert.equal(passing({ kind: 'source', source: 'app' }).length, 4);
    assert.equal(passing({ kind: 'source', source: 'heroku' }).length, 3);
    assert.equal(passing({ kind: 'source', source: 'router' }).length, 3);
    assert.equal(passing({ kind: 'source', source: 'api' }).length, 2);
    assert.equal(sourceOf(`${T} heroku[api]: Release v7 created by user a@b.c`), 'api', "the sandbox's heroku[api]");
    assert.equal(sourceOf('not a log line'), undefined);
  });

  it('errors only: at=error with its code, 5xx, Error H/R/L codes, crashes, failed builds; each highlighted', () => {
    const errors = passing({ kind: 'errors' });
    assert.equal(errors.length, 6, errors.join('\n'));
    assert.ok(!errors.some((l) => l.includes('app[web.2]')), "an app's own words are not an error code, nor its status=500 (only the router's)");
    assert.deepEqual(highlighted(routerLine(503), { kind: 'errors' }), ['at=error code=H12', 'status=503']);
    assert.deepEqual(highlighted(routerLine(500), { kind: 'errors' }), ['status=500']);
    assert.deepEqual(highlighted(LINES[3]!, { kind: 'errors' }), ['State changed from up to crashed']);
    assert.deepEqual(highlighted(LINES[4]!, { kind: 'errors' }), ['Error R14']);
    assert.deepEqual(highlighted(LINES[10]!, { kind: 'errors' }), ['Build failed']);
    assert.equal(lineMatcher({ kind: 'errors' })(routerLine(200)), undefined);
    assert.equal(lineMatcher({ kind: 'errors' })(routerLine(200, ' note="status=500"')), undefined, 'inside a quoted value is not the status');
  });

  it('a regular expression: bare or /…/flags, checked when typed (never run here)', () => {
    assert.deepEqual(parseRegex('status=5\\d\\d'), { source: 'status=5\\d\\d', flags: '' });
    assert.deepEqual(parseRegex('/h1[0-9]/i'), { source: 'h1[0-9]', flags: 'i' });
    assert.deepEqual(parseRegex('/a/b'), { source: '/a/b', flags: '' }, "b is no flag: the slashes are the pattern's");
    assert.match((parseRegex('/a/ii') as { problem: string }).problem, /each once/);
    assert.match((parseRegex('/a/g') as { problem: string }).problem, /i, m, s and u/);
    assert.match((parseRegex('(unclosed') as { problem: string }).problem, /^Not a regular expression/);
    assert.ok('problem' in parseRegex(''));
    assert.ok('problem' in parseRegex('a'.repeat(1001)));
  });

  it("the filter shown in the terminal's name and notices carries no escape, no control and no bidi override", () => {
    const hostile = 'x\x1b]0;pwned\x07\x1b[2J\u202e\x9b31m\r\nnext';
    for (const f of [{ kind: 'text', text: hostile }, { kind: 'regex', source: hostile, flags: '' }, { kind: 'dyno', dyno: hostile }] as LogFilter[]) {
      for (const s of [describeFilter(f), filterLabel(f)]) {
        assert.ok(!/[\x00-\x1f\x7f-\x9f\u202e]/.test(s), JSON.stringify(s));
      }
    }
    assert.ok(filterLabel({ kind: 'text', text: 'a'.repeat(200) }).length <= 40);
    assert.equal([...filterLabel({ kind: 'text', text: `${'a'.repeat(30)}${'😀'.repeat(10)}` })].slice(-2).join(''), '😀…', 'cut between characters, never inside one');
  });
});

describe('kept lines', () => {
  it('the last N, and at most so many characters in all', () => {
    const kept = new KeptLines(3);
    for (let i = 1; i <= 5000; i++) kept.push(`line ${i}`);
    assert.deepEqual(kept.all(), ['line 4998', 'line 4999', 'line 5000']);
    kept.resize(2);
    assert.deepEqual(kept.all(), ['line 4999', 'line 5000']);
    const small = new KeptLines(1000, 100);
    for (let i = 0; i < 10; i++) small.push('x'.repeat(30));
    assert.equal(small.size, 3, '3 × 30 characters fit in 100');
    small.push('y'.repeat(500));
    assert.deepEqual(small.all(), ['y'.repeat(500)], 'a line longer than the budget is kept alone');
  });
});

/** A view writing into a string; its notices marked. */
function viewOf(keep = 5000, regex?: { budgetMs?: number; batchLines?: number }, screenLines?: number) {
  let text = '';
  let dropped = 0;
  const view = new LogView({ write: (t) => (text += t), notice: (t) => (text += `[notice] ${t}\r\n`), filterDropped: () => dropped++, keep, regex, screenLines: screenLines ? () => screenLines : undefined });
  return {
    view,
    text: () => text,
    plain: () => text.replaceAll(CLEAR_SCREEN, '').replace(SGR, ''),
    reset: () => (text = ''),
    dropped: () => dropped,
  };
}

describe('the log view', () => {
  it('a new filter shows the kept lines that pass, highlighted, and says how many; clearing it shows them all again', async () => {
    const v = viewOf();
    for (const l of LINES) v.view.push(l);
    v.reset();
    const result = await v.view.setFilter({ kind: 'errors' });
    assert.deepEqual(result, { shown: 6, kept: LINES.length });
    assert.ok(v.text().startsWith(CLEAR_SCREEN));
    assert.match(v.plain(), /\[notice\] filter: errors only — matches: 6 of 12 kept lines/);
    assert.deepEqual([...v.text().matchAll(INVERSE)].map((m) => m[1]).slice(0, 2), ['State changed from up to crashed', 'Error R14']);
    // New lines go through the filter.
    v.reset();
    v.view.push(routerLine(200));
    v.view.push(routerLine(503));
    assert.equal(v.plain().split('\r\n').filter(Boolean).length, 1);
    v.reset();
    await v.view.setFilter(undefined);
    assert.equal(v.plain().split('\r\n').filter((l) => l.startsWith(T)).length, LINES.length + 2);
    assert.match(v.plain(), /filter cleared: every kept line is shown \(14\)/);
    assert.ok(!INVERSE.test(v.text()), 'no highlight without a filter');
  });

  it('a re-render paints only what the terminal can hold (its scrollback), counts them all, and says so', async () => {
    const v = viewOf(5000, undefined, 10);
    for (let i = 0; i < 100; i++) v.view.push(`${T} app[web.1]: line ${i}${i % 3 ? '' : ' three'}`);
    v.reset();
    assert.deepEqual(await v.view.setFilter(undefined), { shown: 100, kept: 100 });
    const painted = v.plain().split('\r\n').filter((l) => l.startsWith(T));
    assert.deepEqual(painted.map((l) => Number(/line (\d+)/.exec(l)![1])), [90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    assert.match(v.plain(), /every kept line is shown \(100\)[^]*the terminal holds the last 10 of them \(its scrollback\); Save Logs… writes them all/);
    v.reset();
    assert.deepEqual(await v.view.setFilter({ kind: 'text', text: 'three' }), { shown: 34, kept: 100 });
    assert.equal(v.plain().split('\r\n').filter((l) => l.startsWith(T)).length, 10);
    v.reset();
    await v.view.setFilter({ kind: 'text', text: 'line 99' });
    assert.ok(!/holds the last/.test(v.plain()), 'no word of it when everything fits');
    assert.equal((await v.view.linesToSave(false)).length, 100, 'Save Logs writes them all');
  });

  it('a filter that matches nothing says so in the terminal', async () => {
    const v = viewOf();
    for (const l of LINES) v.view.push(l);
    v.reset();
    assert.deepEqual(await v.view.setFilter({ kind: 'text', text: 'no such thing' }), { shown: 0, kept: 12 });
    assert.match(v.plain(), /filter: text "no such thing" — nothing matches \(kept lines: 12\); the lines that match will appear as they come/);
    const empty = viewOf();
    await empty.view.setFilter({ kind: 'errors' });
    assert.match(empty.plain(), /no lines yet/);
  });

  it('a regular expression runs in the worker: the kept lines, then new ones, in order, none lost, none twice', async () => {
    const v = viewOf(5000, { batchLines: 7 });
    for (let i = 0; i < 100; i++) v.view.push(`${T} app[web.1]: kept ${i} ${i % 2 ? 'odd' : 'even'}`);
    v.reset();
    const setting = v.view.setFilter({ kind: 'regex', source: 'ODD', flags: 'i' });
    // Lines arriving while the worker re-renders come after what it re-renders.
    for (let i = 100; i < 200; i++) v.view.push(`${T} app[web.1]: live ${i} ${i % 2 ? 'odd' : 'even'}`);
    assert.deepEqual(await setting, { shown: 50, kept: 100 });
    await waitUntil(() => v.plain().includes('live 199 odd'), 'the live line after the re-render');
    const numbers = v.plain().split('\r\n').filter((l) => l.startsWith(T)).map((l) => Number(/ (\d+) odd$/.exec(l)![1]));
    assert.deepEqual(numbers, Array.from({ length: 100 }, (_, i) => 2 * i + 1));
    assert.match(v.plain(), /filter: regular expression \/ODD\/i — matches: 50 of 100 kept lines/);
    assert.deepEqual([...v.text().matchAll(INVERSE)][0]![1], 'odd');
    assert.equal((await v.view.linesToSave(true)).length, 100);
    assert.equal((await v.view.linesToSave(false)).length, 200);
    v.view.dispose();
  });

  it('a catastrophic expression, (a+)+$ on a long line, is stopped within its budget; the filter goes and the terminal says why', async () => {
    const regex = new WorkerRegex({ budgetMs: 300 });
    const started = performance.now();
    await assert.rejects(regex.match('(a+)+$', '', [`${'a'.repeat(5000)}!`]), RegexTooSlowError);
    const ms = performance.now() - started;
    assert.ok(ms < 10_000, `stopped after ${ms.toFixed(0)} ms (budget 300 ms, plus the worker's start)`);
    await assert.rejects(regex.match('a', '', ['aaa']), RegexTooSlowError, 'a stopped worker answers nothing more');

    const v = viewOf(5000, { budgetMs: 300 });
    for (const l of LINES) v.view.push(l);
    v.view.push(`${T} app[web.1]: ${'a'.repeat(5000)}!`);
    v.reset();
    const loopLag = lagWhile();
    assert.equal(await v.view.setFilter({ kind: 'regex', source: '(a+)+$', flags: '' }), undefined);
    assert.ok(loopLag.stop() < 250, 'the event loop stayed free meanwhile');
    assert.equal(v.view.filter, undefined);
    assert.equal(v.dropped(), 1);
    assert.match(v.plain(), /filter cleared: every kept line is shown \(13\)/);
    assert.match(v.plain(), /filter removed: the regular expression \/\(a\+\)\+\$\/ was stopped \(it took longer than 300 ms on a batch of lines\)/);
    // Lines go on, unfiltered.
    v.reset();
    v.view.push(LINES[0]!);
    assert.ok(v.plain().includes('Listening on port 5000'));
  });

  it('a refined expression uses the same worker; one still busy with a slow expression is replaced, and the new expression is not blamed', async () => {
    const v = viewOf(5000, { budgetMs: 400 });
    for (const l of LINES) v.view.push(l);
    v.view.push(`${T} app[web.1]: ${'a'.repeat(5000)}!`);
    // The slow expression's lines are in the worker as soon as the filter is set.
    const slow = v.view.setFilter({ kind: 'regex', source: '(a+)+$', flags: '' });
    v.reset();
    const refined = await v.view.setFilter({ kind: 'regex', source: 'Listening|Job', flags: '' });
    assert.equal(await slow, undefined, 'the slow one was replaced (its worker stopped: nothing of it can come later)');
    assert.deepEqual(refined, { shown: 2, kept: 13 });
    assert.ok(!/filter removed/.test(v.plain()), v.plain());
    assert.deepEqual(v.view.filter, { kind: 'regex', source: 'Listening|Job', flags: '' });
    assert.deepEqual(await v.view.setFilter({ kind: 'regex', source: 'R14', flags: '' }), { shown: 1, kept: 13 });
    v.view.dispose();
  });

  it('hostile lines stay inert: escapes removed, a 100 KB line and invalid UTF-8 shown as text', async () => {
    const v = viewOf();
    const splitter = new LineSplitter();
    const chunk = Buffer.concat([
      Buffer.from(`${T} app[web.1]: \x1b[2J\x1b]0;pwned\x07\x1b[31mred\x9b1A\r bell\x07 done\n`),
      Buffer.from(`${T} app[web.1]: bad bytes `),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82]),
      Buffer.from(`\n${T} app[web.1]: ${'z'.repeat(100 * 1024)}\n`),
    ]);
    for (const line of splitter.push(chunk)) v.view.push(line);
    await v.view.setFilter({ kind: 'text', text: 'z' });
    await v.view.setFilter({ kind: 'regex', source: 'pwned|bad', flags: '' });
    await v.view.setFilter(undefined);
    const out = v.text();
    // Only SGR colours and our own clear-screen remain.
    const escapes = new Set([...out.replaceAll(CLEAR_SCREEN, '').matchAll(/\x1b(.)(.{0,8})/gs)].map((m) => m[1]! + (/^[0-9;]*m/.exec(m[2]!) ? 'SGR' : m[2]!)));
    assert.deepEqual([...escapes], ['[SGR']);
    assert.ok(!/[\x07\x9b\r](?!\n)/.test(out), 'no bell, no CSI, no lone carriage return');
    assert.ok(out.includes('\ufffd'), 'invalid UTF-8 shown as the replacement character');
    assert.ok((await v.view.linesToSave(false)).some((l) => l.endsWith(`: ${'z'.repeat(100 * 1024)}`)), 'the 100 KB line kept whole, as text');
    for (const l of await v.view.linesToSave(false)) assert.ok(!/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(l), 'saved lines are plain text');
    v.view.dispose();
  });
});


/** The longest gap between timer ticks until `stop()`: how long the event loop was held. */
function lagWhile(): { stop(): number } {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return worst;
    },
  };
}
