// Composition root: builds the objects, gathers every feature's command table, registers
// it through the one command wrapper, and disposes everything. `activate()` does no
// blocking work: the connection code (Membrane layer, execa, zod) is evaluated, and the
// first probe started, after it returns.
import './shared/l10nSetup';
import * as vscode from 'vscode';
import type { Account } from './accounts/accounts';
import { accountCommands } from './accounts/commands';
import { appCommands } from './apps/commands';
import { lifecycleCommands } from './apps/lifecycle';
import { pickApp } from './apps/appPick';
import { configVarsCommands } from './configVars/commands';
import type { ConfigVarsPanels } from './configVars/panel';
import { connectionCommands } from './connection/commands';
import type { ConnectionManager } from './connection/core/connectionManager';
import { accountLabel, readyAccounts, type ConnectionStatus } from './connection/core/connectionState';
import { StatusBar } from './connection/statusBar';
import { FailureNotice } from './connection/failureNotice';
import { deployCommands, hasLastDeploy } from './deploy/commands';
import { sweepStaleDeployArchives } from './deploy/core/archiveFolder';
import { DeployMemory } from './deploy/deployMemory';
import { dynoCommands } from './dynos/commands';
import { runCommands } from './dynos/runCommands';
import { viewCommands } from './explorer/commands';
import { Explorer, type ExplorerAccount } from './explorer/explorer';
import { LogTerminals, logCommands } from './logs/commands';
import { errorCommands } from './errors/commands';
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
import { CONNECTION_SETTINGS, Settings } from './shared/settings';
import { TestProbes, type TestingApi } from './shared/testing';
import { contextKeys, type ContextKeys } from './shared/contextKeys';
import { WalkthroughProgress } from './walkthrough/progress';

/**
 * Set by esbuild.js: true in the development and test builds, false in the production
 * build the VSIX ships. Only a test build hands `ExtensionApi` out: in a user's VS Code,
 * any other extension could read `activate`'s result (the config-var values sent to a
 * page, terminal text) and replace `prompts.confirm`.
 */
declare const TEST_BUILD: boolean;

/** Returned by `activate` for the in-host tests, in a test build only. */
export interface ExtensionApi {
  /** Resolves once the connection code is loaded; `manager` is usable from then on. */
  loaded: Promise<ConnectionManager>;
  readonly manager: ConnectionManager;
  statusBar: StatusBar;
  log: Log;
  prompts: typeof prompts;
  explorer: Explorer;
  /** The config-vars editors (their code loads on first use). */
  configVars(): Promise<ConfigVarsPanels>;
  commandIds: string[];
  /** Probes of what the UI showed; reading this starts recording. */
  readonly testing: TestingApi;
  /** The context keys as `when` clauses see them. */
  contextKeys: ContextKeys;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  const settings = new Settings();
  context.subscriptions.push(settings);
  const log = new Log(() => settings.current.logLevel);
  const statusBar = new StatusBar();
  statusBar.render({ kind: 'checking' });
  const walkthrough = new WalkthroughProgress(contextKeys, context.globalState, context.extension.id);
  const failureNotice = new FailureNotice(prompts, (command) => vscode.commands.executeCommand(command));

  let wasReady = false;
  let shownAccounts = '';
  let loading: Promise<ConnectionManager> | undefined;
  let loadedManager: ConnectionManager | undefined;
  const manager = (): Promise<ConnectionManager> =>
    (loading ??= import('./connection/core/connectionManager').then(({ ConnectionManager }) => {
      const m = new ConnectionManager({
        settings: () => settings.current,
        memory: context.globalState,
        onCall: (e) => log.call(e),
        log: (level, message) => log[level](message),
      });
      context.subscriptions.push(
        { dispose: () => m.dispose() },
        m.onDidChange((s) => {
          statusBar.render(s);
          walkthrough.onState(s);
          failureNotice.onState(s);
          log.debug(`Connection state: ${s.kind}${s.detail ? ` (${s.detail})` : ''}`);
          // The trees follow the connection: filled when ready, emptied (welcome views) otherwise.
          if ((s.kind === 'ready') !== wasReady) {
            wasReady = s.kind === 'ready';
            shownAccounts = accountsShape(s);
            explorer.reloadAll();
            if (wasReady) for (const a of readyAccounts(s)) void m.herokuFor(a.connectionId)?.warmUp();
          } else if (wasReady && accountsShape(s) !== shownAccounts) {
            // An account came, went, or changed state (e.g. finished its browser step): the roots again.
            shownAccounts = accountsShape(s);
            explorer.redrawAll();
            for (const a of readyAccounts(s)) void m.herokuFor(a.connectionId)?.warmUp();
          }
        }),
      );
      loadedManager = m;
      return m;
    }));
  /** Every ready account (a command started while the connection is being checked waits for it). */
  const accounts = async (): Promise<Account[]> => {
    const m = await manager();
    await m.whenChecked();
    const firstId = m.status.accounts?.[0]?.connectionId;
    const ready = readyAccounts(m.status).flatMap((status) => {
      const heroku = m.herokuFor(status.connectionId);
      return heroku ? [{ status, heroku, first: status.connectionId === firstId }] : [];
    });
    if (!ready.length) m.requireHeroku(); // throws what to do first
    return ready;
  };
  const herokuOf = async (connectionId: string) => {
    const m = await manager();
    await m.whenChecked();
    return m.requireHeroku(connectionId);
  };
  const scope = () => loadedManager?.status.connectionId ?? 'none';

  const explorer = new Explorer({
    accounts: (): ExplorerAccount[] => {
      const m = loadedManager;
      if (m?.status.kind !== 'ready') return [];
      return (m.status.accounts ?? []).map((status) => ({ status, heroku: status.kind === 'ready' ? m.herokuFor(status.connectionId) : undefined }));
    },
    settings,
    // Read when the view first shows apps: no CLI call for it before the user opens the view.
    onAccount: (connectionId, email) => loadedManager?.setAccountEmail(connectionId, email),
  });
  const probes = new TestProbes(async (app, connectionId) => {
    const { draftKey } = await import('./configVars/panel');
    return Boolean(await context.secrets.get(draftKey(connectionId ?? scope(), app)));
  });
  const json = new JsonDocuments(probes.onShown);
  const comparisons = new Comparisons(probes.onShown);
  const workspaceApps = () => explorer.workspaceApps();

  let panels: Promise<ConfigVarsPanels> | undefined;
  const configVars = (): Promise<ConfigVarsPanels> =>
    (panels ??= import('./configVars/panel').then(({ ConfigVarsPanels }) => {
      const p = new ConfigVarsPanels({
        extensionUri: context.extensionUri,
        secrets: context.secrets,
        accountLabel: (connectionId) => {
          const all = loadedManager?.status.accounts ?? [];
          const a = all.length > 1 ? all.find((x) => x.connectionId === connectionId) : undefined;
          return a && accountLabel(a);
        },
        log: (m) => log.info(m),
        prompts,
        accounts,
        commands: { log, reportError: (e) => loadedManager?.reportError(e) },
        onPosted: probes.onPosted,
      });
      context.subscriptions.push(p);
      return p;
    }));
  const paletteDeps = {
    accounts,
    onRan: () => walkthrough.tried('triedPalette'),
    prompts,
    json,
    memory: context.globalState,
    pickApp: async (title: string, heroku: { connectionId: string }) =>
      (await pickApp((await accounts()).filter((a) => a.status.connectionId === heroku.connectionId), { title, workspaceApps: workspaceApps() }))?.name,
    settings,
  };
  let runAction: Promise<RunAction> | undefined;
  let proxyRequest: Promise<ProxyRequest> | undefined;

  const featureDeps = { accounts, workspaceApps, explorer, json };
  const deployDeps = { accounts, explorer, json, memory: new DeployMemory(context.globalState), onText: probes.onTerminalText, onBuildStarted: () => walkthrough.tried('triedDeploy') };
  // Redeploy shows in the palette once a deploy is remembered (a read of memory, no I/O).
  if (hasLastDeploy(deployDeps)) contextKeys.set('herokuMembrane.canRedeploy', true);
  const logTerminals = new LogTerminals({ heroku: herokuOf, log: (m) => log.info(m), onText: probes.onTerminalText, onOpened: () => walkthrough.tried('triedLogs') }, settings);
  const table: CommandTable = {
    ...connectionCommands(manager, log, settings),
    'herokuMembrane.openWalkthrough': { progress: 'none', cancellable: false, run: () => walkthrough.open() },
    ...accountCommands({ manager, explorer, settings }),
    ...viewCommands(featureDeps),
    ...appCommands(featureDeps),
    ...lifecycleCommands(featureDeps),
    ...dynoCommands(featureDeps),
    ...releaseCommands({ ...featureDeps, onText: probes.onTerminalText }),
    ...configVarsCommands({
      ...featureDeps,
      openConfigVars: async (app) => {
        walkthrough.tried('triedConfigVars');
        return (await configVars()).show(app);
      },
    }),
    ...logCommands(featureDeps, logTerminals),
    ...errorCommands(featureDeps, logTerminals),
    ...runCommands({
      ...featureDeps,
      memory: context.globalState,
      log: (m) => log.warn(m),
      onText: probes.onTerminalText,
      showDynoLogs: (app, dyno) => void logTerminals.show({ app: app.name, connectionId: app.connectionId, dyno, lines: 100 }),
    }),
    ...deployCommands({ ...deployDeps, workspaceApps }),
    ...resourceCommands(featureDeps),
    ...pipelineCommands({ ...featureDeps, comparisons, onText: probes.onTerminalText }),
    ...paletteCommands({
      runAction: () => (runAction ??= import('./palette/runAction').then(({ RunAction }) => new RunAction(paletteDeps))),
      proxyRequest: () => (proxyRequest ??= import('./palette/proxyRequest').then(({ ProxyRequest }) => new ProxyRequest(paletteDeps))),
    }),
  };
  // The walkthrough's "open the Apps view" step.
  const appsSeen = () => explorer.appsView.visible && walkthrough.appsViewShown();
  appsSeen();
  context.subscriptions.push(
    explorer.appsView.onDidChangeVisibility(appsSeen),
    log,
    statusBar,
    explorer,
    json,
    comparisons,
    logTerminals,
    settings.onDidChange((names) => {
      if (CONNECTION_SETTINGS.some((n) => names.has(n))) void manager().then((m) => m.recheck());
    }),
    ...registerCommands(table, { log, reportError: (e) => loadedManager?.reportError(e), settled: () => explorer.settled() }),
  );

  // A crashed deploy's archive (the whole source) is not left in the temp folder; not awaited.
  void sweepStaleDeployArchives();
  // The probe runs after activate() returns, so activation never waits for the CLI.
  setTimeout(() => void manager().then((m) => m.recheck()), 0);
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms (activate() only; the connection check starts now).`);
  if (!TEST_BUILD) return undefined;
  return {
    loaded: manager(),
    get manager() {
      if (!loadedManager) throw new Error('the connection code is not loaded yet: await api.loaded');
      return loadedManager;
    },
    statusBar,
    prompts,
    explorer,
    log,
    configVars,
    commandIds: Object.keys(table),
    get testing() {
      return probes.api();
    },
    contextKeys,
  };
}

/** Which accounts there are and where each stands (not their e-mails): a change redraws the views' roots. */
function accountsShape(s: ConnectionStatus): string {
  return (s.accounts ?? []).map((a) => `${a.connectionId}:${a.kind}`).join(',');
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
