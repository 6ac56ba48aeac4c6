// Managing an app's add-ons, domains and collaborators, from their nodes or the palette
// (the app, then the resource, are picked). Each change says what it does first, goes
// through the command wrapper (cancellable), and reads the touched categories again.
// Heroku's own refusal (a duplicate domain, an unverified account, a missing permission)
// is what the user reads.
import * as vscode from 'vscode';
import { pickOne, targetApp, targetOfNode, type AppClient, type AppTargetDeps } from '../apps/appPick';
import type { Addon, Collaborator, Domain, Plan } from '../heroku/schemas';
import { accountLine, writeAfterAsking } from '../accounts/confirmWrite';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts, safeExternalUri } from '../shared/prompts';
import { addonNameProblem, attachmentsText, emailProblem, hostnameProblem, lossOf, priceText } from './core/rules';
import { AddonNode, CollaboratorNode, DomainNode } from './nodes';
import * as l10n from '@vscode/l10n';

export type ResourceCommandDeps = AppTargetDeps;

export function resourceCommands(deps: ResourceCommandDeps): CommandTable {
  /** The node's resource, or the app's picked one (undefined: cancelled or none). */
  async function pick<T, N extends { app: { name: string }; resource: T }>(
    node: unknown,
    nodeType: abstract new (...args: never[]) => N,
    title: string,
    list: (at: AppClient) => Promise<T[]>,
    toItem: (t: T) => vscode.QuickPickItem,
    none: string,
  ): Promise<{ app: string; at: AppClient; item: T } | undefined> {
    const fromNode = node instanceof nodeType ? targetOfNode(node) : undefined;
    if (node instanceof nodeType && fromNode) return { app: fromNode.name, at: fromNode, item: node.resource };
    const at = await targetApp(node, title, deps);
    if (!at) return undefined;
    const app = at.name;
    const items = await list(at);
    if (!items.length) return void prompts.showInformationMessage(l10n.t(`{0} has no {1}.`, app, none));
    const item = await pickOne(items, toItem, `${title} — ${app}`);
    return item && { app, at, item };
  }

  const addonItem = (a: Addon) => ({ label: a.addon_service?.name ?? a.name, description: `${a.name} · ${a.plan?.name ?? ''}`, detail: a.app?.name ? l10n.t(`owned by {0}`, a.app.name) : undefined });

  return {
    'herokuMembrane.addAddon': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Add Add-on'), deps);
        if (!at) return;
        const app = at.name;
        const client = at.heroku;
        const services = [...(await client.listAddonServices())].sort((a, b) => (a.human_name ?? a.name).localeCompare(b.human_name ?? b.name));
        const service = await pickOne(services, (s) => ({ label: s.human_name ?? s.name, description: s.name, detail: s.state && s.state !== 'ga' ? s.state : undefined }), l10n.t(`Add Add-on — {0}: which service`, app));
        if (!service) return;
        const plans = [...(await client.listPlans(service.id))].sort((a, b) => (a.price?.cents ?? 0) - (b.price?.cents ?? 0));
        const plan = await pickOne(plans, (p: Plan) => ({ label: p.human_name ?? p.name, description: priceText(p), detail: [p.name, p.state && p.state !== 'ga' ? p.state : '', p.default ? l10n.t('default') : ''].filter(Boolean).join(' · ') }), l10n.t(`Add Add-on — {0}: {1} plan`, app, service.human_name ?? service.name));
        if (!plan) return;
        const name = await prompts.showInputBox({ title: l10n.t(`Add Add-on — {0}: name (optional)`, app), prompt: l10n.t('Leave empty for a name Heroku chooses'), validateInput: (v) => (v ? addonNameProblem(v) : undefined) });
        if (name === undefined) return;
        const paid = (plan.price?.cents ?? 0) > 0;
        await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Add {0} to {1}?`, plan.name, app), detail: l10n.t(`{0}\n\nHeroku sets its config vars on {1} (for example {2}), which makes a release and restarts the dynos.`, paid ? l10n.t(`Price: {0}, billed while it exists.`, priceText(plan)) : l10n.t('A free plan.'), app, service.name === 'heroku-postgresql' ? 'DATABASE_URL' : l10n.t('its _URL')), confirm: l10n.t('Add Add-on'),
          busy: l10n.t(`Adding {0} to {1}…`, plan.name, app),
          work: (signal) => client.createAddon(app, { plan: plan.id, ...(name ? { name } : {}) }, { signal }),
          done: (addon) => l10n.t(`{0}: added {1} ({2}){3}.`, app, addon.name, plan.name, addon.config_vars?.length ? l10n.t(`; config var {0}`, addon.config_vars.join(', ')) : '') });
      },
    },

    'herokuMembrane.removeAddon': {
      ...WORK,
      run: async (run, node) => {
        const t = await pick(node, AddonNode, l10n.t('Remove Add-on'), async (at) => (await at.heroku.listAddons(at.name)).filter((a) => !a.app?.name || a.app.name === at.name), addonItem, l10n.t('add-on it owns'));
        if (!t) return;
        const { app, item: addon } = t;
        if (addon.app?.name && addon.app.name !== app) return void prompts.showInformationMessage(l10n.t(`{0} is owned by {1} and only attached to {2}: remove it from {3}.`, addon.name, addon.app.name, app, addon.app.name));
        const client = t.at.heroku;
        const attachments = await client.listAttachments(app, addon.id);
        const others = [...new Set(attachments.map((a) => a.app?.name).filter((n): n is string => Boolean(n) && n !== app))];
        const account = await accountLine(deps, t.at.connectionId);
        const typed = await prompts.showInputBox({
          title: l10n.t(`Remove {0} from {1}`, addon.name, app),
          prompt: [account, l10n.t(`{0} {1} Type {2} to confirm.`, lossOf(addon), attachmentsText(attachments), addon.name)].filter(Boolean).join(' '),
          placeHolder: addon.name,
          ignoreFocusOut: true,
          validateInput: (v) => (v === addon.name ? undefined : l10n.t(`Type {0} exactly to remove it`, addon.name)),
        });
        if (typed !== addon.name) return;
        try {
          await run.busy(l10n.t(`Removing {0} from {1}…`, addon.name, app), (signal) => client.deleteAddon(app, addon.id, { signal }));
        } finally {
          // The apps it was attached to lose its config vars too: their views follow.
          for (const other of others) client.forget(other, 'addons', 'config', 'releases', 'dynos');
        }
        void prompts.showInformationMessage(l10n.t(`{0}: removed {1}.`, app, addon.name));
      },
    },

    'herokuMembrane.openAddonDashboard': {
      ...UI,
      run: async (_run, node) => {
        const t = await pick(node, AddonNode, l10n.t('Open Add-on Dashboard'), (at) => at.heroku.listAddons(at.name), addonItem, l10n.t('add-ons'));
        const uri = t?.item.web_url ? safeExternalUri(t.item.web_url) : undefined;
        if (t && !uri) return void prompts.showInformationMessage(l10n.t(`Heroku gives no dashboard address for {0}.`, t.item.name));
        if (uri) await prompts.openExternal(uri);
      },
    },

    'herokuMembrane.addDomain': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Add Domain'), deps);
        if (!at) return;
        const app = at.name;
        const hostname = await prompts.showInputBox({ title: l10n.t(`Add Domain — {0}`, app), prompt: l10n.t('The hostname, e.g. www.example.com or *.example.com'), ignoreFocusOut: true, validateInput: (v) => hostnameProblem(v.trim()) });
        if (!hostname) return;
        const added = await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Add {0} to {1}?`, hostname.trim().toLowerCase(), app), detail: l10n.t('Heroku routes requests for it to {0} once your DNS points at the target it gives next.', app), confirm: l10n.t('Add Domain'),
          busy: l10n.t(`Adding {0} to {1}…`, hostname.trim(), app),
          work: (signal) => at.heroku.createDomain(app, hostname.trim().toLowerCase(), { signal }) });
        if (!added) return;
        const domain = added.result;
        const target = domain.cname ?? '';
        const acm = domain.acm_status ? ` ACM: ${domain.acm_status}.` : l10n.t(' ACM is off for this app: add a certificate, or turn ACM on.');
        const COPY = l10n.t('Copy DNS Target');
        const pickAction = await prompts.showInformationMessage(l10n.t(`{0}: added {1}. Point a CNAME (or ALIAS) record at {2}.{3}`, app, domain.hostname, target, acm), ...(target ? [COPY] : []));
        if (pickAction === COPY) await vscode.env.clipboard.writeText(target);
      },
    },

    'herokuMembrane.removeDomain': {
      ...WORK,
      run: async (run, node) => {
        const t = await pick(node, DomainNode, l10n.t('Remove Domain'), async (at) => (await at.heroku.listDomains(at.name)).filter((d) => d.kind === 'custom'), (d: Domain) => ({ label: d.hostname, description: d.cname ?? '' }), l10n.t('custom domains'));
        if (!t) return;
        if (t.item.kind !== 'custom') return void prompts.showInformationMessage(l10n.t(`{0} is the app's own herokuapp.com domain: Heroku manages it.`, t.item.hostname));
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Remove {0} from {1}?`, t.item.hostname, t.app), detail: l10n.t(`Requests to {0} stop reaching {1} (Heroku answers them with an error page). Your DNS record is not changed.`, t.item.hostname, t.app), confirm: l10n.t('Remove Domain') , busy: l10n.t(`Removing {0}…`, t.item.hostname), work: (signal) => t.at.heroku.deleteDomain(t.app, t.item.id, { signal }) });
      },
    },

    'herokuMembrane.enableAcm': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Turn ACM On'), deps);
        if (!at) return;
        const app = at.name;
        await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Turn Automated Certificate Management on for {0}?`, app), detail: l10n.t('Heroku issues and renews a Let’s Encrypt certificate for each custom domain, replacing any certificate you uploaded for them. It needs a paid dyno type.'), confirm: l10n.t('Turn ACM On') , busy: l10n.t(`Turning on Automated Certificate Management for {0}…`, app), work: (signal) => at.heroku.setAcm(app, true, { signal }) });
        void prompts.showInformationMessage(l10n.t(`{0}: ACM is on. Heroku issues a certificate for each custom domain once its DNS points at Heroku.`, app));
      },
    },

    'herokuMembrane.disableAcm': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Turn ACM Off'), deps);
        if (!at) return;
        const app = at.name;
        await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Turn ACM off for {0}?`, app), detail: l10n.t('Heroku stops issuing and renewing certificates for its custom domains: once the current ones expire, HTTPS to them fails unless you add your own.'), confirm: l10n.t('Turn ACM Off') , busy: l10n.t(`Turning off ACM for {0}…`, app), work: (signal) => at.heroku.setAcm(app, false, { signal }) });
      },
    },

    'herokuMembrane.addCollaborator': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Add Collaborator'), deps);
        if (!at) return;
        const app = at.name;
        const email = await prompts.showInputBox({ title: l10n.t(`Add Collaborator — {0}`, app), prompt: l10n.t('Their Heroku account e-mail'), ignoreFocusOut: true, validateInput: (v) => emailProblem(v.trim()) });
        if (!email) return;
        await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Give {0} access to {1}?`, email.trim(), app), detail: l10n.t('As a collaborator they can deploy, change config vars (and read their values), scale and read logs.'), confirm: l10n.t('Add Collaborator'),
          busy: l10n.t(`Adding {0} to {1}…`, email.trim(), app),
          work: (signal) => at.heroku.addCollaborator(app, email.trim(), { signal }),
          done: (added) => l10n.t(`{0}: {1} is a collaborator ({2}).`, app, added.user.email, added.role ?? 'collaborator') });
      },
    },

    'herokuMembrane.removeCollaborator': {
      ...WORK,
      run: async (run, node) => {
        const t = await pick(node, CollaboratorNode, l10n.t('Remove Collaborator'), (at) => at.heroku.listCollaborators(at.name), (c: Collaborator) => ({ label: c.user.email, description: c.role ?? '' }), l10n.t('collaborators'));
        if (!t) return;
        const email = t.item.user.email;
        if (t.item.role === 'owner') return void prompts.showInformationMessage(l10n.t(`{0} owns {1}: the owner cannot be removed. Transfer the app to someone else first.`, email, t.app));
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Remove {0} from {1}?`, email, t.app), detail: l10n.t(`{0} loses access to {1}: no deploys, config or logs. Their Heroku account is not touched.`, email, t.app), confirm: l10n.t('Remove Collaborator') , busy: l10n.t(`Removing {0}…`, email), work: (signal) => t.at.heroku.removeCollaborator(t.app, email, { signal }) });
      },
    },
  };
}
