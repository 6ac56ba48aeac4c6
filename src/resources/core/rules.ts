// What Heroku accepts for add-on names, hostnames and collaborators' e-mails (checked as
// the user types, so a refusal is rare), how a plan's price reads, and what removing an
// add-on loses. Plain Node, unit-tested.
import type { Addon, Attachment, Plan } from '../../heroku/schemas';

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function hostnameProblem(hostname: string): string | undefined {
  if (!hostname) return 'A hostname, e.g. www.example.com';
  if (hostname.length > 253) return 'At most 253 characters';
  if (/^https?:\/\//i.test(hostname) || hostname.includes('/')) return 'Only the hostname: no scheme, no path';
  if (!HOSTNAME.test(hostname)) return 'Letters, digits, dashes and dots, e.g. www.example.com (a leading *. for a wildcard)';
  if (/\.herokuapp\.com$/i.test(hostname)) return 'herokuapp.com hostnames are managed by Heroku';
  return undefined;
}

export function emailProblem(email: string): string | undefined {
  if (!email) return 'The e-mail of their Heroku account';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Not an e-mail address';
  return undefined;
}

export function addonNameProblem(name: string): string | undefined {
  if (!/^[a-zA-Z]/.test(name)) return 'Starts with a letter';
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(name)) return 'Letters, digits and dashes only';
  if (name.length < 2 || name.length > 61) return 'Between 2 and 61 characters';
  return undefined;
}

/** `$50/month`, `$19.95/month`, or `free`. */
export function priceText(plan: Pick<Plan, 'price'>): string {
  const cents = plan.price?.cents ?? 0;
  if (!cents) return 'free';
  const dollars = cents % 100 ? (cents / 100).toFixed(2) : String(cents / 100);
  return `$${dollars}/${plan.price?.unit ?? 'month'}`;
}

/** What goes with an add-on when it is removed, in its own words. */
export function lossOf(addon: Pick<Addon, 'addon_service' | 'name'>): string {
  const service = addon.addon_service?.name ?? '';
  if (service === 'heroku-postgresql') return `Every table and row in ${addon.name} is deleted with it, and its backups: this cannot be undone.`;
  if (service === 'heroku-redis') return `Every key in ${addon.name} is deleted with it: this cannot be undone.`;
  return `${addon.name} and what it holds (its data, settings and history at the provider) are deleted: this cannot be undone.`;
}

/** Which config vars go, on which apps: `DATABASE_URL on acme-api and acme-worker is removed, with a release on each.` */
export function attachmentsText(attachments: Pick<Attachment, 'name' | 'app'>[]): string {
  if (!attachments.length) return 'It is attached to no app: no config var changes.';
  const byVar = new Map<string, string[]>();
  for (const a of attachments) byVar.set(`${a.name}_URL`, [...(byVar.get(`${a.name}_URL`) ?? []), a.app?.name ?? 'an app']);
  const parts = [...byVar].map(([v, apps]) => `${v} on ${apps.join(' and ')}`);
  return `${parts.join('; ')} ${attachments.length === 1 ? 'is' : 'are'} removed, with a release on each app.`;
}
