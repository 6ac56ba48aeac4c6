// The sandbox's metrics service: Heroku's two metrics hosts by full URL through both proxy
// transports, series made from the world (the same minute, the same numbers), Heroku's
// resolution rules, Eco and Fir apps, and the knobs (refused full URLs, 401/403/404, slow).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, type TransportName } from '../../src/membrane';
import { CONNECTION_ID, makeSandbox, type TestSandbox } from '../helpers/sandbox';

const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));
function box(knobs: Record<string, string> = {}, transport: TransportName = 'request') {
  const b = makeSandbox({ knobs, transport });
  boxes.push(b);
  return b;
}

interface Answer {
  start_time: string;
  end_time: string;
  step: number;
  data: Record<string, Array<number | null>>;
}

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function appId(b: TestSandbox, name: string): string {
  return (b.world().apps as Array<{ id: string; name: string }>).find((a) => a.name === name)!.id;
}

async function metrics(b: TestSandbox, url: string, query: Record<string, string>) {
  const res = await b.api.request(CONNECTION_ID, { method: 'GET', path: url, query, headers: { Accept: 'application/vnd.heroku+json; version=3' } }, { allowErrorStatus: true });
  return { status: res.status, body: res.body as Answer & { id?: string } };
}

function window(hours: number, step: string) {
  const end = Date.now();
  return { start_time: iso(end - hours * 60 * MIN), end_time: iso(end), step };
}

const sum = (xs: Array<number | null> | undefined) => (xs ?? []).reduce<number>((n, x) => n + (x ?? 0), 0);

describe('sandbox metrics service', () => {
  for (const transport of ['request', 'act'] as const) {
    it(`answers both hosts by full URL through ${transport}, one point per step, the end included`, async () => {
      const b = box({}, transport);
      await b.client.ensureConnection();
      const api = appId(b, 'acme-api');
      for (const host of ['api.metrics.heroku.com', 'api.metrics.herokai.com']) {
        const q = window(24, '10m');
        const { status, body } = await metrics(b, `https://${host}/apps/${api}/router-metrics/status`, q);
        assert.equal(status, 200);
        assert.equal(body.step, 10);
        const start = Date.parse(body.start_time);
        assert.equal(start % (10 * MIN), 0);
        const points = Math.floor((Date.parse(q.end_time) - start) / (10 * MIN)) + 1;
        assert.ok(Object.keys(body.data).includes('200'));
        for (const values of Object.values(body.data)) assert.equal(values.length, points);
      }
    });
  }

  it('makes the same series for the same minute on every call, from the world', async () => {
    const b = box();
    await b.client.ensureConnection();
    const api = appId(b, 'acme-api');
    const q = window(2, '1m');
    const one = await metrics(b, `https://api.metrics.heroku.com/apps/${api}/router-metrics/latency`, q);
    const two = await metrics(b, `https://api.metrics.heroku.com/apps/${api}/router-metrics/latency`, q);
    assert.deepEqual(one.body.data, two.body.data);
    assert.deepEqual(Object.keys(one.body.data).sort(), ['latency.ms.p50', 'latency.ms.p95', 'latency.ms.p99']);
    const p50 = one.body.data['latency.ms.p50']!;
    const p99 = one.body.data['latency.ms.p99']!;
    assert.ok(p50.every((v, i) => v !== null && v <= p99[i]!));
    // Three web dynos take more traffic than one.
    const web = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-web')}/router-metrics/status`, q);
    const all = await metrics(b, `https://api.metrics.heroku.com/apps/${api}/router-metrics/status`, q);
    assert.ok(sum(Object.values(all.body.data).flat()) > sum(Object.values(web.body.data).flat()));
  });

  it('H10 while every web dyno is crashed; R14 on the climbing dyno; R10 for a crashed one', async () => {
    const b = box();
    await b.client.ensureConnection();
    const crashed = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-labs-ml')}/router-metrics/errors`, window(24, '10m'));
    assert.ok(sum(crashed.body.data.H10) > 100);
    const worker = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-worker')}/formation/worker/metrics/errors`, window(24, '10m'));
    assert.ok(sum(worker.body.data.R14) > 0, JSON.stringify(worker.body.data));
    assert.ok(sum(worker.body.data.R10) >= 23);
    const memory = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-worker')}/formation/worker/metrics/memory`, window(24, '10m'));
    const quota = memory.body.data['memory.quota.bytes.max']![0]!;
    assert.equal(quota, 512 * 1024 * 1024);
    assert.ok(memory.body.data['memory.used.bytes.max']!.some((v) => v! > quota));
    const clock = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-worker')}/formation/clock/metrics/errors`, window(24, '10m'));
    assert.equal(clock.body.data.R14, undefined);
  });

  it('a burst of H12 and H13 follows the latest release', async () => {
    const b = box();
    await b.client.ensureConnection();
    const url = `https://api.metrics.heroku.com/apps/${appId(b, 'acme-web')}/router-metrics/errors`;
    const before = await metrics(b, url, window(1, '1m'));
    await b.api.request(CONNECTION_ID, { method: 'PATCH', path: '/apps/acme-web/config-vars', body: { BURST: '1' } });
    const afterRelease = await metrics(b, url, { ...window(1, '1m'), end_time: iso(Date.now() + 5 * MIN) });
    assert.ok(sum(afterRelease.body.data.H13) >= 4, JSON.stringify(afterRelease.body.data));
    assert.ok(sum(afterRelease.body.data.H12) > sum(before.body.data.H12));
  });

  it('Heroku’s resolutions: 1m for 2 hours only, never for Basic dynos; 7 days at most; bad times are 400', async () => {
    const b = box();
    await b.client.ensureConnection();
    const basic = `https://api.metrics.heroku.com/apps/${appId(b, 'acme-api-pr-142')}/router-metrics/status`;
    assert.equal((await metrics(b, basic, window(1, '1m'))).status, 400);
    assert.equal((await metrics(b, basic, window(24, '10m'))).status, 200);
    const api = `https://api.metrics.heroku.com/apps/${appId(b, 'acme-api')}/router-metrics/status`;
    assert.equal((await metrics(b, api, window(24, '1m'))).status, 400);
    assert.equal((await metrics(b, api, window(24 * 8, '2h'))).status, 400);
    assert.equal((await metrics(b, api, window(24 * 7, '2h'))).status, 200);
    assert.equal((await metrics(b, api, { ...window(1, '1m'), start_time: 'yesterday' })).status, 400);
    assert.equal((await metrics(b, api, { ...window(1, '1m'), step: '5m' })).status, 400);
  });

  it('an app by name answers empty data, an unknown id or type 404; Eco has no metrics; Fir memory and CPU only', async () => {
    const b = box({ MEMBRANE_SANDBOX_METRICS_FIR: 'acme-web' });
    await b.client.ensureConnection();
    const q = window(24, '10m');
    assert.deepEqual((await metrics(b, 'https://api.metrics.heroku.com/apps/acme-api/router-metrics/status', q)).body.data, {});
    assert.equal((await metrics(b, 'https://api.metrics.heroku.com/apps/00000000-0000-4000-a000-000000000000/router-metrics/status', q)).status, 404);
    assert.equal((await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-api')}/formation/nope/metrics/memory`, q)).status, 404);
    const eco = appId(b, 'alex-playground');
    assert.deepEqual((await metrics(b, `https://api.metrics.heroku.com/apps/${eco}/router-metrics/status`, q)).body.data, {});
    assert.deepEqual((await metrics(b, `https://api.metrics.heroku.com/apps/${eco}/formation/web/metrics/memory`, q)).body.data, {});
    const fir = appId(b, 'acme-web');
    const firApp = (await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-web' })).body as { generation?: { name: string } };
    assert.equal(firApp.generation?.name, 'fir');
    const other = (await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-api' })).body as { generation?: { name: string } };
    assert.equal(other.generation, undefined);
    assert.deepEqual((await metrics(b, `https://api.metrics.heroku.com/apps/${fir}/router-metrics/status`, q)).body.data, {});
    assert.ok((await metrics(b, `https://api.metrics.heroku.com/apps/${fir}/formation/web/metrics/memory`, q)).body.data['memory.used.bytes.mean']);
    assert.deepEqual(Object.keys((await metrics(b, `https://api.metrics.heroku.com/apps/${fir}/formation/web/metrics/load`, q)).body.data).sort(), ['cpu.usage.percent.max', 'cpu.usage.percent.mean']);
  });

  it('status by class with MEMBRANE_SANDBOX_METRICS_STATUS_KEYS=class', async () => {
    const b = box({ MEMBRANE_SANDBOX_METRICS_STATUS_KEYS: 'class' });
    await b.client.ensureConnection();
    const { body } = await metrics(b, `https://api.metrics.heroku.com/apps/${appId(b, 'acme-api')}/router-metrics/status`, window(24, '10m'));
    assert.deepEqual(Object.keys(body.data).sort(), ['status_2xx', 'status_3xx', 'status_4xx', 'status_5xx']);
  });

  it('knobs: full URLs refused by the CLI, 401/403/404 from the host, slow answers; other hosts are never served', async () => {
    const refused = box({ MEMBRANE_SANDBOX_METRICS: 'unsupported' });
    await refused.client.ensureConnection();
    const url = `https://api.metrics.heroku.com/apps/${appId(refused, 'acme-api')}/router-metrics/status`;
    await assert.rejects(metrics(refused, url, window(24, '10m')), (e: unknown) => e instanceof ApiError && e.source === 'membrane');
    // Paths on the Platform API still work.
    assert.equal((await refused.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-api' })).status, 200);
    for (const status of ['401', '403', '404']) {
      const b = box({ MEMBRANE_SANDBOX_METRICS: status });
      await b.client.ensureConnection();
      assert.equal((await metrics(b, url, window(24, '10m'))).status, Number(status));
    }
    const slow = box({ MEMBRANE_SANDBOX_METRICS_MS: '1500' });
    await slow.client.ensureConnection();
    const t0 = Date.now();
    assert.equal((await metrics(slow, url, window(24, '10m'))).status, 200);
    assert.ok(Date.now() - t0 >= 1500);
    const other = await slow.api.request(CONNECTION_ID, { method: 'GET', path: `https://api.metrics.heroku.com.evil.example/apps/${appId(slow, 'acme-api')}/router-metrics/status` }, { allowErrorStatus: true });
    assert.equal(other.status, 404);
  });
});
