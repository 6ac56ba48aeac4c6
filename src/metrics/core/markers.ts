// Release markers on the charts' time axis: the app's deploys, rollbacks and config
// changes within the window, from the releases list (other releases, an add-on's
// attachment for example, are left out). Plain Node.
import type { Release } from '../../heroku/schemas';
import { clip } from '../../shared/core/text';

import type { MarkerKind, ReleaseMarker } from './chartTypes';
export type { MarkerKind, ReleaseMarker } from './chartTypes';

/** What a release was, from the description Heroku gives it ("Deploy 4f2a9c1", "Rollback to v12", "Set FOO config vars"). */
export function markerKind(description: string): MarkerKind | undefined {
  if (/^rollback\b/i.test(description)) return 'rollback';
  if (/^(deploy|promote)\b/i.test(description)) return 'deploy';
  if (/\bconfig vars?\b/i.test(description)) return 'config';
  return undefined;
}

/** The markers of the releases made in [start, end], oldest first; failed releases are left out. */
export function releaseMarkers(releases: readonly Release[], start: number, end: number): ReleaseMarker[] {
  const out: ReleaseMarker[] = [];
  for (const r of releases) {
    if (r.status === 'failed') continue;
    const at = Date.parse(r.created_at ?? '');
    if (!Number.isFinite(at) || at < start || at > end) continue;
    const kind = markerKind(r.description);
    if (kind) out.push({ version: r.version, at, kind, description: clip(r.description, 200) });
  }
  return out.sort((a, b) => a.at - b.at || a.version - b.version);
}
