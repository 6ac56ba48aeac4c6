// The apps the crash watch follows, as the setting holds them: an app's name (in the first
// account), or `{ app, connectionId }` for an app of a given account (the same name in two
// accounts is two apps). Read tolerantly: anything else is dropped, duplicates once.

export interface WatchedApp {
  app: string;
  /** The Membrane connection (the account) of the app; absent: the first account. */
  connectionId?: string;
}

import { refKey, type WatchedRef } from '../../shared/core/appPoller';

export { refKey, type WatchedRef };

/**
 * Apps watched at most: each is read once a minute, 60 calls an hour, so ten stay under
 * 14% of the 4,500 calls an hour Heroku allows an account.
 */
export const MAX_WATCHED_APPS = 10;

/** A Heroku app name (3 to 30 lowercase letters, digits and dashes; older apps may be longer). */
const APP_NAME = /^[a-z][a-z0-9-]{1,99}$/;
const CONNECTION_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function readWatchedApps(value: unknown): WatchedApp[] {
  if (!Array.isArray(value)) return [];
  const out: WatchedApp[] = [];
  const seen = new Set<string>();
  for (const entry of value as unknown[]) {
    const read = readEntry(entry);
    if (!read) continue;
    const key = `${read.connectionId ?? ''}\n${read.app}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(read);
    if (out.length >= MAX_WATCHED_APPS) break;
  }
  return out;
}

function readEntry(entry: unknown): WatchedApp | undefined {
  if (typeof entry === 'string') return APP_NAME.test(entry.trim()) ? { app: entry.trim() } : undefined;
  if (!entry || typeof entry !== 'object') return undefined;
  const { app, connectionId } = entry as { app?: unknown; connectionId?: unknown };
  if (typeof app !== 'string' || !APP_NAME.test(app.trim())) return undefined;
  if (connectionId === undefined || connectionId === null || connectionId === '') return { app: app.trim() };
  return typeof connectionId === 'string' && CONNECTION_ID.test(connectionId) ? { app: app.trim(), connectionId } : undefined;
}

/** Each entry in its account: one without a connection is the first account's (none known yet: skipped). */
export function resolveWatched(apps: readonly WatchedApp[], firstConnectionId: string | undefined): WatchedRef[] {
  const refs: WatchedRef[] = [];
  const seen = new Set<string>();
  for (const a of apps) {
    const connectionId = a.connectionId ?? firstConnectionId;
    if (!connectionId) continue;
    const ref = { app: a.app, connectionId };
    if (seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    refs.push(ref);
  }
  return refs;
}

/** Whether the setting's entry names this app of this account. */
export function isWatched(apps: readonly WatchedApp[], ref: WatchedRef, firstConnectionId: string | undefined): boolean {
  return resolveWatched(apps, firstConnectionId).some((r) => refKey(r) === refKey(ref));
}

/** The setting's value with `ref` added (or removed), every other entry as it was. */
export function withApp(apps: readonly WatchedApp[], ref: WatchedRef, firstConnectionId: string | undefined): WatchedApp[] {
  return isWatched(apps, ref, firstConnectionId) ? [...apps] : [...apps, { app: ref.app, connectionId: ref.connectionId }];
}

export function withoutApp(apps: readonly WatchedApp[], ref: WatchedRef, firstConnectionId: string | undefined): WatchedApp[] {
  return apps.filter((a) => refKey({ app: a.app, connectionId: a.connectionId ?? firstConnectionId ?? '' }) !== refKey(ref));
}
