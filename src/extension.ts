// Composition root: builds the objects, gathers every feature's command table, registers
// it through the one command wrapper, and disposes everything. `activate()` does no
// blocking work: the connection code (Membrane layer, execa, zod) is evaluated, and the
// first probe started, after it returns.
import * as vscode from 'vscode';
import { appCommands } from './apps/commands';
import { lifecycleCommands } from './apps/lifecycle';
import { pickApp } from './apps/appPick';
import { configVarsCommands } from './configVars/commands';
import type { ConfigVarsPanels } from './configVars/panel';
import { connectionCommands } from './connection/commands';
import type { ConnectionManager } from './connection/core/connectionManager';
import { StatusBar } from './connection/statusBar';
import { deployCommands, hasLastDeploy } from './deploy/commands';
import { DeployMemory } from './deploy/deployMemory';
import { dynoCommands } from './dynos/commands';
import { runCommands } from './dynos/runCommands';
import { viewCommands } from './explorer/commands';
import { Explorer } from './explorer/explorer';
import { LogTerminals, logCommands } from './logs/commands';
import type { HerokuClient } from './heroku/client';
import { paletteCommands } from './palette/commands';
import type { ProxyRequest } from './palette/proxyRequest';
import type { RunAction } from './palette/runAction';
import { releaseCommands } from './releases/commands';
import { resourceCommands } from './resources/commands';
import { pipelineCommands } from './pipelines/commands';
import { Comparisons } from './pipelines/comparison';
import { registerCommands, type CommandTable } from './shared/commands';
import { JsonDocuments } from './shared/jsonDocuments';
import { Log } from './shared/log';
import { prompts } from './shared/prompts';
import { SECTION, affectsConnection, readSettings } from './shared/settings';
import { TestProbes, type TestingApi } from './shared/testing';

/** Returned by `activate` for the in-host tests (and nothing else). */
export interface ExtensionApi {
  /** Resolves once the connection code is loaded; `manager` is usable from then on. */
  loaded: Promise<ConnectionManager>;
  readonly manager: ConnectionManager;
  statusBar: StatusBar;
  prompts: typeof prompts;
  explorer: Explorer;
  /** The config-vars editors (their code loads on first use). */
  configVars(): Promise<ConfigVarsPanels>;
  commandIds: string[];
  /** Probes of what the UI showed; reading this starts recording. */
  readonly testing: TestingApi;
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
    (loading ??= import('./connection/core/connectionManager').then(({ ConnectionManager }) => {
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
            explorer.reloadAll();
            if (wasReady) void m.heroku?.warmUp();
          }
        }),
      );
      loadedManager = m;
      return m;
    }));
  const heroku = async (): Promise<HerokuClient> => {
    const m = await manager();
    await m.whenChecked();
    return m.requireHeroku();
  };
  const scope = () => loadedManager?.status.connectionId ?? 'none';

  const explorer = new Explorer({
    heroku: () => loadedManager?.heroku,
    autoRefreshSeconds: () => readSettings().autoRefreshSeconds,
    // Asked when the view first shows apps: no CLI call for it before the user opens the view.
    onAccount: (email) => loadedManager?.setAccountEmail(email),
  });
  const probes = new TestProbes(async (app) => {
    const { draftKey } = await import('./configVars/panel');
    return Boolean(await context.secrets.get(draftKey(scope(), app)));
  });
  const json = new JsonDocuments(probes.onShown);
  const comparisons = new Comparisons(probes.onShown);
  const workspaceApps = () => explorer.ctx.workspaceApps();

  let panels: Promise<ConfigVarsPanels> | undefined;
  const configVars = (): Promise<ConfigVarsPanels> =>
    (panels ??= import('./configVars/panel').then(({ ConfigVarsPanels }) => {
      const p = new ConfigVarsPanels({
        extensionUri: context.extensionUri,
        heroku,
        secrets: context.secrets,
        scope,
        onSaved: (app) => void explorer.reloadAppData(app, ['releases', 'dynos']),
        log: (m) => log.info(m),
        prompts,
        onPosted: probes.onPosted,
      });
      context.subscriptions.push(p);
      return p;
    }));
  const paletteDeps = {
    heroku,
    prompts,
    json,
    memory: context.globalState,
    pickApp: async (title: string) => (await pickApp(await heroku(), { title, workspaceApps: workspaceApps() }))?.name,
    readOnlyRunsSkipQuestion: () => readSettings().readOnlyRunsSkipQuestion,
    setReadOnlyRunsSkipQuestion: async (skip: boolean) => vscode.workspace.getConfiguration(SECTION).update('runAction.skipQuestionForReadOnly', skip, vscode.ConfigurationTarget.Global),
  };
  let runAction: Promise<RunAction> | undefined;
  let proxyRequest: Promise<ProxyRequest> | undefined;

  const featureDeps = { heroku, workspaceApps, explorer, json };
  const deployDeps = { heroku, explorer, json, memory: new DeployMemory(context.globalState), connectionId: scope, onText: probes.onTerminalText };
  // Redeploy shows in the palette once a deploy is remembered (a read of memory, no I/O).
  if (hasLastDeploy(deployDeps)) void vscode.commands.executeCommand('setContext', 'herokuMembrane.canRedeploy', true);
  const logTerminals = new LogTerminals({ heroku, log: (m) => log.info(m), onText: probes.onTerminalText });
  const table: CommandTable = {
    ...connectionCommands(manager, log),
    ...viewCommands(featureDeps),
    ...appCommands(featureDeps),
    ...lifecycleCommands(featureDeps),
    ...dynoCommands(featureDeps),
    ...releaseCommands({ ...featureDeps, onText: probes.onTerminalText }),
    ...configVarsCommands({ ...featureDeps, openConfigVars: async (app) => (await configVars()).show(app) }),
    ...logCommands({ ...featureDeps, log: (m) => log.info(m) }, logTerminals),
    ...runCommands({
      ...featureDeps,
      memory: context.globalState,
      log: (m) => log.warn(m),
      onText: probes.onTerminalText,
      showDynoLogs: (app, dyno) => void logTerminals.show({ app, dyno, lines: 100 }),
    }),
    ...deployCommands({ ...deployDeps, workspaceApps }),
    ...resourceCommands(featureDeps),
    ...pipelineCommands({ ...featureDeps, comparisons, onText: probes.onTerminalText }),
    ...paletteCommands({
      runAction: () => (runAction ??= import('./palette/runAction').then(({ RunAction }) => new RunAction(paletteDeps))),
      proxyRequest: () => (proxyRequest ??= import('./palette/proxyRequest').then(({ ProxyRequest }) => new ProxyRequest(paletteDeps))),
    }),
  };
  context.subscriptions.push(
    log,
    statusBar,
    explorer,
    json,
    comparisons,
    logTerminals,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsConnection(e)) void manager().then((m) => m.recheck());
    }),
    ...registerCommands(table, { log, reportError: (e) => loadedManager?.reportError(e) }),
  );

  // The probe runs after activate() returns, so activation never waits for the CLI.
  setTimeout(() => void manager().then((m) => m.recheck()), 0);
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
    configVars,
    commandIds: Object.keys(table),
    get testing() {
      return probes.api();
    },
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
