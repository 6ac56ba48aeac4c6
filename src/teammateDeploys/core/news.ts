// The teammate-deploy notification in words, plain Node: which app (and account), how many
// releases, the newest one's version, who made it and what it is (Heroku's description,
// shown as text: one line, no control or bidirectional characters, bounded, and no link:
// anyone who can release to the app chooses it).
import * as l10n from '@vscode/l10n';
import { clip, displayable, withoutLinks } from '../../shared/core/text';
import type { DeployNews, ReleaseSeen } from './releaseLooks';

/** A release's description in a notification at most (Heroku's can be long, and is anyone's text). */
export const WHAT_MAX = 80;

/** What a release is ("Deploy 4f2a9c1", "Rollback to v41", "Set FOO config vars"), safe to show. */
export function releaseWhat(description: string): string {
  const one = displayable(description).replace(/\s+/g, ' ').trim();
  if (!one) return l10n.t('a release');
  return one.length > WHAT_MAX ? `${clip(one, WHAT_MAX - 1).trimEnd()}…` : one;
}

/** Who made it: the release's user, or words for none. */
export function releaseWho(release: ReleaseSeen): string {
  const email = release.user?.email ? displayable(release.user.email).trim() : '';
  return email ? clip(email, 100) : l10n.t('someone');
}

export function newsMessage(news: DeployNews, account?: string): string {
  const where = account ? l10n.t('{0} ({1})', news.ref.app, account) : news.ref.app;
  const r = news.latest;
  if (news.count === 1) return withoutLinks(l10n.t('New release v{0} on {1} by {2}: {3}', r.version, where, releaseWho(r), releaseWhat(r.description)));
  return withoutLinks(l10n.t('{0} new releases on {1}, latest v{2} by {3}: {4}', news.count, where, r.version, releaseWho(r), releaseWhat(r.description)));
}
