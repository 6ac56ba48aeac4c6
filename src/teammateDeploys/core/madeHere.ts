// Whether this window made a release, plain Node: the release was stamped while one of this
// window's writes to its app was under way (the account's client records each write's span:
// src/heroku/writeLog.ts), and by this window's user (when the account's e-mail is known). A
// teammate's release in the same minute carries their e-mail, so it is still told; the user's
// own deploy from a terminal outside any write of this window is told too.
import type { ReleaseSeen } from './releaseLooks';

export interface WriteSpans {
  covers(app: string, at: number): boolean;
}

export function madeHere(release: ReleaseSeen, app: string, writes: WriteSpans, accountEmail: string | undefined): boolean {
  const at = release.created_at ? Date.parse(release.created_at) : NaN;
  if (!Number.isFinite(at) || !writes.covers(app, at)) return false;
  const by = release.user?.email?.toLowerCase();
  return !accountEmail || !by || by === accountEmail.toLowerCase();
}
