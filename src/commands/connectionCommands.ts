// Commands of the connection flow: install or locate the CLI, log in and out, connect,
// finish the browser step, retry, the status bar's menu.
import * as vscode from 'vscode';
import { CommandFailedError, isErrorKind } from '../membrane/errors';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../log';
import { prompts, safeExternalUri } from '../ui/prompts';
import type { CommandHandler } from './register';
import { STATE_LOOKS } from '../connection/stateLooks';

export const INSTALL_ARGS = ['install', '-g', '@membranehq/cli@latest'];

/** `manager` resolves once the connection code is loaded (it is loaded after activation). */
export function connectionCommands(manager: () => Promise<ConnectionManager>, log: Log): Record<string, CommandHandler> {
  const withProgress = <T>(title: string, task: () => Promise<T>) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);

  const retry = () => withProgress('Heroku: checking the connection', async () => (await manager()).refresh());

  return {
    'herokuMembrane.retry': retry,

    'herokuMembrane.connect': async () => {
      const s = (await manager()).status;
      if (s.kind === 'browserStep' && !s.clientAction?.uiUrl && s.connectionId) {
        // No browser URL (e.g. "provide-input"): Membrane's own interactive connect asks.
        runInTerminal('Membrane: connect Heroku', s.binary ?? 'membrane', ['connect', `--connectionId=${s.connectionId}`]);
        return;
      }
      await retry();
    },

    'herokuMembrane.showLog': () => log.show(),

    'herokuMembrane.login': async () => {
      for (;;) {
        try {
          const result = await (await manager()).login({
            openUrl: async (url) => {
              const uri = safeExternalUri(url);
              if (!uri) throw new CommandFailedError('login', undefined, 'the CLI printed a login URL that is not http(s)');
              log.info('Opening the Membrane login page in the browser.');
              return prompts.openExternal(uri);
            },
            askCode: () =>
              prompts.showInputBox({
                title: 'Log in to Membrane',
                prompt: 'Approve the login in your browser, then paste the code it shows here.',
                placeHolder: 'Code from the browser (e.g. ABCD-1234)',
                password: true,
                ignoreFocusOut: true,
                validateInput: (v) => (v.trim() ? undefined : 'Paste the code the browser shows after you approve the login.'),
              }),
          });
          if (result === 'ok') void prompts.showInformationMessage('Logged in to Membrane.');
          return;
        } catch (e) {
          if (!(isErrorKind(e, 'command-failed') && e.command === 'login complete')) throw e;
          log.warn(`Login code rejected: ${e.cliMessage}`);
          const again = await prompts.showErrorMessage(`Membrane did not accept the code: ${e.cliMessage}`, 'Try Again');
          if (again !== 'Try Again') return;
        }
      }
    },

    'herokuMembrane.logout': async () => {
      await (await manager()).logout();
      void prompts.showInformationMessage('Logged out of Membrane.');
    },

    'herokuMembrane.openBrowserStep': async () => {
      const action = (await manager()).status.clientAction;
      if (!action) return retry();
      const uri = action.uiUrl ? safeExternalUri(action.uiUrl) : undefined;
      if (!uri) {
        const pick = await prompts.showInformationMessage(`${action.description} Membrane gave no browser link for this step.`, 'Connect in Terminal');
        if (pick) await vscode.commands.executeCommand('herokuMembrane.connect');
        return;
      }
      await prompts.openExternal(uri);
    },

    'herokuMembrane.installCli': async () => {
      const pick = await prompts.showQuickPick(
        [
          { label: '$(terminal) Install with npm', description: `npm ${INSTALL_ARGS.join(' ')}`, id: 'npm' },
          { label: '$(folder-opened) Choose the CLI path…', description: 'membrane is installed somewhere else', id: 'path' },
          { label: '$(refresh) Check again', id: 'retry' },
        ],
        { title: 'The Membrane CLI', placeHolder: 'The extension reaches Heroku through the Membrane CLI (@membranehq/cli)' },
      );
      if (pick?.id === 'npm') {
        const terminal = runInTerminal('Install Membrane CLI', process.platform === 'win32' ? 'npm.cmd' : 'npm', INSTALL_ARGS);
        const sub = vscode.window.onDidCloseTerminal((t) => {
          if (t !== terminal) return;
          sub.dispose();
          void retry();
        });
      } else if (pick?.id === 'path') {
        await vscode.commands.executeCommand('herokuMembrane.chooseCliPath');
      } else if (pick?.id === 'retry') {
        await retry();
      }
    },

    'herokuMembrane.chooseCliPath': async () => {
      const picked = await prompts.showOpenDialog({ title: 'Choose the Membrane CLI (membrane)', canSelectMany: false, canSelectFolders: false, openLabel: 'Use this CLI' });
      const file = picked?.[0];
      if (!file) return;
      // The configuration listener re-checks the connection with the new binary.
      await vscode.workspace.getConfiguration('herokuMembrane').update('cliPath', file.fsPath, vscode.ConfigurationTarget.Global);
    },

    'herokuMembrane.statusMenu': async () => {
      const s = (await manager()).status;
      if (s.kind !== 'ready') return vscode.commands.executeCommand(STATE_LOOKS[s.kind].command);
      const pick = await prompts.showQuickPick(
        [
          { label: '$(refresh) Refresh', id: 'herokuMembrane.retry' },
          { label: '$(output) Open Log', id: 'herokuMembrane.showLog' },
          { label: '$(plug) Reconnect Heroku', id: 'herokuMembrane.connect' },
          { label: '$(sign-out) Log Out of Membrane', id: 'herokuMembrane.logout' },
        ],
        { title: `Heroku${s.accountEmail ? ` — ${s.accountEmail}` : ''}`, placeHolder: `Connection ${s.connectionId ?? ''}` },
      );
      if (pick) await vscode.commands.executeCommand(pick.id);
    },
  };
}

/** A terminal the user sees, running one program with an argument vector (no shell line). */
function runInTerminal(name: string, program: string, args: string[]): vscode.Terminal {
  const terminal = vscode.window.createTerminal({ name, shellPath: program, shellArgs: args });
  terminal.show();
  return terminal;
}
