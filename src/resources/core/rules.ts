// What Heroku accepts for add-on names, hostnames and collaborators' e-mails (checked as
// the user types, so a refusal is rare), how a plan's price reads, and what removing an
// add-on loses. Plain Node, unit-tested.
import type { Addon, Attachment, Plan } from '../../heroku/schemas';
import * as l10n from '@vscode/l10n';

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function hostnameProblem(hostname: string): string | undefined {
  if (!hostname) return l10n.t('A hostname, e.g. www.example.com');
  if (hostname.length > 253) return l10n.t('At most 253 characters');
  if (/^https?:\/\//i.test(hostname) || hostname.includes('/')) return l10n.t('Only the hostname: no scheme, no path');
  if (!HOSTNAME.test(hostname)) return l10n.t('Letters, digits, dashes and dots, e.g. www.example.com (a leading *. for a wildcard)');
  if (/\.herokuapp\.com$/i.test(hostname)) return l10n.t('herokuapp.com hostnames are managed by Heroku');
  return undefined;
}

export function emailProblem(email: string): string | undefined {
  if (!email) return l10n.t('The e-mail of their Heroku account');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return l10n.t('Not an e-mail address');
  return undefined;
}

export function addonNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z]/.test(name)) return l10n.t('Starts with a letter');
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(name)) return l10n.t('Letters, digits and dashes only');
  if (name.length < 2 || name.length > 61) return l10n.t('Between 2 and 61 characters');
  return undefined;
}

/** `$50/month`, `$19.95/month`, or `free`. */
export function priceText(plan: Pick<Plan, 'price'>): string {
  const cents = plan.price?.cents ?? 0;
  if (!cents) return l10n.t('free');
  const dollars = cents % 100 ? (cents / 100).toFixed(2) : String(cents / 100);
  return `$${dollars}/${plan.price?.unit ?? 'month'}`;
}

/** What goes with an add-on when it is removed, in its own words. */
export function lossOf(addon: Pick<Addon, 'addon_service' | 'name'>): string {
  const service = addon.addon_service?.name ?? '';
  if (service === 'heroku-postgresql') return l10n.t(`Every table and row in {0} is deleted with it, and its backups: this cannot be undone.`, addon.name);
  if (service === 'heroku-redis') return l10n.t(`Every key in {0} is deleted with it: this cannot be undone.`, addon.name);
  return l10n.t(`{0} and what it holds (its data, settings and history at the provider) are deleted: this cannot be undone.`, addon.name);
}

/** Which config vars go, on which apps: `DATABASE_URL on acme-api and acme-worker is removed, with a release on each.` */
export function attachmentsText(attachments: Pick<Attachment, 'name' | 'app'>[]): string {
  if (!attachments.length) return l10n.t('It is attached to no app: no config var changes.');
  const byVar = new Map<string, string[]>();
  for (const a of attachments) byVar.set(`${a.name}_URL`, [...(byVar.get(`${a.name}_URL`) ?? []), a.app?.name ?? l10n.t('an app')]);
  const parts = [...byVar].map(([v, apps]) => l10n.t('{0} on {1}', v, apps.join(l10n.t(' and ')))).join('; ');
  return attachments.length === 1
    ? l10n.t('{0} is removed, with a release on each app.', parts)
    : l10n.t('{0} are removed, with a release on each app.', parts);
}
