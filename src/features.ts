// Composition root of everything after activation (its own bundle, dist/features.js):
// builds the objects, hands the views their roots, gathers every feature's command table
// behind the one command wrapper, and starts the connection check. src/extension.ts
// requires it on the first need: the connection check right after activate() returns,
// or a command run or a view shown before that.
import './shared/l10nSetup';
import * as vscode from 'vscode';
import { AccountNode } from './accounts/accountNode';
import { agentTools } from './agent/tools';
import type { AgentToolRegistry } from './agent/registry';
import type { Account } from './accounts/accounts';
import { accountCommands } from './accounts/commands';
import { appRoots } from './apps/appRoots';
import { pickApp, targetApp } from './apps/appPick';
import { appCommands } from './apps/commands';
import { lifecycleCommands } from './apps/lifecycle';
import { configVarsCommands } from './configVars/commands';
import { crashWatchCommands } from './crashWatch/commands';
import type { CrashWatch } from './crashWatch/crashWatch';
import type { WatchMemory } from './crashWatch/core/health';
import { WhileOn } from './shared/core/whileOn';
import type { TeammateDeploys } from './teammateDeploys/teammateDeploys';
import type { LookMemory } from './teammateDeploys/core/releaseLooks';
import { ReleaseOfApp } from './releases/releaseOfApp';
import type { ConfigVarsPanels } from './configVars/panel';
import { connectionCommands } from './connection/commands';
import { ConnectionManager } from './connection/core/connectionManager';
import { accountLabel, readyAccounts, type AccountStatus } from './connection/core/connectionState';
import { StatusBar } from './connection/statusBar';
import { FailureNotice } from './connection/failureNotice';
import { deployCommands, hasLastDeploy } from './deploy/commands';
import { sweepStaleDeployArchives } from './deploy/core/archiveFolder';
import { DeployMemory } from './deploy/deployMemory';
import { dynoCommands } from './dynos/commands';
import { runCommands } from './dynos/runCommands';
import { viewCommands } from './explorer/commands';
import { Explorer, type ExplorerAccount, type ViewName } from './explorer/explorer';
import type { Node } from './explorer/node';
import type { NodeView } from './explorer/treeProvider';
import { LogTerminals, logCommands } from './logs/commands';
import { errorCommands } from './errors/commands';
import { metricsCommands } from './metrics/commands';
import type { MetricsPanels } from './metrics/panel';
import { paletteCommands } from './palette/commands';
import type { ProxyRequest } from './palette/proxyRequest';
import type { RunAction } from './palette/runAction';
import { pipelineCommands } from './pipelines/commands';
import { pipelineRoots } from './pipelines/nodes';
import { releaseCommands } from './releases/commands';
import { resourceCommands } from './resources/commands';
import { sinceDeployCommands } from './sinceDeploy/commands';
import { DEPLOYED_SCHEME, DeployedFiles } from './sinceDeploy/deployedFiles';
import { SinceDeploy } from './sinceDeploy/sinceDeploy';
import { runCommand, type CommandTable } from './shared/commands';
import { Comparisons } from './shared/comparison';
import { contextKeys, type ContextKeys } from './shared/contextKeys';
import { JsonDocuments } from './shared/jsonDocuments';
import { Log } from './shared/log';
import { prompts } from './shared/prompts';
import { CONNECTION_SETTINGS, Settings } from './shared/settings';
import { TestProbes, type TestingApi } from './shared/testing';
import { WalkthroughProgress } from './walkthrough/progress';
import { workspaceCommands } from './workspace/commands';
import { WorkspaceLinks } from './workspace/links';
import { workspaceGroup } from './workspace/workspaceGroup';
import * as l10n from '@vscode/l10n';

/** What activation made and hands over. */
export interface Host {
  context: vscode.ExtensionContext;
  /** The status-bar item, showing "checking". */
  statusItem: vscode.StatusBarItem;
  /** The two views, registered; their providers ask `Features.roots`. */
  views: Record<ViewName, NodeView>;
  /** activate()'s own time, and when the require of this bundle began (performance.now()), for the log. */
  activateMs: number;
  loadStartedAt: number;
  /** The language-model tools, registered; the write tools follow `agentTools.allowWrites`. */
  agentTools: AgentToolRegistry;
}

/** What activation calls. */
export interface Features {
  /** A command of package.json, through the one command wrapper. */
  run(command: string, args: unknown[]): Promise<unknown>;
  /** A view's roots. */
  roots(view: ViewName): Promise<Node[]>;
  /** The first connection check (after activation). */
  checkConnection(): void;
  /** A language-model tool's implementation, by its package.json name. */
  tool(name: string): vscode.LanguageModelTool<object>;
  /** The in-host tests' hooks (activate() hands them out in a test build only). */
  api: ExtensionApi;
}

/** Returned by `activate` for the in-host tests, in a test build only. */
export interface ExtensionApi {
  /** Resolves once the connection code is loaded; `manager` is usable from then on. */
  loaded: Promise<ConnectionManager>;
  readonly manager: ConnectionManager;
  statusBar: StatusBar;
  log: Log;
  prompts: typeof prompts;
  explorer: Explorer;
  /** The workspace's folders linked to apps. */
  links: WorkspaceLinks;
  /** The config-vars editors (their code is evaluated on first use). */
  configVars(): Promise<ConfigVarsPanels>;
  /** The metrics panels (their code is evaluated on first use). */
  metrics(): Promise<MetricsPanels>;
  commandIds: string[];
  /** Probes of what the UI showed; reading this starts recording. */
  readonly testing: TestingApi;
  /** The context keys as `when` clauses see them. */
  contextKeys: ContextKeys;
  /** A language-model tool's implementation (its prepareInvocation, called directly: VS Code's dialog is the UI tests'). */
  agentTool(name: string): vscode.LanguageModelTool<object> | undefined;
  /** The names of the language-model tools registered now. */
  agentToolsRegistered(): string[];
  /** Links a folder to an app (undefined: unlinks it) as the workspace's links do, and redraws the views. */
  linkFolder(app: string, folder: vscode.Uri | undefined): void;
}

export function start(host: Host): Features {
  const { context } = host;
  const settings = new Settings();
  context.subscriptions.push(settings);
  const log = new Log(() => settings.current.logLevel);
  const statusBar = new StatusBar(host.statusItem);
  statusBar.render({ kind: 'checking' });
  const walkthrough = new WalkthroughProgress(contextKeys, context.globalState, context.extension.id);
  const failureNotice = new FailureNotice(prompts, (command) => vscode.commands.executeCommand(command));
  const manager = new ConnectionManager({
    settings: () => settings.current,
    memory: context.globalState,
    onCall: (e) => log.call(e),
    log: (level, message) => log[level](message),
  });

  // The workspace's folders linked to apps (git remotes, the folders' settings).
  const links = new WorkspaceLinks((m) => log.warn(m));
  context.subscriptions.push(links);
  // The in-host tests link a fixture repository outside the shared workspace folder.
  const testLinks = new Map<string, vscode.Uri[]>();
  const linkedFolders = (app: string): readonly vscode.Uri[] => testLinks.get(app) ?? links.foldersOfApp(app);
  // The deployed code of each linked folder, first under its app; read again when the repository moves.
  const sinceDeploy: SinceDeploy = new SinceDeploy({ linkedFolders, explorer: { reloadShown: (node: Node): Promise<void> => explorer.reloadShown(node), shows: (node: Node): boolean => explorer.shows(node) } });
  // The views: what each shows for an account, and the root of an account when there are several.
  const explorer: Explorer = new Explorer({
    views: host.views,
    roots: { apps: appRoots, pipelines: pipelineRoots },
    accountRoot: (account, id, ctx, children) => new AccountNode(id, { ...accountStatus(manager, account.connectionId), email: account.email }, ctx, children),
    accounts: () => explorerAccounts(manager),
    workspaceApps: () => links.workspaceApps(),
    onWorkspaceAppsChange: links.onDidChange,
    appsLead: (ready, filter) =>
      workspaceGroup(
        links,
        ready.map(({ account, ctx }) => ({ ctx, label: ready.length > 1 ? (account.email ?? accountLabel(accountStatus(manager, account.connectionId))) : undefined })),
        filter,
      ),
    leadingRows: (app): Node[] => sinceDeploy.rows(app),
    settings,
    // Read when the view first shows apps: no CLI call for it before the user opens the view.
    onAccount: (connectionId, email) => manager.setAccountEmail(connectionId, email),
  });
  context.subscriptions.push(
    sinceDeploy,
    vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, new DeployedFiles(() => [...links.links().map((l) => l.folder), ...[...testLinks.values()].flat()])),
    { dispose: () => manager.dispose() },
    manager.onDidChange((s) => {
      statusBar.render(s);
      walkthrough.onState(s);
      failureNotice.onState(s);
      log.debug(`Connection state: ${s.kind}${s.detail ? ` (${s.detail})` : ''}`);
      explorer.connectionChanged(s.kind === 'ready');
    }),
  );

  /** Every ready account (a command started while the connection is being checked waits for it). */
  const accounts = async (): Promise<Account[]> => {
    await manager.whenChecked();
    const firstId = manager.status.accounts?.[0]?.connectionId;
    const ready = readyAccounts(manager.status).flatMap((status) => {
      const heroku = manager.herokuFor(status.connectionId);
      return heroku ? [{ status, heroku, first: status.connectionId === firstId }] : [];
    });
    if (!ready.length) manager.requireHeroku(); // throws what to do first
    return ready;
  };
  const herokuOf = async (connectionId: string) => {
    await manager.whenChecked();
    return manager.requireHeroku(connectionId);
  };
  // What the crash watches knew of each app, kept from one watch to the next.
  const crashWatchMemory: WatchMemory = new Map();
  // When the teammate-deploy watches read each app, kept from one watch to the next.
  const teammateMemory: LookMemory = new Map();
  const probes = new TestProbes(async (app, connectionId) => {
    const { draftKey } = await import('./configVars/panel');
    return Boolean(await context.secrets.get(draftKey(connectionId ?? manager.status.connectionId ?? 'none', app)));
  }, () => {
    crashWatchMemory.clear();
    teammateMemory.clear();
  });
  // Every command ends once the views show what it changed (they follow the data by themselves).
  const commandDeps = { log, reportError: (e: unknown) => manager.reportError(e), settled: () => explorer.settled() };
  const json = new JsonDocuments(probes.onShown);
  const comparisons = new Comparisons(probes.onShown);
  const workspaceApps = () => links.workspaceApps();
  const linkNote = (app: string) => links.noteOf(app);
  const linksOfFolder = (uri: vscode.Uri) => {
    const found = links.linksOfFolder(uri);
    return found[0] && { links: found.map((l) => ({ app: l.app, remote: l.source.kind === 'remote' ? l.source.remote : undefined })), folder: links.folderLabel(found[0]) };
  };

  /** A panel's title names the account when there are several (the same app name may be in two). */
  const panelAccountLabel = (connectionId: string): string | undefined => {
    const all = manager.status.accounts ?? [];
    const a = all.length > 1 ? all.find((x) => x.connectionId === connectionId) : undefined;
    return a && accountLabel(a);
  };
  // Evaluated on first use: the config-vars and metrics panels and the palette commands.
  let panels: Promise<ConfigVarsPanels> | undefined;
  const configVars = (): Promise<ConfigVarsPanels> =>
    (panels ??= import('./configVars/panel').then(({ ConfigVarsPanels }) => {
      const p = new ConfigVarsPanels({
        extensionUri: context.extensionUri,
        secrets: context.secrets,
        accountLabel: panelAccountLabel,
        log: (m) => log.info(m),
        prompts,
        accounts,
        commands: commandDeps,
        onPosted: probes.onPosted,
      });
      context.subscriptions.push(p);
      return p;
    }));
  let metricsPanels: Promise<MetricsPanels> | undefined;
  const metrics = (): Promise<MetricsPanels> =>
    (metricsPanels ??= import('./metrics/panel').then(({ MetricsPanels }) => {
      const p = new MetricsPanels({
        extensionUri: context.extensionUri,
        accountLabel: panelAccountLabel,
        log: (m) => log.info(m),
        prompts,
        commands: commandDeps,
        showRelease: (app, version, release) => json.show(`${app} v${version}.json`, release),
        onPosted: probes.onMetricsPosted,
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
      (await pickApp((await accounts()).filter((a) => a.status.connectionId === heroku.connectionId), { title, workspaceApps: workspaceApps(), linkNote }))?.name,
    settings,
  };
  let runAction: Promise<RunAction> | undefined;
  let proxyRequest: Promise<ProxyRequest> | undefined;

  const featureDeps = { accounts, workspaceApps, linkNote, explorer, json };
  const deployDeps = { accounts, explorer, json, memory: new DeployMemory(context.globalState), onText: probes.onTerminalText, onBuildStarted: () => walkthrough.tried('triedDeploy') };
  // Redeploy shows in the palette once a deploy is remembered (a read of memory, no I/O).
  if (hasLastDeploy(deployDeps)) contextKeys.set('herokuMembrane.canRedeploy', true);
  const logTerminals = new LogTerminals({ heroku: herokuOf, log: (m) => log.info(m), onText: probes.onTerminalText, onOpened: () => walkthrough.tried('triedLogs') }, settings);
  // The crash watch, only while the setting turns it on: its code is evaluated then.
  const crashWatch = new WhileOn<CrashWatch>(async () => {
    const { CrashWatch } = await import('./crashWatch/crashWatch');
    return () => new CrashWatch({ settings, connection: manager, memory: crashWatchMemory, showLogs: (t) => void logTerminals.show(t), log: (level, m) => log[level](m), onShown: probes.onCrashWatchShown });
  });
  const applyCrashWatch = (): void => {
    // Stop Watching and Show Crash Watch show in the palette while it is on.
    contextKeys.set('herokuMembrane.crashWatchOn', settings.current.crashWatchEnabled);
    crashWatch.set(settings.current.crashWatchEnabled);
  };
  applyCrashWatch();
  // Teammate deploys, only while the setting turns them on: the code is evaluated then.
  const teammateDeploys = new WhileOn<TeammateDeploys>(async () => {
    const { TeammateDeploys } = await import('./teammateDeploys/teammateDeploys');
    return () =>
      new TeammateDeploys({
        connection: manager,
        workspaceApps,
        onDidChangeWorkspaceApps: (listener) => links.onDidChange(listener),
        memory: teammateMemory,
        showRelease: (ref, release) => json.show(`${ref.app} v${release.version}.json`, release),
        showChanges: (ref, release) => vscode.commands.executeCommand('herokuMembrane.compareWithPreviousRelease', new ReleaseOfApp(ref.app, ref.connectionId, release)),
        log: (level, m) => log[level](m),
        onWatching: probes.onTeammateWatching,
        onLook: probes.onTeammateLook,
      });
  });
  const applyTeammateDeploys = (): void => teammateDeploys.set(settings.current.teammateDeploysEnabled);
  applyTeammateDeploys();
  const table: CommandTable = {
    ...connectionCommands(async () => manager, log, settings),
    'herokuMembrane.openWalkthrough': { progress: 'none', cancellable: false, run: () => walkthrough.open() },
    ...accountCommands({ manager: async () => manager, explorer, settings }),
    ...viewCommands({ explorer, json, targetApp: (node, title) => targetApp(node, title, featureDeps) }),
    ...appCommands(featureDeps),
    ...lifecycleCommands(featureDeps),
    ...dynoCommands(featureDeps),
    ...releaseCommands({ ...featureDeps, comparisons, linkedFolders, onText: probes.onTerminalText }),
    ...configVarsCommands({
      ...featureDeps,
      openConfigVars: async (app) => {
        walkthrough.tried('triedConfigVars');
        return (await configVars()).show(app);
      },
    }),
    ...logCommands(featureDeps, logTerminals),
    ...errorCommands(featureDeps, logTerminals),
    ...metricsCommands({ ...featureDeps, openMetrics: async (app) => (await metrics()).show(app) }),
    ...runCommands({
      ...featureDeps,
      memory: context.globalState,
      log: (m) => log.warn(m),
      onText: probes.onTerminalText,
      showDynoLogs: (app, dyno) => void logTerminals.show({ app: app.name, connectionId: app.connectionId, dyno, lines: 100 }),
    }),
    ...deployCommands({ ...deployDeps, workspaceApps, linkNote, linksOfFolder }),
    ...workspaceCommands({ accounts, links }),
    ...resourceCommands(featureDeps),
    ...pipelineCommands({ ...featureDeps, comparisons, linkedFolders, onText: probes.onTerminalText }),
    ...sinceDeployCommands({ ...featureDeps, linkedFolders, readAgain: (folder) => sinceDeploy.readAgain(folder), onChangesShown: probes.onChangesShown }),
    ...crashWatchCommands({ ...featureDeps, settings, watch: () => crashWatch.get(), showLogs: (t) => void logTerminals.show(t) }),
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
      if (CONNECTION_SETTINGS.some((n) => names.has(n))) void manager.recheck();
      if (names.has('agentToolsAllowWrites')) host.agentTools.allowWrites(settings.current.agentToolsAllowWrites);
    }),
    settings.onDidChange((names) => names.has('crashWatchEnabled') && applyCrashWatch()),
    crashWatch,
    settings.onDidChange((names) => names.has('teammateDeploysEnabled') && applyTeammateDeploys()),
    teammateDeploys,
  );
  host.agentTools.allowWrites(settings.current.agentToolsAllowWrites);
  const tools = agentTools({ accounts });
  // Archives a crashed window left behind (private to us; never awaited).
  void sweepStaleDeployArchives();
  log.info(`Activated in ${host.activateMs.toFixed(1)} ms (activate() only); the rest loaded in ${(performance.now() - host.loadStartedAt).toFixed(1)} ms, after it.`);

  return {
    // Every command package.json contributes is in the table (an in-host test compares the two).
    run: (command, args) => {
      probes.onCommand(command, args);
      return runCommand(table[command]!, args, commandDeps);
    },
    roots: (view) => explorer.rootsOf(view),
    checkConnection: () => void manager.recheck(),
    tool: (name) => {
      const tool = tools.get(name);
      if (!tool) throw new Error(l10n.t('No agent tool {0}', name));
      return tool;
    },
    api: {
      loaded: Promise.resolve(manager),
      manager,
      statusBar,
      log,
      prompts,
      explorer,
      links,
      configVars,
      metrics,
      commandIds: Object.keys(table),
      get testing() {
        return probes.api();
      },
      contextKeys,
      agentTool: (name) => tools.get(name),
      agentToolsRegistered: () => host.agentTools.registered(),
      linkFolder: (app, folder) => {
        if (folder) testLinks.set(app, [folder]);
        else testLinks.delete(app);
        explorer.redrawAll();
      },
    },
  };
}

/** Every account of the check as the views show it (none while the connection is not ready). */
function explorerAccounts(m: ConnectionManager): ExplorerAccount[] {
  if (m.status.kind !== 'ready') return [];
  return (m.status.accounts ?? []).map((s) => ({ connectionId: s.connectionId, email: s.email, state: s.kind, heroku: s.kind === 'ready' ? m.herokuFor(s.connectionId) : undefined }));
}

function accountStatus(m: ConnectionManager, connectionId: string): AccountStatus {
  return m.status.accounts?.find((a) => a.connectionId === connectionId) ?? { connectionId, kind: 'connecting' };
}
