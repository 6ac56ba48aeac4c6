// How a Heroku log line is coloured in a terminal, after the Heroku CLI's (v11) rules, with
// what ours does better kept:
// - a colour per process type, the same every time the logs are opened (a hash, not the
//   CLI's first-seen rotation), fixed for the CLI's own (router and api green, web cyan,
//   run yellow, postgres magenta); a Fir dyno (`web-848cd4f64d-pvpr2`) takes its type's;
// - router lines key by key: each key italic (the CLI dims keys; dim text falls below
//   4.5:1, so ours stay at full contrast and differ by their shape), `method` magenta,
//   `path` green, `dyno` in that dyno's colour, `status` by class, `connect`/`service` by
//   100 / 500 / 5,000 ms (green, cyan, yellow, red), `at=error`, its `code` (bold) and `desc` red;
// - api lines: `Build succeeded` green, `Build failed` red, a deploy's commit cyan, `vN`
//   magenta, the user green; dyno lines: a crash bold red, state changes, exits, stops;
//   Heroku's error codes (`Error R14`, `Error L11`) red.
// Every colour is one of the terminal theme's 16 (a fixed RGB cannot reach 4.5:1 on both a
// dark and a light background; the theme's palette, with VS Code's minimum contrast, does),
// and nothing is dim (the terminal halves the contrast it guarantees for dim text).
// The visible text is never changed, only wrapped in escapes: a filter's match ranges
// (`paintLine`'s highlights, in inverse video) line up with what is shown.
// Plain Node: ANSI escapes in, unit-tested without VS Code. The extension's own lines
// (notices, outcomes) are every terminal's: `shared/core/terminalLines.ts`.
import { BOLD, ESC, GREEN, RED, RESET, withoutControls } from '../../shared/core/terminalLines';
import { parseLogLine, processTypeOf } from './logLine';

export { noticeLine, outcomeLine, withoutControls } from '../../shared/core/terminalLines';

/** SGR parameters (what goes between `ESC[` and `m`). */
const S = { red: '31', green: '32', yellow: '33', blue: '34', magenta: '35', cyan: '36', bold: '1', italic: '3', inverse: '7' } as const;

/** Colours for the process types that have no fixed one, chosen by a hash of the type's name. */
const DYNO_STYLES = ['36', '33', '32', '35', '34', '96', '93', '92', '95', '94'];
/** The Heroku CLI's fixed colours (and api's, ours). */
const FIXED: Record<string, string> = { router: S.green, api: S.green, web: S.cyan, run: S.yellow, postgres: S.magenta, 'heroku-postgres': S.blue };

/** Response times: under 100 ms green, under 500 cyan, under 5,000 yellow, from there red (the Heroku CLI's thresholds). */
export const RESPONSE_MS = [100, 500, 5000] as const;

/** A styled stretch of a line's text: [start, end) with its SGR parameters. */
interface Span {
  start: number;
  end: number;
  style: string;
}

/** A match to highlight: [start, end) in the line's text. */
export type Range = readonly [number, number];

function dynoStyle(dyno: string): string {
  const type = processTypeOf(dyno);
  const fixed = FIXED[type];
  if (fixed) return fixed;
  let hash = 0;
  for (const ch of type) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return DYNO_STYLES[hash % DYNO_STYLES.length]!;
}

/** The escape that starts a dyno's colour: its process type's. */
export function dynoColor(dyno: string): string {
  return `${ESC}${dynoStyle(dyno)}m`;
}

/** A log line, coloured; control characters removed (a line cannot drive the terminal). */
export function colorLine(raw: string): string {
  return paintLine(withoutControls(raw), []);
}

/**
 * A line without control characters (as `withoutControls` leaves it), coloured, with
 * `highlights` (ranges of that text, in any order, overlapping or not) in inverse video.
 */
export function paintLine(text: string, highlights: readonly Range[]): string {
  return render(text, lineSpans(text), mergeRanges(highlights, text));
}

function lineSpans(text: string): Span[] {
  const parts = parseLogLine(text);
  if (!parts) return [];
  const spans: Span[] = [{ start: parts.headerStart, end: parts.headerEnd, style: dynoStyle(parts.dyno) }];
  const type = processTypeOf(parts.dyno);
  const body = parts.body;
  const message = text.slice(body);
  const add = (start: number, end: number, style: string) => {
    if (end > start) spans.push({ start: body + start, end: body + end, style });
  };
  const whole = (style: string) => add(0, message.length, style);

  // Heroku's error codes (Logplex's L, the runtime's R, the router's H), on any dyno but the router's own lines.
  if (type !== 'router' && (/^Error [LRH]\d+\b/.test(message) || /\bat=error\b/.test(message))) whole(S.red);
  else if (type === 'router') routerSpans(message, add);
  else if (type === 'api') apiSpans(message, add, whole);
  else dynoSpans(message, add, whole);
  return spans;
}

type Add = (start: number, end: number, style: string) => void;

function dynoSpans(message: string, add: Add, whole: (style: string) => void): void {
  const state = /^State changed from (\S+) to (\S+)/.exec(message);
  if (state) {
    const to = state[2];
    whole(`${S.bold};${to === 'crashed' ? S.red : to === 'up' ? S.green : to === 'down' ? S.yellow : S.cyan}`);
    return;
  }
  const exit = /^Process exited with status (\d+)/.exec(message);
  if (exit) {
    if (exit[1] === '0') add(exit[0].length - exit[1].length, exit[0].length, S.green);
    else whole(S.red);
    return;
  }
  if (/^(Stopping all processes with SIGTERM|Restarting|Unidling|Cycling)\b/.test(message)) return whole(S.yellow);
  startingSpans(message, add);
}

/** `Starting process with command `npm start`` (by user …): the command bold, the user green. */
function startingSpans(message: string, add: Add): boolean {
  const m = /^Starting process with command `([^`]*)`/.exec(message);
  if (!m) return false;
  add(m[0].length - m[1]!.length - 1, m[0].length - 1, S.bold);
  byUser(message, add);
  return true;
}

/** `… by user alex@example.com` at the end of the message: the user green. */
function byUser(message: string, add: Add): void {
  const m = / by user (\S+)$/.exec(message);
  if (m) add(message.length - m[1]!.length, message.length, S.green);
}

function apiSpans(message: string, add: Add, whole: (style: string) => void): void {
  if (/^Build succeeded\b/.test(message)) return whole(S.green);
  if (/^Build failed\b/.test(message)) return whole(S.red);
  if (startingSpans(message, add)) return;
  const deploy = /^Deploy ([0-9a-f]{4,40})\b/.exec(message);
  if (deploy) add(7, 7 + deploy[1]!.length, S.cyan);
  const version = /^(?:Release|Rollback to|Promote \S+) (v\d+)\b/.exec(message);
  if (version) add(version[0].length - version[1]!.length, version[0].length, S.magenta);
  byUser(message, add);
}

/** A router line, `key=value` by `key=value` (a quoted value may hold spaces). One pass: linear in the line's length. */
function routerSpans(message: string, add: Add): void {
  const isError = /(?:^|\s)at=error(?:\s|$)/.test(message);
  const n = message.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(message.charCodeAt(i))) i++;
    const start = i;
    let eq = -1;
    while (i < n && !isSpace(message.charCodeAt(i))) {
      if (eq < 0 && message.charCodeAt(i) === 61 /* = */) {
        eq = i;
        if (message.charCodeAt(i + 1) === 34 /* " */) {
          const close = message.indexOf('"', i + 2);
          if (close >= 0) {
            i = close + 1;
            continue;
          }
        }
      }
      i++;
    }
    if (eq <= start) continue;
    add(start, eq + 1, S.italic);
    const style = routerValueStyle(routerKey(message, start, eq), message, eq + 1, i, isError);
    if (style) add(eq + 1, i, style);
  }
}

const ROUTER_KEYS = ['at', 'code', 'desc', 'method', 'path', 'dyno', 'status', 'connect', 'service'] as const;
type RouterKey = (typeof ROUTER_KEYS)[number];

/** The key of `key=value` at [start, eq) if it is one the colours know (compared in place: no copy per token). */
function routerKey(message: string, start: number, eq: number): RouterKey | undefined {
  for (const key of ROUTER_KEYS) if (key.length === eq - start && message.startsWith(key, start)) return key;
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

function routerValueStyle(key: RouterKey | undefined, message: string, start: number, end: number, isError: boolean): string | undefined {
  switch (key) {
    case 'at':
      return end - start === 5 && message.startsWith('error', start) ? S.red : undefined;
    case 'code':
      return `${S.bold};${S.red}`;
    case 'desc':
      return isError ? S.red : undefined;
    case 'method':
      return S.magenta;
    case 'path':
      return S.green;
    case 'dyno':
      return end > start ? dynoStyle(message.slice(start, end)) : undefined;
    case 'status':
      return statusStyle(Number.parseInt(message.slice(start, end), 10));
    case 'connect':
    case 'service':
      return responseStyle(message.slice(start, end));
    default:
      return undefined;
  }
}

function statusStyle(status: number): string | undefined {
  if (!(status >= 200 && status < 600)) return undefined;
  return status >= 500 ? S.red : status >= 400 ? S.yellow : status >= 300 ? S.cyan : S.green;
}

function responseStyle(value: string): string | undefined {
  const m = /^(\d+)ms$/.exec(value);
  if (!m) return undefined;
  const ms = Number(m[1]);
  return ms < RESPONSE_MS[0] ? S.green : ms < RESPONSE_MS[1] ? S.cyan : ms < RESPONSE_MS[2] ? S.yellow : S.red;
}

/**
 * Sorted, without overlaps and without empty ranges, within the text, and never cutting a
 * character in two (an expression without the u flag can match half of an emoji: the
 * escape would land between its two halves).
 */
function mergeRanges(ranges: readonly Range[], text: string): Range[] {
  const splits = (i: number) => i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1));
  const sorted = ranges
    .map(([a, b]) => {
      const start = Math.max(0, Math.min(a, text.length));
      const end = Math.max(0, Math.min(b, text.length));
      return [splits(start) ? start - 1 : start, splits(end) ? end + 1 : end] as const;
    })
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The text with its spans' styles and the highlights' inverse video: one escape per change
 * of style. Both lists are sorted and without overlaps (the spans are made in order), so
 * one pass over them cuts the text.
 */
function render(text: string, spans: readonly Span[], marks: readonly Range[]): string {
  if (!spans.length && !marks.length) return text;
  const end = text.length;
  let out = '';
  let current = '';
  let si = 0;
  let mi = 0;
  let pos = 0;
  while (pos < end) {
    while (si < spans.length && spans[si]!.end <= pos) si++;
    while (mi < marks.length && marks[mi]![1] <= pos) mi++;
    const span = spans[si];
    const mark = marks[mi];
    const inSpan = span !== undefined && span.start <= pos;
    const inMark = mark !== undefined && mark[0] <= pos;
    let next = end;
    if (span) next = Math.min(next, inSpan ? span.end : span.start);
    if (mark) next = Math.min(next, inMark ? mark[1] : mark[0]);
    const style = inMark ? (inSpan ? `${span.style};${S.inverse}` : S.inverse) : inSpan ? span.style : '';
    if (style !== current) {
      if (current) out += RESET;
      if (style) out += `${ESC}${style}m`;
      current = style;
    }
    out += text.slice(pos, next);
    pos = next;
  }
  return current ? out + RESET : out;
}

/** A line of build output: the buildpack's `----->` steps bold, failures red, success green. */
export function colorBuildLine(raw: string): string {
  const line = withoutControls(raw);
  if (/^ !/.test(line) || /\b(ERR!|failed|error)\b/i.test(line)) return `${RED}${line}${RESET}`;
  if (/Build succeeded!|^\s+Released\b|^\s+Deployed to Heroku/.test(line)) return `${GREEN}${line}${RESET}`;
  if (line.startsWith('----->')) return `${BOLD}${line}${RESET}`;
  return line;
}
