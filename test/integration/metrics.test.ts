// Show Metrics in a real extension host against the sandbox: Heroku's metrics for a range
// with release markers (one shows its release), the live charts from the router log (the
// stream stops with the panel), the metrics service refused (the page says so once, with
// the Dashboard button, and no error toast), an Eco app and a Fir app (each empty chart
// says why), closing the panel during a load (its requests stop, nothing is said), a failed
// range asked again, loads queued for the range already shown dropped, and malformed
// messages from the page ignored.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { MetricsPanel } from '../../src/metrics/panel';
import { SANDBOX_BIN, connectFresh, liveSandboxProcesses, logSessionsClosed, logSessionsOpened, scenario, scriptPrompts, useExtension, waitFor, type PromptScript } from './helpers';

/** A router line in the app's log, as Heroku's router writes it. */
function routerLine(app: string, status: number, serviceMs: number, error = ''): void {
  const message = `${error ? `at=error code=${error} desc="x"` : 'at=info'} method=GET path="/api" host=${app}.herokuapp.com request_id=r1 fwd="10.0.0.1" dyno=web.1 connect=1ms service=${serviceMs}ms status=${status} bytes=100 protocol=https`;
  execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'log', app, message, '--dyno=router', '--source=heroku'], { env: process.env });
}

suite('metrics panel', () => {
  let api: ExtensionApi;
  let prompts: PromptScript;
  let opened: string[];
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    fs.rmSync(path.join(process.env.MEMBRANE_SANDBOX_HOME!, 'logs'), { recursive: true, force: true });
    api.explorer.reloadAll();
    prompts = scriptPrompts(api);
    opened = [];
    api.prompts.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
  });

  teardown(async () => {
    (await api.metrics()).dispose();
    await waitFor('every router log stream closed', () => logSessionsClosed() >= logSessionsOpened());
    scenario({});
  });

  /** Show Metrics from the palette, the app picked; resolves once the first metrics answer reached the page. */
  async function open(app: string): Promise<MetricsPanel> {
    prompts.picks = [app];
    await vscode.commands.executeCommand('herokuMembrane.showMetrics');
    const panel = (await api.metrics()).get(app);
    assert.ok(panel, `the panel of ${app} opened`);
    await panel.loaded;
    return panel;
  }
  const metricsOf = (app: string) => api.testing.lastMetricsPosted(app, 'metrics');
  const chartOf = (app: string, id: string) => metricsOf(app)?.charts.find((c) => c.id === id);

  test('Heroku’s metrics: every chart of a web app drawn, release markers, a marker shows its release, a range at its step; one panel per app', async () => {
    // A config change now: a release inside every range.
    const heroku = api.manager.requireHeroku();
    const base = await heroku.getConfigVars('acme-api');
    const result = await heroku.updateConfigVars('acme-api', base, { ...base, METRICS_TEST: 'on' });
    assert.equal(result.kind, 'saved');
    const version = result.kind === 'saved' ? result.release?.version : undefined;
    assert.ok(version, 'a release');

    const panel = await open('acme-api');
    assert.equal(panel.panel.title, 'Metrics: acme-api');
    assert.match(panel.panel.webview.html, /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; script-src 'nonce-[0-9a-f]{36}'/);
    const m = metricsOf('acme-api')!;
    assert.equal(m.range, '24h');
    assert.equal(m.unsupported, undefined);
    assert.deepEqual(m.charts.map((c) => c.id), ['throughput', 'latency', 'memory:web', 'load:web', 'errors']);
    for (const id of ['throughput', 'latency', 'memory:web', 'load:web']) {
      const c = chartOf('acme-api', id)!;
      assert.equal(c.empty, undefined, `${id} has points`);
      assert.equal(c.times.length, 145, `${id}: 24 hours at 10 minutes`);
    }
    assert.deepEqual(chartOf('acme-api', 'throughput')!.series.map((s) => s.label), ['2xx', '3xx', '4xx', '5xx']);
    assert.deepEqual(chartOf('acme-api', 'memory:web')!.series.map((s) => s.role).slice(0, 3), ['rss', 'swap', 'quota']);
    const marker = m.markers.find((x) => x.version === version);
    assert.deepEqual(marker && [marker.kind, marker.description], ['config', 'Set METRICS_TEST config var']);

    await panel.receive({ type: 'showRelease', version });
    await waitFor('the release shown', () => vscode.window.activeTextEditor?.document.getText().includes(`"version": ${version}`));

    await panel.receive({ type: 'setRange', range: '7d' });
    await waitFor('the week', () => metricsOf('acme-api')?.range === '7d');
    assert.equal(chartOf('acme-api', 'throughput')!.times.length, 85, '7 days at 2 hours');

    prompts.picks = ['acme-api'];
    await vscode.commands.executeCommand('herokuMembrane.showMetrics');
    assert.equal((await api.metrics()).get('acme-api'), panel, 'opening it again reveals the same panel');
    assert.deepEqual(prompts.errors, []);
  });

  test('live from the router log: requests, classes, service= percentiles and codes as lines arrive; the stream stops with the panel', async () => {
    const before = logSessionsOpened();
    const panel = await open('alex-playground');
    await waitFor('the router log tailed', () => logSessionsOpened() > before);
    await waitFor('a live picture', () => api.testing.lastMetricsPosted('alex-playground', 'live'));
    routerLine('alex-playground', 200, 40);
    routerLine('alex-playground', 200, 80);
    routerLine('alex-playground', 503, 30000, 'H12');
    const live = await waitFor('the three requests counted', () => {
      const l = api.testing.lastMetricsPosted('alex-playground', 'live');
      const rps = l?.charts.find((c) => c.id === 'live:throughput');
      const total = rps?.series[0]?.values.reduce<number>((n, v) => n + (v ?? 0), 0) ?? 0;
      return Math.round(total * 10) === 3 && l;
    });
    const [throughput, latency, errors] = live.charts;
    assert.equal(throughput!.empty, undefined);
    assert.deepEqual(throughput!.series.map((s) => s.label), ['all', '2xx', '3xx', '4xx', '5xx']);
    assert.ok(latency!.series[1]!.values.some((v) => v !== null && Math.abs(v - 30000) <= 300), 'p95 of the bucket with the timeout (within 1 %)');
    assert.deepEqual(errors!.series.map((s) => s.label), ['H12']);
    panel.panel.dispose();
    await waitFor('the stream closed with the panel', () => logSessionsClosed() >= logSessionsOpened());
  });

  test('the metrics service refused: the page says so once, with the Dashboard button; no error toast', async () => {
    scenario({ MEMBRANE_SANDBOX_METRICS: 'unsupported' });
    const panel = await open('acme-web');
    const m = metricsOf('acme-web')!;
    assert.match(m.unsupported ?? '', /^Heroku's metrics service cannot be reached from here: Membrane does not pass requests on to it\./);
    assert.deepEqual(m.charts, [], 'no chart repeats it');
    assert.deepEqual(prompts.errors, [], 'no error toast');
    await panel.receive({ type: 'openDashboard' });
    assert.deepEqual(opened, ['https://dashboard.heroku.com/apps/acme-web/metrics']);
  });

  test('an Eco app: each metrics chart says Eco dynos have none; a Fir app: memory and CPU only, the others say why', async () => {
    await open('alex-playground');
    const eco = metricsOf('alex-playground')!;
    assert.ok(eco.charts.length >= 3);
    for (const c of eco.charts) assert.match(c.empty ?? '', /^Eco dynos have no metrics/, c.id);

    scenario({ MEMBRANE_SANDBOX_METRICS_FIR: 'acme-web' });
    api.explorer.reloadAll();
    // The app list is read again: Heroku now tells acme-web as a Fir app.
    api.manager.requireHeroku().forgetAccount('apps');
    await open('acme-web');
    const fir = metricsOf('acme-web')!;
    assert.match(chartOf('acme-web', 'throughput')!.empty ?? '', /^A Fir app: Heroku measures only memory and CPU/);
    assert.match(chartOf('acme-web', 'errors')!.empty ?? '', /^A Fir app/);
    assert.equal(chartOf('acme-web', 'memory:web')!.empty, undefined, 'memory drawn');
    const cpu = chartOf('acme-web', 'load:web')!;
    assert.equal(cpu.unit, 'percent', 'CPU');
    assert.equal(cpu.empty, undefined);
    assert.deepEqual(prompts.errors, []);
    assert.equal(fir.unsupported, undefined);
  });

  test('Basic dynos: any range is the last 24 hours at 10 minutes, and the page says so', async () => {
    const panel = await open('acme-api-pr-142');
    await panel.receive({ type: 'setRange', range: '7d' });
    const week = await waitFor('the week asked', () => metricsOf('acme-api-pr-142')?.range === '7d' && metricsOf('acme-api-pr-142'));
    assert.match(week.note ?? '', /^Basic dynos keep only the last 24 hours, at 10 minutes/);
    assert.match(week.window, /a point every 10 minutes$/);
    assert.equal(chartOf('acme-api-pr-142', 'throughput')!.times.length, 145);
    assert.deepEqual(prompts.errors, []);
  });

  /** Show Metrics from the palette, the app picked; resolves once its first load is under way (not done). */
  async function openLoading(app: string): Promise<MetricsPanel> {
    const busy = api.testing.metricsPostCount(app, 'busy');
    prompts.picks = [app];
    await vscode.commands.executeCommand('herokuMembrane.showMetrics');
    const panel = (await api.metrics()).get(app);
    assert.ok(panel, `the panel of ${app} opened`);
    await waitFor('the first load under way', () => api.testing.metricsPostCount(app, 'busy') > busy);
    return panel;
  }

  test('closing the panel during a load stops its requests; nothing is said about a panel that is gone', async () => {
    // Each metrics request would take a minute: longer than the wait below and this test's own timeout.
    scenario({ MEMBRANE_SANDBOX_METRICS_MS: '60000' });
    const panel = await openLoading('acme-api');
    await waitFor('a metrics request in flight', () => liveSandboxProcesses().length > 0);
    panel.panel.dispose();
    await panel.loaded;
    await waitFor('every request of the load stopped', () => liveSandboxProcesses().length === 0);
    assert.equal(api.testing.lastMetricsPosted('acme-api', 'failed'), undefined, 'no banner');
    assert.deepEqual(prompts.errors, [], 'no error toast');
  });

  test('a failed range: the page is told the range it still shows, and the failed one can be asked again', async () => {
    const panel = await open('acme-api');
    assert.equal(metricsOf('acme-api')?.range, '24h');
    scenario({ MEMBRANE_SANDBOX_FAULT: 'exit-text' });
    await panel.receive({ type: 'setRange', range: '7d' });
    const failed = api.testing.lastMetricsPosted('acme-api', 'failed');
    assert.equal(failed?.range, '24h', 'back on the range shown');
    assert.match(failed?.message ?? '', /^Couldn't load the metrics: /);
    assert.equal(metricsOf('acme-api')?.range, '24h');
    scenario({});
    prompts.errors.length = 0;
    await panel.receive({ type: 'setRange', range: '7d' });
    assert.equal(metricsOf('acme-api')?.range, '7d', 'the week, asked again');
    assert.deepEqual(prompts.errors, []);
  });

  test('loads queued during a load are dropped when the range they would load is the one shown by then', async () => {
    // The first load takes a few seconds: the page's own `ready` and the choices below all land during it.
    scenario({ MEMBRANE_SANDBOX_METRICS_MS: '4000' });
    const busy = api.testing.metricsPostCount('acme-api', 'busy');
    const panel = await openLoading('acme-api');
    await Promise.all([panel.receive({ type: 'ready' }), panel.receive({ type: 'setRange', range: '7d' }), panel.receive({ type: 'setRange', range: '24h' }), panel.loaded]);
    assert.equal(metricsOf('acme-api')?.range, '24h');
    assert.equal(api.testing.metricsPostCount('acme-api', 'busy') - busy, 1, 'one load');
    assert.deepEqual(prompts.errors, []);
  });

  test('malformed messages from the page are ignored', async () => {
    const panel = await open('acme-api-staging');
    const first = metricsOf('acme-api-staging');
    api.prompts.openExternal = async () => assert.fail('nothing may be opened');
    const editor = vscode.window.activeTextEditor;
    for (const bad of [null, 'ready', { type: 'setRange', range: '30d' }, { type: 'setRange' }, { type: 'showRelease', version: 'x' }, { type: 'showRelease', version: 999_999 }, { type: 'openDashboard', url: 'https://evil.example' }, { type: 'eval', code: 'x' }]) {
      await panel.receive(bad);
    }
    assert.equal(metricsOf('acme-api-staging'), first, 'no range loaded');
    assert.equal(vscode.window.activeTextEditor, editor, 'no release shown');
    assert.deepEqual(prompts.errors, []);
  });
});
