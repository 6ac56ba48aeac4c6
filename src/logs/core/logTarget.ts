// What a log stream shows: one app, optionally one dyno or process type, one source
// (app output, Heroku's system lines, the router), and how much history first. Plain Node.

export interface LogTarget {
  app: string;
  /** A dyno (`web.1`), a process type (`web`), or `router`; empty: every dyno. */
  dyno?: string;
  /** `app` (the app's own output) or `heroku` (system and router lines); empty: both. */
  source?: 'app' | 'heroku';
  /** History lines replayed before the live tail (Heroku keeps at most 1,500). */
  lines: number;
}

/** The body of `POST /apps/{app}/log-sessions` for a Cedar app. */
export function logSessionBody(target: LogTarget): { tail: true; lines: number; dyno?: string; source?: string } {
  return { tail: true, lines: target.lines, ...(target.dyno ? { dyno: target.dyno } : {}), ...(target.source ? { source: target.source } : {}) };
}

/** The filter in words, for the terminal's first line and its name. */
export function describeTarget(target: LogTarget): string {
  const what = target.dyno === 'router' ? 'router lines' : target.source === 'app' ? 'app output' : target.source === 'heroku' ? 'Heroku system lines' : 'all logs';
  const where = target.dyno && target.dyno !== 'router' ? ` of ${target.dyno}` : '';
  return `${what}${where} of ${target.app}, the last ${target.lines} line${target.lines === 1 ? '' : 's'} then live`;
}
