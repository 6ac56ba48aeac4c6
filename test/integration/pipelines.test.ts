// Pipelines in a real extension host against the sandbox: promote staging to two
// production apps with one failing (both outcomes shown, the tree read again), a
// two-factor promotion that asks for the code and streams the release phase, comparing
// staging with production (every difference reported, no value shown unless revealed),
// and review apps (shown by pull request, deleted with their app).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { SANDBOX_BIN, connectFresh, readWorld, scenario, scriptPrompts, useExtension, waitFor, worldApp, type PromptScript } from './helpers';
import { waitUntil } from '../helpers/wait';

const PIPELINE = '1371f890-5bef-450b-a567-e0291ee8bbeb';

function writeWorld(change: (w: any) => void): void {
  const w = readWorld();
  change(w);
  fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(w));
}

suite('pipelines', () => {
  let api: ExtensionApi;
  let p: PromptScript;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    p = scriptPrompts(api);
  });

  teardown(() => {
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('Heroku release:'))) t.dispose();
    scenario({});
  });

  const app = (name: string) => worldApp(readWorld(), name);
  const releases = (name: string) => readWorld().releases[app(name).id] as Array<{ description: string; version: number; current: boolean }>;

  async function pipelineNodes(): Promise<Node[]> {
    const roots = (await api.explorer.pipelines.getChildren())!;
    const pipeline = roots.find((n) => n.id === `pipeline:${PIPELINE}`)!;
    return (await api.explorer.pipelines.getChildren(pipeline))!;
  }

  async function stageApp(stage: string, name: string): Promise<Node> {
    const stageNode = (await pipelineNodes()).find((n) => n.id.endsWith(`stage:${stage}`))!;
    return (await api.explorer.pipelines.getChildren(stageNode))!.find((n) => n.id.endsWith(`app:${name}`))!;
  }

  test('promote staging to two production apps, one failing: both outcomes shown, the world and the tree follow', async () => {
    // acme-web joins acme-api's production stage.
    writeWorld((w) => {
      w.pipelineCouplings.find((c: any) => c.app.id === w.apps.find((a: any) => a.name === 'acme-web').id).pipeline.id = PIPELINE;
    });
    scenario({ MEMBRANE_SANDBOX_PROMOTE_MS: '300', MEMBRANE_SANDBOX_PROMOTE_FAIL: 'acme-web' });
    const webBefore = releases('acme-web').length;
    const version = Math.max(...releases('acme-api').map((r) => r.version)) + 1;
    await vscode.commands.executeCommand('herokuMembrane.promote', await stageApp('staging', 'acme-api-staging'));
    assert.equal(p.questions[0]!.message, 'Promote acme-api-staging v30 to acme-api, acme-web?');
    assert.match(p.questions[0]!.detail, /^Release: v30 · Set NODE_ENV config var\nCode: commit 656d8fb\nTargets \(production\): acme-api, acme-web\n/);
    assert.deepEqual(p.info, []);
    assert.equal(p.errors.length, 1);
    assert.match(p.errors[0]!, new RegExp(`^Promotion of acme-api-staging v30: acme-api: succeeded \\(v${version}\\); acme-web: failed — Release command failed on acme-web \\(exit status 1\\)`));
    assert.equal(releases('acme-api').at(-1)!.description, 'Promote acme-api-staging v30');
    assert.equal(releases('acme-web').length, webBefore, 'the failed target got no release');
    const prod = await stageApp('production', 'acme-api');
    const releasesNode = (await api.explorer.pipelines.getChildren(prod))!.find((n) => n.id.endsWith('/releases'))!;
    await api.explorer.pipelines.getChildren(releasesNode);
    assert.equal((api.explorer.pipelines.getTreeItem(releasesNode) as vscode.TreeItem).description, `current v${version}`);
  });

  test('a promotion Heroku guards with two-factor asks for the code and retries; one target streams its release phase', async () => {
    scenario({ MEMBRANE_SANDBOX_PROMOTE_MS: '200', MEMBRANE_SANDBOX_HTTP_FAULT: '403:two_factor@^POST /pipeline-promotions$' });
    const asked: string[] = [];
    api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => {
      asked.push(`${o.title} ${o.password ? '(hidden)' : ''}`);
      return '123456';
    }) as typeof api.prompts.showInputBox;
    await vscode.commands.executeCommand('herokuMembrane.promote', await stageApp('staging', 'acme-api-staging'));
    assert.deepEqual(asked, ['Heroku two-factor authentication (hidden)']);
    assert.deepEqual(p.errors, []);
    assert.match(p.info[0] ?? '', /^Promotion of acme-api-staging v30: acme-api: succeeded \(v\d+\)\.$/);
    await waitFor('the release phase output', () => api.testing.terminalText('release:acme-api').includes('Running release command'));
  });

  test('Cancel while a promotion runs stops watching it, says it goes on at Heroku, and it does', async () => {
    scenario({ MEMBRANE_SANDBOX_PROMOTE_MS: '1500' });
    const before = releases('acme-api').length;
    const cancel = new vscode.CancellationTokenSource();
    api.prompts.withProgress = (async (o: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      // Cancelled at the first report ("started"): the promotion exists at Heroku by then.
      return task({ report: () => cancel.cancel() }, cancel.token);
    }) as typeof api.prompts.withProgress;
    await vscode.commands.executeCommand('herokuMembrane.promote', await stageApp('staging', 'acme-api-staging'));
    assert.deepEqual(p.errors, []);
    assert.match(p.info[0] ?? '', /^Stopped watching the promotion of acme-api-staging v30: it goes on at Heroku/);
    // The sandbox settles a promotion on the next API call after its time: ask it, as Heroku's dashboard would.
    const targets = () => JSON.parse(execFileSync(process.execPath, [SANDBOX_BIN, 'request', '6750c2a1f3b9d84e21a7c5e0', `/pipeline-promotions/${readWorld().promotions[0].id}/promotion-targets`, '--json'], { env: process.env, encoding: 'utf8' })).body;
    await waitFor('the promotion to finish at Heroku', () => targets().every((t: any) => t.status === 'succeeded'), 20_000);
    assert.equal(releases('acme-api').length, before + 1);
  });

  test('compare staging with production: releases, config keys (only here, only there, different), add-ons and formation; values masked until revealed', async () => {
    writeWorld((w) => {
      const id = (n: string) => w.apps.find((a: any) => a.name === n).id;
      w.configVars[id('acme-api-staging')].ONLY_ON_STAGING = 'staging-secret-1';
      w.configVars[id('acme-api')].ONLY_ON_PRODUCTION = 'production-secret-2';
      w.configVars[id('acme-api-staging')].LOG_LEVEL = 'debug-level-xyz';
      w.configVars[id('acme-api')].LOG_LEVEL = 'warn-level-abc';
    });
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem>) => items.find((i) => i.label === 'acme-api')) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.compareApps', await stageApp('staging', 'acme-api-staging'));
    const tab = await waitFor('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff && input;
    });
    const left = (await vscode.workspace.openTextDocument(tab.original)).getText();
    const right = (await vscode.workspace.openTextDocument(tab.modified)).getText();
    const staging = readWorld().configVars[app('acme-api-staging').id];
    const production = readWorld().configVars[app('acme-api').id];
    const shared = Object.keys(staging).filter((k) => k in production);
    const differ = shared.filter((k) => staging[k] !== production[k]).length;
    assert.ok(differ >= 1);
    assert.match(left, new RegExp(`# Config vars: 1 key only on acme-api-staging, 1 key only on acme-api, ${differ} with different values, ${shared.length - differ} the same\\. Values masked`));
    assert.match(left, /# Add-ons: 3 services differ \(heroku-postgresql, heroku-redis, papertrail\)\. Formation: release, web differ\./);
    assert.match(left, /^ONLY_ON_STAGING = ‹masked›$/m);
    assert.doesNotMatch(right, /ONLY_ON_STAGING/);
    assert.match(right, /^ONLY_ON_PRODUCTION = ‹masked›$/m);
    assert.match(left, /^LOG_LEVEL = ‹masked · differs: acme-api-staging's value›$/m);
    assert.match(right, /^LOG_LEVEL = ‹masked · differs: acme-api's value›$/m);
    const same = shared.find((k) => staging[k] === production[k])!;
    assert.ok(left.includes(`\n${same} = ‹masked · same on both›\n`) && right.includes(`\n${same} = ‹masked · same on both›\n`));
    assert.match(right, /^web: 3 × Standard-2X$/m);
    assert.match(left, /^web: 1 × Standard-1X$/m);
    assert.match(left, /== Deploys acme-api lacks ==\nv31 · Deploy 671e417/);
    // No value anywhere, before it is revealed.
    const values = [...Object.values(readWorld().configVars[app('acme-api').id]), ...Object.values(readWorld().configVars[app('acme-api-staging').id])].map(String).filter((v) => v.length >= 12); // short ones ("production", "info") are also ordinary words of the page
    for (const v of values) assert.ok(!left.includes(v) && !right.includes(v), `a value leaked: ${v.slice(0, 4)}…`);

    await vscode.commands.executeCommand('herokuMembrane.revealComparison', tab.original);
    assert.match(p.questions.at(-1)!.message, /Show the config var values of acme-api-staging and acme-api\?/);
    const revealed = await waitUntil(async () => {
      const text = (await vscode.workspace.openTextDocument(tab.original)).getText();
      return text.includes('debug-level-xyz') && text;
    }, 'the values shown');
    assert.match(revealed, /^LOG_LEVEL = "debug-level-xyz"$/m);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a revealed comparison is forgotten when its editor closes: reopened, or compared again, it is masked and asks again', async () => {
    writeWorld((w) => {
      const id = (n: string) => w.apps.find((a: any) => a.name === n).id;
      w.configVars[id('acme-api-staging')].LOG_LEVEL = 'debug-level-xyz';
      w.configVars[id('acme-api')].LOG_LEVEL = 'warn-level-abc';
    });
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem>) => items.find((i) => i.label === 'acme-api')) as typeof api.prompts.showQuickPick;
    const compare = async (previous?: vscode.Uri) => {
      await vscode.commands.executeCommand('herokuMembrane.compareApps', await stageApp('staging', 'acme-api-staging'));
      return waitFor('the diff editor', () => {
        const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
        return tab?.input instanceof vscode.TabInputTextDiff && tab.input.original.toString() !== previous?.toString() && { tab, input: tab.input };
      });
    };
    const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();
    const masked = /^LOG_LEVEL = ‹masked · differs: acme-api-staging's value›$/m;

    const first = await compare();
    await vscode.commands.executeCommand('herokuMembrane.revealComparison', first.input.original);
    assert.equal(p.questions.length, 1);
    await waitUntil(async () => (await text(first.input.original)).includes('debug-level-xyz'), 'the values shown');
    await vscode.window.tabGroups.close(first.tab);
    // Its documents, opened again (Reopen Closed Editor, the history), show no value.
    await waitUntil(async () => !(await text(first.input.original)).includes('debug-level-xyz'), 'the closed comparison masked again');
    assert.ok(!(await text(first.input.modified)).includes('warn-level-abc'));

    const second = await compare(first.input.original);
    assert.match(await text(second.input.original), masked);
    await vscode.commands.executeCommand('herokuMembrane.revealComparison', second.input.original);
    assert.equal(p.questions.length, 2, 'Reveal Values asks again');
    await vscode.window.tabGroups.close(second.tab);
  });

  test('review apps show their pull request; Delete asks, then the app and its coupling are gone', async () => {
    const review = (await pipelineNodes()).find((n) => n.id.endsWith('stage:review'))!;
    const [node] = (await api.explorer.pipelines.getChildren(review))!;
    const item = api.explorer.pipelines.getTreeItem(node!) as vscode.TreeItem;
    assert.equal(item.label, '#142 feature/pr-142');
    assert.equal(item.description, 'created · acme-api-pr-142');
    assert.match(String(item.contextValue), /^heroku\.app.*\+review$/);
    const id = app('acme-api-pr-142').id;
    await vscode.commands.executeCommand('herokuMembrane.deleteReviewApp', node);
    assert.equal(p.questions[0]!.message, 'Delete the review app acme-api-pr-142 (pull request #142)?');
    assert.equal(app('acme-api-pr-142'), undefined);
    assert.ok(!readWorld().pipelineCouplings.some((c: any) => c.app.id === id));
  });
});
