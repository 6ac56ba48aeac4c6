// Error counts of an app: from the metrics service's series, or from log lines. Only
// Heroku's own lines count (`heroku[router]`, `heroku[web.1]`, `heroku[logplex]`): an app
// printing "Error R14" or "code=H12" itself cannot add to them. Plain Node.
import { errorCode, isErrorCode, type ErrorLevel } from './errorCodes';

export interface ErrorCount {
  code: string;
  count: number;
}

/** Where the counts came from, and (for logs) why the metrics service was not used. */
export type ErrorSource = { kind: 'metrics' } | { kind: 'logs'; lines: number; why: string } | { kind: 'unavailable'; why: string };

export interface ErrorReport {
  source: ErrorSource;
  /** Most serious first, then the most frequent. */
  counts: ErrorCount[];
}

const LINE = /^(\S+) heroku\[([^\]\s]{1,64})\]: (.*)$/;
/** The router starts its line with the level and the code: a path or header later in it cannot fake one. */
const ROUTER_CODE = /^at=[a-z]+ code=([HRL]\d{2,3})\b/;
const ERROR_CODE = /^Error ([HRL]\d{2,3})\b/;
/** A log line's time may be a little ahead of ours. */
const CLOCK_SLACK_MS = 5 * 60_000;

/** The error code a log line reports, if it is Heroku's line and reports one. */
export function codeOfLine(line: string): string | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const [, , dyno, message] = m as unknown as [string, string, string, string];
  const code = dyno === 'router' ? (ROUTER_CODE.exec(message)?.[1] ?? ERROR_CODE.exec(message)?.[1]) : ERROR_CODE.exec(message)?.[1];
  return code && isErrorCode(code) ? code : undefined;
}

/** Each code's count over the lines whose time is in [since, now]. */
export function countLogLines(lines: Iterable<string>, since: number, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const code = codeOfLine(line);
    if (!code) continue;
    const at = Date.parse(line.slice(0, line.indexOf(' ')));
    if (!Number.isFinite(at) || at < since || at > now + CLOCK_SLACK_MS) continue;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

/** The error codes of metrics series (their keys), summed; other keys and zero counts dropped. */
export function countSeries(totals: Iterable<[string, number]>, into = new Map<string, number>()): Map<string, number> {
  for (const [key, total] of totals) {
    if (!isErrorCode(key) || !(total > 0)) continue;
    into.set(key, (into.get(key) ?? 0) + Math.round(total));
  }
  return into;
}

const RANK: Record<ErrorLevel, number> = { critical: 0, warning: 1, info: 2 };

export function sortedCounts(counts: Map<string, number>): ErrorCount[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => RANK[errorCode(a.code)?.level ?? 'warning'] - RANK[errorCode(b.code)?.level ?? 'warning'] || b.count - a.count || a.code.localeCompare(b.code));
}
