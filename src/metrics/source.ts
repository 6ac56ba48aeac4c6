// Heroku's metrics of one app for one range: the router's (throughput, response time,
// errors) when web dynos run, and each running process type's memory, load and errors.
// Eco dynos have none, Fir apps memory and CPU only: those charts are not asked for, and
// say why. A refusal of any route is the answer `unsupported` (src/heroku/metrics.ts).
import type { HerokuClient } from '../heroku/client';
import type { MetricsAnswer, MetricsRoute, MetricsSeries } from '../heroku/metrics';
import type { App } from '../heroku/schemas';
import { emptyChart, errorsChart, latencyChart, loadChart, memoryChart, throughputChart, TITLES, type ChartModel } from './core/chartModel';
import { releaseMarkers, type ReleaseMarker } from './core/markers';
import { answeredStep, metricsWindow, type MetricsRange, type MetricsWindow } from './core/ranges';

export type MetricsLoad =
  | { kind: 'ok'; window: MetricsWindow; charts: ChartModel[]; markers: ReleaseMarker[] }
  | { kind: 'unsupported'; window: MetricsWindow; answer: Extract<MetricsAnswer, { kind: 'unsupported' }>; markers: ReleaseMarker[] };

/** Releases read for the markers: a week of an active app fits. */
const RELEASES = 200;

export async function loadMetrics(heroku: HerokuClient, app: App, range: MetricsRange, signal: AbortSignal, now = Date.now()): Promise<MetricsLoad> {
  const [formation, releases] = await Promise.all([heroku.listFormation(app.name, { signal }), heroku.latestReleases(app.name, RELEASES, { signal })]);
  const running = formation.filter((f) => f.quantity > 0);
  const measured = running.filter((f) => !/^eco$/i.test(f.size));
  const basic = measured.some((f) => /^basic$/i.test(f.size));
  const asked = metricsWindow(range, now, basic);
  const markers = releaseMarkers(releases, asked.start, asked.end);
  const fir = app.generation?.name === 'fir';
  const web = measured.some((f) => f.type === 'web');

  if (running.length && !measured.length) {
    return { kind: 'ok', window: asked, markers, charts: [emptyChart('throughput', TITLES.throughput(), 'requests', 'eco'), emptyChart('latency', TITLES.latency(), 'ms', 'eco'), emptyChart('errors', TITLES.errors(), 'errors', 'eco')] };
  }
  const asks: Array<{ id: string; route: MetricsRoute; type?: string }> = [];
  if (web && !fir) for (const metric of ['status', 'latency', 'errors'] as const) asks.push({ id: `router:${metric}`, route: { scope: 'router', metric } });
  for (const f of measured) {
    asks.push({ id: `memory:${f.type}`, route: { scope: 'formation', type: f.type, metric: 'memory' }, type: f.type });
    asks.push({ id: `load:${f.type}`, route: { scope: 'formation', type: f.type, metric: 'load' }, type: f.type });
    if (!fir) asks.push({ id: `errors:${f.type}`, route: { scope: 'formation', type: f.type, metric: 'errors' }, type: f.type });
  }
  const query = { start: asked.start, end: asked.end, step: asked.step };
  const answers = await Promise.all(asks.map((a) => heroku.metrics.read(app.id, a.route, a.type ? { ...query, processType: a.type } : query, { signal })));
  const refused = answers.find((a): a is Extract<MetricsAnswer, { kind: 'unsupported' }> => a.kind === 'unsupported');
  if (refused) return { kind: 'unsupported', window: asked, answer: refused, markers };
  // The window says the step the points are at (a `1m` refused is answered at `10m`).
  const window = { ...asked, step: answeredStep(asked.step, answers.map((a) => (a as Extract<MetricsAnswer, { kind: 'ok' }>).value.step)) };

  const got = new Map<string, MetricsSeries>();
  asks.forEach((a, i) => got.set(a.id, (answers[i] as Extract<MetricsAnswer, { kind: 'ok' }>).value));
  const routerWhy = fir ? 'fir' : 'no-web';
  const charts: ChartModel[] = [
    got.has('router:status') ? throughputChart(got.get('router:status')!) : emptyChart('throughput', TITLES.throughput(), 'requests', routerWhy),
    got.has('router:latency') ? latencyChart(got.get('router:latency')!) : emptyChart('latency', TITLES.latency(), 'ms', routerWhy),
  ];
  for (const f of measured) charts.push(memoryChart(f.type, got.get(`memory:${f.type}`)!), loadChart(f.type, got.get(`load:${f.type}`)!));
  if (!measured.length) charts.push(emptyChart('memory', TITLES.memory('web'), 'MB', 'no-web'));
  const errorAnswers = asks.filter((a) => a.id.startsWith('router:errors') || a.id.startsWith('errors:')).map((a) => got.get(a.id)!);
  charts.push(fir ? emptyChart('errors', TITLES.errors(), 'errors', 'fir') : errorAnswers.length ? errorsChart(errorAnswers) : emptyChart('errors', TITLES.errors(), 'errors', 'no-web'));
  return { kind: 'ok', window, charts, markers };
}
