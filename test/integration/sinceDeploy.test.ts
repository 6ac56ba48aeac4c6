// Deployed code against the workspace in a real extension host: a fixture repository (the
// sandbox's builder, in a temp folder, linked to its apps through the links dependency)
// whose commits the world's slugs run. The row's words, and how they follow a new commit
// and a promotion; the multi-file diff with its renamed, added and deleted files; the
// commits since deploy; a commit only a remote has ("not in this repository", then
// Fetch); the promotion question's count and the compare documents' commits.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { waitUntil } from '../helpers/wait';
import { ROOT, appNode, connectFresh, scenario, scriptPrompts, useExtension, waitFor, type PromptScript } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;
interface FixtureIds {
  head: string;
  deployed: string;
  before: string;
  onlyOnOrigin: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's fixture builder (CommonJS)
const fixture = require(path.join(ROOT, 'sandbox', 'lib', 'fixtureRepo.js')) as { makeFixture(dir: string, worldFile: string): FixtureIds };
const short = (sha: string) => sha.slice(0, 7);

suite('since deploy: deployed code against the workspace', () => {
  let api: ExtensionApi;
  let tree: Tree;
  let p: PromptScript;
  let root: string;
  let repo: string;
  let ids: FixtureIds;
  useExtension((a) => {
    api = a;
    tree = a.explorer.apps;
  });

  setup(async () => {
    await connectFresh(api);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'since-deploy-'));
    repo = path.join(root, 'acme-api');
    ids = fixture.makeFixture(repo, process.env.MEMBRANE_SANDBOX_WORLD!);
    api.linkFolder('acme-api', vscode.Uri.file(repo));
    api.explorer.setFilter('');
    api.explorer.reloadAll();
    p = scriptPrompts(api);
  });

  teardown(async () => {
    scenario({});
    for (const app of ['acme-api', 'acme-api-pr-142', 'acme-api-staging']) api.linkFolder(app, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
  });

  const item = (n: Node) => tree.getTreeItem(n) as vscode.TreeItem;
  /** The app's first row, once it says what `ready` accepts. */
  async function deployedRow(app: string, ready: (description: string) => boolean = () => true): Promise<{ node: Node; item: vscode.TreeItem }> {
    return waitUntil(async () => {
      const first = ((await tree.getChildren(await appNode(api, app))) ?? [])[0];
      if (!first) return undefined;
      const i = item(first);
      return i.label === 'Deployed code' && ready(String(i.description ?? '')) && { node: first, item: i };
    }, `the Deployed code row of ${app}`, 20_000);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });

  test('the row says the deployed commit is 2 commits behind HEAD, names its subject and release, and follows a new commit', async function () {
    this.timeout(60_000);
    const { item: row } = await deployedRow('acme-api');
    assert.equal(row.description, `${short(ids.deployed)} · 2 commits behind HEAD`);
    assert.equal(row.contextValue, 'heroku.deployedCode+compared');
    assert.equal(row.accessibilityInformation?.label, `Deployed code, ${short(ids.deployed)} · 2 commits behind HEAD`);
    assert.match(String(row.tooltip), /^Deployed code of acme-api: 2 commits behind HEAD$/m);
    assert.match(String(row.tooltip), /^Subject: Speed up the search index$/m);
    assert.match(String(row.tooltip), /^Brought by v46: Deploy [0-9a-f]{7}$/m);
    // A new commit moves HEAD: the row reads the repository again by itself.
    fs.writeFileSync(path.join(repo, 'CHANGES.md'), 'one more\n');
    git('add', 'CHANGES.md');
    git('commit', '-q', '-m', 'One more commit');
    await deployedRow('acme-api', (d) => d === `${short(ids.deployed)} · 3 commits behind HEAD`);
  });

  test('Show Changes Since Deploy opens the multi-file diff: a rename, an addition, a deletion, and the left side as deployed', async function () {
    this.timeout(60_000);
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'not committed\n');
    const { node } = await deployedRow('acme-api');
    await vscode.commands.executeCommand('herokuMembrane.showChangesSinceDeploy', node);
    const shown = api.testing.changesShown().at(-1);
    assert.ok(shown, 'a multi-file diff was opened');
    assert.equal(shown.title, `acme-api: changes since deploy (${short(ids.deployed)})`);
    const byFile = new Map(shown.files.map(([label, left, right]) => [path.relative(repo, vscode.Uri.parse(label).fsPath), { left, right }]));
    assert.deepEqual([...byFile.keys()], [path.join('src', 'basket.js'), path.join('src', 'checkout.js'), path.join('src', 'db.js'), 'untracked.txt']);
    const basket = byFile.get(path.join('src', 'basket.js'))!;
    assert.equal(vscode.Uri.parse(basket.right!).fsPath, path.join(repo, 'src', 'basket.js'));
    const deployedCart = (await vscode.workspace.openTextDocument(vscode.Uri.parse(basket.left!))).getText();
    assert.equal(deployedCart, 'exports.total = (items = []) => items.reduce((s, i) => s + i.price, 0);\n', 'the left side of the rename is the old file as deployed');
    assert.equal(byFile.get(path.join('src', 'checkout.js'))!.left, undefined, 'an added file has no left side');
    assert.equal(byFile.get(path.join('src', 'db.js'))!.right, undefined, 'a deleted file has no right side');
    assert.equal(byFile.get('untracked.txt')!.left, undefined);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => `${t.label} [${t.input?.constructor?.name}]`));
    await waitUntil(() => tabs().some((t) => t.startsWith(shown.title)), `the multi-file diff editor (tabs: ${tabs().join(', ')})`);
  });

  test('Show Commits Since Deploy lists the commits HEAD has; one chosen opens its own changes', async function () {
    this.timeout(60_000);
    const { node } = await deployedRow('acme-api');
    let listed: string[] = [];
    const pick = api.prompts.showQuickPick;
    api.prompts.showQuickPick = (async (items: vscode.QuickPickItem[]) => {
      listed = items.map((i) => `${i.kind === vscode.QuickPickItemKind.Separator ? '--' : ''}${i.label}`);
      return items.find((i) => i.label === 'Rename the cart to basket');
    }) as typeof api.prompts.showQuickPick;
    try {
      await vscode.commands.executeCommand('herokuMembrane.showCommitsSinceDeploy', node);
    } finally {
      api.prompts.showQuickPick = pick;
    }
    assert.deepEqual(listed, ['--On HEAD, not deployed (2)', 'Add checkout v2 behind a flag', 'Rename the cart to basket']);
    const shown = api.testing.changesShown().at(-1);
    assert.ok(shown);
    assert.match(shown.title, /^[0-9a-f]{7} Rename the cart to basket$/);
    assert.deepEqual(
      shown.files.map(([label, left, right]) => [path.relative(repo, vscode.Uri.parse(label).fsPath), Boolean(left), Boolean(right)]),
      [[path.join('src', 'basket.js'), true, true]],
    );
  });

  test('a commit only a remote has: "not in this repository", then Fetch brings it and the row reads it again', async function () {
    this.timeout(60_000);
    api.linkFolder('acme-api-pr-142', vscode.Uri.file(repo));
    const { node, item: row } = await deployedRow('acme-api-pr-142');
    assert.equal(row.description, `${short(ids.onlyOnOrigin)} · not in this repository`);
    assert.equal(row.contextValue, 'heroku.deployedCode+missing');
    await vscode.commands.executeCommand('herokuMembrane.fetchDeployedCommit', node);
    await deployedRow('acme-api-pr-142', (d) => d === `${short(ids.onlyOnOrigin)} · 1 commit ahead of HEAD`);
    assert.deepEqual(p.errors, []);
  });

  test("the promotion question says how many commits it carries; after it the row says HEAD is deployed, and the diff has nothing to show", async function () {
    this.timeout(90_000);
    await deployedRow('acme-api');
    await vscode.commands.executeCommand('herokuMembrane.promote', await appNode(api, 'acme-api-staging'));
    const question = p.questions.find((q) => q.message.startsWith('Promote acme-api-staging'));
    assert.ok(question, `the promotion question: ${JSON.stringify(p.questions)}`);
    assert.match(question.detail, new RegExp(`^Promotes 2 commits \\(${short(ids.deployed)}\\.\\.${short(ids.head)}\\) to acme-api\\.$`, 'm'));
    const { node } = await deployedRow('acme-api', (d) => d === `${short(ids.head)} · HEAD is deployed`);
    await vscode.commands.executeCommand('herokuMembrane.showChangesSinceDeploy', node);
    assert.ok(p.info.some((m) => m === `No changes since deploy: acme-api is as acme-api runs it (commit ${short(ids.head)}).`), p.info.join('\n'));
  });

  test('the rollback question counts the commits a rollback undoes in the linked repository', async function () {
    this.timeout(60_000);
    // v45 runs the code of v44 (HEAD~5); acme-api runs HEAD~2: three commits go.
    p.confirmWith = undefined;
    p.picks.push('acme-api', /^v45\b/);
    await vscode.commands.executeCommand('herokuMembrane.rollback');
    const question = p.questions.find((q) => q.message === 'Roll back acme-api to v45?');
    assert.ok(question, `the rollback question: ${JSON.stringify(p.questions)}`);
    assert.match(question.detail, new RegExp(`^The code goes back to that of v44 \\(commit ${short(ids.before)}\\), undoing 3 commits \\(${short(ids.before)}\\.\\.${short(ids.deployed)}\\)\\.$`, 'm'));
  });

  test('the compare documents of two stages name the commits between them', async function () {
    this.timeout(60_000);
    p.picks.push(/^acme-api$/);
    await vscode.commands.executeCommand('herokuMembrane.compareApps', await appNode(api, 'acme-api-staging'));
    const input = await waitFor('the compare diff', () => {
      const i = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return i instanceof vscode.TabInputTextDiff && i;
    });
    const left = (await vscode.workspace.openTextDocument(input.original)).getText();
    const right = (await vscode.workspace.openTextDocument(input.modified)).getText();
    for (const doc of [left, right]) assert.match(doc, new RegExp(`^# Code: acme-api-staging carries 2 commits acme-api lacks: ${short(ids.head)} Add checkout v2 behind a flag, [0-9a-f]{7} Rename the cart to basket\\.$`, 'm'));
    assert.match(left, /== Commits acme-api lacks ==\n[0-9a-f]{7} Add checkout v2 behind a flag · Sam Rivera\n[0-9a-f]{7} Rename the cart to basket · Sam Rivera/);
    assert.match(right, new RegExp(`== Commits acme-api-staging lacks ==\\n\\(none: acme-api runs commit ${short(ids.deployed)}\\)`));
  });
});
