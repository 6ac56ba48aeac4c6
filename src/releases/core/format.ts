// How releases and builds read in the tree. Plain Node: unit-tested without VS Code.
import type { Build, Release } from '../../heroku/schemas';
import { timeAgo, type IconSpec } from '../../shared/core/text';
import * as l10n from '@vscode/l10n';

/** Releases shown per app before "load more". */
export const RELEASE_PAGE = 30;

export function releaseIcon(release: Pick<Release, 'status' | 'current'>): IconSpec {
  if (release.status === 'failed') return { icon: 'error', color: 'errorForeground' };
  if (release.status === 'pending') return { icon: 'clock' };
  return release.current ? { icon: 'star-full', color: 'charts.green' } : { icon: 'tag' };
}

export function releaseDescription(release: Release, now = Date.now()): string {
  const parts = [release.description];
  if (release.current) parts.unshift(l10n.t('current'));
  if (release.status !== 'succeeded') parts.unshift(release.status);
  parts.push(release.user?.email ?? '', timeAgo(release.created_at, now));
  return parts.filter(Boolean).join(' · ');
}

export function buildIcon(status: string): IconSpec {
  if (status === 'succeeded') return { icon: 'check', color: 'testing.iconPassed' };
  if (status === 'failed') return { icon: 'x', color: 'errorForeground' };
  return { icon: 'clock' };
}

export function buildLabel(build: Build): string {
  return build.source_blob?.version ? build.source_blob.version.slice(0, 7) : build.id.slice(0, 8);
}

export function buildDescription(build: Build, now = Date.now()): string {
  return [build.status, build.source_blob?.version_description, build.user?.email, timeAgo(build.created_at, now)].filter(Boolean).join(' · ');
}
