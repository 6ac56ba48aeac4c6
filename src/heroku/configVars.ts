// Config-var edits against a base snapshot. Heroku has no If-Match for config vars, so a
// save re-reads and refuses to overwrite: a *conflict* is a key the user added, changed
// or deleted whose remote value differs from the base. Remote changes to keys the user
// did not touch are kept and not reported (as `heroku config:edit` does).
import type { ConfigVars } from './schemas';

export interface ConfigChange {
  key: string;
  kind: 'added' | 'changed' | 'removed';
}

export interface ConfigConflict {
  key: string;
  /** What the editor loaded, what Heroku has now, what the user wants (undefined: absent). */
  base: string | undefined;
  remote: string | undefined;
  mine: string | undefined;
}

/** The user's changes from base to edited, sorted by key. */
export function diffConfig(base: ConfigVars, edited: ConfigVars): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(edited)])) {
    const b = has(base, key) ? base[key] : undefined;
    const e = has(edited, key) ? edited[key] : undefined;
    if (b === e) continue;
    changes.push({ key, kind: b === undefined ? 'added' : e === undefined ? 'removed' : 'changed' });
  }
  return changes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Keys the user touched that also moved remotely (to a different value than the user's). */
export function findConflicts(base: ConfigVars, edited: ConfigVars, remote: ConfigVars): ConfigConflict[] {
  const conflicts: ConfigConflict[] = [];
  for (const { key } of diffConfig(base, edited)) {
    const b = has(base, key) ? base[key] : undefined;
    const r = has(remote, key) ? remote[key] : undefined;
    const mine = has(edited, key) ? edited[key] : undefined;
    if (r !== b && r !== mine) conflicts.push({ key, base: b, remote: r, mine });
  }
  return conflicts;
}

/** The PATCH body: only changed keys, `null` for deletions. */
export function patchBody(base: ConfigVars, edited: ConfigVars): Record<string, string | null> {
  // fromEntries defines own properties: `body[key] =` would drop a key named `__proto__`.
  return Object.fromEntries(diffConfig(base, edited).map(({ key, kind }) => [key, kind === 'removed' ? null : (edited[key] as string)]));
}

function has(o: ConfigVars, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}
