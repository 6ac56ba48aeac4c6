// How a Heroku log line is coloured in a terminal, after the Heroku CLI's conventions
// (but the timestamp at full contrast: dim text falls below 4.5:1 in light and dark
// themes): a colour per dyno, router lines by status class (and slow `service=` times), `at=error` in red, dyno state changes highlighted, Logplex's own
// errors (L11 overflow) in red. Plain Node: ANSI escapes in, unit-tested without VS Code.
// The extension's own lines (notices, outcomes) are every terminal's: `shared/core/terminalLines.ts`.
import { BOLD, ESC, GREEN, RED, RESET, withoutControls } from '../../shared/core/terminalLines';

export { noticeLine, outcomeLine, withoutControls } from '../../shared/core/terminalLines';

const YELLOW = `${ESC}33m`;
const CYAN = `${ESC}36m`;

/** Dyno colours, as the Heroku CLI cycles them (router and api have fixed ones). */
const DYNO_COLORS = [`${ESC}36m`, `${ESC}33m`, `${ESC}32m`, `${ESC}35m`, `${ESC}34m`, `${ESC}96m`, `${ESC}93m`, `${ESC}92m`, `${ESC}95m`, `${ESC}94m`];

/** `2026-11-29T10:00:00.123456+00:00 app[web.1]: message` */
const LINE = /^(\S+) ([a-z]+)\[([^\]]+)\]: ?(.*)$/s;

/** Service times at or above this many ms are shown as slow (yellow), twice that as very slow (red). */
export const SLOW_SERVICE_MS = 1000;

export function dynoColor(dyno: string): string {
  if (dyno === 'router') return `${ESC}90m`;
  if (dyno === 'api') return GREEN;
  const type = dyno.split('.')[0] ?? dyno;
  let hash = 0;
  for (const ch of type) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return DYNO_COLORS[hash % DYNO_COLORS.length]!;
}

export function colorLine(raw: string): string {
  const line = withoutControls(raw);
  const m = LINE.exec(line);
  if (!m) return line;
  const [, time, source, dyno, message] = m as unknown as [string, string, string, string, string];
  return `${time} ${dynoColor(dyno)}${source}[${dyno}]:${RESET} ${colorMessage(source, dyno, message)}`;
}

function colorMessage(source: string, dyno: string, message: string): string {
  // Logplex's L errors, the platform's R (runtime) and H (router) errors, and router errors.
  if (/^Error [LRH]\d+\b/.test(message) || /\bat=error\b/.test(message)) return `${RED}${message}${RESET}`;
  if (source === 'heroku' && dyno === 'router') return colorRouter(message);
  const state = /^State changed from (\S+) to (\S+)/.exec(message);
  if (state) {
    const to = state[2];
    const color = to === 'crashed' ? RED : to === 'up' ? GREEN : to === 'down' ? YELLOW : CYAN;
    return `${BOLD}${color}${message}${RESET}`;
  }
  if (/^Process exited with status [1-9]/.test(message)) return `${RED}${message}${RESET}`;
  return message;
}

function colorRouter(message: string): string {
  return message
    .replace(/\bstatus=(\d{3})\b/, (all, code: string) => `${statusColor(Number(code))}${all}${RESET}`)
    .replace(/\bservice=(\d+)ms\b/, (all, ms: string) => {
      const n = Number(ms);
      return n >= 2 * SLOW_SERVICE_MS ? `${RED}${all}${RESET}` : n >= SLOW_SERVICE_MS ? `${YELLOW}${all}${RESET}` : all;
    });
}

function statusColor(status: number): string {
  if (status >= 500) return RED;
  if (status >= 400) return YELLOW;
  if (status >= 300) return CYAN;
  return GREEN;
}

/** A line of build output: the buildpack's `----->` steps bold, failures red, success green. */
export function colorBuildLine(raw: string): string {
  const line = withoutControls(raw);
  if (/^ !/.test(line) || /\b(ERR!|failed|error)\b/i.test(line)) return `${RED}${line}${RESET}`;
  if (/Build succeeded!|^\s+Released\b|^\s+Deployed to Heroku/.test(line)) return `${GREEN}${line}${RESET}`;
  if (line.startsWith('----->')) return `${BOLD}${line}${RESET}`;
  return line;
}
