// How add-ons, domains and collaborators read in the tree. Plain Node: unit-tested without VS Code.
import type { Addon, Collaborator, Domain } from '../../heroku/schemas';

export function addonDescription(addon: Addon): string {
  return [addon.plan?.name?.split(':')[1] ?? addon.plan?.name, addon.state].filter(Boolean).join(' · ');
}

export function domainDescription(domain: Domain): string {
  const acm = domain.acm_status ? `ACM ${domain.acm_status}${domain.acm_status_reason ? ` (${domain.acm_status_reason})` : ''}` : '';
  return [domain.kind, domain.status && domain.status !== 'succeeded' ? domain.status : '', acm].filter(Boolean).join(' · ');
}

export function collaboratorDescription(collaborator: Collaborator): string {
  return [collaborator.role, (collaborator.permissions ?? []).map((p) => p.name).join(', ')].filter(Boolean).join(' · ');
}
