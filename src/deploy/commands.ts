// Heroku: Deploy to App… (from an app node, the palette, or a folder in the file
// explorer), Redeploy (the folder's last deploy, one click, still confirmed), and Purge
// Build Cache (confirmed).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { accountLabel, type Account } from '../accounts/accounts';
import { writeAfterAsking } from '../accounts/confirmWrite';
import { appItems, appPlaceholder, pickApp, targetApp, targetOfNode, type AppPickItem, type AppTarget, type AppTargetDeps, type FirstApps } from '../apps/appPick';
import { WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { timeAgo } from '../shared/core/text';
import { deployFolder, type DeployDeps } from './deploy';
import type { LastDeploy } from './deployMemory';
import { linksInDeployOrder } from '../workspace/core/links';
import * as l10n from '@vscode/l10n';

export interface DeployCommandDeps extends AppTargetDeps, DeployDeps {
  /** The links of the deepest linked folder that holds this folder or file (each app, and its git remote's name), and that folder's name (undefined: none). */
  linksOfFolder(uri: vscode.Uri): { links: ReadonlyArray<{ app: string; remote?: string }>; folder: string } | undefined;
}

export function deployCommands(deps: DeployCommandDeps): CommandTable {
  /** The folder to deploy: the one clicked in the explorer, the only workspace folder, or the user's pick. */
  const folderOf = async (arg: unknown, app?: string): Promise<vscode.Uri | undefined> => {
    if (arg instanceof vscode.Uri) return arg;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return void prompts.showInformationMessage(l10n.t('Open the folder to deploy first: Heroku deploys a folder of this workspace.'));
    if (folders.length === 1) return folders[0]!.uri;
    const picked = await prompts.showWorkspaceFolderPick({ placeHolder: app ? l10n.t(`Which folder to deploy to {0}`, app) : l10n.t('Which folder to deploy') });
    return picked?.uri;
  };

  /**
   * Apps to list first for a folder, with what their rows say: its links (the one last
   * deployed from the folder first, else a remote named `heroku`), then the apps it was
   * last deployed to; `choose` when several are linked and none is preferred.
   */
  const firstAppsOf = (folder: vscode.Uri): FirstApps & { choose: { count: number; folder: string } | undefined } => {
    const linked = deps.linksOfFolder(folder);
    const last = deps.memory.all().filter((d) => d.folder === folder.toString()).map((d) => d.app);
    const { apps, preferred } = linksInDeployOrder(linked?.links ?? [], last);
    return {
      workspaceApps: new Set([...apps, ...last]),
      linkNote: (app) => (linked && apps.includes(app) ? l10n.t('linked to {0}', linked.folder) : l10n.t('deployed from this folder before')),
      choose: linked && apps.length > 1 && !preferred ? { count: apps.length, folder: linked.folder } : undefined,
    };
  };

  /**
   * Deploy's pick. With several links and none preferred (production beside staging), no
   * app is the row a single Enter picks: the first row asks to choose, and shows the pick
   * again when it is picked.
   */
  const pickTarget = async (folder: vscode.Uri): Promise<AppTarget | undefined> => {
    const accounts = await deps.accounts();
    const { choose, ...first } = firstAppsOf(folder);
    const title = l10n.t(`Deploy {0} to…`, path.basename(folder.fsPath));
    if (!choose) return pickApp(accounts, { title, ...first });
    const ask: vscode.QuickPickItem = { label: `$(list-selection) ${l10n.t('Choose one: {0} apps are linked to {1}', choose.count, choose.folder)}` };
    const items: vscode.QuickPickItem[] = [ask, ...(await appItems(accounts, first))];
    for (;;) {
      const pick = await prompts.showQuickPick(items, { title, placeHolder: appPlaceholder(accounts), matchOnDescription: true });
      if (pick !== ask) return (pick as AppPickItem | undefined)?.target;
    }
  };

  return {
    'herokuMembrane.deploy': {
      ...WORK,
      run: async (run, arg) => {
        const fromNode = targetOfNode(arg);
        const folder = await folderOf(arg, fromNode?.name);
        if (!folder) return;
        const target = fromNode ?? (await pickTarget(folder));
        if (!target) return;
        await deployFolder(deps, run, target, folder);
      },
    },

    'herokuMembrane.redeploy': {
      ...WORK,
      run: async (run, arg) => {
        // Only deploys made through an account that is ready now: each goes to the app of its own account.
        const accounts = await deps.accounts();
        const remembered = deps.memory.all().filter((d) => accounts.some((a) => a.status.connectionId === d.connectionId));
        const candidates = arg instanceof vscode.Uri ? remembered.filter((d) => d.folder === arg.toString()) : remembered;
        if (!candidates.length) return void prompts.showInformationMessage(l10n.t('Nothing to redeploy yet: deploy a folder first with "Heroku: Deploy to App…".'));
        const last = candidates.length === 1 ? candidates[0] : await pickLast(candidates, accounts);
        const account = last && accounts.find((a) => a.status.connectionId === last.connectionId);
        if (last && account) await deployFolder(deps, run, { name: last.app, connectionId: last.connectionId, heroku: account.heroku }, vscode.Uri.parse(last.folder));
      },
    },

    'herokuMembrane.purgeBuildCache': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Purge Build Cache'), deps);
        if (!t) return;
        const app = t.name;
        await writeAfterAsking(deps, run, {
          connectionId: t.connectionId,
          message: l10n.t(`Purge the build cache of {0}?`, app),
          detail: l10n.t("The next build installs every dependency from scratch, which is slower. The running app and its releases are not touched."),
          confirm: l10n.t('Purge Cache'),
          busy: l10n.t(`Purging the build cache of {0}…`, app),
          work: (signal) => t.heroku.purgeBuildCache(app, { signal }),
          done: () => l10n.t(`{0}: the build cache is purged; the next build starts from scratch.`, app),
        });
      },
    },
  };
}

async function pickLast(candidates: LastDeploy[], accounts: Account[]): Promise<LastDeploy | undefined> {
  const account = (d: LastDeploy) => accounts.find((a) => a.status.connectionId === d.connectionId);
  const several = accounts.length > 1;
  const items = candidates.map((d) => ({ label: l10n.t(`$(rocket) {0} → {1}`, path.basename(vscode.Uri.parse(d.folder).fsPath), d.app), description: [several ? accountLabel(account(d)!.status) : '', l10n.t('last deployed {0}', timeAgo(d.at))].filter(Boolean).join(' · '), detail: vscode.Uri.parse(d.folder).fsPath, value: d }));
  return (await prompts.showQuickPick(items, { title: l10n.t('Redeploy'), placeHolder: l10n.t('Which deploy to repeat') }))?.value;
}

/** Whether any deploy is remembered (the palette offers Redeploy only then). */
export function hasLastDeploy(deps: Pick<DeployDeps, 'memory'>): boolean {
  return deps.memory.all().length > 0;
}
