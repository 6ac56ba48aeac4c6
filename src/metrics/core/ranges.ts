// The panel's time ranges and the step each is asked at, as Heroku's metrics service keeps
// its points: 1 minute for the past 2 hours, 10 minutes up to a day, 1 hour up to 72 hours,
// 2 hours for a week. Basic dynos keep 10-minute points of the last 24 hours only, so any
// range of an app with Basic dynos is asked as the last 24 hours at 10 minutes. Plain Node.
/** The metrics service's steps (src/heroku/metrics.ts); this file imports nothing, the page uses it too. */
export type MetricsStep = '1m' | '10m' | '1h' | '2h';
const STEP_MINUTES: Readonly<Record<MetricsStep, number>> = { '1m': 1, '10m': 10, '1h': 60, '2h': 120 };

export const RANGES = ['1h', '24h', '72h', '7d'] as const;
export type MetricsRange = (typeof RANGES)[number];

const HOUR = 3_600_000;
export const RANGE_MS: Readonly<Record<MetricsRange, number>> = { '1h': HOUR, '24h': 24 * HOUR, '72h': 72 * HOUR, '7d': 7 * 24 * HOUR };
const STEP: Readonly<Record<MetricsRange, MetricsStep>> = { '1h': '1m', '24h': '10m', '72h': '1h', '7d': '2h' };

export interface MetricsWindow {
  range: MetricsRange;
  start: number;
  end: number;
  step: MetricsStep;
  /** The range asked was narrowed (Basic dynos: the last 24 hours at 10 minutes). */
  narrowed: boolean;
}

/** The window and step of a range ending now; `basic`: the app runs Basic dynos. */
export function metricsWindow(range: MetricsRange, now: number, basic = false): MetricsWindow {
  if (basic) {
    const span = Math.min(RANGE_MS[range], RANGE_MS['24h']);
    return { range, start: now - span, end: now, step: '10m', narrowed: range === '72h' || range === '7d' };
  }
  return { range, start: now - RANGE_MS[range], end: now, step: STEP[range], narrowed: false };
}

/** The step the service answered: the coarsest of the answers' (a `1m` refused is answered at `10m`), else the one asked. */
export function answeredStep(asked: MetricsStep, answered: readonly MetricsStep[]): MetricsStep {
  return answered.reduce((a, b) => (STEP_MINUTES[b] > STEP_MINUTES[a] ? b : a), asked);
}

/** How many points a window holds at its step (the end point included, as the service answers). */
export function pointsIn(window: { start: number; end: number; step: MetricsStep }): number {
  return Math.floor((window.end - window.start) / (STEP_MINUTES[window.step] * 60_000)) + 1;
}

export function isRange(value: string): value is MetricsRange {
  return (RANGES as readonly string[]).includes(value);
}
