// The Errors category's plain parts: Heroku's error-code table, counting codes from log
// lines (Heroku's own lines only) and from metrics series (error-code keys only).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devCenterUrl, errorCode, isErrorCode, knownCodes } from '../../src/errors/core/errorCodes';
import { codeOfLine, countLogLines, countSeries, sortedCounts } from '../../src/errors/core/count';

describe('error codes', () => {
  it('knows 37 H, R and L codes, each with a title, a meaning and a Dev Center section', () => {
    const codes = knownCodes();
    assert.equal(codes.length, 37);
    assert.equal(new Set(codes).size, 37);
    for (const code of codes) {
      const e = errorCode(code)!;
      assert.match(code, /^[HRL]\d{2,3}$/);
      assert.ok(e.title && e.meaning, code);
      assert.match(e.anchor, /^[hrl]\d{2,3}-[a-z0-9-]+$/, code);
      assert.ok(devCenterUrl(e).startsWith('https://devcenter.heroku.com/articles/error-codes#'), code);
    }
    assert.equal(devCenterUrl(errorCode('H10')!), 'https://devcenter.heroku.com/articles/error-codes#h10-app-crashed');
    assert.equal(errorCode('H12')!.title, 'Request timeout');
    assert.equal(errorCode('R14')!.title, 'Memory quota exceeded');
    assert.equal(errorCode('L10')!.title, 'Drain buffer overflow');
    assert.equal(errorCode('H14')!.level, 'critical');
    assert.equal(errorCode('H27')!.level, 'info');
  });

  it('an unknown well-formed code links to the list; anything else is no code', () => {
    assert.equal(devCenterUrl(errorCode('H42')!), 'https://devcenter.heroku.com/articles/error-codes');
    for (const bad of ['__proto__', 'constructor', 'h12', 'H1', 'H1234', 'X12', 'H12 ', '200']) {
      assert.equal(errorCode(bad), undefined, bad);
      assert.equal(isErrorCode(bad), false, bad);
    }
  });
});

describe('counting errors', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString().replace('Z', '000+00:00');

  it('reads router and dyno errors from Heroku’s own lines only', () => {
    assert.equal(codeOfLine(`${at(1)} heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=a.herokuapp.com status=503 service=30000ms bytes=0`), 'H12');
    assert.equal(codeOfLine(`${at(1)} heroku[web.1]: Error R14 (Memory quota exceeded)`), 'R14');
    assert.equal(codeOfLine(`${at(1)} heroku[logplex]: Error L10 (output buffer overflow): drain 'd.123' dropped 50 messages`), 'L10');
    assert.equal(codeOfLine(`${at(1)} heroku[router]: at=info method=GET path="/" status=200 service=12ms bytes=100`), undefined);
    // An app cannot add to the counts by printing Heroku's words.
    assert.equal(codeOfLine(`${at(1)} app[web.1]: at=error code=H12 desc="fake"`), undefined);
    assert.equal(codeOfLine(`${at(1)} app[web.1]: Error R14 (Memory quota exceeded)`), undefined);
    assert.equal(codeOfLine(`${at(1)} heroku[web.1]: Starting process with command \`echo Error R14\``), undefined);
    assert.equal(codeOfLine(`${at(1)} heroku[router]: at=info path="/at=error code=H12"`), undefined);
    assert.equal(codeOfLine('garbage'), undefined);
  });

  it('counts the lines of the last 24 hours', () => {
    const lines = [
      `${at(5)} heroku[router]: at=error code=H12 desc="Request timeout"`,
      `${at(60)} heroku[router]: at=error code=H12 desc="Request timeout"`,
      `${at(24 * 60 + 5)} heroku[router]: at=error code=H12 desc="too old"`,
      `${at(30)} heroku[worker.1]: Error R14 (Memory quota exceeded)`,
      `not-a-time heroku[router]: at=error code=H10 desc="App crashed"`,
    ];
    assert.deepEqual([...countLogLines(lines, now - 24 * 3_600_000, now)].sort(), [['H12', 2], ['R14', 1]]);
  });

  it('sums metrics series by code: other keys (statuses, __proto__) and zero counts are dropped', () => {
    const totals = new Map<string, number>([['H12', 3], ['__proto__', 9], ['200', 500], ['H10', 0], ['R14', 2.4], ['latency.ms.p50', 40], ['H13', NaN]]);
    const counts = countSeries(totals);
    assert.deepEqual([...counts].sort(), [['H12', 3], ['R14', 2]]);
    countSeries(new Map([['H12', 1]]), counts);
    assert.equal(counts.get('H12'), 4);
  });

  it('sorts the most serious first, then the most frequent', () => {
    const sorted = sortedCounts(new Map([['H27', 50], ['L10', 3], ['H12', 4], ['H10', 40], ['H80', 0]]));
    assert.deepEqual(sorted.map((c) => c.code), ['H10', 'H12', 'L10', 'H27']);
  });
});

describe('the error report over the sandbox', () => {
  it('counts from the metrics service; a hostile process type from the API never becomes a URL', async () => {
    const { makeSandbox, CONNECTION_ID } = await import('../helpers/sandbox');
    const { HerokuClient, MetricsUrlError } = await import('../../src/heroku');
    const { loadErrorReport } = await import('../../src/errors/report');
    const fs = await import('node:fs');
    const b = makeSandbox({ mode: 'in-process' });
    try {
      await b.client.ensureConnection();
      const heroku = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID });
      const report = await loadErrorReport(heroku, 'acme-worker', new AbortController().signal);
      assert.equal(report.source.kind, 'metrics');
      assert.deepEqual(report.counts.map((c) => c.code), ['R14', 'R10']);
      const w = b.world();
      const worker = w.apps.find((a: { name: string }) => a.name === 'acme-worker');
      w.formation[worker.id][0].type = '..%2F..%2F@evil.com';
      fs.writeFileSync(b.worldFile, JSON.stringify(w));
      const fresh = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID });
      const before = b.calls.length;
      await assert.rejects(loadErrorReport(fresh, 'acme-worker', new AbortController().signal), MetricsUrlError);
      assert.ok(b.calls.slice(before).every((c) => !c.args.join(' ').includes('evil')));
    } finally {
      b.dispose();
    }
  });
});
