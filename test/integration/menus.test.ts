// Every menu entry of package.json, run the way its menu runs it: through VS Code's command
// service, with the arguments that menu hands over (a tree row: its node; the file
// explorer: the folder's Uri and the selection; an editor's title: its Uri and the group; a
// terminal's menus: the terminal; a view's title bar: nothing). The commands are registered by the activation bundle and
// forwarded to the features bundle (src/extension.ts): each must arrive with exactly those
// arguments, end, and fail on none of them. Every question and pick is answered Cancel, so
// nothing is written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { localizedManifest } from '../helpers/manifest';
import { ROOT, resetSandbox, scenario, useExtension, waitForState } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;
interface MenuEntry {
  command: string;
  when?: string;
}
const VIEWS = { apps: 'herokuMembrane.apps', pipelines: 'herokuMembrane.pipelines' } as const;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const worlds = require(path.join(ROOT, 'sandbox', 'lib', 'world.js')) as { twoAccountsWorld(): unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fixture = require(path.join(ROOT, 'sandbox', 'lib', 'fixtureRepo.js')) as { makeFixture(dir: string, worldFile: string): unknown };
const menus: Record<string, MenuEntry[]> = localizedManifest(ROOT).contributes.menus;

/** Whether a tree row's `when` holds for this view and viewItem: `||` of `&&` of `view` and `viewItem` terms. */
function holds(when: string, view: string, viewItem: string): boolean {
  return when.split('||').some((conjunction) =>
    conjunction.split('&&').every((raw) => {
      const term = raw.trim();
      const regex = /^(view|viewItem) =~ \/(.*)\/$/.exec(term);
      if (regex) return new RegExp(regex[2]!).test(regex[1] === 'view' ? view : viewItem);
      const equal = /^(view|viewItem) (==|!=) (\S+)$/.exec(term);
      if (equal) return ((equal[1] === 'view' ? view : viewItem) === equal[3]) === (equal[2] === '==');
      assert.fail(`a tree menu clause this test cannot read: ${term}`);
    }),
  );
}

/**
 * One row of each contextValue of both views (the first found), the account roots included:
 * up to four rows of a kind are opened, not every app.
 */
async function rowsByKind(api: ExtensionApi): Promise<Array<{ view: string; value: string; node: Node }>> {
  const found: Array<{ view: string; value: string; node: Node }> = [];
  const opened = new Map<string, number>();
  const walk = async (view: string, tree: Tree, node: Node | undefined, depth: number): Promise<void> => {
    for (const n of (await tree.getChildren(node)) ?? []) {
      const item = (await tree.getTreeItem(n)) as vscode.TreeItem;
      const value = item.contextValue ?? '';
      if (!found.some((f) => f.view === view && f.value === value)) found.push({ view, value, node: n });
      const times = opened.get(`${view} ${value}`) ?? 0;
      if (item.collapsibleState === vscode.TreeItemCollapsibleState.None || depth > 5 || times >= 4) continue;
      opened.set(`${view} ${value}`, times + 1);
      await walk(view, tree, n, depth + 1);
    }
  };
  await walk(VIEWS.apps, api.explorer.apps, undefined, 0);
  await walk(VIEWS.pipelines, api.explorer.pipelines, undefined, 0);
  return found;
}

/** A file in the window's workspace folder, so that Deploy finds something to pack. */
function workspaceFile(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the test window has a workspace folder');
  return path.join(folder.fsPath, 'menus-test.txt');
}

/** The workspace folder's `.git`: its remotes link the folder to apps. */
function workspaceGitDir(): string {
  return path.join(path.dirname(workspaceFile()), '.git');
}

/** The first app row of a view (accounts and owner groups opened on the way). */
async function firstApp(tree: Tree, node: Node | undefined, depth = 0): Promise<Node | undefined> {
  for (const n of (await tree.getChildren(node)) ?? []) {
    const item = (await tree.getTreeItem(n)) as vscode.TreeItem;
    if (/^heroku\.app\b/.test(item.contextValue ?? '')) return n;
    if (depth < 2 && /^heroku\.(account|group)\b/.test(item.contextValue ?? '')) {
      const found = await firstApp(tree, n, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

suite('menus', () => {
  let api: ExtensionApi;
  let errors: string[];
  /** A fixture repository linked to two apps: their Deployed code rows (one compared, one missing a commit) have menus too. */
  let fixtureRoot: string;
  useExtension((a) => (api = a));

  setup(async () => {
    // Two accounts (the default world's and a side account): the account roots have menus too.
    resetSandbox();
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(worlds.twoAccountsWorld()));
    fixtureRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'menus-fixture-'));
    fixture.makeFixture(path.join(fixtureRoot, 'repo'), process.env.MEMBRANE_SANDBOX_WORLD!);
    for (const app of ['acme-api', 'acme-api-pr-142']) api.linkFolder(app, vscode.Uri.file(path.join(fixtureRoot, 'repo')));
    await api.manager.recheck();
    await waitForState(api, 'ready');
    api.explorer.setFilter('');
    api.explorer.reloadAll();
    // A file to deploy (Deploy packs the folder before it asks).
    fs.writeFileSync(workspaceFile(), 'deployed by no one: every question is answered Cancel\n');
    // The workspace linked by git remotes (Unlink asks before it hides one): an app both accounts see, and one none does.
    fs.mkdirSync(workspaceGitDir(), { recursive: true });
    fs.writeFileSync(path.join(workspaceGitDir(), 'config'), '[remote "production"]\n\turl = https://git.heroku.com/acme-api.git\n[remote "gone"]\n\turl = git@heroku.com:no-such-app.git\n');
    await api.links.refresh();
    // Every question, pick and box answered Cancel; nothing opens outside; failures recorded.
    errors = [];
    const cancel = async () => undefined;
    Object.assign(api.prompts, {
      confirm: cancel,
      showQuickPick: cancel,
      pickMany: cancel,
      showInputBox: cancel,
      searchQuickPick: cancel,
      editJson: cancel,
      showOpenDialog: cancel,
      showSaveDialog: cancel,
      showWorkspaceFolderPick: cancel,
      showWarningMessage: cancel,
      showInformationMessage: cancel,
      openExternal: async () => true,
      showErrorMessage: async (m: string) => void errors.push(m),
    });
  });

  teardown(async () => {
    scenario({});
    for (const app of ['acme-api', 'acme-api-pr-142']) api.linkFolder(app, undefined);
    fs.rmSync(fixtureRoot, { recursive: true, force: true });
    fs.rmSync(workspaceFile(), { force: true });
    fs.rmSync(workspaceGitDir(), { recursive: true, force: true });
    await api.links.refresh();
    (await api.configVars()).dispose();
    for (const t of vscode.window.terminals) t.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Runs `command` as VS Code does from a menu, and checks that it got `args`, ended, and reported no failure. */
  async function runAsMenu(where: string, command: string, args: unknown[]): Promise<void> {
    const before = api.testing.commandRuns().length;
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      Promise.resolve(vscode.commands.executeCommand(command, ...args)).then(() => true),
      new Promise<false>((r) => (timer = setTimeout(() => r(false), 20_000))),
    ]).finally(() => clearTimeout(timer));
    assert.ok(ended, `${command} from ${where} ended`);
    const run = api.testing.commandRuns().slice(before).find((r) => r.command === command);
    assert.ok(run, `${command} from ${where} reached the command table`);
    assert.equal(run.args.length, args.length, `${command} from ${where}: the arguments the menu gave`);
    run.args.forEach((a, i) => assert.equal(a, args[i], `${command} from ${where}: argument ${i} is the one the menu gave`));
    assert.deepEqual(errors, [], `${command} from ${where} reported no failure`);
  }

  test("every tree-row menu entry reaches its command with that row's node, ends, and fails on none", async function () {
    this.timeout(240_000);
    const rows = await rowsByKind(api);
    const entries = menus['view/item/context']!;
    assert.ok(entries.length > 40);
    const ran = new Set<string>();
    const unmatched: string[] = [];
    for (const e of entries) {
      const row = rows.find((r) => holds(e.when ?? '', r.view, r.value));
      if (!row) {
        unmatched.push(`${e.command} (${e.when})`);
        continue;
      }
      // The inline button and the context menu of one row run the same command with the same node.
      const key = `${e.command} ${row.view} ${row.value}`;
      if (ran.has(key)) continue;
      ran.add(key);
      await runAsMenu(`a ${row.value} row of ${row.view}`, e.command, [row.node]);
    }
    assert.deepEqual(unmatched, [], 'every entry has a row of its kind in the two-account world');
  });

  test("the file explorer's entries reach their commands with the folder's Uri and the selection", async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder, 'the test window has a workspace folder');
    const entries = menus['explorer/context']!;
    assert.deepEqual(entries.map((e) => e.command).sort(), ['herokuMembrane.deploy', 'herokuMembrane.linkFolder', 'herokuMembrane.redeploy']);
    for (const e of entries) await runAsMenu('the file explorer', e.command, [folder, [folder]]);
  });

  test("a log terminal's menus (its context menu, its tab's) reach their commands with the terminal", async () => {
    const app = await firstApp(api.explorer.apps, undefined);
    assert.ok(app, 'an app row');
    // A log terminal, opened as a user does (its first pick: all logs); then every question is Cancel again.
    const cancelPick = api.prompts.showQuickPick;
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => items[0]) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.showLogs', app);
    api.prompts.showQuickPick = cancelPick;
    const terminal = vscode.window.terminals.find((t) => t.name.includes('Heroku logs:'));
    assert.ok(terminal, 'a log terminal is open');
    const entries = [...menus['terminal/context']!, ...menus['terminal/title/context']!];
    assert.ok(entries.length > 0);
    for (const e of entries) await runAsMenu('a log terminal', e.command, [terminal]);
  });

  test("an editor title's entry gets the editor's Uri and its group; a view title's entries get nothing", async () => {
    const editorUri = vscode.Uri.file(path.join(ROOT, 'package.json'));
    for (const e of menus['editor/title']!) await runAsMenu('an editor title', e.command, [editorUri, { groupId: 0 }]);
    // Add Another Heroku Account starts a new connection in Membrane and waits for its browser step: not run here.
    for (const e of menus['view/title']!.filter((t) => t.command !== 'herokuMembrane.addAccount')) await runAsMenu('a view title', e.command, []);
    await waitForState(api, 'ready');
  });
});
