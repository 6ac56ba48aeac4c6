// The metrics client (src/heroku/metrics.ts): the host allow-list no path or input can get
// around, tolerant reading of hostile series, the 400 → 10m retry, "unsupported" as an
// answer; end to end over the in-process sandbox's metrics service.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HerokuClient, METRICS_HOSTS, MetricsClient, MetricsUrlError, metricsUrl, readSeries, totals, type MetricsHost, type MetricsRoute } from '../../src/heroku';
import { ApiError, RateLimitedError, UnexpectedOutputError, type ProxyRequest, type ProxyResponse } from '../../src/membrane';
import { CONNECTION_ID, makeSandbox, type TestSandbox } from '../helpers/sandbox';

const APP = '403821d6-c3ef-432e-a92b-f61c4e4d5f09'; // acme-api in the default world
const HOUR = 3_600_000;

const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));
function client(knobs: Record<string, string> = {}) {
  const b = makeSandbox({ mode: 'in-process', knobs });
  boxes.push(b);
  return { b, heroku: new HerokuClient({ api: b.api, connectionId: CONNECTION_ID }) };
}

/** A MetricsClient whose proxy records each request and answers from `answer`. */
function recording(answer: (req: ProxyRequest) => ProxyResponse | Promise<ProxyResponse>) {
  const sent: ProxyRequest[] = [];
  const metrics = new MetricsClient(async (req) => {
    sent.push(req);
    return answer(req);
  });
  return { sent, metrics };
}
const ok = (data: unknown, extra: Record<string, unknown> = {}): ProxyResponse => ({ status: 200, headers: {}, body: { start_time: '2026-12-01T00:00:00Z', end_time: '2026-12-01T01:00:00Z', step: 10, data, ...extra }, enveloped: true });
const window = { start: Date.now() - HOUR, end: Date.now(), step: '1m' as const };

describe('metrics URLs: the host is never chosen by input', () => {
  it('builds full URLs on the two allow-listed hosts only', () => {
    assert.equal(metricsUrl('api.metrics.heroku.com', APP, { scope: 'router', metric: 'status' }), `https://api.metrics.heroku.com/apps/${APP}/router-metrics/status`);
    assert.equal(metricsUrl('api.metrics.herokai.com', APP, { scope: 'formation', type: 'web', metric: 'memory' }), `https://api.metrics.herokai.com/apps/${APP}/formation/web/metrics/memory`);
    assert.deepEqual([...METRICS_HOSTS], ['api.metrics.heroku.com', 'api.metrics.herokai.com']);
    for (const host of ['evil.com', 'api.metrics.heroku.com.evil.com', 'api.metrics.heroku.com@evil.com', 'api.heroku.com', 'API.METRICS.HEROKU.COM:444']) {
      assert.throws(() => metricsUrl(host as MetricsHost, APP, { scope: 'router', metric: 'status' }), MetricsUrlError, host);
    }
  });

  it('an app id, a process type or a metric can never move the request off the host', () => {
    const hostileIds = ['//evil.com/', '@evil.com', '../../evil', `${APP}/../../x`, `${APP}%2F..%2F`, 'acme-api', `${APP}?x=1`, `${APP}#`, 'evil.com%2f', '%2F%2Fevil.com', `https://evil.com/${APP}`];
    for (const id of hostileIds) assert.throws(() => metricsUrl('api.metrics.heroku.com', id, { scope: 'router', metric: 'status' }), MetricsUrlError, id);
    const hostileTypes = ['//evil.com/', '@evil.com', '..', 'web/../../x', 'web%2F..', 'web?x', 'web#x', 'web.1', '', 'a'.repeat(65), 'wéb', 'web\n'];
    for (const type of hostileTypes) assert.throws(() => metricsUrl('api.metrics.heroku.com', APP, { scope: 'formation', type, metric: 'memory' }), MetricsUrlError, JSON.stringify(type));
    assert.throws(() => metricsUrl('api.metrics.heroku.com', APP, { scope: 'router', metric: '../x' } as unknown as MetricsRoute), MetricsUrlError);
    assert.throws(() => metricsUrl('api.metrics.heroku.com', APP, { scope: 'formation', type: 'web', metric: '@evil.com' } as unknown as MetricsRoute), MetricsUrlError);
  });

  it('the client sends only what it built: its host, and query values as query parameters', async () => {
    const { sent, metrics } = recording(() => ok({}));
    await metrics.read(APP, { scope: 'formation', type: 'worker', metric: 'load' }, { ...window, step: '10m', processType: 'worker' });
    assert.equal(sent.length, 1);
    const url = new URL(sent[0]!.path);
    assert.equal(url.origin, 'https://api.metrics.heroku.com');
    assert.equal(sent[0]!.method, 'GET');
    assert.deepEqual(Object.keys(sent[0]!.query!).sort(), ['end_time', 'process_type', 'start_time', 'step']);
    await assert.rejects(metrics.read('//evil.com/', { scope: 'router', metric: 'status' }, window), MetricsUrlError);
    await assert.rejects(metrics.read(APP, { scope: 'router', metric: 'status' }, { ...window, processType: '../evil' }), MetricsUrlError);
    await assert.rejects(metrics.read(APP, { scope: 'router', metric: 'status' }, { ...window, step: '5m' as '1m' }), MetricsUrlError);
    await assert.rejects(metrics.read(APP, { scope: 'router', metric: 'status' }, { ...window, start: NaN }), MetricsUrlError);
    await assert.rejects(metrics.read(APP, { scope: 'router', metric: 'status' }, { ...window, start: 1e20, end: 2e20 }), MetricsUrlError);
    await assert.rejects(metrics.read(APP, { scope: 'router', metric: 'status' }, { ...window, start: window.end + 1 }), MetricsUrlError);
    assert.equal(sent.length, 1);
  });
});

describe('metrics answers read tolerantly', () => {
  const asked = { start: 0, end: 1, step: '10m' as const };

  it('keeps hostile keys as data (a Map), never on a prototype', () => {
    const body = JSON.parse('{"data": {"__proto__": [1, 2], "constructor": [3], "toString": [4], "200": [5, null]}}') as unknown;
    const s = readSeries(body, asked);
    assert.deepEqual([...s.series.keys()].sort(), ['200', '__proto__', 'constructor', 'toString']);
    assert.deepEqual(s.series.get('__proto__'), [1, 2]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    assert.deepEqual(totals(s.series).get('__proto__'), 3);
  });

  it('non-finite, huge, non-numeric values are null; non-array series, control-character and overlong keys are dropped', () => {
    const s = readSeries({ data: { a: [1, '2', null, true, 1e300, -1e16, 1e15, { x: 1 }, NaN, Infinity], b: 'nope', c: { 0: 1 }, 'd\u0000e': [1], 'f\u202eg': [1], ['k'.repeat(121)]: [1], 'latency.ms.p50': [] } }, asked);
    assert.deepEqual(s.series.get('a'), [1, null, null, null, null, null, 1e15, null, null, null]);
    assert.deepEqual([...s.series.keys()].sort(), ['a', 'latency.ms.p50']);
  });

  it('bounds the number of series and points', () => {
    const data: Record<string, number[]> = {};
    for (let i = 0; i < 500; i++) data[`s${i}`] = [i];
    assert.equal(readSeries({ data }, asked).series.size, 200);
    assert.equal(readSeries({ data: { big: new Array(50_000).fill(1) } }, asked).series.get('big')!.length, 20_000);
  });

  it('times from the answer when readable, else the ones asked; data that is not an object is unexpected output', () => {
    const s = readSeries({ start_time: '2026-12-01T00:00:00Z', end_time: 'garbage', data: {} }, { start: 5, end: 9, step: '1h' });
    assert.equal(s.start, Date.parse('2026-12-01T00:00:00Z'));
    assert.equal(s.end, 9);
    assert.equal(s.step, '1h');
    for (const body of [null, [], 'text', { data: [] }, { data: null }, { nodata: {} }]) assert.throws(() => readSeries(body, asked), UnexpectedOutputError);
  });
});

describe('metrics client: retries and unsupported answers', () => {
  it('a 400 on 1m is asked once more at 10m; a 400 on 10m throws', async () => {
    const { sent, metrics } = recording((req) => (req.query!.step === '1m' ? { status: 400, headers: {}, body: { id: 'bad_request', message: 'Basic' }, enveloped: true } : ok({ H12: [1] })));
    const a = await metrics.read(APP, { scope: 'router', metric: 'errors' }, window);
    assert.equal(a.kind, 'ok');
    assert.equal(a.kind === 'ok' && a.value.step, '10m');
    assert.deepEqual(sent.map((r) => r.query!.step), ['1m', '10m']);
    const refusing = recording(() => ({ status: 400, headers: {}, body: { id: 'bad_request', message: 'no' }, enveloped: true }));
    await assert.rejects(refusing.metrics.read(APP, { scope: 'router', metric: 'errors' }, window), (e: unknown) => e instanceof ApiError && e.status === 400);
    assert.equal(refusing.sent.length, 2);
  });

  it('401, 403, 404 and a CLI that refuses full URLs are "unsupported"; 500 and other failures throw', async () => {
    for (const [status, reason] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not-found']] as const) {
      const { metrics } = recording(() => ({ status, headers: {}, body: { id: 'x', message: 'nope' }, enveloped: true }));
      assert.deepEqual(await metrics.read(APP, { scope: 'router', metric: 'status' }, window), { kind: 'unsupported', reason, message: 'nope' });
    }
    const refused = recording(() => {
      throw new ApiError(undefined, 'invalid_input', 'Only paths are supported.', 'membrane');
    });
    assert.deepEqual(await refused.metrics.read(APP, { scope: 'router', metric: 'status' }, window), { kind: 'unsupported', reason: 'refused', message: 'Only paths are supported.' });
    const broken = recording(() => ({ status: 500, headers: {}, body: { id: 'internal', message: 'boom' }, enveloped: true }));
    await assert.rejects(broken.metrics.read(APP, { scope: 'router', metric: 'status' }, window), (e: unknown) => e instanceof ApiError && e.status === 500);
    const heroku = recording(() => {
      throw new ApiError(404, 'not_found', 'gone', 'heroku');
    });
    await assert.rejects(heroku.metrics.read(APP, { scope: 'router', metric: 'status' }, window), ApiError);
    // Membrane's own errors about the connection stay failures (not "unsupported").
    const lost = recording(() => {
      throw new ApiError(undefined, 'not_found', "Connection with id 'x' not found", 'membrane');
    });
    await assert.rejects(lost.metrics.read(APP, { scope: 'router', metric: 'status' }, window), ApiError);
  });

  it('end to end over the sandbox: series, the Basic retry, and each knob an answer', async () => {
    const { b, heroku } = client();
    await b.client.ensureConnection();
    const calls = b.calls.length;
    const status = await heroku.metrics.read(APP, { scope: 'router', metric: 'status' }, { start: Date.now() - 24 * HOUR, end: Date.now(), step: '10m' });
    assert.equal(status.kind, 'ok');
    assert.ok(status.kind === 'ok' && (totals(status.value.series).get('200') ?? 0) > 0);
    // Through the account's client: Heroku's Accept header, the full URL on the metrics host.
    const argv = b.calls.slice(calls).map((c) => c.args.join(' ')).join('\n');
    assert.match(argv, /application\/vnd\.heroku\+json; version=3/);
    assert.match(argv, /https:\/\/api\.metrics\.heroku\.com\/apps\//);
    const basic = await heroku.metrics.read('6cb75a7d-4b47-4e1b-a38b-297b7fd89d54', { scope: 'router', metric: 'status' }, window);
    assert.equal(basic.kind === 'ok' && basic.value.step, '10m');
    // Not connected: a failure, not an answer.
    const { heroku: unconnected } = client();
    await assert.rejects(unconnected.metrics.read(APP, { scope: 'router', metric: 'errors' }, window), ApiError);
    for (const [knob, reason] of [['unsupported', 'refused'], ['401', 'unauthorized'], ['403', 'forbidden'], ['404', 'not-found']] as const) {
      const c = client({ MEMBRANE_SANDBOX_METRICS: knob });
      await c.b.client.ensureConnection();
      const a = await c.heroku.metrics.read(APP, { scope: 'router', metric: 'errors' }, window);
      assert.equal(a.kind === 'unsupported' && a.reason, reason, knob);
    }
  });

  it("a 429 from the metrics service is the account's rate limit: the client's own back-off waits and retries, then names it", async () => {
    // The sandbox's metrics host answers 429 (Retry-After: 2) to every request.
    const b = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_METRICS: '429' } });
    boxes.push(b);
    const waits: number[] = [];
    const limited: Array<{ attempt: number; waitMs: number }> = [];
    const heroku = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID, maxRetries: 2, sleep: async (ms) => void waits.push(ms), onRateLimit: (i) => limited.push(i) });
    await b.client.ensureConnection();
    const before = b.calls.length;
    await assert.rejects(heroku.metrics.read(APP, { scope: 'router', metric: 'errors' }, window), RateLimitedError);
    assert.equal(b.calls.length - before, 3, 'the first request and two retries');
    assert.deepEqual(waits, [2000, 2000], "the service's Retry-After, waited twice");
    assert.deepEqual(limited.map((l) => l.attempt), [1, 2], 'each wait is told (the log says so)');
    assert.equal(heroku.rateLimitRemaining, 0);

    // A 429 followed by an answer: the retry reads it, and the caller never sees the limit.
    let first = true;
    const fake = new HerokuClient({
      connectionId: CONNECTION_ID,
      sleep: async () => undefined,
      api: {
        runAction: async () => assert.fail('no action'),
        request: async (_id, req, opts) => {
          assert.equal(opts?.allowErrorStatus, true, 'other statuses still come back as answers');
          if (first) {
            first = false;
            return { status: 429, headers: {}, body: { id: 'rate_limit', message: 'slow down' }, enveloped: true };
          }
          return ok({ H12: [2] });
        },
      },
    });
    const a = await fake.metrics.read(APP, { scope: 'router', metric: 'errors' }, window);
    assert.equal(a.kind === 'ok' && a.value.series.get('H12')?.[0], 2);
  });
});
