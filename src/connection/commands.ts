// Commands of the connection flow: install or locate the CLI, log in and out, connect,
// finish the browser step, retry, the status bar's menu.
import * as vscode from 'vscode';
import { CommandFailedError, isErrorKind } from '../membrane/errors';
import { UI, type CommandRun, type CommandTable } from '../shared/commands';
import type { Log } from '../shared/log';
import { prompts, safeExternalUri } from '../shared/prompts';
import type { ConnectionManager } from './core/connectionManager';
import { accountLabel } from './core/connectionState';
import { STATE_LOOKS } from './core/stateLooks';
import * as l10n from '@vscode/l10n';
import type { Settings } from '../shared/settings';

export const INSTALL_ARGS = ['install', '-g', '@membranehq/cli@latest'];

/** `manager` resolves once the connection code is loaded (it is loaded after activation). */
export function connectionCommands(manager: () => Promise<ConnectionManager>, log: Log, settings: Pick<Settings, 'update'>): CommandTable {
  /** Check again from the start, in a notification whose Cancel stops the wait (e.g. for the browser step). */
  const recheck = (run: CommandRun) => run.busy(l10n.t('Heroku: checking the connection…'), async (signal) => (await manager()).recheck({ signal }));
  const CHECK = { progress: 'notification', cancellable: true } as const;

  return {
    'herokuMembrane.retry': { ...CHECK, run: recheck },

    'herokuMembrane.connect': {
      ...CHECK,
      run: async (run) => {
        const s = (await manager()).status;
        if (s.kind === 'browserStep' && !s.clientAction?.uiUrl && s.connectionId) {
          // No browser URL (e.g. "provide-input"): Membrane's own interactive connect asks.
          runInTerminal(l10n.t('Membrane: connect Heroku'), s.binary ?? 'membrane', ['connect', `--connectionId=${s.connectionId}`]);
          return;
        }
        await recheck(run);
      },
    },

    'herokuMembrane.showLog': { ...UI, run: () => log.show() },

    'herokuMembrane.login': {
      ...UI,
      run: async () => {
        for (;;) {
          try {
            const result = await (await manager()).login({
              openUrl: async (url) => {
                const uri = safeExternalUri(url);
                if (!uri) throw new CommandFailedError('login', undefined, l10n.t('the CLI printed a login URL that is not http(s)'));
                log.info('Opening the Membrane login page in the browser.');
                return prompts.openExternal(uri);
              },
              askCode: () =>
                prompts.showInputBox({
                  title: l10n.t('Log in to Membrane'),
                  prompt: l10n.t('Approve the login in your browser, then paste the code it shows here.'),
                  placeHolder: l10n.t('Code from the browser (e.g. ABCD-1234)'),
                  password: true,
                  ignoreFocusOut: true,
                  validateInput: (v) => (v.trim() ? undefined : l10n.t('Paste the code the browser shows after you approve the login.')),
                }),
            });
            if (result === 'ok') void prompts.showInformationMessage(l10n.t('Logged in to Membrane.'));
            return;
          } catch (e) {
            if (!(isErrorKind(e, 'command-failed') && e.command === 'login complete')) throw e;
            log.warn(`Login code rejected: ${e.cliMessage}`);
            const AGAIN = l10n.t('Try Again');
            if ((await prompts.showErrorMessage(l10n.t(`Membrane did not accept the code: {0}`, e.cliMessage), AGAIN)) !== AGAIN) return;
          }
        }
      },
    },

    'herokuMembrane.logout': {
      progress: 'window', cancellable: false,
      run: async (run) => {
        await run.busy(l10n.t('Logging out of Membrane…'), async () => (await manager()).logout());
        void prompts.showInformationMessage(l10n.t('Logged out of Membrane.'));
      },
    },

    'herokuMembrane.openBrowserStep': {
      ...UI,
      run: async () => {
        const action = (await manager()).status.clientAction;
        if (!action) return vscode.commands.executeCommand('herokuMembrane.retry');
        const uri = action.uiUrl ? safeExternalUri(action.uiUrl) : undefined;
        if (!uri) {
          const pick = await prompts.showInformationMessage(l10n.t(`{0} Membrane gave no browser link for this step.`, action.description), l10n.t('Connect in Terminal'));
          if (pick) await vscode.commands.executeCommand('herokuMembrane.connect');
          return;
        }
        await prompts.openExternal(uri);
      },
    },

    'herokuMembrane.installCli': {
      ...UI,
      run: async () => {
        const pick = await prompts.showQuickPick(
          [
            { label: l10n.t('$(terminal) Install with npm'), description: `npm ${INSTALL_ARGS.join(' ')}`, id: 'npm' },
            { label: l10n.t('$(folder-opened) Choose the CLI path…'), description: l10n.t('membrane is installed somewhere else'), id: 'path' },
            { label: l10n.t('$(refresh) Check again'), id: 'retry' },
          ],
          { title: l10n.t('The Membrane CLI'), placeHolder: l10n.t('The extension reaches Heroku through the Membrane CLI (@membranehq/cli)') },
        );
        if (pick?.id === 'npm') {
          const terminal = runInTerminal(l10n.t('Install Membrane CLI'), process.platform === 'win32' ? 'npm.cmd' : 'npm', INSTALL_ARGS);
          const sub = vscode.window.onDidCloseTerminal((t) => {
            if (t !== terminal) return;
            sub.dispose();
            void vscode.commands.executeCommand('herokuMembrane.retry');
          });
        } else if (pick?.id === 'path') {
          await vscode.commands.executeCommand('herokuMembrane.chooseCliPath');
        } else if (pick?.id === 'retry') {
          await vscode.commands.executeCommand('herokuMembrane.retry');
        }
      },
    },

    'herokuMembrane.chooseCliPath': {
      ...UI,
      run: async () => {
        const picked = await prompts.showOpenDialog({ title: l10n.t('Choose the Membrane CLI (membrane)'), canSelectMany: false, canSelectFolders: false, openLabel: l10n.t('Use this CLI') });
        const file = picked?.[0];
        if (!file) return;
        // The settings' change event re-checks the connection with the new binary.
        await settings.update('cliPath', file.fsPath);
      },
    },

    'herokuMembrane.statusMenu': {
      ...UI,
      run: async () => {
        const s = (await manager()).status;
        if (s.kind !== 'ready') return vscode.commands.executeCommand(STATE_LOOKS[s.kind].command);
        const accounts = s.accounts ?? [];
        const pick = await prompts.showQuickPick(
          [
            // An account waiting for the user comes first: its next step.
            ...accounts.filter((a) => a.kind === 'browserStep').map((a) => ({ label: l10n.t(`$(link-external) Finish connecting {0}`, accountLabel(a)), description: a.clientAction?.description, id: 'herokuMembrane.openAccountBrowserStep', arg: a.connectionId })),
            { label: l10n.t('$(refresh) Refresh'), id: 'herokuMembrane.retry' },
            { label: l10n.t('$(output) Open Log'), id: 'herokuMembrane.showLog' },
            { label: l10n.t('$(plug) Reconnect Heroku'), id: 'herokuMembrane.connect' },
            { label: l10n.t('$(person-add) Add Another Heroku Account…'), id: 'herokuMembrane.addAccount' },
            ...(accounts.length > 1 ? [{ label: l10n.t('$(close) Remove an Account…'), id: 'herokuMembrane.removeAccount' }] : []),
            { label: l10n.t('$(sign-out) Log Out of Membrane'), id: 'herokuMembrane.logout' },
          ],
          {
            title: accounts.length > 1 ? `Heroku — ${accounts.length} accounts` : `Heroku${s.accountEmail ? ` — ${s.accountEmail}` : ''}`,
            placeHolder: accounts.length > 1 ? accounts.map((a) => `${accountLabel(a)}: ${a.kind}`).join(' · ') : `Connection ${s.connectionId ?? ''}`,
          },
        );
        if (pick) await vscode.commands.executeCommand(pick.id, ...('arg' in pick ? [pick.arg] : []));
      },
    },
  };
}

/** A terminal the user sees, running one program with an argument vector (no shell line). */
function runInTerminal(name: string, program: string, args: string[]): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name, shellPath: program, shellArgs: args });
  terminal.show();
  return terminal;
}
