// The metrics page's words, made by the host in VS Code's display language and sent with
// `init` (the page's bundle has no l10n of its own). Plain Node.
import * as l10n from '@vscode/l10n';
import type { MarkerKind } from './chartTypes';
import { RANGES, type MetricsRange } from './ranges';

export interface PageText {
  /** `{0}` the app's name. */
  title: string;
  ranges: Record<MetricsRange, string>;
  rangeGroup: string;
  showAsTable: string;
  heroku: string;
  live: string;
  releases: string;
  noReleases: string;
  openDashboard: string;
  time: string;
  markerKinds: Record<MarkerKind, string>;
  /** `{0}` the version, `{1}` its kind, `{2}` its time, `{3}` its description. */
  markerName: string;
  /** `{0}` the chart's title. */
  chartName: string;
  /** `{0}` the chart's title, `{1}` its unit: the table's caption. */
  tableCaption: string;
  loading: string;
}

export function pageText(): PageText {
  const ranges = {} as Record<MetricsRange, string>;
  const words: Record<MetricsRange, string> = { '1h': l10n.t('1 hour'), '24h': l10n.t('24 hours'), '72h': l10n.t('72 hours'), '7d': l10n.t('7 days') };
  for (const r of RANGES) ranges[r] = words[r];
  return {
    title: l10n.t('Metrics — {0}'),
    ranges,
    rangeGroup: l10n.t('Time range'),
    showAsTable: l10n.t('Show as table'),
    heroku: l10n.t("Heroku's metrics"),
    live: l10n.t('Live from the router log (10-second buckets, the last 5 minutes)'),
    releases: l10n.t('Releases in this range'),
    noReleases: l10n.t('No deploys, rollbacks or config changes in this range.'),
    openDashboard: l10n.t('Open Metrics in the Dashboard'),
    time: l10n.t('Time'),
    markerKinds: { deploy: l10n.t('deploy'), rollback: l10n.t('rollback'), config: l10n.t('config change') },
    markerName: l10n.t('Show release v{0}, {1} at {2}: {3}'),
    chartName: l10n.t('Chart: {0}. Show as table lists its values.'),
    tableCaption: l10n.t('{0}, in {1}'),
    loading: l10n.t('Loading…'),
  };
}
