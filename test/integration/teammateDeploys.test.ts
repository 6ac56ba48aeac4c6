// Teammate deploys in a real extension host against the sandbox: the workspace's app (a git
// remote, written into the harness's folder for the test and removed after it), the setting
// turned on in the user's settings (and back), a teammate's release (the sandbox's
// MEMBRANE_SANDBOX_TEAMMATE) → one notification with its words and buttons, whose Show
// Changes opens the release's diff; a deploy and a rollback made through the extension → no
// notification; off → no read of the app's releases (the sandbox's call log).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { makeDeployFixture } from '../helpers/deployFixture';
import { connectFresh, scenario, useExtension, waitFor, waitForState } from './helpers';

const APP = 'acme-api';
const LOOK = 31; // the Releases category's first page (RELEASE_PAGE + 1): a view's read
const config = () => vscode.workspace.getConfiguration('herokuMembrane');
const setEnabled = (value: boolean | undefined) => config().update('teammateDeploys.enabled', value, vscode.ConfigurationTarget.Global);

/** Reads of the app's latest releases in the sandbox's call log (either transport). */
function releaseReads(log: string): number {
  if (!fs.existsSync(log)) return 0;
  const list = new RegExp(`/apps/${APP}/releases(?![/\\w])`);
  return fs
    .readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .filter((l) => list.test((JSON.parse(l) as { argv: string[] }).argv.join(' '))).length;
}

suite('teammate deploys', () => {
  let api: ExtensionApi;
  let gitDir = '';
  let told: Array<{ message: string; actions: string[] }>;
  /** What the test's info-message stub answers to a notification with these buttons. */
  let answer: (actions: string[]) => string | undefined;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    api.testing.forgetCrashWatch();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    gitDir = path.join(folder.uri.fsPath, '.git');
    assert.ok(!fs.existsSync(gitDir), 'the shared workspace is not a git repository');
    fs.mkdirSync(gitDir, { recursive: true });
    fs.writeFileSync(path.join(gitDir, 'config'), `[remote "production"]\n\turl = https://git.heroku.com/${APP}.git\n`);
    await api.links.refresh();
    told = [];
    answer = () => undefined;
    api.prompts.showInformationMessage = (async (message: string, ...actions: string[]) => {
      told.push({ message, actions });
      return answer(actions);
    }) as typeof api.prompts.showInformationMessage;
  });

  teardown(async () => {
    await setEnabled(undefined);
    await waitFor('the watch is off', () => api.testing.teammateDeploys() === undefined);
    fs.rmSync(gitDir, { recursive: true, force: true });
    await api.links.refresh();
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('Heroku build:'))) t.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    scenario({});
  });

  const heroku = () => api.manager.requireHeroku();
  const newest = async () => (await heroku().latestReleases(APP, 1))[0]!.version;
  /** Turned on: the workspace's app watched and its first look (the baseline) taken. */
  async function turnOn(): Promise<number> {
    await setEnabled(true);
    const seen = await waitFor('the baseline', () => api.testing.teammateDeploys()?.seen[APP]);
    assert.deepEqual(api.testing.teammateDeploys()?.watching, [APP]);
    return seen;
  }
  /** What a view does when it shows the releases (its Refresh): a look for the watch too; returns the newest version the watch saw. */
  async function viewReadsReleases(): Promise<number> {
    heroku().forget(APP, 'releases');
    const [latest] = await heroku().latestReleases(APP, LOOK);
    return waitFor('the look', () => api.testing.teammateDeploys()?.seen[APP] === latest!.version && latest!.version);
  }
  const teammateNews = () => told.filter((t) => t.actions.includes('Show Changes'));

  test('a teammate deploys: one notification naming the app, version, who and what; Show Changes opens the release’s diff', async function () {
    this.timeout(60_000);
    const baseline = await turnOn();
    assert.equal(baseline, await newest());
    answer = (actions) => (actions.includes('Show Changes') ? 'Show Changes' : undefined);
    scenario({ MEMBRANE_SANDBOX_TEAMMATE: APP });
    const seen = await viewReadsReleases();
    assert.equal(seen, baseline + 1);
    await waitFor('the notification', () => teammateNews().length > 0);
    assert.equal(teammateNews().length, 1);
    const [news] = teammateNews();
    assert.match(news!.message, new RegExp(`^New release v${baseline + 1} on ${APP} by sam@acme\\.dev: Deploy [0-9a-f]{7}$`));
    assert.deepEqual(news!.actions, ['Show Release', 'Show Changes']);

    const diff = await waitFor('the release’s diff', () => {
      const i = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return i instanceof vscode.TabInputTextDiff && i;
    });
    const right = (await vscode.workspace.openTextDocument(diff.modified)).getText();
    assert.match(right, new RegExp(`^# ${APP}: v${baseline + 1} against the release before it, v${baseline}`, 'm'));
    const commit = /Deploy ([0-9a-f]{7})$/.exec(news!.message)![1]!;
    assert.match(right, new RegExp(`^commit: ${commit}[0-9a-f]{33}$`, 'm'));

    // Three more at once: one notification that counts them, whose Show Release opens the newest's JSON; read again: nothing more.
    scenario({ MEMBRANE_SANDBOX_TEAMMATE: `${APP}=jo@acme.dev*3` });
    answer = (actions) => (actions.includes('Show Release') ? 'Show Release' : undefined);
    await viewReadsReleases();
    await waitFor('the second notification', () => teammateNews().length > 1);
    assert.match(teammateNews()[1]!.message, new RegExp(`^3 new releases on ${APP}, latest v${baseline + 4} by jo@acme\\.dev: Deploy [0-9a-f]{7}$`));
    const json = await waitFor('the release’s JSON', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc && doc.getText().includes(`"version": ${baseline + 4}`) && doc;
    });
    assert.match(json.getText(), /"email": "jo@acme\.dev"/);
    await viewReadsReleases();
    assert.equal(teammateNews().length, 2);
  });

  test('a deploy and a rollback made through the extension: no notification', async function () {
    this.timeout(90_000);
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'teammate-deploy-'));
    try {
      scenario({ MEMBRANE_SANDBOX_DEPLOY_MS: '1000' });
      const baseline = await turnOn();
      api.prompts.confirm = async (_message, _options, ...actions) => actions[0];
      api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string } }>) => items.find((i) => i.app?.name === APP)) as typeof api.prompts.showQuickPick;
      const fx = makeDeployFixture(parent);
      await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
      await waitFor('the deploy’s own words', () => told.some((t) => t.message.startsWith(`${APP}: released v${baseline + 1}`)));
      assert.equal(await viewReadsReleases(), baseline + 1);

      // A rollback from the release node (its question answered yes).
      const tree = api.explorer.apps;
      const kids = async (n?: Node) => ((await tree.getChildren(n)) ?? []) as Node[];
      const label = (n: Node) => {
        const l = (tree.getTreeItem(n) as vscode.TreeItem).label;
        return typeof l === 'string' ? l : (l?.label ?? '');
      };
      // The workspace's app is listed first, in the "This workspace" group.
      const [group] = await kids();
      assert.equal(group && label(group), 'This workspace');
      const app = (await kids(group)).find((n) => n.id.endsWith(`app:${APP}`));
      assert.ok(app, 'the workspace’s app in its group');
      const releases = (await kids(app)).find((n) => label(n) === 'Releases');
      assert.ok(releases, 'its Releases');
      const shown = await kids(releases);
      const target = shown.find((n) => label(n) === `v${baseline}`);
      assert.ok(target, `v${baseline} in the tree: ${shown.map(label).join(', ')}`);
      await vscode.commands.executeCommand('herokuMembrane.rollback', target);
      assert.equal(await viewReadsReleases(), baseline + 2);
      assert.deepEqual(teammateNews(), [], 'nothing told of this window’s own releases');
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });

  test('off: the app’s releases are not read for it, even when the connection comes back (the sandbox’s call log)', async function () {
    this.timeout(60_000);
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'teammate-')), 'calls.jsonl');
    try {
      scenario({ MEMBRANE_SANDBOX_CALL_LOG: log });
      await turnOn();
      const whileOn = releaseReads(log);
      assert.ok(whileOn >= 1, 'on: the first look read them');
      await setEnabled(false);
      await waitFor('the watch is off', () => api.testing.teammateDeploys() === undefined);
      const off = releaseReads(log);
      await api.manager.recheck();
      await waitForState(api, 'ready');
      heroku().forgetAll();
      // A read that ends after any poll a watch would have started.
      await heroku().listApps();
      assert.equal(releaseReads(log), off, 'no read of its releases while off');
    } finally {
      scenario({});
      fs.rmSync(path.dirname(log), { recursive: true, force: true });
    }
  });
});
