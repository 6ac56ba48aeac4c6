// Heroku's metrics service through Membrane's proxy, by full URL. Membrane adds the
// connection's Heroku credential to whatever full URL it is given, so the host is never
// chosen by a path, a setting or an input: a URL is built here, from a host of the fixed
// allow-list, an app id (a UUID) and a process type (Procfile's characters), and checked
// once more after it is built. Whether the connector reaches these hosts at all is not
// known, so a refusal (the CLI refuses the full URL, or the host answers 401, 403 or 404)
// is an answer, `unsupported`, that the UI explains; never a failure.
import { ApiError } from '../membrane/errors';
import { herokuError, type ProxyRequest, type ProxyResponse } from '../membrane/api';
import type { CallOptions } from '../membrane/invoke';
import { isRecord, parseWith } from '../membrane/envelopes';
import { custom, looseObject, nullable, number, optional, string, union } from 'zod/mini';
import * as l10n from '@vscode/l10n';

/** The only hosts a metrics request is ever sent to: the SDK's and the Heroku CLI's. */
export const METRICS_HOSTS = ['api.metrics.heroku.com', 'api.metrics.herokai.com'] as const;
export type MetricsHost = (typeof METRICS_HOSTS)[number];

export type MetricsStep = '1m' | '10m' | '1h' | '2h';
export const STEP_MINUTES: Readonly<Record<MetricsStep, number>> = { '1m': 1, '10m': 10, '1h': 60, '2h': 120 };

export type MetricsRoute =
  | { scope: 'router'; metric: 'status' | 'latency' | 'errors' }
  | { scope: 'formation'; type: string; metric: 'errors' | 'memory' | 'load' };

export interface MetricsQuery {
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  step: MetricsStep;
  /** Sent as `process_type` (the formation routes take it as well as their path's type). */
  processType?: string;
}

/** One answer's series: keys as the service named them (read tolerantly), values finite or null. */
export interface MetricsSeries {
  start: number;
  end: number;
  /** The step actually used (a `1m` refused for Basic dynos is asked again at `10m`). */
  step: MetricsStep;
  /** A Map, not an object: a key such as `__proto__` is data like any other. */
  series: Map<string, Array<number | null>>;
}

export type UnsupportedReason = 'refused' | 'unauthorized' | 'forbidden' | 'not-found';

export type MetricsAnswer = { kind: 'ok'; value: MetricsSeries } | { kind: 'unsupported'; reason: UnsupportedReason; message: string };

/** Sends one proxy request and returns its response whatever its status (HerokuClient's `send`). */
export type MetricsSend = (req: ProxyRequest, opts: CallOptions) => Promise<ProxyResponse>;

const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A Procfile process type: letters, digits, `_` and `-` (no `.`, `/`, `%`, `@`, `:`). */
const PROCESS_TYPE = /^[A-Za-z0-9_-]{1,64}$/;
/** A time a Date can hold (toISOString throws beyond ±8.64e15 ms). */
function isTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** Bounds on what is read: a week at one minute is 10,081 points. */
const MAX_POINTS = 20_000;
const MAX_SERIES = 200;
const MAX_KEY = 120;
const MAX_VALUE = 1e15;

export class MetricsUrlError extends Error {}

/**
 * The full URL of one route: the host from the allow-list, the app's id, the route's fixed
 * words and a checked process type. Throws MetricsUrlError for anything else, and checks
 * the result (its origin, its path) once more, so no input can move the request off the host.
 */
export function metricsUrl(host: MetricsHost, appId: string, route: MetricsRoute): string {
  if (!(METRICS_HOSTS as readonly string[]).includes(host)) throw new MetricsUrlError(l10n.t('{0} is not a Heroku metrics host.', String(host)));
  if (!APP_ID.test(appId)) throw new MetricsUrlError(l10n.t('The metrics service takes an app id, not {0}.', JSON.stringify(appId)));
  let path: string;
  if (route.scope === 'router') {
    if (!['status', 'latency', 'errors'].includes(route.metric)) throw new MetricsUrlError(l10n.t('Unknown metric {0}.', JSON.stringify(route.metric)));
    path = `/apps/${appId}/router-metrics/${route.metric}`;
  } else {
    if (!['errors', 'memory', 'load'].includes(route.metric)) throw new MetricsUrlError(l10n.t('Unknown metric {0}.', JSON.stringify(route.metric)));
    if (!PROCESS_TYPE.test(route.type)) throw new MetricsUrlError(l10n.t('{0} is not a process type.', JSON.stringify(route.type)));
    path = `/apps/${appId}/formation/${route.type}/metrics/${route.metric}`;
  }
  const url = new URL(`https://${host}${path}`);
  if (url.origin !== `https://${host}` || url.pathname !== path || url.username || url.password || url.search || url.hash) {
    throw new MetricsUrlError(l10n.t('The metrics URL left its host.'));
  }
  return url.href;
}

/** An answer's envelope: `data` must be an object; its series are read one by one (readSeries). */
const AnswerSchema = looseObject({
  start_time: optional(nullable(string())),
  end_time: optional(nullable(string())),
  step: optional(nullable(union([number(), string()]))),
  data: custom<Record<string, unknown>>(isRecord),
});

/**
 * The series keys and values read tolerantly: a series that is not an array is dropped, a
 * value that is not a finite number within ±1e15 is null, keys with control characters or
 * over 120 characters are dropped. Throws UnexpectedOutputError when `data` is not an object.
 */
export function readSeries(body: unknown, asked: { start: number; end: number; step: MetricsStep }, command = 'metrics'): MetricsSeries {
  parseWith(command, AnswerSchema, body);
  // Read from the answer itself (not a copy), key by key, into a Map.
  const data = (body as { data: Record<string, unknown> }).data;
  const meta = body as { start_time?: unknown; end_time?: unknown };
  const series = new Map<string, Array<number | null>>();
  for (const key of Object.keys(data)) {
    if (series.size >= MAX_SERIES) break;
    if (key.length === 0 || key.length > MAX_KEY || /[\p{Cc}\p{Cf}]/u.test(key)) continue;
    const values = Object.getOwnPropertyDescriptor(data, key)?.value as unknown;
    if (!Array.isArray(values)) continue;
    series.set(
      key,
      values.slice(0, MAX_POINTS).map((v: unknown) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_VALUE ? v : null)),
    );
  }
  const start = typeof meta.start_time === 'string' ? Date.parse(meta.start_time) : NaN;
  const end = typeof meta.end_time === 'string' ? Date.parse(meta.end_time) : NaN;
  return { start: Number.isFinite(start) ? start : asked.start, end: Number.isFinite(end) ? end : asked.end, step: asked.step, series };
}

/** Heroku's metrics service for one account, through that account's proxy (and its limits). */
export class MetricsClient {
  constructor(
    private readonly send: MetricsSend,
    private readonly host: MetricsHost = METRICS_HOSTS[0],
  ) {}

  /**
   * One route's series, or `unsupported`. A `1m` step the service refuses with 400 (Basic
   * dynos keep 10-minute points only) is asked once more at `10m`. Other failures throw.
   */
  async read(appId: string, route: MetricsRoute, query: MetricsQuery, opts: CallOptions = {}): Promise<MetricsAnswer> {
    const path = metricsUrl(this.host, appId, route);
    if (!(query.step in STEP_MINUTES)) throw new MetricsUrlError(l10n.t('Unknown step {0}.', JSON.stringify(query.step)));
    if (!isTime(query.start) || !isTime(query.end) || query.end < query.start) throw new MetricsUrlError(l10n.t('The metrics window is not a time range.'));
    if (query.processType !== undefined && !PROCESS_TYPE.test(query.processType)) throw new MetricsUrlError(l10n.t('{0} is not a process type.', JSON.stringify(query.processType)));
    let step = query.step;
    for (;;) {
      const q: Record<string, string> = { start_time: new Date(query.start).toISOString(), end_time: new Date(query.end).toISOString(), step };
      if (query.processType) q.process_type = query.processType;
      let res: ProxyResponse;
      try {
        // HerokuClient's send adds Heroku's Accept header (version 3), as the SDK sends it.
        res = await this.send({ method: 'GET', path, query: q }, opts);
      } catch (e) {
        // The CLI refused the full URL itself (Membrane's own error, not the host's answer);
        // one about the connection, the login or credentials stays a failure.
        if (e instanceof ApiError && e.source === 'membrane' && !membraneOwn(e)) return { kind: 'unsupported', reason: 'refused', message: e.apiMessage };
        throw e;
      }
      if (res.status === 400 && step === '1m') {
        step = '10m';
        continue;
      }
      const unsupported = UNSUPPORTED[res.status];
      if (unsupported) return { kind: 'unsupported', reason: unsupported, message: herokuError(res).apiMessage };
      if (res.status >= 400) throw herokuError(res);
      return { kind: 'ok', value: readSeries(res.body, { start: query.start, end: query.end, step }, `heroku GET ${path}`) };
    }
  }
}

/** A Membrane error about the connection or the login (its key, or "Connection … not found"), not about the URL. */
function membraneOwn(e: ApiError): boolean {
  return /connection|integration|credential|token|auth|login|workspace|tenant/i.test(e.id ?? '') || /^connection\b.*\bnot found/i.test(e.apiMessage);
}

const UNSUPPORTED: Partial<Record<number, UnsupportedReason>> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };

/** Each series' sum (null points count as 0): a count per key over the window. */
export function totals(series: Map<string, Array<number | null>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, values] of series) out.set(key, values.reduce<number>((n, v) => n + (v ?? 0), 0));
  return out;
}
