// The explorer in a real extension host against sandbox worlds: the tree's content,
// pipelines, failing categories, every operation changing the world and the tree, the
// palette fallback, the workspace's app, and large worlds.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { ROOT, scenario, waitFor, readWorld, worldApp, useExtension, connectFresh, liveSandboxProcesses, welcomeFor } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;

async function kids(tree: Tree, node?: Node): Promise<Node[]> {
  return ((await tree.getChildren(node)) ?? []) as Node[];
}
function label(tree: Tree, n: Node): string {
  const l = (tree.getTreeItem(n) as vscode.TreeItem).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
function describe(tree: Tree, n: Node): string {
  return String((tree.getTreeItem(n) as vscode.TreeItem).description ?? '');
}
async function find(tree: Tree, parent: Node | undefined, name: string): Promise<Node> {
  const all = await kids(tree, parent);
  const hit = all.find((n) => label(tree, n) === name);
  assert.ok(hit, `no "${name}" under ${parent ? label(tree, parent) : 'the root'}: ${all.map((n) => label(tree, n)).join(', ')}`);
  return hit;
}

suite('explorer', () => {
  let api: ExtensionApi;
  let tree: Tree;
  useExtension((a) => {
    api = a;
    tree = a.explorer.apps;
  });

  setup(async () => {
    // An unexpected error fails the test instead of waiting on a notification.
    api.prompts.showErrorMessage = async (m: string) => {
      throw new Error(`unexpected error message: ${m}`);
    };
    await connectFresh(api);
    api.explorer.setFilter('');
    api.explorer.reloadAll();
  });

  teardown(() => {
    scenario({});
  });

  test('every row kind has an accessible name that carries its label and the state its description shows', async () => {
    const seen = new Map<string, { label: string; description: string; name: string }>();
    const walk = async (provider: Tree, node: Node | undefined, depth: number): Promise<void> => {
      for (const n of await kids(provider, node)) {
        const item = provider.getTreeItem(n) as vscode.TreeItem;
        const kind = (item.contextValue ?? 'none').split('+')[0]!.replace(/^heroku\./, '');
        const text = label(provider, n);
        const description = typeof item.description === 'string' ? item.description : '';
        seen.set(kind, { label: text, description, name: item.accessibilityInformation?.label ?? '' });
        // Every kind, without reading every app: only acme-api and acme-worker are opened.
        const open = item.collapsibleState !== vscode.TreeItemCollapsibleState.None && (kind !== 'app' || /^acme-(api|worker)$/.test(text));
        if (open && depth < 4) await walk(provider, n, depth + 1);
      }
    };
    await walk(tree, undefined, 0);
    await walk(api.explorer.pipelines, undefined, 0);
    for (const [kind, row] of seen) {
      assert.ok(row.name.startsWith(row.label), `${kind}: "${row.name}" names "${row.label}"`);
      if (row.description) assert.ok(row.name.includes(row.description), `${kind}: "${row.name}" carries "${row.description}"`);
    }
    const kinds = [...seen.keys()].sort();
    for (const k of ['addon', 'app', 'build', 'category', 'collaborator', 'configVars', 'domain', 'dyno', 'formation', 'group', 'pipeline', 'release', 'stage']) {
      assert.ok(kinds.some((x) => x.startsWith(k)), `a ${k} row was checked (seen: ${kinds.join(', ')})`);
    }
  });

  test('collapsing an app while its categories load stops them: their CLI processes are gone', async () => {
    const acme = await find(tree, undefined, 'Team: acme');
    const app = await find(tree, acme, 'acme-worker');
    await waitFor('no sandbox process left from the set-up', () => liveSandboxProcesses().length === 0, 10_000);
    scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '8000' });
    const expanding = kids(tree, app);
    await waitFor('the category loads to run', () => liveSandboxProcesses().length > 0, 10_000);
    api.explorer.collapsed(app);
    // Stopped, not waited for: their processes end long before the 8 s latency.
    await waitFor('every category load stopped', () => liveSandboxProcesses().length === 0, 6_000);
    await expanding;
    scenario({});
    // Opened again, a stopped category loads afresh.
    const dynos = await find(tree, app, 'Dynos');
    assert.deepEqual((await kids(tree, dynos)).map((n) => label(tree, n)).sort(), ['clock.1', 'worker.1', 'worker.2']);
  });

  test("a write's Cancel stops its CLI process, says Heroku may have applied it, and reads the dynos again", async () => {
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    await find(tree, app, 'Dynos');
    await waitFor('no sandbox process left from the set-up', () => liveSandboxProcesses().length === 0, 10_000);
    const shown: string[] = [];
    api.prompts.showErrorMessage = async (m: string) => (shown.push(m), undefined);
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const progress: Array<{ title?: string; cancellable?: boolean }> = [];
    const cancel = new vscode.CancellationTokenSource();
    api.prompts.withProgress = (async (o: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      progress.push({ title: o.title, cancellable: o.cancellable });
      const running = task({ report() {} }, cancel.token);
      await waitFor('the restart to reach the CLI', () => liveSandboxProcesses().length > 0, 10_000);
      cancel.cancel();
      scenario({}); // the reload that follows the cancel answers at once
      return running;
    }) as typeof api.prompts.withProgress;
    scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '8000' });
    try {
      await vscode.commands.executeCommand('herokuMembrane.restartAllDynos', app);
    } finally {
      scenario({});
    }
    assert.deepEqual(progress, [{ title: 'Restarting all dynos of acme-worker…', cancellable: true }]);
    // Stopped, not waited for: its process ends long before the 8 s latency.
    await waitFor('the restart process stopped', () => liveSandboxProcesses().length === 0, 6_000);
    assert.equal(shown.length, 1);
    assert.match(shown[0]!, /may or may not have done "DELETE \/apps\/acme-worker\/dynos": it was cancelled after it was sent/);
    // The dynos were read again (the cache forgot them): the category shows what Heroku holds now.
    assert.match(describe(tree, await find(tree, app, 'Dynos')), /\d/);
  });

  test('apps grouped by owner; an app shows every category with its summary; leaves are right', async () => {
    const roots = (await kids(tree)).map((n) => `${label(tree, n)} (${describe(tree, n)})`);
    assert.deepEqual(roots, ['Personal (2 apps)', 'Team: acme (5 apps)', 'Team: acme-labs (1 app)']);
    const acme = await find(tree, undefined, 'Team: acme');
    const app = await find(tree, acme, 'acme-api');
    assert.match(describe(tree, app), /us · heroku-24 · team acme/);
    const cats = (await kids(tree, app)).map((n) => `${label(tree, n)}: ${describe(tree, n)}`);
    assert.deepEqual(cats, [
      'Releases: current v48',
      'Dynos: 2 up · 1 starting',
      'Formation: 2',
      'Add-ons: 3',
      'Domains: 4',
      'Builds: 5',
      'Collaborators: 4',
      // Loaded when opened (its metrics calls or log history are not paid for with every app).
      'Errors: ',
      'Config Vars: open editor',
    ]);
    const releases = await kids(tree, await find(tree, app, 'Releases'));
    assert.equal(releases.length, 31);
    assert.equal(label(tree, releases[0]!), 'v48');
    assert.match(describe(tree, releases[0]!), /^current · Set FEATURE_NEW_CHECKOUT config var · sam@acme\.dev · /);
    assert.match(describe(tree, releases[1]!), /^failed · Deploy 9b1e77d/);
    assert.equal(label(tree, releases[30]!), 'Load more releases…');
    const dynos = await kids(tree, await find(tree, app, 'Dynos'));
    assert.deepEqual(dynos.map((d) => (tree.getTreeItem(d) as vscode.TreeItem).contextValue).sort(), ['heroku.dyno+starting', 'heroku.dyno+up', 'heroku.dyno+up']);
    const formation = await kids(tree, await find(tree, app, 'Formation'));
    assert.deepEqual(formation.map((f) => `${label(tree, f)} ${describe(tree, f)}`), ['release 0 × Standard-1X', 'web 3 × Standard-2X']);
    const addons = await kids(tree, await find(tree, app, 'Add-ons'));
    assert.deepEqual(addons.map((a) => label(tree, a)).sort(), ['heroku-postgresql', 'heroku-redis', 'papertrail']);
    const domains = await kids(tree, await find(tree, app, 'Domains'));
    assert.ok(domains.some((d) => label(tree, d) === 'legacy-api.acme.dev' && /failed · ACM failed \(CAA record prevents issuance\)/.test(describe(tree, d))));
    const builds = await kids(tree, await find(tree, app, 'Builds'));
    assert.match(describe(tree, builds[0]!), /^pending/);
    const collaborators = await kids(tree, await find(tree, app, 'Collaborators'));
    assert.ok(collaborators.some((c) => label(tree, c) === 'jordan@acme.dev' && /member · view/.test(describe(tree, c))));
  });

  test('pipelines: stages in order, coupled apps behave like app nodes', async () => {
    const p = api.explorer.pipelines;
    const pipeline = await find(p, undefined, 'acme-api');
    const stages = (await kids(p, pipeline)).map((s) => `${label(p, s)}: ${describe(p, s)}`);
    assert.deepEqual(stages, ['Review: 1', 'Development: none', 'Staging: 1', 'Production: 1']);
    const prod = await find(p, pipeline, 'Production');
    const app = await find(p, prod, 'acme-api');
    assert.equal((await kids(p, app)).length, 9, 'the categories (Errors among them) and Config Vars');
  });

  test('a failing category shows Heroku\'s message and a retry; its siblings load', async () => {
    scenario({ MEMBRANE_SANDBOX_HTTP_FAULT: '503@/apps/acme-worker/builds' });
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    const builds = await find(tree, app, 'Builds');
    assert.equal(describe(tree, builds), 'failed');
    const [err] = await kids(tree, builds);
    const item = tree.getTreeItem(err!) as vscode.TreeItem;
    assert.match(String(item.label), /Couldn't load builds: API is temporarily unavailable\. \(unavailable, HTTP 503\)/);
    assert.equal(item.command?.command, 'herokuMembrane.refreshNode');
    assert.equal(describe(tree, await find(tree, app, 'Dynos')), '2 up · 1 crashed');
    scenario({});
    await vscode.commands.executeCommand('herokuMembrane.refreshNode', builds);
    assert.equal(describe(tree, await find(tree, app, 'Builds')), '3');
  });

  test('restart a dyno: the world and the tree change', async () => {
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    const dyno = await find(tree, await find(tree, app, 'Dynos'), 'worker.2');
    assert.match(describe(tree, dyno), /^crashed/);
    const questions: string[] = [];
    api.prompts.confirm = async (m, _o, ...actions) => (questions.push(m), actions[0]);
    await vscode.commands.executeCommand('herokuMembrane.restartDyno', dyno);
    assert.deepEqual(questions, ['Restart worker.2 on acme-worker?'], 'asked first, naming the dyno and the app');
    const w = readWorld();
    assert.ok(w.dynos[worldApp(w, 'acme-worker').id].find((d: { name: string }) => d.name === 'worker.2')._startingUntil > 0);
    const after = await find(tree, await find(tree, app, 'Dynos'), 'worker.2');
    assert.match(describe(tree, after), /^starting/);
  });

  test('reduced motion: a starting dyno and the status bar show still icons, and spin again when motion is back', async () => {
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await vscode.commands.executeCommand('herokuMembrane.restartDyno', await find(tree, await find(tree, app, 'Dynos'), 'worker.2'));
    const icon = async () => ((tree.getTreeItem(await find(tree, await find(tree, app, 'Dynos'), 'worker.2')) as vscode.TreeItem).iconPath as vscode.ThemeIcon).id;
    const settings = vscode.workspace.getConfiguration('workbench');
    assert.equal(await icon(), 'loading~spin');
    try {
      await settings.update('reduceMotion', 'on', vscode.ConfigurationTarget.Global);
      assert.equal(await icon(), 'loading');
      api.statusBar.render({ kind: 'connecting' });
      assert.equal(api.statusBar.item.text, '$(sync) Heroku: connecting…');
      await settings.update('reduceMotion', undefined, vscode.ConfigurationTarget.Global);
      // The setting's change alone redraws both: no new status, no reload.
      await waitFor('the status bar spins again', () => api.statusBar.item.text === '$(sync~spin) Heroku: connecting…');
      assert.equal(await icon(), 'loading~spin');
    } finally {
      await settings.update('reduceMotion', undefined, vscode.ConfigurationTarget.Global);
      api.statusBar.render(api.manager.status);
    }
  });

  test('stop, restart all, scale, resize: confirmed and applied', async () => {
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    await vscode.commands.executeCommand('herokuMembrane.stopDyno', await find(tree, await find(tree, app, 'Dynos'), 'clock.1'));
    assert.match(describe(tree, await find(tree, await find(tree, app, 'Dynos'), 'clock.1')), /^down/);
    await vscode.commands.executeCommand('herokuMembrane.restartAllDynos', app);
    assert.equal(describe(tree, await find(tree, app, 'Dynos')), '3 starting');
    api.prompts.showInputBox = async () => '3';
    await vscode.commands.executeCommand('herokuMembrane.scaleFormation', await find(tree, await find(tree, app, 'Formation'), 'worker'));
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label === 'Performance-M')) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.resizeFormation', await find(tree, await find(tree, app, 'Formation'), 'worker'));
    const worker = await find(tree, await find(tree, app, 'Formation'), 'worker');
    assert.equal(describe(tree, worker), '3 × Performance-M');
    const w = readWorld();
    assert.equal(w.dynos[worldApp(w, 'acme-worker').id].filter((d: { type: string; size: string }) => d.type === 'worker' && d.size === 'Performance-M').length, 3);
  });

  test('roll back: the modal says what is and is not restored; a new release appears', async () => {
    const asked: Array<{ message: string; detail?: string }> = [];
    api.prompts.confirm = async (message, options, ...actions) => (asked.push({ message, detail: options.detail }), actions[0]);
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-api');
    const v45 = await find(tree, await find(tree, app, 'Releases'), 'v45');
    api.prompts.showInformationMessage = async () => undefined;
    await vscode.commands.executeCommand('herokuMembrane.rollback', v45);
    assert.equal(asked[0]?.message, 'Roll back acme-api to v45?');
    assert.match(asked[0]?.detail ?? '', /code \(slug\) and config vars of v45/);
    assert.match(asked[0]?.detail ?? '', /does not roll back database/);
    const releases = await kids(tree, await find(tree, app, 'Releases'));
    assert.equal(label(tree, releases[0]!), 'v49');
    assert.match(describe(tree, releases[0]!), /current · Rollback to v45/);
    assert.equal(readWorld().releases[worldApp(readWorld(), 'acme-api').id].length, 49);
  });

  test('maintenance on and off; create an app with name, region and team', async () => {
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    api.prompts.showInformationMessage = async () => undefined;
    const app = await find(tree, await find(tree, undefined, 'Personal'), 'alex-blog');
    await vscode.commands.executeCommand('herokuMembrane.maintenanceOn', app);
    assert.equal(worldApp(readWorld(), 'alex-blog').maintenance, true);
    const again = await find(tree, await find(tree, undefined, 'Personal'), 'alex-blog');
    assert.match((tree.getTreeItem(again) as vscode.TreeItem).contextValue ?? '', /\+maintenance/);
    await vscode.commands.executeCommand('herokuMembrane.maintenanceOff', again);
    assert.equal(worldApp(readWorld(), 'alex-blog').maintenance, false);

    const inputs = ['acme-fresh-api'];
    api.prompts.showInputBox = async (o) => {
      assert.equal(o.validateInput?.('bad_name'), 'Only lowercase letters, digits and dashes.');
      return inputs.shift();
    };
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => items.find((i) => i.label === 'eu' || /acme-labs/.test(i.label))) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.createApp');
    const created = worldApp(readWorld(), 'acme-fresh-api');
    assert.equal(created.region.name, 'eu');
    assert.equal(created.team.name, 'acme-labs');
    await find(tree, await find(tree, undefined, 'Team: acme-labs'), 'acme-fresh-api');
  });

  test('Heroku\'s own error message is reported', async () => {
    const errors: string[] = [];
    api.prompts.showErrorMessage = async (m: string) => (errors.push(m), undefined);
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    scenario({ MEMBRANE_SANDBOX_HTTP_FAULT: '422@/dynos/web.1' });
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-api');
    await vscode.commands.executeCommand('herokuMembrane.restartDyno', await find(tree, await find(tree, app, 'Dynos'), 'web.1'));
    assert.match(errors[0] ?? '', /Sandbox fault 422\. \(invalid_params, HTTP 422\)/);
  });

  test('a write from anywhere shows in the tree with no reload of its own: Proxy Request restarts the dynos, the Dynos category follows', async () => {
    const app = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-worker');
    assert.match(describe(tree, await find(tree, await find(tree, app, 'Dynos'), 'worker.2')), /^crashed/);
    const typed = ['DELETE /apps/acme-worker/dynos', '', ''];
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { custom?: true }>) => items.find((i) => i.custom)) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => typed.shift();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.match(describe(tree, await find(tree, await find(tree, app, 'Dynos'), 'worker.2')), /^starting/);
  });

  test('palette fallback: no node → pick the app, then the dyno', async () => {
    const titles: string[] = [];
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    api.prompts.showQuickPick = (async (items: readonly (vscode.QuickPickItem & { app?: { name: string } })[], o: vscode.QuickPickOptions) => {
      titles.push(o.title ?? '');
      return items.find((i) => i.app?.name === 'acme-worker') ?? items.find((i) => i.label === 'worker.1');
    }) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.restartDyno');
    assert.deepEqual(titles, ['Restart Dyno', 'Restart Dyno — acme-worker']);
    const w = readWorld();
    assert.ok(w.dynos[worldApp(w, 'acme-worker').id].find((d: { name: string }) => d.name === 'worker.1')._startingUntil > 0);
  });

  test('the Apps view says it is loading while its apps load, and "no apps" only after a load that returned none', async () => {
    const viewState = () => api.contextKeys.get('herokuMembrane.appsView');
    assert.ok((await kids(tree)).length);
    assert.equal(viewState(), 'shown');
    const w = readWorld();
    w.apps = [];
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD as string, JSON.stringify(w));
    api.explorer.reloadAll();
    const roots = kids(tree);
    assert.equal(viewState(), 'loading', 'while the list is read, the welcome says so');
    assert.deepEqual(await roots, []);
    assert.equal(viewState(), 'empty');
    assert.match(welcomeFor('ready', 'loading'), /^Loading your Heroku apps/);
    assert.match(welcomeFor('ready', 'empty'), /No Heroku apps in this account yet/);
  });

  test('filter by name, shown in the view', async () => {
    api.prompts.showInputBox = async () => 'alex';
    await vscode.commands.executeCommand('herokuMembrane.filterApps');
    assert.equal(api.explorer.appsView.message, 'Filtered by name: "alex"');
    assert.deepEqual((await kids(tree)).map((n) => label(tree, n)), ['alex-blog', 'alex-playground']);
    await vscode.commands.executeCommand('herokuMembrane.clearFilter');
    assert.equal(api.explorer.appsView.message, undefined);
  });

  test('the workspace\'s app (a git remote of any name) is in the "This workspace" group, first', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const gitDir = path.join(folder.uri.fsPath, '.git');
    fs.mkdirSync(gitDir, { recursive: true });
    fs.writeFileSync(path.join(gitDir, 'config'), '[remote "production"]\n\turl = https://git.heroku.com/acme-web.git\n\tfetch = +refs/heads/*:refs/remotes/production/*\n');
    try {
      await api.links.refresh();
      const [first] = await kids(tree);
      assert.equal(label(tree, first!), 'This workspace');
      const [app] = await kids(tree, first);
      assert.equal(label(tree, app!), 'acme-web');
      assert.match(describe(tree, app!), /^maintenance/);
    } finally {
      fs.rmSync(gitDir, { recursive: true, force: true });
      await api.links.refresh();
    }
  });

  test('a 5,000-app world arrives whole; a 2,000-release app pages with "load more"', async function () {
    this.timeout(180_000);
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'big-')), 'world.json');
    execFileSync(process.execPath, [path.join(ROOT, 'sandbox', 'bin', 'generate-world'), '--apps', '5000', '--releases', '2000', '--config-vars', '10', '--out', big]);
    fs.copyFileSync(big, process.env.MEMBRANE_SANDBOX_WORLD as string);
    api.explorer.reloadAll();
    let total = 0;
    for (const group of await kids(tree)) total += (await kids(tree, group)).length;
    assert.equal(total, 5000);
    const mono = await find(tree, await find(tree, undefined, 'Team: acme'), 'acme-monolith');
    const releasesNode = await find(tree, mono, 'Releases');
    let releases = await kids(tree, releasesNode);
    assert.equal(label(tree, releases[0]!), 'v2000');
    const more = releases.at(-1)!;
    assert.equal(label(tree, more), 'Load more releases…');
    await vscode.commands.executeCommand('herokuMembrane.loadMoreReleases', more);
    releases = await kids(tree, await find(tree, mono, 'Releases'));
    await waitFor('120 releases', () => releases.length === 121);
    assert.equal(label(tree, releases[119]!), 'v1881');
  });
});
