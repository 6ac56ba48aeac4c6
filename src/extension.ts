// Composition root: builds the objects, registers commands and views, disposes them.
// `activate()` does no blocking work and loads little: the connection code (Membrane
// layer, execa, zod) is loaded and the first probe started after it returns.
import * as vscode from 'vscode';
import { affectsConnection, readSettings } from './config';
import type { ConnectionManager } from './connection/connectionManager';
import { Log } from './log';
import { StatusBar } from './ui/statusBar';
import { prompts } from './ui/prompts';
import { connectionCommands } from './commands/connectionCommands';
import { registerCommands } from './commands/register';

/** Returned by `activate` for the in-host tests (and nothing else). */
export interface ExtensionApi {
  /** Resolves once the connection code is loaded; `manager` is usable from then on. */
  loaded: Promise<ConnectionManager>;
  readonly manager: ConnectionManager;
  statusBar: StatusBar;
  prompts: typeof prompts;
  commandIds: string[];
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new Log(() => readSettings().logLevel);
  const statusBar = new StatusBar();
  statusBar.render({ kind: 'checking' });

  let loading: Promise<ConnectionManager> | undefined;
  let loadedManager: ConnectionManager | undefined;
  const manager = (): Promise<ConnectionManager> =>
    (loading ??= import('./connection/connectionManager').then(({ ConnectionManager }) => {
      const m = new ConnectionManager({
        settings: readSettings,
        memory: context.globalState,
        onCall: (e) => log.call(e),
        log: (level, message) => log[level](message),
      });
      context.subscriptions.push(
        { dispose: () => m.dispose() },
        m.onDidChange((s) => {
          statusBar.render(s);
          log.debug(`Connection state: ${s.kind}${s.detail ? ` (${s.detail})` : ''}`);
        }),
      );
      loadedManager = m;
      return m;
    }));

  const table = connectionCommands(manager, log);
  context.subscriptions.push(
    log,
    statusBar,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsConnection(e)) void manager().then((m) => m.refresh());
    }),
    ...registerCommands(table, { manager, log }),
  );

  // The probe runs after activate() returns, so activation never waits for the CLI.
  setTimeout(() => void manager().then((m) => m.refresh()), 0);
  return {
    loaded: manager(),
    get manager() {
      if (!loadedManager) throw new Error('the connection code is not loaded yet: await api.loaded');
      return loadedManager;
    },
    statusBar,
    prompts,
    commandIds: Object.keys(table),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
