// Activation: registers what VS Code needs at once (the two views, the status-bar item,
// every command and language-model tool package.json contributes) and nothing more. What
// they run is the composition root, src/features.ts, bundled apart as dist/features.js and
// required on the first need: the connection check right after activate() returns, or a
// command, a tool or a view before that. A plain `require` of a CommonJS file, not
// `import()`, which goes through Node's ESM loader (docs/ARCHITECTURE.md, "Bundles").
import './shared/l10nSetup';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgentToolRegistry, type ToolContribution } from './agent/registry';
import { createStatusItem } from './connection/statusItem';
import { createNodeView } from './explorer/treeProvider';
import type * as FeaturesModule from './features';
import type { ExtensionApi, Features, Host } from './features';

export type { ExtensionApi } from './features';

/**
 * Set by esbuild.js: true in the development and test builds, false in the production
 * build the VSIX ships. Only a test build hands `ExtensionApi` out: in a user's VS Code,
 * any other extension could read `activate`'s result (the config-var values sent to a
 * page, terminal text) and replace `prompts.confirm`.
 */
declare const TEST_BUILD: boolean;

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  let features: Features | undefined;
  const load = (): Features => {
    if (!features) {
      const loadStartedAt = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the features bundle, beside this one
      const { start } = require(path.join(__dirname, 'features.js')) as typeof FeaturesModule;
      features = start({ ...host, loadStartedAt });
    }
    return features;
  };
  const host: Omit<Host, 'loadStartedAt'> = {
    context,
    statusItem: createStatusItem(),
    views: {
      apps: createNodeView('herokuMembrane.apps', () => load().roots('apps')),
      pipelines: createNodeView('herokuMembrane.pipelines', () => load().roots('pipelines')),
    },
    activateMs: 0,
    agentTools: new AgentToolRegistry((context.extension.packageJSON.contributes?.languageModelTools ?? []) as ToolContribution[], (name) => load().tool(name)),
  };
  context.subscriptions.push(host.statusItem, host.agentTools, ...Object.values(host.views).flatMap((v) => [v.view, v.provider]));
  const commands: Array<{ command: string }> = context.extension.packageJSON.contributes?.commands ?? [];
  for (const { command } of commands) context.subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => load().run(command, args)));

  if (TEST_BUILD) context.subscriptions.push(invokeToolForUiTests());

  // The connection check runs after activate() returns, so activation never waits for the CLI or the features' code.
  setTimeout(() => load().checkConnection(), 0);
  host.activateMs = performance.now() - started;
  return TEST_BUILD ? testHooks(() => load().api) : undefined;
}

/**
 * A test build's command that calls a language-model tool as a chat would, so VS Code shows
 * its own confirmation; the outcome is written to the file the spec names. Never
 * contributed (so never in the palette) and outside the `herokuMembrane.` prefix, which only
 * contributed commands use; a UI spec binds a key to it.
 */
function invokeToolForUiTests(): vscode.Disposable {
  return vscode.commands.registerCommand('herokuMembraneTest.invokeAgentTool', async (args: { name: string; input: object; outcomeFile: string }) => {
    let outcome: { ok: boolean; text: string };
    try {
      const result = await vscode.lm.invokeTool(args.name, { input: args.input, toolInvocationToken: undefined });
      outcome = { ok: true, text: result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('') };
    } catch (e) {
      outcome = { ok: false, text: (e as Error).message };
    }
    await vscode.workspace.fs.writeFile(vscode.Uri.file(args.outcomeFile), new TextEncoder().encode(JSON.stringify(outcome)));
  });
}

/** The in-host tests' hooks, each read from the features (loaded by the first read). */
function testHooks(api: () => ExtensionApi): ExtensionApi {
  return {
    get loaded() {
      return api().loaded;
    },
    get manager() {
      return api().manager;
    },
    get statusBar() {
      return api().statusBar;
    },
    get log() {
      return api().log;
    },
    get prompts() {
      return api().prompts;
    },
    get explorer() {
      return api().explorer;
    },
    get links() {
      return api().links;
    },
    configVars: () => api().configVars(),
    linkFolder: (app, folder) => api().linkFolder(app, folder),
    metrics: () => api().metrics(),
    get commandIds() {
      return api().commandIds;
    },
    get testing() {
      return api().testing;
    },
    get contextKeys() {
      return api().contextKeys;
    },
    agentTool: (name) => api().agentTool(name),
    agentToolsRegistered: () => api().agentToolsRegistered(),
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
