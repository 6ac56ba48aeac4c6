// Operations on apps, dynos, formation and releases: from the tree's context menus (a
// node argument) or the palette (QuickPick fallback). Mutations show progress, refresh
// only what they change, and let the command wrapper report Heroku's own message.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type * as S from '../heroku/schemas';
import type { Explorer } from '../explorer/explorer';
import { DynoNode, LeafNode, LoadMoreNode, Node, RELEASE_PAGE, ReleaseNode, appOf } from '../explorer/nodes';
import { appNameProblem, timeAgo } from '../explorer/format';
import { pickApp, pickOne } from '../ui/appPick';
import type { JsonDocuments } from '../ui/jsonDocument';
import { prompts, safeExternalUri } from '../ui/prompts';
import type { CommandHandler } from './register';

export interface ExplorerCommandDeps {
  explorer: Explorer;
  heroku(): Promise<HerokuClient>;
  json: JsonDocuments;
  /** Open (or reveal) the config-vars editor of an app. */
  openConfigVars(app: string): Promise<unknown>;
}

export function explorerCommands({ explorer, heroku, json, openConfigVars }: ExplorerCommandDeps): Record<string, CommandHandler> {
  const appName = async (node: unknown, title: string): Promise<string | undefined> =>
    appOf(node)?.name ?? (await pickApp(await heroku(), { title, workspaceApps: explorer.ctx.workspaceApps() }))?.name;

  const appInfo = async (node: unknown, title: string): Promise<S.App | undefined> => {
    const a = appOf(node);
    if (a) return a.app;
    return pickApp(await heroku(), { title, workspaceApps: explorer.ctx.workspaceApps() });
  };

  const progress = <T>(title: string, task: () => Promise<T>) => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);

  const dynoOf = async (node: unknown, title: string): Promise<{ app: string; dyno: string } | undefined> => {
    if (node instanceof DynoNode) return { app: node.app.name, dyno: node.dyno.name };
    const app = await appName(node, title);
    if (!app) return undefined;
    const dynos = await (await heroku()).listDynos(app);
    if (!dynos.length) return void prompts.showInformationMessage(`${app} has no dynos.`);
    const d = await pickOne(dynos, (x) => ({ label: x.name, description: `${x.state} · ${x.size ?? ''} · ${x.command ?? ''}` }), `${title} — ${app}`);
    return d && { app, dyno: d.name };
  };

  const formationOf = async (node: unknown, title: string): Promise<{ app: string; formation: S.Formation } | undefined> => {
    if (node instanceof LeafNode && node.contextValue === 'heroku.formation') return { app: node.app.name, formation: node.resource as S.Formation };
    const app = await appName(node, title);
    if (!app) return undefined;
    const formation = await (await heroku()).listFormation(app);
    if (!formation.length) return void prompts.showInformationMessage(`${app} has no process types.`);
    const f = await pickOne(formation, (x) => ({ label: x.type, description: `${x.quantity} × ${x.size}` }), `${title} — ${app}`);
    return f && { app, formation: f };
  };

  const releaseOf = async (node: unknown, title: string): Promise<{ app: string; release: S.Release } | undefined> => {
    if (node instanceof ReleaseNode) return { app: node.app.name, release: node.release };
    const app = await appName(node, title);
    if (!app) return undefined;
    const releases = await (await heroku()).latestReleases(app, 100);
    const r = await pickOne(releases, (x) => ({ label: `v${x.version}${x.current ? ' (current)' : ''}`, description: `${x.status} · ${x.description}`, detail: `${x.user?.email ?? ''} · ${timeAgo(x.created_at)}` }), `${title} — ${app}`);
    return r && { app, release: r };
  };

  const copy = async (text: string | null | undefined, what: string) => {
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${what}`, 2500);
  };

  return {
    'herokuMembrane.refresh': () => explorer.refreshAll(),
    'herokuMembrane.refreshNode': async (node?: unknown) => (node instanceof Node ? explorer.refreshNode(node) : explorer.refreshAll()),

    'herokuMembrane.filterApps': async () => {
      const text = await prompts.showInputBox({ title: 'Filter Heroku apps by name', value: explorer.filter, placeHolder: 'Part of an app name (empty: show all)' });
      if (text !== undefined) explorer.setFilter(text);
    },
    'herokuMembrane.clearFilter': () => explorer.setFilter(''),

    'herokuMembrane.loadMoreReleases': async (node?: unknown) => {
      if (!(node instanceof LoadMoreNode)) return;
      const app = node.releases.app.name;
      explorer.ctx.releasesShown.set(app, (explorer.ctx.releasesShown.get(app) ?? RELEASE_PAGE) + RELEASE_PAGE * 3);
      await explorer.refreshNode(node.releases);
    },

    'herokuMembrane.openApp': async (node?: unknown) => {
      const app = await appInfo(node, 'Open App');
      const uri = app?.web_url ? safeExternalUri(app.web_url) : undefined;
      if (uri) await prompts.openExternal(uri);
    },
    'herokuMembrane.openDashboard': async (node?: unknown) => {
      const app = await appName(node, 'Open in Heroku Dashboard');
      if (app) await prompts.openExternal(vscode.Uri.parse(`https://dashboard.heroku.com/apps/${encodeURIComponent(app)}`));
    },
    'herokuMembrane.copyAppName': async (node?: unknown) => copy((await appInfo(node, 'Copy App Name'))?.name, 'the app name'),
    'herokuMembrane.copyAppId': async (node?: unknown) => copy((await appInfo(node, 'Copy App Id'))?.id, 'the app id'),
    'herokuMembrane.copyAppUrl': async (node?: unknown) => copy((await appInfo(node, 'Copy App URL'))?.web_url, 'the app URL'),

    'herokuMembrane.showJson': async (node?: unknown) => {
      if (node instanceof DynoNode) return json.show(`${node.app.name} dyno ${node.dyno.name}.json`, node.dyno);
      if (node instanceof ReleaseNode) return json.show(`${node.app.name} v${node.release.version}.json`, node.release);
      if (node instanceof LeafNode) return json.show(`${node.app.name} ${node.id.split('/').pop()}.json`, node.resource);
      const app = await appInfo(node, 'Show App JSON');
      if (app) return json.show(`${app.name}.json`, app);
    },

    'herokuMembrane.restartDyno': async (node?: unknown) => {
      const t = await dynoOf(node, 'Restart Dyno');
      if (!t) return;
      await progress(`Restarting ${t.dyno} on ${t.app}…`, async () => (await heroku()).restartDyno(t.app, t.dyno));
      await explorer.refreshApp(t.app, ['dynos']);
    },
    'herokuMembrane.restartAllDynos': async (node?: unknown) => {
      const app = await appName(node, 'Restart All Dynos');
      if (!app) return;
      const ok = await prompts.confirm(`Restart every dyno of ${app}? Requests in flight may fail while they restart.`, { modal: true }, 'Restart All');
      if (ok !== 'Restart All') return;
      await progress(`Restarting all dynos of ${app}…`, async () => (await heroku()).restartAllDynos(app));
      await explorer.refreshApp(app, ['dynos']);
    },
    'herokuMembrane.stopDyno': async (node?: unknown) => {
      const t = await dynoOf(node, 'Stop Dyno');
      if (!t) return;
      const ok = await prompts.confirm(`Stop ${t.dyno} on ${t.app}? A dyno of a scaled process type is started again by Heroku; to keep it down, scale the process type.`, { modal: true }, 'Stop Dyno');
      if (ok !== 'Stop Dyno') return;
      await progress(`Stopping ${t.dyno} on ${t.app}…`, async () => (await heroku()).stopDyno(t.app, t.dyno));
      await explorer.refreshApp(t.app, ['dynos']);
    },

    'herokuMembrane.scaleFormation': async (node?: unknown) => {
      const t = await formationOf(node, 'Scale Process Type');
      if (!t) return;
      const value = await prompts.showInputBox({
        title: `Scale ${t.formation.type} on ${t.app}`,
        prompt: `Number of ${t.formation.type} dynos (now ${t.formation.quantity} × ${t.formation.size}). 0 stops the process type.`,
        value: String(t.formation.quantity),
        validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) ? undefined : 'A whole number from 0 to 999.'),
      });
      if (value === undefined || Number(value) === t.formation.quantity) return;
      await progress(`Scaling ${t.formation.type} on ${t.app} to ${value}…`, async () => (await heroku()).updateFormation(t.app, t.formation.type, { quantity: Number(value) }));
      await explorer.refreshApp(t.app, ['formation', 'dynos']);
    },
    'herokuMembrane.resizeFormation': async (node?: unknown) => {
      const t = await formationOf(node, 'Change Dyno Size');
      if (!t) return;
      const size = await pickOne(DYNO_SIZES, (s) => ({ label: s, description: s === t.formation.size ? 'current' : undefined }), `Dyno size for ${t.formation.type} on ${t.app}`);
      if (!size || size === t.formation.size) return;
      await progress(`Resizing ${t.formation.type} on ${t.app} to ${size}…`, async () => (await heroku()).updateFormation(t.app, t.formation.type, { size }));
      await explorer.refreshApp(t.app, ['formation', 'dynos']);
    },

    'herokuMembrane.rollback': async (node?: unknown) => {
      const t = await releaseOf(node, 'Roll Back');
      if (!t) return;
      const r = t.release;
      const ok = await prompts.confirm(
        `Roll back ${t.app} to v${r.version}?`,
        {
          modal: true,
          detail:
            `Heroku creates a new release with the code (slug) and config vars of v${r.version} ("${r.description}") and restarts the dynos.\n\n` +
            'It does not roll back database schema or data, add-ons, or anything outside the app: migrations stay applied.',
        },
        'Roll Back',
      );
      if (ok !== 'Roll Back') return;
      const created = await progress(`Rolling back ${t.app} to v${r.version}…`, async () => (await heroku()).rollback(t.app, r.version));
      await explorer.refreshApp(t.app, ['releases', 'dynos'], true);
      void prompts.showInformationMessage(`${t.app}: released v${created.version} (${created.description}).`);
    },

    'herokuMembrane.maintenanceOn': async (node?: unknown) => {
      const app = await appName(node, 'Turn Maintenance Mode On');
      if (!app) return;
      const ok = await prompts.confirm(`Turn maintenance mode on for ${app}? Visitors get a maintenance page (HTTP 503) until it is turned off.`, { modal: true }, 'Turn On');
      if (ok !== 'Turn On') return;
      await progress(`Maintenance on for ${app}…`, async () => (await heroku()).setMaintenance(app, true));
      await explorer.refreshApp(app, [], true);
    },
    'herokuMembrane.maintenanceOff': async (node?: unknown) => {
      const app = await appName(node, 'Turn Maintenance Mode Off');
      if (!app) return;
      await progress(`Maintenance off for ${app}…`, async () => (await heroku()).setMaintenance(app, false));
      await explorer.refreshApp(app, [], true);
    },

    'herokuMembrane.createApp': async () => {
      const h = await heroku();
      const name = await prompts.showInputBox({
        title: 'Create a Heroku app (1/3): name',
        prompt: 'Lowercase letters, digits and dashes; leave empty for a random name.',
        validateInput: (v) => (v.trim() ? appNameProblem(v.trim()) : undefined),
      });
      if (name === undefined) return;
      const region = await pickOne(['us', 'eu'], (r) => ({ label: r, description: r === 'us' ? 'United States' : 'Europe' }), 'Create a Heroku app (2/3): region');
      if (!region) return;
      const teams = [...new Set((await h.listApps()).map((a) => a.team?.name).filter((t): t is string => Boolean(t)))].sort();
      const owner = await pickOne(['', ...teams], (t) => ({ label: t ? `$(organization) ${t}` : '$(account) Personal', description: t ? 'team app' : 'owned by you' }), 'Create a Heroku app (3/3): owner');
      if (owner === undefined) return;
      const app = await progress('Creating the app…', () => h.createApp({ name: name.trim() || undefined, region, team: owner || undefined }));
      explorer.refreshAll();
      void prompts.showInformationMessage(`Created ${app.name} (${app.region?.name ?? region}${app.team?.name ? `, team ${app.team.name}` : ''}).`);
    },

    'herokuMembrane.openConfigVars': async (node?: unknown) => {
      const app = await appName(node, 'Edit Config Vars');
      if (app) return openConfigVars(app);
    },
  };
}

export const DYNO_SIZES = ['Eco', 'Basic', 'Standard-1X', 'Standard-2X', 'Performance-M', 'Performance-L'];
