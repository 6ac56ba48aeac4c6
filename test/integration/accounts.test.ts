// Several Heroku accounts in a real extension host: the sandbox's two-account world (the
// default account and alex@side-gig.io, both with an app named acme-api), each account a
// root of its own; the same app name kept apart (config vars, maintenance, drafts); one
// account failing or waiting for the browser while the other loads; the pinned
// connection; palette picks carrying their account; adding and removing an account.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import type { DraftRow } from '../../src/configVars/core/model';
import { ROOT, SANDBOX_BIN, readWorld, resetSandbox, scenario, useExtension, waitFor, waitForState } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;

const FIRST = '6750c2a1f3b9d84e21a7c5e0';
const SIDE = '6750c2a1f3b9d84e21a7c5f1';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const worlds = require(path.join(ROOT, 'sandbox', 'lib', 'world.js')) as { twoAccountsWorld(): unknown };

async function kids(tree: Tree, node?: Node): Promise<Node[]> {
  return ((await tree.getChildren(node)) ?? []) as Node[];
}
function item(tree: Tree, n: Node): vscode.TreeItem {
  return tree.getTreeItem(n) as vscode.TreeItem;
}
function label(tree: Tree, n: Node): string {
  const l = item(tree, n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
async function find(tree: Tree, parent: Node | undefined, name: string): Promise<Node> {
  const all = await kids(tree, parent);
  const hit = all.find((n) => label(tree, n) === name);
  assert.ok(hit, `no "${name}" under ${parent ? label(tree, parent) : 'the root'}: ${all.map((n) => label(tree, n)).join(', ')}`);
  return hit;
}
/** Every app name under a node, at any depth of groups. */
async function appsUnder(tree: Tree, node: Node | undefined): Promise<string[]> {
  const out: string[] = [];
  for (const k of await kids(tree, node)) {
    const last = k.id.split('/').pop() ?? '';
    if (last.startsWith('group:')) out.push(...(await appsUnder(tree, k)));
    else if (last.startsWith('app:')) out.push(label(tree, k));
  }
  return out.sort();
}

/** The app of that name in the world of that connection. */
function appIn(connectionId: string, name: string): { app: { id: string; maintenance: boolean }; config: Record<string, string> } {
  const w = readWorld();
  const account = w.accounts.find((a: { connection: { id: string } }) => a.connection.id === connectionId);
  const app = account.apps.find((a: { name: string }) => a.name === name);
  return { app, config: account.configVars[app.id] };
}

function sandbox(...args: string[]): string {
  return execFileSync(SANDBOX_BIN, args, { encoding: 'utf8', env: process.env });
}

suite('several accounts', () => {
  let api: ExtensionApi;
  let tree: Tree;
  useExtension((a) => {
    api = a;
    tree = a.explorer.apps;
  });

  /** The two-account world, a fresh session, and the extension connected to both. */
  async function connectTwo(knobs: Record<string, string> = {}): Promise<void> {
    resetSandbox(knobs);
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(worlds.twoAccountsWorld()));
    await api.manager.recheck();
    await waitForState(api, 'ready');
    api.explorer.setFilter('');
    api.explorer.reloadAll();
  }

  teardown(async () => {
    scenario({});
    (await api.configVars()).dispose();
    await vscode.workspace.getConfiguration('herokuMembrane').update('connectionId', undefined, vscode.ConfigurationTarget.Global);
  });

  test('both accounts are roots, labelled by e-mail with the connection name; each has its own apps and pipelines', async () => {
    await connectTwo();
    const roots = await kids(tree);
    assert.deepEqual(roots.map((r) => label(tree, r)), ['alex@acme.dev', 'alex@side-gig.io']);
    assert.match(String(item(tree, roots[1]!).description), /Heroku \(side gig\)/);
    assert.equal(item(tree, roots[0]!).contextValue, 'heroku.account+ready');
    assert.deepEqual(await appsUnder(tree, roots[1]), ['acme-api', 'side-gig-shop', 'side-gig-shop-staging']);
    const first = await appsUnder(tree, roots[0]);
    assert.ok(first.includes('acme-api') && first.includes('alex-blog') && !first.includes('side-gig-shop'), first.join(', '));
    const pipelines = await kids(api.explorer.pipelines);
    assert.deepEqual(pipelines.map((r) => label(api.explorer.pipelines, r)), ['alex@acme.dev', 'alex@side-gig.io']);
    assert.deepEqual((await kids(api.explorer.pipelines, pipelines[1])).map((n) => label(api.explorer.pipelines, n)), ['side-gig-shop']);
    // The status bar counts them, and its tooltip says where each stands.
    assert.match(api.statusBar.item.text, /2 accounts/);
    const tip = (api.statusBar.item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /alex@acme\.dev.*connected/);
    assert.match(tip, /alex@side-gig\.io.*connected/);
  });

  test('the same app name in both accounts: config vars, maintenance and drafts stay apart', async () => {
    await connectTwo();
    const [, side] = await kids(tree);
    const sideApi = await find(tree, await find(tree, side, 'Personal'), 'acme-api');
    const before = appIn(FIRST, 'acme-api');
    // Maintenance on the side account's acme-api only.
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await vscode.commands.executeCommand('herokuMembrane.maintenanceOn', sideApi);
    assert.equal(appIn(SIDE, 'acme-api').app.maintenance, true);
    assert.equal(appIn(FIRST, 'acme-api').app.maintenance, before.app.maintenance);
    // Its config vars editor: the side account's values, its title naming the account.
    const config = (await kids(tree, sideApi)).find((n) => n.id.endsWith('/config'))!;
    await vscode.commands.executeCommand('herokuMembrane.openConfigVars', config);
    const panel = (await api.configVars()).get('acme-api', SIDE);
    assert.ok(panel, 'the side account\'s editor opened');
    await panel.loaded;
    assert.equal(panel.panel.title, 'Config Vars: acme-api (alex@side-gig.io)');
    const init = api.testing.lastPosted('acme-api', 'init')!;
    assert.deepEqual(Object.keys(init.base).sort(), ['LOG_LEVEL', 'NODE_ENV', 'SIDE_GIG_TOKEN']);
    const rows: DraftRow[] = Object.keys(init.base).sort().map((key, i) => ({ id: `r${i}`, key, value: key === 'LOG_LEVEL' ? 'debug' : init.base[key]!, originalKey: key, deleted: false }));
    // A draft is kept for that account's app only.
    await panel.receive({ type: 'draftChanged', draft: { rows }, baseVersion: init.baseVersion });
    assert.equal(await api.testing.hasStoredDraft('acme-api', SIDE), true);
    assert.equal(await api.testing.hasStoredDraft('acme-api', FIRST), false);
    // The save's question names the account (the one question before every write).
    const questions: string[] = [];
    api.prompts.confirm = async (m, o, ...actions) => (questions.push(`${m}\n${o.detail ?? ''}`), actions[0]);
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: init.baseVersion });
    await waitFor('the save', () => api.testing.lastPosted('acme-api', 'saved'));
    assert.equal(questions.length, 1);
    assert.match(questions[0]!, /^Save 1 change to acme-api's config vars\?\nIn the Heroku account alex@side-gig\.io\.\n\nChanged: LOG_LEVEL\n/);
    assert.equal(appIn(SIDE, 'acme-api').config.LOG_LEVEL, 'debug');
    assert.deepEqual(appIn(FIRST, 'acme-api').config, before.config, 'the other account\'s acme-api is untouched');
    assert.equal(await api.testing.hasStoredDraft('acme-api', SIDE), false);
  });

  test('one account failing shows its error under its root while the other loads', async () => {
    await connectTwo({ MEMBRANE_SANDBOX_ACCOUNT_STATES: 'alex@side-gig.io=SETUP_FAILED' });
    assert.equal(api.manager.status.kind, 'ready');
    const roots = await kids(tree);
    assert.equal(roots.length, 2);
    assert.ok((await appsUnder(tree, roots[0])).includes('acme-api'));
    const failed = roots[1]!;
    assert.match(String(item(tree, failed).description), /connection failed/);
    const [message] = await kids(tree, failed);
    assert.match(label(tree, message!), /Connector build failed.*Click to retry/);
    assert.equal(item(tree, message!).command?.command, 'herokuMembrane.retry');
    assert.match(api.statusBar.item.text, /1 account \$\(warning\) 1/);
    assert.match((api.statusBar.item.tooltip as vscode.MarkdownString).value, /failed/);
  });

  test('an account waiting for the browser step: the others load; once done in the browser, its apps appear', async () => {
    await connectTwo({ MEMBRANE_SANDBOX_ACCOUNT_STATES: `${SIDE}=CLIENT_ACTION_REQUIRED`, MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS: '' });
    const opened: string[] = [];
    api.prompts.openExternal = async (uri: vscode.Uri) => (opened.push(uri.toString()), true);
    let [, side] = await kids(tree);
    assert.match(String(item(tree, side!).description), /needs the browser step/);
    const [step] = await kids(tree, side);
    assert.equal(item(tree, step!).command?.command, 'herokuMembrane.openAccountBrowserStep');
    await vscode.commands.executeCommand('herokuMembrane.openAccountBrowserStep', SIDE);
    assert.match(opened[0] ?? '', new RegExp(`/connections/${SIDE}/refresh`));
    sandbox('sandbox', 'complete-client-action', SIDE);
    await waitFor('the side account ready', () => api.manager.status.accounts?.every((a) => a.kind === 'ready'), 20_000);
    [, side] = await kids(tree);
    assert.deepEqual(await appsUnder(tree, side), ['acme-api', 'side-gig-shop', 'side-gig-shop-staging']);
  });

  test('herokuMembrane.connectionId pins the views to one connection: its apps as roots', async () => {
    await connectTwo();
    await vscode.workspace.getConfiguration('herokuMembrane').update('connectionId', SIDE, vscode.ConfigurationTarget.Global);
    await waitFor('one account', () => api.manager.status.kind === 'ready' && api.manager.status.accounts?.length === 1 && api.manager.status.connectionId === SIDE, 20_000);
    api.explorer.reloadAll();
    assert.deepEqual(await appsUnder(tree, undefined), ['acme-api', 'side-gig-shop', 'side-gig-shop-staging']);
    assert.ok(!(await kids(tree)).some((n) => n.id.startsWith('account:')));
  });

  test('palette picks list every account\'s apps, each marked, and act in the picked one\'s account', async () => {
    await connectTwo();
    let seen: Array<vscode.QuickPickItem & { app?: { name: string } }> = [];
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string } }>) => {
      seen = items;
      return items.find((i) => i.app?.name === 'acme-api' && /side-gig\.io/.test(i.description ?? ''));
    }) as typeof api.prompts.showQuickPick;
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await vscode.commands.executeCommand('herokuMembrane.maintenanceOn');
    const both = seen.filter((i) => i.app?.name === 'acme-api');
    assert.equal(both.length, 2, 'acme-api once per account');
    assert.deepEqual(both.map((i) => /acme\.dev|side-gig\.io/.exec(i.description ?? '')?.[0]).sort(), ['acme.dev', 'side-gig.io']);
    assert.equal(appIn(SIDE, 'acme-api').app.maintenance, true);
    assert.equal(appIn(FIRST, 'acme-api').app.maintenance, false);
  });

  test('with several accounts, every question before a write names the account it goes to', async () => {
    await connectTwo();
    const before = JSON.stringify(readWorld());
    // Every pick: acme-api of the side account, that account, else the first item that is not the current one; every question declined.
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string }; account?: { status: { connectionId: string } } }>) =>
      items.find((i) => i.app?.name === 'acme-api' && /side-gig\.io/.test(i.description ?? '')) ?? items.find((i) => i.account?.status.connectionId === SIDE) ?? items.find((i) => !i.app && !i.account && !/current/.test(`${i.label} ${i.description ?? ''}`))) as typeof api.prompts.showQuickPick;
    const answers: Record<string, string> = { Scale: '3', Rename: 'acme-api-two', Domain: 'www.side-gig.io', Collaborator: 'casey@side-gig.io', 'Method and path': 'DELETE /apps/acme-api', 'name (optional)': '' };
    api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => Object.entries(answers).find(([k]) => (o.title ?? '').includes(k))?.[1] ?? '') as typeof api.prompts.showInputBox;
    api.prompts.editJson = async () => '{}';
    const questions: Array<{ command: string; text: string }> = [];
    let command = '';
    api.prompts.confirm = async (message, o) => (questions.push({ command, text: `${message}\n${o.detail ?? ''}` }), undefined);
    const commands = [
      'herokuMembrane.restartDyno', 'herokuMembrane.restartAllDynos', 'herokuMembrane.stopDyno', 'herokuMembrane.scaleFormation', 'herokuMembrane.resizeFormation',
      'herokuMembrane.maintenanceOn', 'herokuMembrane.maintenanceOff', 'herokuMembrane.renameApp', 'herokuMembrane.deleteApp', 'herokuMembrane.changeStack',
      'herokuMembrane.addDomain', 'herokuMembrane.enableAcm', 'herokuMembrane.disableAcm', 'herokuMembrane.addCollaborator', 'herokuMembrane.rollback',
      'herokuMembrane.createApp', 'herokuMembrane.proxyRequest',
    ];
    for (command of commands) {
      const asked = questions.length;
      await vscode.commands.executeCommand(command);
      assert.equal(questions.length, asked + 1, `${command} asks once`);
      assert.match(questions.at(-1)!.text, /In the Heroku account alex@side-gig\.io\./, `${command} names the account`);
    }
    assert.equal(JSON.stringify(readWorld()), before, 'every question declined: nothing changed');
  });

  test('Run Action asks for the account first and offers the last one chosen first', async () => {
    await connectTwo();
    const titles: string[] = [];
    const firstLabels: string[] = [];
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { account?: { status: { connectionId: string } } }>, o?: vscode.QuickPickOptions) => {
      titles.push(o?.title ?? '');
      firstLabels.push(items[0]?.label ?? '');
      return items.find((i) => i.account?.status.connectionId === SIDE);
    }) as typeof api.prompts.showQuickPick;
    const searched: string[] = [];
    api.prompts.searchQuickPick = (async () => (searched.push('asked'), undefined)) as typeof api.prompts.searchQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.match(titles[0] ?? '', /which account/);
    assert.match(firstLabels[1] ?? '', /side-gig\.io/, 'the last account chosen is offered first');
    assert.equal(searched.length, 2, 'then the action search');
  });

  test('Add Another Heroku Account goes through the browser step; Remove Account forgets it and keeps the Heroku account', async () => {
    resetSandbox();
    await api.manager.recheck();
    await waitForState(api, 'ready');
    api.explorer.reloadAll();
    assert.ok(!(await kids(tree)).some((n) => n.id.startsWith('account:')), 'one account: no account roots');
    const shown: string[] = [];
    api.prompts.showInformationMessage = (async (m: string) => void shown.push(m)) as typeof api.prompts.showInformationMessage;
    api.prompts.openExternal = async () => {
      // The user authorizes in the browser.
      sandbox('sandbox', 'complete-client-action');
      return true;
    };
    await vscode.commands.executeCommand('herokuMembrane.addAccount');
    assert.match(shown.at(-1) ?? '', /Added a Heroku account/);
    await waitFor('two accounts', () => api.manager.status.accounts?.length === 2 && api.manager.status.accounts.every((a) => a.kind === 'ready'));
    const roots = await kids(tree);
    assert.equal(roots.length, 2, 'a root per account');
    const added = roots[1]!;
    assert.equal(label(tree, added), 'alex@side-gig.io');
    assert.deepEqual(await appsUnder(tree, added), ['acme-api', 'side-gig-shop', 'side-gig-shop-staging']);

    const questions: Array<{ message: string; detail?: string }> = [];
    api.prompts.confirm = async (message, o, ...actions) => (questions.push({ message, detail: o.detail }), actions[0]);
    await vscode.commands.executeCommand('herokuMembrane.removeAccount', added);
    assert.match(questions[0]?.message ?? '', /Remove the Heroku account alex@side-gig\.io/);
    assert.match(questions[0]?.detail ?? '', /Heroku account itself.*not touched/);
    assert.equal(api.manager.status.accounts?.length, 1);
    const listed = JSON.parse(sandbox('connection', 'list', '--json'));
    assert.ok(!(Array.isArray(listed) ? listed : listed.items).some((c: { id: string }) => c.id === SIDE), 'Membrane no longer lists it');
    assert.ok(readWorld().accounts.some((a: { account: { email: string } }) => a.account.email === 'alex@side-gig.io'), 'the Heroku account and its data are still there');
  });
});
