// Composition root: builds the objects, registers commands and views, disposes them.
// `activate()` does no blocking work: the first connection probe starts after it returns.
import * as vscode from 'vscode';
import { affectsConnection, readSettings } from './config';
import { ConnectionManager } from './connection/connectionManager';
import { Log } from './log';
import { StatusBar } from './ui/statusBar';
import { prompts } from './ui/prompts';
import { connectionCommands } from './commands/connectionCommands';
import { registerCommands } from './commands/register';

/** Returned by `activate` for the in-host tests (and nothing else). */
export interface ExtensionApi {
  manager: ConnectionManager;
  statusBar: StatusBar;
  prompts: typeof prompts;
  commandIds: string[];
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new Log(() => readSettings().logLevel);
  const manager = new ConnectionManager({
    settings: readSettings,
    memory: context.globalState,
    onCall: (e) => log.call(e),
    log: (level, message) => log[level](message),
  });
  const statusBar = new StatusBar();
  statusBar.render(manager.status);

  const table = connectionCommands(manager, log);
  context.subscriptions.push(
    log,
    statusBar,
    { dispose: () => manager.dispose() },
    manager.onDidChange((s) => {
      statusBar.render(s);
      log.debug(`Connection state: ${s.kind}${s.detail ? ` (${s.detail})` : ''}`);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsConnection(e)) void manager.refresh();
    }),
    ...registerCommands(table, { manager, log }),
  );

  // The probe runs after activate() returns, so activation never waits for the CLI.
  setTimeout(() => void manager.refresh(), 0);
  return { manager, statusBar, prompts, commandIds: Object.keys(table) };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
