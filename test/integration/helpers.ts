// Shared by the in-host suites: the extension's API, the sandbox pointer file (the
// extension host's environment is fixed, so scenarios change through that file), and
// polling helpers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { waitUntil } from '../helpers/wait';
import { localizedManifest } from '../helpers/manifest';
import type { ConnectionStateKind } from '../../src/connection/core/connectionState';
import type { Node } from '../../src/explorer/node';

export const EXTENSION_ID = 'heroku-membrane.heroku-membrane';
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SANDBOX_BIN = path.join(ROOT, 'sandbox', 'bin', 'membrane');
const DEFAULT_WORLD = path.join(ROOT, 'sandbox', 'worlds', 'default.json');

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api, 'activate() returns the test hooks (a development build: node esbuild.js without --production)');
  void api.testing; // start recording what the UI shows, before any test opens a panel
  await api.loaded;
  return api;
}

function env(name: string): string {
  const v = process.env[name];
  assert.ok(v, `${name} must be set by the harness`);
  return v;
}

/** Knobs for the next sandbox calls. */
export function scenario(knobs: Record<string, string> = {}): void {
  // Atomically: the sandbox's stream server may read the file at any moment.
  const file = env('MEMBRANE_SANDBOX_CONFIG');
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(knobs));
  fs.renameSync(`${file}.tmp`, file);
}

/** A fresh session (logged-in unless the scenario says otherwise) and the default world. */
export function resetSandbox(knobs: Record<string, string> = {}): void {
  scenario(knobs);
  fs.rmSync(path.join(env('MEMBRANE_SANDBOX_HOME'), 'session.json'), { force: true });
  fs.copyFileSync(DEFAULT_WORLD, env('MEMBRANE_SANDBOX_WORLD'));
}

/**
 * For a suite: activates the extension and hands over its API; prompts a test stubs are
 * restored after each test.
 */
export function useExtension(onReady: (api: ExtensionApi) => void): void {
  let api: ExtensionApi | undefined;
  const original = {} as ExtensionApi['prompts'];
  suiteSetup(async () => {
    api = await extensionApi();
    Object.assign(original, api.prompts);
    onReady(api);
  });
  teardown(() => {
    if (api) Object.assign(api.prompts, original);
  });
}

/** The default world, a fresh logged-in session, and the extension connected to it. */
export async function connectFresh(api: ExtensionApi): Promise<void> {
  resetSandbox();
  await api.manager.recheck();
  await waitForState(api, 'ready');
}

/** The default world's account and a second one (alex@side-gig.io, with its own acme-api), both connected. */
export async function connectTwoAccounts(api: ExtensionApi): Promise<void> {
  resetSandbox();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's world generator (CommonJS)
  const worlds = require(path.join(ROOT, 'sandbox', 'lib', 'world.js')) as { twoAccountsWorld(): unknown };
  fs.writeFileSync(env('MEMBRANE_SANDBOX_WORLD'), JSON.stringify(worlds.twoAccountsWorld()));
  await api.manager.recheck();
  await waitForState(api, 'ready');
  await waitFor('both accounts ready', () => api.manager.status.accounts?.length === 2 && api.manager.status.accounts.every((a) => a.kind === 'ready'));
}

/** Polls `probe` until it holds (the shared helper, with the in-host suites' longer default). */
export function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  return waitUntil(probe, what, timeoutMs);
}

export async function waitForState(api: ExtensionApi, kind: ConnectionStateKind, timeoutMs = 20_000): Promise<void> {
  await waitFor(`state ${kind} (now ${api.manager.status.kind}: ${api.manager.status.detail ?? ''})`, () => api.manager.status.kind === kind, timeoutMs);
}

export async function setCliPath(p: string): Promise<void> {
  await vscode.workspace.getConfiguration('herokuMembrane').update('cliPath', p, vscode.ConfigurationTarget.Global);
}

/** Sandbox CLI processes still alive (Linux: read /proc). */
/** Running sandbox CLI calls (the stream server is not one). */
export function liveSandboxProcesses(): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8');
      // The stream server is the sandbox's one long-lived process (it exits when idle): not a CLI call.
      if (cmd.includes(SANDBOX_BIN) && !cmd.includes('stream-server')) pids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** The welcome contents package.json shows for a state (when ready: for the view's load state, empty by default). */
export function welcomeFor(kind: ConnectionStateKind, appsView: 'loading' | 'empty' = 'empty'): string {
  const pkg = localizedManifest(ROOT);
  const when = kind === 'ready' ? `herokuMembrane.state == ready && herokuMembrane.appsView ${appsView === 'empty' ? '==' : '!='} empty` : `herokuMembrane.state == ${kind}`;
  const entry = pkg.contributes.viewsWelcome.find((w: { view: string; when: string }) => w.view === 'herokuMembrane.apps' && w.when === when);
  assert.ok(entry, `no welcome view for ${kind}`);
  return entry.contents;
}

/** An app's row in the Apps view (one account: under its owner group). */
export async function appNode(api: ExtensionApi, name: string): Promise<Node> {
  const tree = api.explorer.apps;
  for (const group of (await tree.getChildren()) ?? []) {
    const hit = ((await tree.getChildren(group)) ?? []).find((n) => n.id.endsWith(`app:${name}`));
    if (hit) return hit;
  }
  throw new Error(`no app ${name} in the tree`);
}

/** The sandbox world file as the tests' sandbox left it. */
export function readWorld(): any {
  return JSON.parse(fs.readFileSync(env('MEMBRANE_SANDBOX_WORLD'), 'utf8'));
}

/** The world's app of that name. */
export function worldApp(w: any, name: string): any {
  return w.apps.find((a: { name: string }) => a.name === name);
}

type PickItem = vscode.QuickPickItem & { app?: { name: string } };

/** What a suite's scripted prompts saw, and what they answer next. */
export interface PromptScript {
  info: string[];
  errors: string[];
  /** Each modal question, with its detail. */
  questions: Array<{ message: string; detail: string }>;
  /** Each input box's title and prompt. */
  boxes: Array<{ title?: string; prompt?: string }>;
  /** `first`: a question gets its first action; undefined: the user cancels. */
  confirmWith: 'first' | undefined;
  /** Answers for the input boxes, in order (each passes the box's own check). */
  inputs: Array<string | undefined>;
  /** Picks in order: an app by name, or the item whose label matches; undefined cancels. */
  picks: Array<string | RegExp | undefined>;
}

/** Replaces the prompts a command uses with a script (restored after each test by `useExtension`). */
export function scriptPrompts(api: ExtensionApi): PromptScript {
  const s: PromptScript = { info: [], errors: [], questions: [], boxes: [], confirmWith: 'first', inputs: [], picks: [] };
  api.prompts.showInformationMessage = (async (m: string) => void s.info.push(m)) as typeof api.prompts.showInformationMessage;
  api.prompts.showErrorMessage = (async (m: string) => void s.errors.push(m)) as typeof api.prompts.showErrorMessage;
  api.prompts.confirm = async (message, options, ...actions) => {
    s.questions.push({ message, detail: options.detail ?? '' });
    return s.confirmWith === 'first' ? actions[0] : undefined;
  };
  api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => {
    s.boxes.push({ title: o.title, prompt: o.prompt });
    const answer = s.inputs.shift();
    if (answer !== undefined && o.validateInput) assert.equal(await o.validateInput(answer), undefined, `"${answer}" passes the box's own check`);
    return answer;
  }) as typeof api.prompts.showInputBox;
  api.prompts.showQuickPick = (async (items: PickItem[]) => {
    const want = s.picks.shift();
    if (want === undefined) return undefined;
    const found = items.find((i) => (typeof want === 'string' ? i.app?.name === want : want.test(i.label)));
    assert.ok(found, `a pick matching ${want} among ${items.map((i) => i.label).join(', ')}`);
    return found;
  }) as typeof api.prompts.showQuickPick;
  api.prompts.pickMany = (async (items: vscode.QuickPickItem[]) => items.filter((i) => i.picked)) as typeof api.prompts.pickMany;
  return s;
}

/** The sandbox stream server's session events; how many log sessions were opened and closed. */
export function streamEvents(): string[] {
  try {
    return fs.readFileSync(path.join(env('MEMBRANE_SANDBOX_HOME'), 'stream-events.log'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
export const logSessionsOpened = () => streamEvents().filter((e) => / opened \/sessions\//.test(e)).length;
export const logSessionsClosed = () => streamEvents().filter((e) => / closed \/sessions\//.test(e)).length;
