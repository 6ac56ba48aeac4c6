import * as l10n from '@vscode/l10n';
// What a log stream shows: one app, optionally one dyno or process type, one source
// (app output, Heroku's system lines, the router), and how much history first. Plain Node.

export interface LogTarget {
  app: string;
  /** A dyno (`web.1`), a process type (`web`), or `router`; empty: every dyno. */
  dyno?: string;
  /** `app` (the app's own output) or `heroku` (system and router lines); empty: both. */
  source?: 'app' | 'heroku';
  /** History lines replayed before the live tail (Heroku keeps at most 1,500; Fir apps replay none). */
  lines: number;
  /** A Fir-generation app: its sessions take `type` for a process type, and no `lines` or `tail`. */
  fir?: boolean;
}

/** A log target in one account: the same app name in two accounts is two streams. */
export interface AccountLogTarget extends LogTarget {
  connectionId: string;
}

/**
 * The body of `POST /apps/{app}/log-sessions`. Cedar: `{dyno, lines, source, tail}`, where
 * `dyno` may name a process type. Fir: `{dyno, type, source}`, always tailing, no history.
 */
export function logSessionBody(target: LogTarget): { tail?: true; lines?: number; dyno?: string; type?: string; source?: string } {
  const source = target.source ? { source: target.source } : {};
  if (target.fir) {
    const dyno = target.dyno ?? '';
    const which = !dyno ? {} : dyno.includes('.') || dyno === 'router' ? { dyno } : { type: dyno };
    return { ...which, ...source };
  }
  return { tail: true, lines: target.lines, ...(target.dyno ? { dyno: target.dyno } : {}), ...source };
}

/** The filter in words, for the terminal's first line and its name. */
export function describeTarget(target: LogTarget): string {
  const what = target.dyno === 'router' ? l10n.t('router lines') : target.source === 'app' ? l10n.t('app output') : target.source === 'heroku' ? l10n.t('Heroku system lines') : l10n.t('all logs');
  const scope = target.dyno && target.dyno !== 'router' ? l10n.t('{0} of {1} of {2}', what, target.dyno, target.app) : l10n.t('{0} of {1}', what, target.app);
  if (target.fir) return l10n.t('{0}, live (a Fir app: no history)', scope);
  return target.lines === 1 ? l10n.t('{0}, the last 1 line then live', scope) : l10n.t('{0}, the last {1} lines then live', scope, target.lines);
}
