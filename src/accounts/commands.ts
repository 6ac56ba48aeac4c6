// Several Heroku accounts: add another (a new Membrane connection, through the same
// browser step as the first), remove one (Membrane forgets the connection; the Heroku
// account is untouched), and open the browser step of one waiting for it.
import type { ConnectionManager } from '../connection/core/connectionManager';
import { accountLabel, type AccountStatus } from '../connection/core/connectionState';
import type { Explorer } from '../explorer/explorer';
import type { ClientAction } from '../membrane/schemas';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts, safeExternalUri } from '../shared/prompts';
import type { Settings } from '../shared/settings';
import { AccountNode } from './accountNode';
import * as l10n from '@vscode/l10n';

export interface AccountCommandDeps {
  manager(): Promise<ConnectionManager>;
  explorer: Explorer;
  settings: Pick<Settings, 'current'>;
}

export function accountCommands(deps: AccountCommandDeps): CommandTable {
  const openStep = async (action: ClientAction | undefined, connectionId: string) => {
    const uri = action?.uiUrl ? safeExternalUri(action.uiUrl) : undefined;
    if (uri) return void (await prompts.openExternal(uri));
    void prompts.showInformationMessage(l10n.t(`{0} Membrane gave no browser link: run "membrane connect --connectionId={1}" in a terminal.`, action?.description || l10n.t('Heroku needs you to finish this connection.'), connectionId));
  };

  return {
    'herokuMembrane.addAccount': {
      ...WORK,
      run: async (run) => {
        if (deps.settings.current.connectionIdOverride.trim()) {
          return void prompts.showInformationMessage(l10n.t('The Heroku views are pinned to one connection (the setting herokuMembrane.connectionId). Clear it to see every account, then add another.'));
        }
        const m = await deps.manager();
        const added = await run.busy(l10n.t('Adding a Heroku account: authorize it in the browser that opens…'), (signal) => m.addAccount((action) => void openStep(action, ''), signal));
        if (added.kind === 'failed') return void prompts.showErrorMessage(l10n.t(`The new Heroku connection failed: {0} Remove it, then add the account again.`, added.detail ?? l10n.t('Membrane could not set it up.')));
        void prompts.showInformationMessage(l10n.t(`Added a Heroku account (connection {0}): its apps and pipelines are under their own root.`, added.name ?? added.connectionId));
      },
    },

    'herokuMembrane.removeAccount': {
      ...WORK,
      run: async (run, node) => {
        const m = await deps.manager();
        const all = m.status.accounts ?? [];
        if (all.length < 2) return void prompts.showInformationMessage(l10n.t('Only one Heroku account is connected: to stop using it, log out of Membrane instead.'));
        const account = node instanceof AccountNode ? node.account : await pickAny(all);
        if (!account) return;
        const label = accountLabel(account);
        const REMOVE = l10n.t('Remove Account');
        const ok = await prompts.confirm(
          l10n.t(`Remove the Heroku account {0} from VS Code?`, label),
          {
            modal: true,
            detail: l10n.t(`Membrane forgets its connection ({0}). The Heroku account itself, its apps, add-ons, config vars and data are not touched, and you can add it again with "Add Another Heroku Account".`, account.name ?? account.connectionId),
          },
          REMOVE,
        );
        if (ok !== REMOVE) return;
        await run.busy(l10n.t(`Removing {0}…`, label), (signal) => m.removeAccount(account.connectionId, signal));
        deps.explorer.reloadAll();
        void prompts.showInformationMessage(l10n.t(`Removed {0}; the Heroku account is untouched.`, label));
      },
    },

    'herokuMembrane.openAccountBrowserStep': {
      ...UI,
      run: async (_run, connectionId) => {
        const m = await deps.manager();
        const account = (m.status.accounts ?? []).find((a) => a.connectionId === connectionId);
        if (!account || account.kind !== 'browserStep') return;
        await openStep(account.clientAction, account.connectionId);
      },
    },
  };
}

async function pickAny(accounts: AccountStatus[]): Promise<AccountStatus | undefined> {
  const items = accounts.map((a) => ({ label: l10n.t(`$(account) {0}`, accountLabel(a)), description: [a.name, a.kind === 'ready' ? '' : a.kind].filter(Boolean).join(' · '), account: a }));
  return (await prompts.showQuickPick(items, { title: l10n.t('Remove a Heroku Account'), placeHolder: l10n.t('Which account should Membrane forget?') }))?.account;
}
