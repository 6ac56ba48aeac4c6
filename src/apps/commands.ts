// Commands on apps: open, copy, create, maintenance mode. From an app node or the
// palette (the app is then picked).
import * as vscode from 'vscode';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts, safeExternalUri } from '../shared/prompts';
import { accountOfNode, pickAccount } from '../accounts/accounts';
import { writeAfterAsking } from '../accounts/confirmWrite';
import { pickOne, targetApp, type AppTargetDeps } from './appPick';
import { appNameProblem } from './core/format';
import * as l10n from '@vscode/l10n';

export type AppCommandDeps = AppTargetDeps;

export function appCommands(deps: AppCommandDeps): CommandTable {
  const copy = async (text: string | null | undefined, what: string) => {
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${what}`, 2500);
  };

  return {
    'herokuMembrane.openApp': {
      ...UI,
      run: async (_run, node) => {
        const app = (await targetApp(node, l10n.t('Open App'), deps))?.app;
        const uri = app?.web_url ? safeExternalUri(app.web_url) : undefined;
        if (uri) await prompts.openExternal(uri);
      },
    },
    'herokuMembrane.openDashboard': {
      ...UI,
      run: async (_run, node) => {
        const app = await targetApp(node, l10n.t('Open in Heroku Dashboard'), deps);
        if (app) await prompts.openExternal(vscode.Uri.parse(`https://dashboard.heroku.com/apps/${encodeURIComponent(app.name)}`));
      },
    },
    'herokuMembrane.copyAppName': { ...UI, run: async (_run, node) => copy((await targetApp(node, l10n.t('Copy App Name'), deps))?.name, l10n.t('the app name')) },
    'herokuMembrane.copyAppId': { ...UI, run: async (_run, node) => copy((await targetApp(node, l10n.t('Copy App Id'), deps))?.app.id, l10n.t('the app id')) },
    'herokuMembrane.copyAppUrl': { ...UI, run: async (_run, node) => copy((await targetApp(node, l10n.t('Copy App URL'), deps))?.app.web_url, l10n.t('the app URL')) },

    'herokuMembrane.maintenanceOn': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Turn Maintenance Mode On'), deps);
        if (!t) return;
        const app = t.name;
        await writeAfterAsking(deps, run, { connectionId: t.connectionId, message: l10n.t(`Turn maintenance mode on for {0}? Visitors get a maintenance page (HTTP 503) until it is turned off.`, app), confirm: l10n.t('Turn On') , busy: l10n.t(`Maintenance on for {0}…`, app), work: (signal) => t.heroku.setMaintenance(app, true, { signal }) });
      },
    },
    'herokuMembrane.maintenanceOff': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Turn Maintenance Mode Off'), deps);
        if (!t) return;
        const app = t.name;
        await writeAfterAsking(deps, run, { connectionId: t.connectionId, message: l10n.t(`Turn maintenance mode off for {0}?`, app), detail: l10n.t('Visitors reach the app again at once, whatever state it is in.'), confirm: l10n.t('Turn Off') , busy: l10n.t(`Maintenance off for {0}…`, app), work: (signal) => t.heroku.setMaintenance(app, false, { signal }) });
      },
    },

    'herokuMembrane.createApp': {
      ...WORK,
      run: async (run, node) => {
        // From an account's root: that account; else the user's pick when there are several.
        const accounts = await deps.accounts();
        const account = accountOfNode(node, accounts) ?? (await pickAccount(accounts, l10n.t('Create a Heroku app in which account?')));
        if (!account) return;
        const h = account.heroku;
        const name = await prompts.showInputBox({
          title: l10n.t('Create a Heroku app (1/3): name'),
          prompt: l10n.t('Lowercase letters, digits and dashes; leave empty for a random name.'),
          validateInput: (v) => (v.trim() ? appNameProblem(v.trim()) : undefined),
        });
        if (name === undefined) return;
        const region = await pickOne(['us', 'eu'], (r) => ({ label: r, description: r === 'us' ? l10n.t('United States') : l10n.t('Europe') }), l10n.t('Create a Heroku app (2/3): region'));
        if (!region) return;
        const teams = [...new Set((await h.listApps()).map((a) => a.team?.name).filter((t): t is string => Boolean(t)))].sort();
        const owner = await pickOne(['', ...teams], (t) => ({ label: t ? `$(organization) ${t}` : l10n.t('$(account) Personal'), description: t ? l10n.t('team app') : l10n.t('owned by you') }), l10n.t('Create a Heroku app (3/3): owner'));
        if (owner === undefined) return;
        await writeAfterAsking(deps, run, {
          connectionId: account.status.connectionId,
          message: name.trim() ? l10n.t(`Create the app {0} in {1}?`, name.trim(), region) : l10n.t(`Create an app with a name Heroku chooses in {0}?`, region),
          detail: owner ? l10n.t('Owned by the team {0}. It has no dynos until you deploy, so it costs nothing yet.', owner) : l10n.t('Owned by you. It has no dynos until you deploy, so it costs nothing yet.'),
          confirm: l10n.t('Create App'),
          busy: l10n.t('Creating the app…'),
          work: (signal) => h.createApp({ name: name.trim() || undefined, region, team: owner || undefined }, { signal }),
          done: (app) => (app.team?.name ? l10n.t('Created {0} ({1}, team {2}).', app.name, app.region?.name ?? region, app.team.name) : l10n.t('Created {0} ({1}).', app.name, app.region?.name ?? region)),
        });
      },
    },
  };
}
