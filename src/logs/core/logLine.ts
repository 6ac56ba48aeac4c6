// The parts of a Logplex line, `2026-11-29T10:00:00.123456+00:00 app[web.1]: message`, and
// the process type a dyno belongs to, for the colours and the filters alike. Plain Node.

export interface LogLineParts {
  /** `app`, `heroku`. */
  source: string;
  /** `web.1`, `router`, `api`, `web-848cd4f64d-pvpr2`. */
  dyno: string;
  /** Where `source[dyno]:` starts and ends (the colon included). */
  headerStart: number;
  headerEnd: number;
  /** Where the message starts (after the one space that follows the colon, if any). */
  body: number;
}

/**
 * The timestamp, `source[dyno]:` and an optional space. Anchored, with no nested
 * quantifiers: linear in the line's length, however long or odd the line.
 */
const HEADER = /^(\S+) ([a-z]+)\[([^\]]+)\]: ?/;

export function parseLogLine(line: string): LogLineParts | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const headerStart = m[1]!.length + 1;
  const headerEnd = headerStart + m[2]!.length + m[3]!.length + 3;
  return { source: m[2]!, dyno: m[3]!, headerStart, headerEnd, body: m[0].length };
}

/** A Fir dyno's name: the process type, then Kubernetes' two generated parts (`web-848cd4f64d-pvpr2`). */
const FIR_DYNO = /^([a-z0-9][a-z0-9_-]*?)-[a-z0-9]{5,10}-[a-z0-9]{5}$/i;

/**
 * The process type of a dyno: `web.1` → `web`, `run.1234` → `run`, a Fir dyno
 * `web-848cd4f64d-pvpr2` → `web`; a name without a number (`router`, `api`, `web`) is its own.
 */
export function processTypeOf(dyno: string): string {
  const cedar = /^(.+)\.\d+$/.exec(dyno);
  if (cedar) return cedar[1]!;
  if (dyno.length <= 100) {
    const fir = FIR_DYNO.exec(dyno);
    if (fir) return fir[1]!;
  }
  return dyno;
}
