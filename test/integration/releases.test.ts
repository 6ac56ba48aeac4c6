// A release's diff in a real extension host against the sandbox: Compare with Previous
// Release (from the tree and from the palette) opens the diff editor with the config,
// code and add-on sections, values masked until revealed; a first release says there is
// nothing before it; the rollback question states what it undoes and offers the whole
// difference (or, when that cannot be read, says so and still rolls back); hostile keys and
// values are shown as text.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { SANDBOX_BIN, connectFresh, readWorld, scenario, scriptPrompts, useExtension, waitFor, worldApp, type PromptScript } from './helpers';
import { waitUntil } from '../helpers/wait';

type Tree = vscode.TreeDataProvider<Node>;
const CONNECTION = '6750c2a1f3b9d84e21a7c5e0';

suite('releases: a release diff', () => {
  let api: ExtensionApi;
  let tree: Tree;
  let p: PromptScript;
  useExtension((a) => {
    api = a;
    tree = a.explorer.apps;
  });

  setup(async () => {
    await connectFresh(api);
    api.explorer.setFilter('');
    api.explorer.reloadAll();
    p = scriptPrompts(api);
  });

  teardown(async () => {
    scenario({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const label = (n: Node) => {
    const l = (tree.getTreeItem(n) as vscode.TreeItem).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };
  async function find(parent: Node | undefined, name: string): Promise<Node> {
    const all = ((await tree.getChildren(parent)) ?? []) as Node[];
    const hit = all.find((n) => label(n) === name);
    assert.ok(hit, `no "${name}" under ${parent ? label(parent) : 'the root'}: ${all.map(label).join(', ')}`);
    return hit;
  }
  const release = async (group: string, app: string, version: number) => find(await find(await find(await find(undefined, group), app), 'Releases'), `v${version}`);

  /** The diff editor the command opened (another than `previous`), and its two documents' text. */
  async function openedDiff(previous?: vscode.Uri) {
    const input = await waitFor('the diff editor', () => {
      const i = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return i instanceof vscode.TabInputTextDiff && i.original.toString() !== previous?.toString() && i;
    });
    const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();
    return { input, left: await text(input.original), right: await text(input.modified), text };
  }

  const config = (app: string, version: number) => JSON.parse(execFileSync(process.execPath, [SANDBOX_BIN, 'request', CONNECTION, `/apps/${app}/releases/${version}/config-vars`, '--json'], { env: process.env, encoding: 'utf8' })).body as Record<string, string>;

  test('Compare with Previous Release from a release: the config change, the same code, the add-on plans; masked until revealed, naming the releases', async () => {
    await vscode.commands.executeCommand('herokuMembrane.compareWithPreviousRelease', await release('Team: acme', 'acme-api', 48));
    const { input, left, right, text } = await openedDiff();
    const keys = Object.keys(config('acme-api', 48)).length;
    for (const doc of [left, right]) {
      assert.match(doc, /^# acme-api: v48 against the release before it, v46 \(skipped, not succeeded: v47\)$/m);
      assert.match(doc, new RegExp(`^# Config vars: 0 added, 0 removed, 1 changed, ${keys - 1} the same\\. Values masked`, 'm'));
      assert.match(doc, /^# Code: the same \(v46 \(commit 4f2a9c1\)\)\.$/m);
      assert.match(doc, /^# Add-on plans: the same\.$/m);
      assert.match(doc, /^heroku-postgresql:standard-0$/m);
    }
    assert.match(left, /^FEATURE_NEW_CHECKOUT = ‹masked · differs: v46's value›$/m);
    assert.match(right, /^FEATURE_NEW_CHECKOUT = ‹masked · differs: v48's value›$/m);
    assert.match(right, /^This release:\nv48 · Set FEATURE_NEW_CHECKOUT config var$/m);
    assert.match(right, /== Code ==\nslug: [0-9a-f-]{36}\ncommit: 4f2a9c1[0-9a-f]{33}\nmessage: .+\ndeployed in: v46 · Deploy 4f2a9c1$/m);
    const values = Object.values(config('acme-api', 48)).filter((v) => v.length >= 12);
    for (const v of values) assert.ok(!left.includes(v) && !right.includes(v), `a value leaked: ${v.slice(0, 4)}…`);

    await vscode.commands.executeCommand('herokuMembrane.revealComparison', input.original);
    assert.equal(p.questions.at(-1)!.message, 'Show the config var values of acme-api v46 and acme-api v48?');
    const revealed = await waitUntil(async () => {
      const t = await text(input.original);
      return t.includes('FEATURE_NEW_CHECKOUT = "false"') && t;
    }, 'the values shown');
    assert.match(revealed, /Values shown\./);
  });

  test('from the palette: the app, then the release; the code changed between them', async () => {
    p.picks.push('acme-api', /^v46$/);
    await vscode.commands.executeCommand('herokuMembrane.compareWithPreviousRelease');
    const { left, right } = await openedDiff();
    assert.match(left, /^# acme-api: v46 against the release before it, v45$/m);
    assert.match(left, /^# Config vars: 0 added, 0 removed, 0 changed, \d+ the same\./m);
    assert.match(left, /^# Code: v44 \(commit ef24218\), then v46 \(commit 4f2a9c1\)\.$/m);
    assert.match(left, /deployed in: v44 · Deploy ef24218$/m);
    assert.match(right, /deployed in: v46 · Deploy 4f2a9c1$/m);
  });

  test('a first release has none before it: a clear message, no editor', async () => {
    await vscode.commands.executeCommand('herokuMembrane.compareWithPreviousRelease', await release('Personal', 'alex-playground', 1));
    assert.deepEqual(p.info, ['v1 is the first release of alex-playground: there is no release before it to compare with.']);
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff));
  });

  test('the rollback question states what it undoes; Show What a Rollback Changes opens the diff, and the question comes back', async () => {
    const answers = ['Show What a Rollback Changes', 'Roll Back'];
    api.prompts.confirm = async (message, options, ...actions) => {
      p.questions.push({ message, detail: options.detail ?? '' });
      const answer = answers.shift();
      assert.ok(answer && actions.includes(answer), `"${answer}" among ${actions.join(', ')}`);
      return answer;
    };
    api.prompts.showInformationMessage = (async (m: string, ...actions: string[]) => (p.info.push(m), actions.find((a) => a === 'Roll Back…'))) as typeof api.prompts.showInformationMessage;
    await vscode.commands.executeCommand('herokuMembrane.rollback', await release('Team: acme', 'acme-api', 45));

    assert.equal(p.questions.length, 2, 'asked again after the difference was shown');
    for (const q of p.questions) {
      assert.equal(q.message, 'Roll back acme-api to v45?');
      assert.ok(
        q.detail.startsWith(
          'Rolling back undoes 1 config change and the code of v46 (commit 4f2a9c1).\nThe code goes back to that of v44 (commit ef24218): the commits ef24218..4f2a9c1 are undone.\nConfig vars: FEATURE_NEW_CHECKOUT changed.\n\n',
        ),
        q.detail,
      );
      assert.match(q.detail, /code \(slug\) and config vars of v45/);
    }
    assert.equal(p.info[0], 'What rolling back acme-api to v45 changes is open in the diff editor.');
    const { left, right } = await openedDiff();
    assert.match(left, /^# acme-api: rolling back from v48 to v45$/m);
    assert.match(left, /^# Config vars: 0 added, 0 removed, 1 changed, \d+ the same\./m);
    assert.match(left, /^# Add-on plans: a rollback leaves the add-ons as they are\.$/m);
    assert.match(left, /^Now \(the current release\):\nv48 · /m);
    assert.match(right, /^After the rollback \(a new release with the code and config vars of v45; the add-ons of now\):\nv45 · /m);

    // Then rolled back: the new release runs v45's slug with v45's config.
    const w = readWorld();
    const releases = w.releases[worldApp(w, 'acme-api').id] as Array<{ version: number; description: string; slug: { id: string } }>;
    const rolled = releases.at(-1)!;
    assert.equal(rolled.description, 'Rollback to v45');
    assert.equal(rolled.slug.id, releases.find((r) => r.version === 45)!.slug.id);
    assert.deepEqual(config('acme-api', rolled.version), config('acme-api', 45));
    assert.match(p.info.at(-1)!, /^acme-api: released v49 \(Rollback to v45\)\.$/);
  });

  test('a rollback whose summary cannot be read (rate limited, not refused) still asks, without the summary, and rolls back', async () => {
    // The config vars of the target answer 429 every time: the client backs off, retries, then gives up with a RateLimitedError.
    scenario({ MEMBRANE_SANDBOX_HTTP_FAULT: '429@/apps/acme-api/releases/44/config-vars$' });
    await vscode.commands.executeCommand('herokuMembrane.rollback', await release('Team: acme', 'acme-api', 44));
    assert.deepEqual(p.errors, [], 'no failure reported');
    assert.equal(p.questions.length, 1, 'the question was asked');
    assert.equal(p.questions[0]!.message, 'Roll back acme-api to v44?');
    assert.match(p.questions[0]!.detail, /^What it changes could not be read: Rate limited: [^\n]+\n\nHeroku creates a new release with the code \(slug\) and config vars of v44 /);
    const w = readWorld();
    const rolled = (w.releases[worldApp(w, 'acme-api').id] as Array<{ description: string }>).at(-1)!;
    assert.equal(rolled.description, 'Rollback to v44');
    assert.match(p.info.at(-1)!, /^acme-api: released v\d+ \(Rollback to v44\)\.$/);
  });

  test('a rollback whose slug answer cannot be read (garbage) still asks, without the summary, and rolls back', async () => {
    // A release whose code no other release runs: its slug answers a commit that is not text.
    const w = readWorld();
    const appId = worldApp(w, 'acme-api').id;
    const releases = w.releases[appId] as Array<{ version: number; slug: { id: string } | null }>;
    const only = releases.find((r) => r.version < 40 && r.slug && releases.filter((x) => x.slug?.id === r.slug!.id).length === 1)!;
    (w.slugs[appId] as Array<{ id: string; commit: unknown }>).find((x) => x.id === only.slug!.id)!.commit = 12345;
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(w));
    p.picks.push('acme-api', new RegExp(`^v${only.version}$`));
    await vscode.commands.executeCommand('herokuMembrane.rollback');
    assert.deepEqual(p.errors, [], 'no failure reported');
    assert.equal(p.questions.length, 1, 'the question was asked');
    assert.match(p.questions[0]!.detail, /^What it changes could not be read: Unexpected output from "membrane [^"]+" at commit: [^\n]+\n\nHeroku creates a new release/);
    assert.equal((readWorld().releases[appId] as Array<{ description: string }>).at(-1)!.description, `Rollback to v${only.version}`);
  });

  test('hostile config keys and values are shown as text on their own line, never as structure', async () => {
    const evilKey = 'EVIL\n== Code ==\nslug: forged';
    const bidiKey = 'PAY\u202eLOAD';
    // Heroku's API refuses such names, but config can hold them (set elsewhere, as the config-vars e2e spec does): into the world, then a change records a release.
    const w = readWorld();
    Object.assign(w.configVars[worldApp(w, 'alex-playground').id], { [evilKey]: 'line one\nline two', [bidiKey]: '<img src=x onerror=alert(1)>' });
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(w));
    execFileSync(process.execPath, [SANDBOX_BIN, 'request', CONNECTION, '/apps/alex-playground/config-vars', '--method=PATCH', '--data={"ORDINARY":"1"}', '--json'], { env: process.env });
    api.explorer.reloadAll();
    await vscode.commands.executeCommand('herokuMembrane.compareWithPreviousRelease', await release('Personal', 'alex-playground', 5));
    const { input, left, right, text } = await openedDiff();
    for (const doc of [left, right]) assert.equal(doc.split('\n').filter((l) => l === '== Code ==').length, 1, 'no forged section');
    assert.match(right, /^"EVIL\\n== Code ==\\nslug: forged" = ‹masked›$/m);
    assert.match(right, /^"PAY\\u202eLOAD" = ‹masked›$/m);
    assert.match(left, /^# Config vars: 3 added, 0 removed, 0 changed, \d+ the same\./m);
    await vscode.commands.executeCommand('herokuMembrane.revealComparison', input.original);
    const revealed = await waitUntil(async () => {
      const t = await text(input.modified);
      return t.includes('Values shown') && t;
    }, 'the values shown');
    assert.match(revealed, /^"EVIL\\n== Code ==\\nslug: forged" = "line one\\nline two"$/m);
    assert.match(revealed, /^"PAY\\u202eLOAD" = "<img src=x onerror=alert\(1\)>"$/m);
  });
});
