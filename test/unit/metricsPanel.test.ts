// The metrics panel's plain parts: router lines read into requests, 10-second buckets and
// their percentiles, the step of each range, release markers, the charts made from the
// metrics service's series (and why each empty one is empty), and the page's messages.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRouterLine, routerFields } from '../../src/metrics/core/routerLine';
import { BUCKET_MS, histogramPercentile, LiveBuckets, LIVE_BUCKETS, percentile } from '../../src/metrics/core/liveBuckets';
import { answeredStep, metricsWindow, pointsIn, RANGE_MS } from '../../src/metrics/core/ranges';
import { DASHES, seriesDash } from '../../src/metrics/core/seriesStyle';
import { markerKind, releaseMarkers } from '../../src/metrics/core/markers';
import { emptyChart, errorsChart, latencyChart, liveCharts, loadChart, memoryChart, statusClassOf, throughputChart, whyText } from '../../src/metrics/core/chartModel';
import { InboundSchema } from '../../src/metrics/core/protocol';
import type { MetricsSeries } from '../../src/heroku/metrics';
import type { Release } from '../../src/heroku/schemas';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is CommonJS
const { routerLine } = require('../../sandbox/lib/streamServer.js');

const T0 = Date.parse('2026-12-06T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000+00:00');
function router(at: number, body: string): string {
  return `${iso(at)} heroku[router]: ${body}`;
}
function request(at: number, status: number, service: number): string {
  return router(at, `at=info method=GET path="/api/orders" host=acme-api.herokuapp.com request_id=abc fwd="10.0.0.1" dyno=web.1 connect=1ms service=${service}ms status=${status} bytes=512 protocol=https`);
}

describe('router lines', () => {
  it('reads the time, status, service= and an error code', () => {
    assert.deepEqual(parseRouterLine(request(T0, 201, 37)), { at: T0, status: 201, serviceMs: 37 });
    const h12 = router(T0, 'at=error code=H12 desc="Request timeout" method=GET path="/slow" host=a.herokuapp.com dyno=web.2 connect=0ms service=30000ms status=503 bytes=0 protocol=https');
    assert.deepEqual(parseRouterLine(h12), { at: T0, status: 503, serviceMs: 30000, code: 'H12' });
    const h14 = router(T0, 'at=error code=H14 desc="No web processes running" method=GET path="/" host=a.herokuapp.com dyno= connect= service= status=503 bytes= protocol=https');
    assert.deepEqual(parseRouterLine(h14), { at: T0, status: 503, code: 'H14' });
  });

  it('a quoted path or header can never pose as a key', () => {
    const line = router(T0, 'at=info method=GET path="/x status=500 service=9ms code=H99 at=error" host=a dyno=web.1 connect=1ms service=12ms status=200 bytes=1 protocol=https');
    assert.deepEqual(parseRouterLine(line), { at: T0, status: 200, serviceMs: 12 });
    assert.equal(routerFields('a="b c" status=204 status=500').get('status'), undefined, 'a key given twice counts for neither');
  });

  it('a path with escaped quotes cannot pose as service= or status= (the hostile lines)', () => {
    const spoof = (path: string) => router(T0, `at=info method=GET path="${path}" host=a dyno=web.1 connect=1ms service=12ms status=200 bytes=1 protocol=https`);
    assert.deepEqual(parseRouterLine(spoof('/x\\" service=1234567ms status=5e2 \\"')), { at: T0, status: 200, serviceMs: 12 });
    assert.deepEqual(parseRouterLine(spoof('/x\\" status=500 service=9000ms at=error code=H12 \\"')), { at: T0, status: 200, serviceMs: 12 });
    assert.equal(routerFields('path="/a\\\\" status=204').get('status'), '204', 'an escaped backslash ends before the closing quote');
    assert.equal(routerFields('path="/a\\"b" status=204').get('path'), undefined, 'only the wanted keys are kept');
    // Unescaped quotes posing as the end of the path make the keys appear twice: neither counts.
    assert.deepEqual(parseRouterLine(spoof('/x" service=1234567ms status=500 x="')), { at: T0 });
  });

  it('only the router’s own number forms count: no hex, exponent, decimal, sign or padding', () => {
    const line = (status: string, service = '12ms') => router(T0, `at=info method=GET path="/" host=a dyno=web.1 connect=1ms service=${service} status=${status} bytes=1 protocol=https`);
    for (const bad of ['0x1f4', '5e2', '200.0', '" 200"', '"200 "', '+200', '0200', '20', '600', '099', ''])
      assert.equal(parseRouterLine(line(bad))?.status, undefined, `status=${bad}`);
    for (const bad of ['1e3ms', '0x10ms', '12.5ms', '" 12ms"', '-1ms', '12', 'ms', '12 ms'])
      assert.equal(parseRouterLine(line('200', bad))?.serviceMs, undefined, `service=${bad}`);
    assert.deepEqual(parseRouterLine(line('404', '0ms')), { at: T0, status: 404, serviceMs: 0 });
  });

  it('is not fooled by other lines: the app printing router-like text, the API, garbage', () => {
    assert.equal(parseRouterLine(`${iso(T0)} app[web.1]: at=info status=500 service=3ms`), undefined);
    assert.equal(parseRouterLine(`${iso(T0)} heroku[api]: Deploy 4f2a9c1 by a@b.c`), undefined);
    assert.equal(parseRouterLine('status=500 service=3ms'), undefined);
    assert.equal(parseRouterLine(`not-a-time heroku[router]: status=200`), undefined);
    assert.equal(parseRouterLine(router(T0, 'at=info status=999 service=abcms'))?.status, undefined);
    assert.equal(parseRouterLine(router(T0, `at=error code=X12 status=503`))?.code, undefined);
  });

  it('reads every line the sandbox writes for its busy app', () => {
    for (let i = 0; i < 500; i++) {
      const req = parseRouterLine(routerLine('acme-api'));
      assert.ok(req, 'a request');
      assert.ok(req.status === undefined || (req.status >= 200 && req.status < 600));
    }
  });
});

describe('live buckets', () => {
  it('percentiles are nearest-rank: exact below a second, within 1 % above', () => {
    assert.equal(percentile([], 50), undefined);
    assert.equal(percentile([5], 95), 5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
    const b = new LiveBuckets();
    const values = Array.from({ length: 200 }, (_, i) => (i * 37) % 900);
    for (const v of values) b.add(request(T0 + 1000, 200, v), T0 + 5000);
    const p = b.points(T0 + 5000).at(-1)!;
    assert.equal(p.p50, percentile(values, 50));
    assert.equal(p.p95, percentile(values, 95));
    const slow = new LiveBuckets();
    for (const v of [1200, 2500, 9000, 30000]) slow.add(request(T0, 200, v), T0);
    const q = slow.points(T0).at(-1)!;
    assert.ok(Math.abs(q.p95! - 30000) / 30000 <= 0.01, `p95 ${q.p95} within 1 % of 30000`);
    assert.ok(Math.abs(q.p50! - 2500) / 2500 <= 0.01, `p50 ${q.p50} within 1 % of 2500`);
    assert.equal(histogramPercentile(new Uint32Array(4), 0, 50), undefined);
  });

  it('buckets by each line’s own time: 10 s each, counts per class and code, requests per second', () => {
    const b = new LiveBuckets();
    const now = T0 + 25_000;
    b.add(request(T0 + 1_000, 200, 10), now);
    b.add(request(T0 + 9_999, 302, 20), now);
    b.add(request(T0 + 10_000, 404, 30), now);
    b.add(request(T0 + 21_000, 500, 40), now);
    b.add(router(T0 + 22_000, 'at=error code=H12 desc="Request timeout" method=GET path="/" host=a dyno=web.1 connect=0ms service=30000ms status=503 bytes=0 protocol=https'), now);
    b.add(`${iso(T0)} app[web.1]: hello`, now);
    const points = b.points(now);
    assert.equal(points.length, LIVE_BUCKETS);
    const [p0, p1, p2] = points.slice(-3);
    assert.deepEqual([p0!.start, p1!.start, p2!.start], [T0, T0 + BUCKET_MS, T0 + 2 * BUCKET_MS]);
    assert.deepEqual(p0!.classes, { '2xx': 1, '3xx': 1, '4xx': 0, '5xx': 0 });
    assert.equal(p0!.rps, 0.2);
    assert.deepEqual(p1!.classes, { '2xx': 0, '3xx': 0, '4xx': 1, '5xx': 0 });
    assert.deepEqual(p2!.classes, { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 2 });
    assert.deepEqual(p2!.codes, { H12: 1 });
    assert.equal(points[0]!.rps, 0, 'a bucket without requests is a zero');
    assert.equal(points[0]!.p50, undefined);
    assert.equal(b.lines, 6);
    assert.equal(b.requests, 5);
  });

  it('keeps only the window: older lines and buckets go, a line from the future is not counted', () => {
    const b = new LiveBuckets(3);
    b.add(request(T0, 200, 1), T0);
    b.add(request(T0 + 40_000, 200, 1), T0 + 40_000);
    assert.equal(b.add(request(T0 + 5_000, 200, 1), T0 + 40_000), undefined, 'older than the window');
    assert.equal(b.add(request(T0 + 10 * 60_000, 200, 1), T0 + 40_000), undefined, 'ten minutes ahead of our clock');
    const points = b.points(T0 + 40_000);
    assert.deepEqual(points.map((p) => p.start), [T0 + 20_000, T0 + 30_000, T0 + 40_000]);
    assert.deepEqual(points.map((p) => p.rps), [0, 0, 0.1]);
  });
});

describe('ranges', () => {
  const now = T0;
  it('each range at the step the service keeps it: 1 min, 10 min, 1 h, 2 h', () => {
    assert.deepEqual(metricsWindow('1h', now), { range: '1h', start: now - RANGE_MS['1h'], end: now, step: '1m', narrowed: false });
    assert.equal(metricsWindow('24h', now).step, '10m');
    assert.equal(metricsWindow('72h', now).step, '1h');
    assert.equal(metricsWindow('7d', now).step, '2h');
    assert.equal(pointsIn(metricsWindow('1h', now)), 61);
    assert.equal(pointsIn(metricsWindow('7d', now)), 85);
  });

  it('the window says the step the service answered: a 1m refused and answered at 10m', () => {
    assert.equal(answeredStep('1m', ['1m', '10m', '1m']), '10m');
    assert.equal(answeredStep('1m', ['1m']), '1m');
    assert.equal(answeredStep('2h', []), '2h');
  });

  it('Basic dynos: at most the last 24 hours, at 10 minutes', () => {
    assert.deepEqual(metricsWindow('7d', now, true), { range: '7d', start: now - RANGE_MS['24h'], end: now, step: '10m', narrowed: true });
    assert.deepEqual(metricsWindow('72h', now, true).narrowed, true);
    assert.deepEqual(metricsWindow('1h', now, true), { range: '1h', start: now - RANGE_MS['1h'], end: now, step: '10m', narrowed: false });
  });
});

describe('release markers', () => {
  const release = (version: number, description: string, minutesAgo: number, status = 'succeeded'): Release =>
    ({ id: `r${version}`, version, description, status, current: false, created_at: new Date(T0 - minutesAgo * 60_000).toISOString() }) as Release;

  it('deploys, rollbacks and config changes in the window, oldest first; others and failed ones left out', () => {
    const releases = [
      release(5, 'Set FEATURE_X config vars', 30),
      release(4, 'Deploy 4f2a9c1', 90),
      release(6, 'Rollback to v4', 10),
      release(7, 'Attach DATABASE (@ref:postgresql-1)', 5),
      release(8, 'Deploy 9b1e77d', 3, 'failed'),
      release(3, 'Deploy 0000000', 60 * 30),
      release(9, 'Remove OLD config vars', -120),
    ];
    assert.deepEqual(
      releaseMarkers(releases, T0 - 3_600_000 * 2, T0).map((m) => [m.version, m.kind, m.at]),
      [[4, 'deploy', T0 - 90 * 60_000], [5, 'config', T0 - 30 * 60_000], [6, 'rollback', T0 - 10 * 60_000]],
    );
  });

  it('a long description is cut to 200 units without splitting an emoji', () => {
    const [m] = releaseMarkers([release(4, `Deploy ${'x'.repeat(192)}🚀🚀`, 1)], T0 - 3_600_000, T0);
    assert.equal(m!.description, `Deploy ${'x'.repeat(192)}`, 'the emoji across the cut is left out whole');
    assert.doesNotMatch(m!.description, /[\uD800-\uDBFF]$/, 'no half of a pair at the end');
  });

  it('reads the kind from Heroku’s descriptions', () => {
    assert.equal(markerKind('Deploy 4f2a9c1'), 'deploy');
    assert.equal(markerKind('Promote acme-api-staging v31'), 'deploy');
    assert.equal(markerKind('Rollback to v12'), 'rollback');
    assert.equal(markerKind('Set FOO, BAR config vars'), 'config');
    assert.equal(markerKind('Update config vars'), 'config');
    assert.equal(markerKind('Initial release'), undefined);
  });
});

describe('charts from the metrics service', () => {
  const series = (data: Record<string, Array<number | null>>, step: MetricsSeries['step'] = '10m'): MetricsSeries => ({ start: T0, end: T0 + 3_600_000, step, series: new Map(Object.entries(data)) });

  it('throughput sums status codes (or status_Nxx keys) into the four classes', () => {
    assert.equal(statusClassOf('200'), '2xx');
    assert.equal(statusClassOf('status_5xx'), '5xx');
    assert.equal(statusClassOf('100'), undefined);
    assert.equal(statusClassOf('__proto__'), undefined);
    const c = throughputChart(series({ '200': [10, 20, null], '201': [1, null, null], '404': [0, 2, null], '503': [null, 1, null], other: [99, 99, 99] }));
    assert.deepEqual(c.times, [T0, T0 + 600_000, T0 + 1_200_000]);
    assert.deepEqual(Object.fromEntries(c.series.map((s) => [s.label, s.values])), { '2xx': [11, 20, null], '3xx': [0, 0, 0], '4xx': [0, 2, null], '5xx': [null, 1, null] });
    assert.equal(c.empty, undefined);
    const byClass = throughputChart(series({ status_2xx: [5], status_5xx: [1] }));
    assert.deepEqual(byClass.series.map((s) => s.values[0]), [5, 0, 0, 1]);
  });

  it('an answer without traffic, or without points, says so', () => {
    assert.equal(throughputChart(series({ '200': [0, 0], '500': [null, 0] })).empty, whyText('no-traffic'));
    assert.equal(throughputChart(series({})).empty, whyText('no-data'));
    assert.equal(latencyChart(series({ 'latency.ms.p50': [null, null] })).empty, whyText('no-traffic'));
  });

  it('latency p50/p95/p99, memory in MB against the quota, load or CPU: known keys named, others charted as they are', () => {
    const l = latencyChart(series({ 'latency.ms.p99': [300], 'latency.ms.p50': [20], 'latency.ms.p95': [120] }));
    assert.deepEqual(l.series.map((s) => [s.label, s.values[0]]), [['p50', 20], ['p95', 120], ['p99', 300]]);
    const MB = 1024 * 1024;
    const m = memoryChart('worker', series({ 'memory.used.bytes.mean': [256 * MB], 'memory.used.bytes.max': [300 * MB], 'memory.swap-plus-rss.bytes.max': [600 * MB], 'memory.quota.bytes.max': [512 * MB], 'memory.cache.bytes': [10 * MB] }));
    assert.equal(m.id, 'memory:worker');
    assert.deepEqual(m.series.map((s) => [s.role, s.values[0]]), [['rss', 256], ['swap', 600], ['quota', 512], ['other', 10]]);
    const load = loadChart('web', series({ 'load.avg.1m.mean': [0.5], 'load.avg.1m.max': [1.5] }));
    assert.deepEqual([load.unit, load.series.map((s) => s.role)], ['load', ['mean', 'max']]);
    const cpu = loadChart('web', series({ 'cpu.usage.percent.mean': [12], 'cpu.usage.percent.max': [40] }));
    assert.equal(cpu.unit, 'percent');
  });

  it('errors by code over the router and each type’s dynos, point by point; none is said', () => {
    const router = series({ H12: [1, 0, 2], H13: [0, 0, 1], '200': [5, 5, 5] });
    const worker = series({ R14: [null, 3, 0] });
    const e = errorsChart([router, worker]);
    assert.deepEqual(e.series.map((s) => [s.label, s.values]), [['H12', [1, 0, 2]], ['H13', [0, 0, 1]], ['R14', [0, 3, 0]]]);
    assert.equal(errorsChart([series({ H12: [0, 0] })]).empty, whyText('no-errors'));
    assert.equal(errorsChart([series({ '200': [3] })]).empty, whyText('no-errors'));
  });

  it('a chart with nothing to draw always says why: Eco, Fir, no web dynos', () => {
    for (const why of ['eco', 'fir', 'no-web', 'no-dynos'] as const) {
      const c = emptyChart('throughput', 'T', 'requests', why);
      assert.equal(c.empty, whyText(why));
      assert.ok(c.empty.length > 10);
    }
    assert.match(whyText('eco'), /Eco/);
    assert.match(whyText('fir'), /Fir/);
    assert.match(whyText('no-web'), /web dynos/);
  });

  it('live charts: requests per second by class, service= p50 and p95, codes; a quiet window says so', () => {
    const b = new LiveBuckets();
    const quiet = liveCharts(b.points(T0));
    assert.equal(quiet.length, 3);
    for (const c of quiet) assert.match(c.empty ?? '', /No requests/);
    b.add(request(T0, 200, 40), T0);
    b.add(router(T0, 'at=error code=H13 desc="x" method=GET path="/" host=a dyno=web.1 connect=0ms service=3ms status=503 bytes=0 protocol=https'), T0);
    const [rps, latency, errors] = liveCharts(b.points(T0));
    assert.deepEqual(rps!.series.map((s) => [s.label, s.values.at(-1)]), [['all', 0.2], ['2xx', 0.1], ['3xx', 0], ['4xx', 0], ['5xx', 0.1]]);
    assert.deepEqual(latency!.series.map((s) => s.values.at(-1)), [3, 40]);
    assert.deepEqual(errors!.series.map((s) => [s.label, s.values.at(-1)]), [['H13', 1]]);
    assert.equal(rps!.empty, undefined);
  });
});

describe('series styles', () => {
  it('every series of a chart has a dash of its own, so colour never tells two apart alone', () => {
    const key = (d: readonly number[]) => JSON.stringify(d);
    assert.equal(new Set(DASHES.map(key)).size, DASHES.length, 'the dashes are all different');
    assert.deepEqual(seriesDash(0), [], 'the first is solid');
    const b = new LiveBuckets();
    for (const code of ['H10', 'H12', 'H13', 'H14', 'H15', 'H18'])
      b.add(router(T0, `at=error code=${code} desc="x" method=GET path="/" host=a dyno=web.1 connect=0ms service=3ms status=503 bytes=0 protocol=https`), T0);
    b.add(request(T0, 200, 40), T0);
    const series = (data: Record<string, number[]>): MetricsSeries => ({ start: T0, end: T0, step: '10m', series: new Map(Object.entries(data)) });
    const charts = [...liveCharts(b.points(T0)), throughputChart(series({ '200': [1], '301': [1], '404': [1], '503': [1] })), latencyChart(series({ 'latency.ms.p50': [1], 'latency.ms.p95': [2], 'latency.ms.p99': [3] }))];
    for (const c of charts) {
      assert.ok(c.series.length > 1, `${c.id} has several series`);
      assert.equal(new Set(c.series.map((_, i) => key(seriesDash(i)))).size, c.series.length, `${c.id}: each series its own dash`);
    }
  });
});

describe('the page’s messages', () => {
  it('accepts each message the page sends, and nothing malformed', () => {
    for (const m of [{ type: 'ready' }, { type: 'setRange', range: '7d' }, { type: 'openDashboard' }, { type: 'showRelease', version: 12 }]) assert.ok(InboundSchema.safeParse(m).success, JSON.stringify(m));
    for (const m of [{ type: 'setRange', range: '30d' }, { type: 'showRelease', version: 1.5 }, { type: 'showRelease', version: '12' }, { type: 'openUrl', url: 'https://evil' }, { type: 'openDashboard', url: 'https://evil' }, null, 'ready', { type: '__proto__' }]) assert.equal(InboundSchema.safeParse(m).success, false, JSON.stringify(m));
  });
});
