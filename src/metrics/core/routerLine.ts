// What a router line says about one request, for the live charts: its time, its status,
// `service=` in milliseconds and, on `at=error`, its H code. The line's header is read by
// the log terminal's parser (src/logs/core/logLine.ts); the body is `key=value` pairs,
// a quoted value may hold spaces and backslash-escaped quotes, so a path or a header can
// never pose as a key; a value counts only in the router's own form (`status=503`,
// `service=37ms`: not `5e2`, `0x1f7` or `503.0`). One pass, linear in the line's length.
// Plain Node.
import { parseLogLine } from '../../logs/core/logLine';
import { isErrorCode } from '../../errors/core/errorCodes';

export interface RouterRequest {
  /** Milliseconds since the epoch (the line's own timestamp). */
  at: number;
  /** 100–599, or undefined when the line has none (an H14 has `status=503`, an H27 `status=499`). */
  status?: number;
  /** `service=` in ms, when the line has a number there. */
  serviceMs?: number;
  /** An `at=error` line's code (`H12`). */
  code?: string;
}

const MAX_LINE = 16_384;

/** The request a router line describes; undefined for any other line (an app's, the API's, a malformed one). */
export function parseRouterLine(line: string): RouterRequest | undefined {
  if (line.length > MAX_LINE) return undefined;
  const parts = parseLogLine(line);
  if (!parts || parts.source !== 'heroku' || parts.dyno !== 'router') return undefined;
  const at = Date.parse(line.slice(0, parts.headerStart - 1));
  if (!Number.isFinite(at)) return undefined;
  const fields = routerFields(line, parts.body);
  const out: RouterRequest = { at };
  const status = /^[1-5]\d\d$/.exec(fields.get('status') ?? '');
  if (status) out.status = Number(status[0]);
  const service = /^(\d{1,7})ms$/.exec(fields.get('service') ?? '');
  if (service) out.serviceMs = Number(service[1]);
  const code = fields.get('code');
  if (fields.get('at') === 'error' && code && isErrorCode(code)) out.code = code;
  return out;
}

const WANTED = new Set(['at', 'code', 'status', 'service']);

/**
 * The wanted `key=value` pairs of a router line's body (quoted values unquoted). The router
 * writes each key once: a key found twice means part of the line is posing as it, so it
 * counts for neither.
 */
export function routerFields(line: string, from = 0): Map<string, string> {
  const out = new Map<string, string>();
  const twice = new Set<string>();
  let i = from;
  const n = line.length;
  while (i < n) {
    while (i < n && line[i] === ' ') i++;
    const start = i;
    while (i < n && line[i] !== '=' && line[i] !== ' ') i++;
    if (i >= n || line[i] === ' ') continue;
    const key = line.slice(start, i);
    i++;
    let value: string;
    if (line[i] === '"') {
      // Up to the first quote not escaped by a backslash (`\"` and `\\` stand for `"` and `\`).
      let end = i + 1;
      let raw = false;
      while (end < n && line[end] !== '"') {
        if (line[end] === '\\') {
          raw = true;
          end++;
        }
        end++;
      }
      end = Math.min(end, n);
      value = line.slice(i + 1, end);
      if (raw) value = value.replace(/\\(.)/g, '$1');
      i = end + 1;
    } else {
      const space = line.indexOf(' ', i);
      const end = space < 0 ? n : space;
      value = line.slice(i, end);
      i = end;
    }
    if (!WANTED.has(key)) continue;
    if (out.has(key)) twice.add(key);
    else out.set(key, value);
  }
  for (const key of twice) out.delete(key);
  return out;
}
