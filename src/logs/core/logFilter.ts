// What a log terminal can be narrowed to, on the user's side of the stream (the session's
// own filters, `logTarget.ts`, are Heroku's): text, a regular expression, a process type
// or dyno, a source, or errors only. Each filter says whether a line matches and which
// parts of it to highlight. Plain Node.
// Text, process type, source and errors are matched here, with expressions of our own that
// run in linear time. A user's regular expression is not: it may backtrack catastrophically
// (`(a+)+$`), so it runs in a worker with a time budget (`regexWorker.ts`); here it is only
// read and compiled (compiling never runs it).
import * as l10n from '@vscode/l10n';
import { withoutControls } from '../../shared/core/terminalLines';
import type { Range } from './logColors';
import { parseLogLine, processTypeOf } from './logLine';

/** The four kinds of line a log has (Heroku's `source[dyno]`): the app's dynos, the platform, the router, the API. */
export type LogSource = 'app' | 'heroku' | 'router' | 'api';
export const LOG_SOURCES: readonly LogSource[] = ['app', 'heroku', 'router', 'api'];

export type LogFilter =
  | { kind: 'text'; text: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'dyno'; dyno: string }
  | { kind: 'source'; source: LogSource }
  | { kind: 'errors' };

/** The ranges to highlight when the line matches (maybe none), undefined when it does not. */
export type LineMatch = Range[] | undefined;

/** At most this many highlights in one line (a filter matching every character of a 64 KB line must not make 64 K escapes). */
export const MAX_HIGHLIGHTS = 64;
/** The longest regular expression accepted. */
export const MAX_PATTERN = 1000;

/** A matcher that answers at once: every kind but `regex`. */
export function lineMatcher(filter: Exclude<LogFilter, { kind: 'regex' }>): (line: string) => LineMatch {
  switch (filter.kind) {
    case 'text': {
      // The text as a literal expression: no quantifier, so linear; `i` folds case without changing lengths (ranges stay true).
      const re = new RegExp(filter.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
      return (line) => rangesOf(re, line);
    }
    case 'dyno': {
      const wanted = filter.dyno;
      return (line) => {
        const parts = parseLogLine(line);
        return parts && (parts.dyno === wanted || processTypeOf(parts.dyno) === wanted) ? [] : undefined;
      };
    }
    case 'source':
      return (line) => (sourceOf(line) === filter.source ? [] : undefined);
    case 'errors':
      return errorRanges;
  }
}

/** Which of the four a line is; undefined for a line that is not a log line. */
export function sourceOf(line: string): LogSource | undefined {
  const parts = parseLogLine(line);
  if (!parts) return undefined;
  if (parts.dyno === 'router') return 'router';
  if (parts.dyno === 'api') return 'api';
  return parts.source === 'heroku' ? 'heroku' : 'app';
}

/** Every match of a global expression, as ranges (empty matches step on; at most MAX_HIGHLIGHTS); undefined when none. */
export function rangesOf(re: RegExp, line: string): LineMatch {
  re.lastIndex = 0;
  let m = re.exec(line);
  if (!m) return undefined;
  const out: Range[] = [];
  while (m && out.length < MAX_HIGHLIGHTS) {
    out.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex = m.index + 1;
    m = re.exec(line);
  }
  return out;
}

/**
 * Errors only: `at=error` (the router's, with its H code, or an app's own logfmt line), the
 * router's 5xx statuses, Heroku's error codes (`Error R14`, `Error H12`, Logplex's `Error
 * L11`), a dyno that crashed, a build that failed. Each is highlighted. No expression has a
 * nested quantifier: linear in the line's length.
 */
const ERRORS = /(?<![^\s])at=error(?:\s+code=[A-Z]\d+)?(?![^\s])|\bError [HLR]\d{1,3}\b|\bState changed from \S+ to crashed\b|^Build failed\b/g;
const ROUTER_5XX = /(?<![^\s])status=5\d\d(?![^\s])/g;

function errorRanges(line: string): LineMatch {
  const parts = parseLogLine(line);
  if (!parts) return rangesOf(ERRORS, line);
  const message = line.slice(parts.body);
  const found = [...(rangesOf(ERRORS, message) ?? []), ...((parts.dyno === 'router' && rangesOf(ROUTER_5XX, message)) || [])];
  return found.length ? shifted(found, parts.body) : undefined;
}

function shifted(ranges: Range[], by: number): Range[] {
  return ranges.map(([a, b]) => [a + by, b + by] as const);
}

/** `/pattern/flags` or a bare pattern: the expression, or what is wrong with it. Flags: i, m, s, u (g and y make matching stateful: refused). */
export function parseRegex(input: string): { source: string; flags: string } | { problem: string } {
  if (!input) return { problem: l10n.t('Type a regular expression.') };
  if (input.length > MAX_PATTERN) return { problem: l10n.t('A regular expression here is at most {0} characters long.', MAX_PATTERN) };
  // `/…/` with letters JavaScript knows as flags after it; other letters make it a bare pattern (a path: `/a/b`).
  const slashed = /^\/(.+)\/([dgimsuvy]*)$/s.exec(input);
  const source = slashed ? slashed[1]! : input;
  const flags = slashed ? slashed[2]! : '';
  const unknown = [...flags].filter((f) => !'imsu'.includes(f));
  if (unknown.length || new Set(flags).size !== flags.length) return { problem: l10n.t('Flags after the closing / can be i, m, s and u, each once.') };
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { problem: l10n.t('Not a regular expression: {0}', (e as Error).message) };
  }
  return { source, flags };
}

/** The filter in words, for the terminal's notices: the user's text without control characters. */
export function describeFilter(filter: LogFilter): string {
  switch (filter.kind) {
    case 'text':
      return l10n.t('text "{0}"', shown(filter.text));
    case 'regex':
      return l10n.t('regular expression /{0}/{1}', shown(filter.source), filter.flags);
    case 'dyno':
      return filter.dyno.includes('.') || processTypeOf(filter.dyno) !== filter.dyno ? l10n.t('dyno {0}', shown(filter.dyno)) : l10n.t('process type {0}', shown(filter.dyno));
    case 'source':
      return sourceLabel(filter.source);
    case 'errors':
      return l10n.t('errors only');
  }
}

export function sourceLabel(source: LogSource): string {
  return source === 'app' ? l10n.t('app output') : source === 'heroku' ? l10n.t('Heroku system lines') : source === 'router' ? l10n.t('router lines') : l10n.t('API lines');
}

/** The filter for the terminal's name: short (the tab is narrow), and only printable characters. */
export function filterLabel(filter: LogFilter, max = 40): string {
  const chars = [...describeFilter(filter)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * A user's text shown back: without control characters (no escape can reach the terminal
 * or a tab's name) and without the bidirectional controls that reorder what is shown.
 */
export function shown(text: string): string {
  return withoutControls(text).replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The process types and dynos the lines come from (not the router's or the API's), each once, sorted: the choices of a process type filter. */
export function dynosIn(lines: readonly string[]): { types: string[]; dynos: string[] } {
  const types = new Set<string>();
  const dynos = new Set<string>();
  for (const line of lines) {
    const parts = parseLogLine(line);
    if (!parts || parts.dyno === 'router' || parts.dyno === 'api') continue;
    dynos.add(parts.dyno);
    types.add(processTypeOf(parts.dyno));
  }
  for (const t of types) dynos.delete(t);
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return { types: sort(types), dynos: sort(dynos) };
}
