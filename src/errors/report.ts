// An app's H, R and L errors of the last 24 hours: from Heroku's metrics service when it
// answers (router errors, and each running process type's dyno errors), otherwise counted
// from the last 1,500 log lines (Heroku's own lines only). Which one is in the report.
import type { HerokuClient } from '../heroku/client';
import { CancelledError } from '../membrane/errors';
import type { MetricsAnswer } from '../heroku/metrics';
import { totals } from '../heroku/metrics';
import { streamLines } from '../heroku/streams/textStream';
import { countLogLines, countSeries, sortedCounts, type ErrorReport } from './core/count';
import * as l10n from '@vscode/l10n';

export const WINDOW_MS = 24 * 3_600_000;
/** Heroku keeps at most 1,500 lines of an app's log. */
export const LOG_LINES = 1500;
/** A history stream that sends nothing for this long is taken as ended (a server that tails anyway). */
const LOG_IDLE_MS = 5_000;
/** And one that keeps sending (a live tail) is read for this long at most. */
const LOG_MAX_MS = 30_000;

export async function loadErrorReport(heroku: HerokuClient, appName: string, signal: AbortSignal, now = Date.now()): Promise<ErrorReport> {
  const [apps, formation] = await Promise.all([heroku.listApps({ signal }), heroku.listFormation(appName, { signal })]);
  const app = apps.find((a) => a.name === appName);
  if (!app) throw new Error(l10n.t('{0} is not among the apps of this account.', appName));
  if (app.generation?.name === 'fir') {
    return { source: { kind: 'unavailable', why: l10n.t('A Fir app: the metrics service counts no errors for it, and its log sessions keep no history. Open its logs to watch errors live.') }, counts: [] };
  }
  const measured = formation.filter((f) => f.quantity > 0 && !/^eco$/i.test(f.size ?? ''));
  let why: string;
  if (measured.length) {
    const window = { start: now - WINDOW_MS, end: now, step: '10m' as const };
    const answers = await Promise.all([
      heroku.metrics.read(app.id, { scope: 'router', metric: 'errors' }, window, { signal }),
      ...measured.map((f) => heroku.metrics.read(app.id, { scope: 'formation', type: f.type, metric: 'errors' }, { ...window, processType: f.type }, { signal })),
    ]);
    const refused = answers.find((a): a is Extract<MetricsAnswer, { kind: 'unsupported' }> => a.kind === 'unsupported');
    if (!refused) {
      const counts = new Map<string, number>();
      for (const a of answers) if (a.kind === 'ok') countSeries(totals(a.value.series), counts);
      return { source: { kind: 'metrics' }, counts: sortedCounts(counts) };
    }
    why = unsupportedWhy(refused);
  } else {
    why = formation.some((f) => f.quantity > 0) ? l10n.t('Eco dynos have no metrics') : l10n.t('no dynos are running, so the metrics service has nothing');
  }
  const { counts, lines } = await countFromLogs(heroku, appName, signal, now);
  return { source: { kind: 'logs', lines, why }, counts: sortedCounts(counts) };
}

function unsupportedWhy(a: Extract<MetricsAnswer, { kind: 'unsupported' }>): string {
  switch (a.reason) {
    case 'refused':
      return l10n.t('Membrane does not send requests to the metrics service ({0})', shortText(a.message));
    case 'unauthorized':
      return l10n.t('the metrics service does not accept this connection (HTTP 401)');
    case 'forbidden':
      return l10n.t('the metrics service refused this connection (HTTP 403)');
    case 'not-found':
      return l10n.t('the metrics service did not find this app through Membrane (HTTP 404)');
  }
}

/** Another program's words in one short line: no control characters, at most 160 characters. */
function shortText(text: string): string {
  const one = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return one.length > 160 ? `${one.slice(0, 159)}…` : one;
}

/** The last 1,500 lines of the app's log (history only, no tail), counted. */
async function countFromLogs(heroku: HerokuClient, appName: string, signal: AbortSignal, now: number): Promise<{ counts: Map<string, number>; lines: number }> {
  const session = await heroku.createLogSession(appName, { tail: false, lines: LOG_LINES }, { signal });
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop.abort(), LOG_IDLE_MS);
  };
  const lines: string[] = [];
  const deadline = setTimeout(() => stop.abort(), LOG_MAX_MS);
  try {
    arm();
    for await (const line of streamLines(session.logplex_url, { signal: stop.signal, onData: arm })) {
      lines.push(line);
      if (lines.length >= LOG_LINES) break;
    }
  } finally {
    clearTimeout(idle);
    clearTimeout(deadline);
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted) throw new CancelledError('logs');
  return { counts: countLogLines(lines, now - WINDOW_MS, now), lines: lines.length };
}
