// Series → charts: what each chart of the panel draws, read tolerantly from the metrics
// service's keys (any key is data; known ones get names), and why a chart is empty
// (Eco dynos, a Fir app, no web dynos, no traffic), in words. Plain Node.
import type { MetricsSeries } from '../../heroku/metrics';
import { STEP_MINUTES } from '../../heroku/metrics';
import { BUCKET_MS, STATUS_CLASSES, type LivePoint } from './liveBuckets';
import * as l10n from '@vscode/l10n';

export type { ChartModel, ChartSeries, SeriesRole, Unit } from './chartTypes';
import type { ChartModel, ChartSeries, SeriesRole, Unit } from './chartTypes';

export type EmptyWhy = 'eco' | 'fir' | 'no-web' | 'no-dynos' | 'no-traffic' | 'no-errors' | 'no-data';

export function whyText(why: EmptyWhy): string {
  switch (why) {
    case 'eco':
      return l10n.t('Eco dynos have no metrics. The live charts below count the router log instead.');
    case 'fir':
      return l10n.t('A Fir app: Heroku measures only memory and CPU for it. The live charts below count the router log.');
    case 'no-web':
      return l10n.t('No web dynos are running, so the router sends no requests to measure.');
    case 'no-dynos':
      return l10n.t('No dynos of this type ran in this range.');
    case 'no-traffic':
      return l10n.t('No traffic in this range.');
    case 'no-errors':
      return l10n.t('No H, R or L errors in this range.');
    case 'no-data':
      return l10n.t('The metrics service sent no points for this range.');
  }
}

export function unitText(unit: Unit): string {
  switch (unit) {
    case 'requests':
      return l10n.t('requests');
    case 'rps':
      return l10n.t('requests per second');
    case 'ms':
      return l10n.t('milliseconds');
    case 'MB':
      return l10n.t('MB');
    case 'load':
      return l10n.t('load average');
    case 'percent':
      return l10n.t('percent');
    case 'errors':
      return l10n.t('errors');
  }
}

/** Each point's time: from the answer's start, one per step. */
export function timesOf(s: MetricsSeries): number[] {
  const n = Math.max(0, ...[...s.series.values()].map((v) => v.length));
  const stepMs = STEP_MINUTES[s.step] * 60_000;
  return Array.from({ length: n }, (_, i) => s.start + i * stepMs);
}

function hasData(series: ChartSeries[]): boolean {
  return series.some((s) => s.values.some((v) => v !== null && v !== 0));
}

function chart(id: string, title: string, unit: Unit, times: number[], series: ChartSeries[], whenEmpty: EmptyWhy): ChartModel {
  const model: ChartModel = { id, title, unit, unitText: unitText(unit), times, series };
  if (!times.length || !series.length) model.empty = whyText(series.length || times.length ? whenEmpty : 'no-data');
  else if (!hasData(series)) model.empty = whyText(whenEmpty);
  return model;
}

/** A chart that has nothing to draw, and says why. */
export function emptyChart(id: string, title: string, unit: Unit, why: EmptyWhy): ChartModel {
  return { id, title, unit, unitText: unitText(unit), times: [], series: [], empty: whyText(why) };
}

/** Adds b into a (null stays null only where both are). */
function addInto(a: Array<number | null>, b: ReadonlyArray<number | null>): void {
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    if (v === null || v === undefined) continue;
    a[i] = (a[i] ?? 0) + v;
  }
}

/** A status key's class: `"200"` → 2xx, `status_5xx` → 5xx. */
export function statusClassOf(key: string): (typeof STATUS_CLASSES)[number] | undefined {
  const m = /^([2-5])\d\d$/.exec(key) ?? /^status_([2-5])xx$/i.exec(key);
  return m ? (`${m[1]}xx` as (typeof STATUS_CLASSES)[number]) : undefined;
}

export const TITLES = {
  throughput: () => l10n.t('Throughput by status class'),
  latency: () => l10n.t('Response time'),
  memory: (type: string) => l10n.t('Memory: {0}', type),
  load: (type: string) => l10n.t('Dyno load: {0}', type),
  errors: () => l10n.t('Errors by code'),
  liveThroughput: () => l10n.t('Requests per second (live)'),
  liveLatency: () => l10n.t('Response time, service= (live)'),
  liveErrors: () => l10n.t('Errors by code (live)'),
};

/** Requests per status class per step, from `/router-metrics/status`. */
export function throughputChart(s: MetricsSeries): ChartModel {
  const times = timesOf(s);
  const sums = new Map<string, Array<number | null>>();
  for (const [key, values] of s.series) {
    const c = statusClassOf(key);
    if (!c) continue;
    const into = sums.get(c) ?? new Array<number | null>(times.length).fill(null);
    addInto(into, values);
    sums.set(c, into);
  }
  const series = sums.size ? STATUS_CLASSES.map((c) => ({ label: c, role: c, values: sums.get(c) ?? new Array<number | null>(times.length).fill(0) })) : [];
  return chart('throughput', TITLES.throughput(), 'requests', times, series, 'no-traffic');
}

/** p50, p95 and p99 from `/router-metrics/latency` (keys such as `latency.ms.p50`). */
export function latencyChart(s: MetricsSeries): ChartModel {
  const times = timesOf(s);
  const series: ChartSeries[] = [];
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const key = [...s.series.keys()].find((k) => k === p || k.endsWith(`.${p}`));
    if (key) series.push({ label: p, role: p, values: s.series.get(key)! });
  }
  return chart('latency', TITLES.latency(), 'ms', times, series, 'no-traffic');
}

const MB = 1024 * 1024;

/** RSS and RSS + swap against the quota, in MB, of one process type (`/formation/{type}/metrics/memory`). */
export function memoryChart(type: string, s: MetricsSeries): ChartModel {
  const times = timesOf(s);
  const known: Array<[RegExp, SeriesRole, () => string]> = [
    [/used.*mean|rss.*mean/, 'rss', () => l10n.t('RSS (mean)')],
    [/swap/, 'swap', () => l10n.t('RSS + swap (max)')],
    [/quota/, 'quota', () => l10n.t('Quota')],
  ];
  const series: ChartSeries[] = [];
  const used = new Set<string>();
  for (const [re, role, label] of known) {
    const key = [...s.series.keys()].find((k) => !used.has(k) && re.test(k));
    if (!key) continue;
    used.add(key);
    series.push({ label: label(), role, values: toMb(s.series.get(key)!) });
  }
  // Any other memory series is shown as it is named (read tolerantly: the keys are not documented).
  for (const [key, values] of s.series) {
    if (used.has(key) || /used.*max/.test(key)) continue;
    series.push({ label: key, role: 'other', values: /bytes/.test(key) ? toMb(values) : values });
  }
  return chart(`memory:${type}`, TITLES.memory(type), 'MB', times, series, 'no-dynos');
}

function toMb(values: ReadonlyArray<number | null>): Array<number | null> {
  return values.map((v) => (v === null ? null : Math.round((v / MB) * 10) / 10));
}

/** Load (or, for Fir apps, CPU) of one process type, each key as a series. */
export function loadChart(type: string, s: MetricsSeries): ChartModel {
  const times = timesOf(s);
  const series: ChartSeries[] = [];
  let cpu = false;
  for (const [key, values] of s.series) {
    const role: SeriesRole = /mean/.test(key) ? 'mean' : /max/.test(key) ? 'max' : 'other';
    cpu ||= /cpu|percent/.test(key);
    const label = /cpu/.test(key) ? (role === 'max' ? l10n.t('CPU (max)') : l10n.t('CPU (mean)')) : /load/.test(key) ? (role === 'max' ? l10n.t('Load (max)') : l10n.t('Load (mean)')) : key;
    series.push({ label, role, values });
  }
  return chart(`load:${type}`, TITLES.load(type), cpu ? 'percent' : 'load', times, series, 'no-dynos');
}

/** Error counts by code over several answers (router and each type's dynos), summed point by point. */
export function errorsChart(answers: readonly MetricsSeries[]): ChartModel {
  const first = answers[0];
  const times = first ? timesOf(first) : [];
  const index = new Map(times.map((t, i) => [t, i]));
  const byCode = new Map<string, Array<number | null>>();
  for (const a of answers) {
    const at = timesOf(a);
    for (const [key, values] of a.series) {
      if (!/^[HRL]\d{2,3}$/.test(key)) continue;
      const into = byCode.get(key) ?? new Array<number | null>(times.length).fill(0);
      values.forEach((v, i) => {
        const j = index.get(at[i]!);
        if (j !== undefined && v !== null) into[j] = (into[j] ?? 0) + v;
      });
      byCode.set(key, into);
    }
  }
  const series = [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([code, values]) => ({ label: code, role: 'code' as const, values }));
  const model = chart('errors', TITLES.errors(), 'errors', times, series, 'no-errors');
  if (times.length && !series.length) model.empty = whyText('no-errors');
  return model;
}

/** The live charts from the router log's buckets: requests per second, service= percentiles, error codes. */
export function liveCharts(points: readonly LivePoint[]): ChartModel[] {
  const times = points.map((p) => p.start);
  const perSecond = (n: number) => Math.round((n / (BUCKET_MS / 1000)) * 100) / 100;
  const throughput: ChartSeries[] = [
    { label: l10n.t('all'), role: 'total', values: points.map((p) => p.rps) },
    ...STATUS_CLASSES.map((c) => ({ label: c, role: c, values: points.map((p) => perSecond(p.classes[c])) })),
  ];
  const latency: ChartSeries[] = [
    { label: 'p50', role: 'p50', values: points.map((p) => p.p50 ?? null) },
    { label: 'p95', role: 'p95', values: points.map((p) => p.p95 ?? null) },
  ];
  const codes = [...new Set(points.flatMap((p) => Object.keys(p.codes)))].sort();
  const errors: ChartSeries[] = codes.map((code) => ({ label: code, role: 'code', values: points.map((p) => p.codes[code] ?? 0) }));
  const quiet = !points.some((p) => p.rps > 0);
  const why = l10n.t('No requests in the router log in the last 5 minutes yet: they show here as they arrive.');
  const out = [
    chart('live:throughput', TITLES.liveThroughput(), 'rps', times, throughput, 'no-traffic'),
    chart('live:latency', TITLES.liveLatency(), 'ms', times, latency, 'no-traffic'),
    chart('live:errors', TITLES.liveErrors(), 'errors', times, errors, 'no-errors'),
  ];
  if (quiet) for (const c of out) c.empty = why;
  else if (!codes.length) out[2]!.empty = l10n.t('No router errors in the last 5 minutes.');
  return out;
}
