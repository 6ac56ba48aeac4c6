// The shapes the metrics page draws: types only, shared by the host's models and the page.

/** What a series is, for its colour, its dash and its place in the legend. */
export type SeriesRole = 'total' | '2xx' | '3xx' | '4xx' | '5xx' | 'p50' | 'p95' | 'p99' | 'rss' | 'swap' | 'quota' | 'mean' | 'max' | 'code' | 'other';
export type Unit = 'requests' | 'rps' | 'ms' | 'MB' | 'load' | 'percent' | 'errors';

export interface ChartSeries {
  label: string;
  role: SeriesRole;
  values: Array<number | null>;
}

export interface ChartModel {
  id: string;
  title: string;
  unit: Unit;
  /** The unit in words, for the axis and the table's caption. */
  unitText: string;
  /** Each point's time, ms since the epoch. */
  times: number[];
  series: ChartSeries[];
  /** Why nothing is drawn; set exactly when the chart has nothing to draw. */
  empty?: string;
}

export type MarkerKind = 'deploy' | 'rollback' | 'config';

export interface ReleaseMarker {
  version: number;
  /** Milliseconds since the epoch. */
  at: number;
  kind: MarkerKind;
  /** The release's description, as Heroku wrote it (shown as text). */
  description: string;
}
