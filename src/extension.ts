// Composition root: builds the objects, registers commands and views, disposes them.
// `activate()` does no blocking work and loads little: the connection code (Membrane
// layer, execa, zod) is loaded and the first probe started after it returns.
import * as vscode from 'vscode';
import { SECTION, affectsConnection, readSettings } from './config';
import type { ConnectionManager } from './connection/connectionManager';
import { Log } from './log';
import { StatusBar } from './ui/statusBar';
import { prompts } from './ui/prompts';
import { connectionCommands } from './commands/connectionCommands';
import { explorerCommands } from './commands/explorerCommands';
import { registerCommands } from './commands/register';
import { Explorer } from './explorer/explorer';
import type { HerokuClient } from './heroku/client';
import { JsonDocuments } from './ui/jsonDocument';
import type { ConfigVarsPanels } from './configVars/panel';
import type { Palette } from './palette/palette';
import { appOf } from './explorer/nodes';
import { pickApp } from './ui/appPick';

/** Returned by `activate` for the in-host tests (and nothing else). */
export interface ExtensionApi {
  /** Resolves once the connection code is loaded; `manager` is usable from then on. */
  loaded: Promise<ConnectionManager>;
  readonly manager: ConnectionManager;
  statusBar: StatusBar;
  prompts: typeof prompts;
  explorer: Explorer;
  json: JsonDocuments;
  /** The config-vars editors (their code loads on first use). */
  configVars(): Promise<ConfigVarsPanels>;
  commandIds: string[];
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = new Log(() => readSettings().logLevel);
  const statusBar = new StatusBar();
  statusBar.render({ kind: 'checking' });

  let wasReady = false;
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
          // The trees follow the connection: filled when ready, emptied (welcome views) otherwise.
          if ((s.kind === 'ready') !== wasReady) {
            wasReady = s.kind === 'ready';
            explorer.refreshAll();
            if (wasReady) void m.heroku?.warmUp();
          }
        }),
      );
      loadedManager = m;
      return m;
    }));

  const explorer = new Explorer({
    heroku: () => loadedManager?.heroku,
    autoRefreshSeconds: () => readSettings().autoRefreshSeconds,
    // Asked when the view first shows apps: no CLI call for it before the user opens the view.
    onAccount: (email) => loadedManager?.setAccountEmail(email),
  });
  const json = new JsonDocuments();
  const heroku = async (): Promise<HerokuClient> => (await manager()).requireHeroku();
  let panels: Promise<ConfigVarsPanels> | undefined;
  const configVars = (): Promise<ConfigVarsPanels> =>
    (panels ??= import('./configVars/panel').then(({ ConfigVarsPanels }) => {
      const p = new ConfigVarsPanels({
        extensionUri: context.extensionUri,
        heroku,
        secrets: context.secrets,
        scope: () => loadedManager?.status.connectionId ?? 'none',
        onSaved: (app) => void explorer.refreshApp(app, ['releases', 'dynos']),
        log: (m) => log.info(m),
        prompts,
      });
      context.subscriptions.push(p);
      return p;
    }));
  let paletteLoading: Promise<Palette> | undefined;
  const palette = (): Promise<Palette> =>
    (paletteLoading ??= import('./palette/palette').then(
      ({ Palette }) =>
        new Palette({
          connection: async () => {
            const m = await manager();
            const heroku = m.requireHeroku();
            return { ...m.ready!, heroku };
          },
          prompts,
          json,
          memory: context.globalState,
          pickApp: async (title) => (await pickApp(await heroku(), { title, workspaceApps: explorer.ctx.workspaceApps() }))?.name,
          readOnlyRunsSkipQuestion: () => readSettings().readOnlyRunsSkipQuestion,
          setReadOnlyRunsSkipQuestion: async (skip) => vscode.workspace.getConfiguration(SECTION).update('runAction.skipQuestionForReadOnly', skip, vscode.ConfigurationTarget.Global),
        }),
    ));
  const table = {
    ...connectionCommands(manager, log),
    'herokuMembrane.runAction': async (node?: unknown) => (await palette()).runAction(appOf(node)?.name),
    'herokuMembrane.proxyRequest': async (node?: unknown) => (await palette()).proxyRequest(appOf(node)?.name),
    ...explorerCommands({ explorer, heroku, json, openConfigVars: async (app) => (await configVars()).show(app) }),
  };
  context.subscriptions.push(
    log,
    statusBar,
    explorer,
    json,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsConnection(e)) void manager().then((m) => m.refresh());
    }),
    ...registerCommands(table, { manager, log }),
  );

  // The probe runs after activate() returns, so activation never waits for the CLI.
  setTimeout(() => void manager().then((m) => m.refresh()), 0);
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms (activate() only; the connection check starts now).`);
  return {
    loaded: manager(),
    get manager() {
      if (!loadedManager) throw new Error('the connection code is not loaded yet: await api.loaded');
      return loadedManager;
    },
    statusBar,
    prompts,
    explorer,
    json,
    configVars,
    commandIds: Object.keys(table),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
