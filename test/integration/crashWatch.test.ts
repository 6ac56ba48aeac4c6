// The crash watch in a real extension host against the sandbox: Watch for Crashes… from an
// app node (the app offered chosen), the status-bar item (all up, then "1 crashed" when the
// sandbox crashes a dyno and a read of the app's dynos sees it), the notification's Show
// Logs opening that dyno's logs, Stop Watching, and no poll at all while the watch is off
// (counted in the sandbox's call log).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { appNode as appNodeOf, ROOT, SANDBOX_BIN, connectFresh, logSessionsClosed, logSessionsOpened, scenario, scriptPrompts, useExtension, waitFor, waitForState } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const worlds = require(path.join(ROOT, 'sandbox', 'lib', 'world.js')) as { twoAccountsWorld(): unknown; SIDE_CONNECTION_ID: string };

const config = () => vscode.workspace.getConfiguration('herokuMembrane');
const set = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

suite('crash watch', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    // A fresh sandbox world: what an earlier test's watch read of an app is not this one's.
    api.testing.forgetCrashWatch();
  });

  teardown(async () => {
    await set('crashWatch.enabled', undefined);
    await set('crashWatch.apps', undefined);
    for (const t of vscode.window.terminals.filter((t) => t.name.includes('Heroku logs:'))) t.dispose();
    await waitFor('every stream closed', () => logSessionsClosed() >= logSessionsOpened());
    scenario({});
  });

  const appNode = (name: string): Promise<Node> => appNodeOf(api, name);

  /** What a view does when it shows the app's dynos: forget them, read them again. */
  async function viewReadsDynos(app: string): Promise<void> {
    const heroku = api.manager.requireHeroku();
    heroku.forget(app, 'dynos');
    await heroku.listDynos(app);
  }

  /** The sandbox's calls that read an app's dynos (its list-dynos action, by id, or a proxy request), from its call log. */
  function dynoReads(log: string, app: string): number {
    if (!fs.existsSync(log)) return 0;
    const actions = JSON.parse(execFileSync(process.execPath, [SANDBOX_BIN, 'action', 'list', `--connectionId=${api.manager.status.connectionId}`, '--json'], { env: process.env, encoding: 'utf8' })) as { items: Array<{ id: string; key: string }> };
    const listDynos = actions.items.find((a) => a.key === 'list-dynos')?.id;
    assert.ok(listDynos, 'the connection has a list-dynos action');
    return fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { argv: string[] }).argv.join(' '))
      .filter((argv) => (argv.includes(listDynos) || /\/dynos\b/.test(argv)) && argv.includes(app)).length;
  }

  test('Watch for Crashes… from an app node: that app offered chosen; the status bar says all up, in words', async () => {
    const script = scriptPrompts(api);
    let offered: vscode.QuickPickItem[] = [];
    api.prompts.pickMany = (async (items: vscode.QuickPickItem[]) => {
      offered = items;
      return items.filter((i) => i.picked);
    }) as typeof api.prompts.pickMany;
    await vscode.commands.executeCommand('herokuMembrane.watchForCrashes', await appNode('acme-web'));
    assert.deepEqual(offered.filter((i) => i.picked).map((i) => i.label.replace(/^\$\([^)]*\)\s*/, '')), ['acme-web'], 'the node’s app, chosen, first');
    assert.equal(config().get('crashWatch.enabled'), true);
    assert.deepEqual(config().get('crashWatch.apps'), [{ app: 'acme-web', connectionId: api.manager.status.connectionId }]);
    const shown = await waitFor('the item says all up', () => (api.testing.crashWatch()?.kind === 'up' ? api.testing.crashWatch() : undefined));
    assert.equal(shown.text, '$(pass) Dynos: all up');
    assert.equal(shown.label, 'Heroku crash watch: Dynos: all up: no dyno crashed in 1 watched app');
    assert.match(shown.tooltip, /acme-web: all 2 dynos up/);
    assert.deepEqual(script.errors, []);

    // Stop Watching on the same node: the app goes, and with it the whole watch (it was the only one).
    await vscode.commands.executeCommand('herokuMembrane.stopWatchingForCrashes', await appNode('acme-web'));
    assert.equal(config().get('crashWatch.enabled'), false);
    await waitFor('the item is gone', () => api.testing.crashWatch() === undefined);
  });

  test('a dyno crashes: "1 crashed", and a notification whose Show Logs opens that dyno’s logs', async function () {
    this.timeout(60_000);
    await set('crashWatch.apps', ['acme-web']);
    await set('crashWatch.enabled', true);
    await waitFor('the item says all up', () => api.testing.crashWatch()?.kind === 'up');
    const told: Array<{ message: string; actions: string[] }> = [];
    api.prompts.showWarningMessage = (async (message: string, ...actions: string[]) => {
      told.push({ message, actions });
      return actions[0];
    }) as typeof api.prompts.showWarningMessage;
    scenario({ MEMBRANE_SANDBOX_CRASH: 'acme-web/web.1' });
    // A view reads the app's dynos (its Refresh): that read is the watch's observation too.
    await viewReadsDynos('acme-web');
    const shown = await waitFor('the item says 1 crashed', () => (api.testing.crashWatch()?.kind === 'crashed' ? api.testing.crashWatch() : undefined));
    assert.equal(shown.text, '$(error) 1 crashed');
    assert.equal(shown.label, 'Heroku crash watch: 1 crashed: 1 dyno crashed, web.1 of acme-web');
    await waitFor('the notification', () => told.length > 0);
    assert.deepEqual(told, [{ message: 'Dyno web.1 of acme-web crashed.', actions: ['Show Logs'] }]);
    await waitFor('the crash in the logs of web.1', () => /State changed from up to crashed/.test(api.testing.terminalText('acme-web')));
    assert.ok(vscode.window.terminals.some((t) => t.name.includes('acme-web')), 'a log terminal of the app');
    // Still crashed at the next read: not told again.
    await viewReadsDynos('acme-web');
    assert.equal(told.length, 1);
  });

  test('off: no dyno is read for the watch, even when the connection comes back (the sandbox’s call log)', async function () {
    this.timeout(60_000);
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crash-watch-')), 'calls.jsonl');
    try {
      scenario({ MEMBRANE_SANDBOX_CALL_LOG: log });
      await set('crashWatch.apps', ['acme-api']);
      await set('crashWatch.enabled', true);
      // On: the app is read at once (nothing was read of it yet).
      await waitFor('the item says what it read', () => api.testing.crashWatch()?.kind === 'up' || api.testing.crashWatch()?.kind === 'crashed');
      const whileOn = dynoReads(log, 'acme-api');
      assert.equal(whileOn, 1, 'one read when turned on');
      await set('crashWatch.enabled', false);
      await waitFor('the item is gone', () => api.testing.crashWatch() === undefined);
      // Off, an app never read joins the list (on, it would be read at once: the settings suite),
      // the connection is checked again (it turns ready again), then a read that ends after any poll either would start.
      await set('crashWatch.apps', ['acme-api', 'acme-web']);
      await api.manager.recheck();
      await waitForState(api, 'ready');
      const heroku = api.manager.requireHeroku();
      heroku.forgetAll();
      await heroku.listApps();
      assert.equal(dynoReads(log, 'acme-api'), whileOn, 'no read of its dynos while the watch is off');
      assert.equal(dynoReads(log, 'acme-web'), 0, 'nor of the app added while it is off');
    } finally {
      scenario({});
      fs.rmSync(path.dirname(log), { recursive: true, force: true });
    }
  });

  test('two accounts: the app of the account chosen is watched (not its namesake), and the notification names the account', async function () {
    this.timeout(60_000);
    fs.writeFileSync(process.env.MEMBRANE_SANDBOX_WORLD!, JSON.stringify(worlds.twoAccountsWorld()));
    await api.manager.recheck();
    await waitForState(api, 'ready');
    const side = worlds.SIDE_CONNECTION_ID;
    type Row = vscode.QuickPickItem & { target?: { name: string; connectionId: string } };
    let offered: Row[] = [];
    api.prompts.pickMany = (async (items: Row[]) => {
      offered = items;
      return items.filter((i) => i.target?.name === 'acme-api' && i.target.connectionId === side);
    }) as typeof api.prompts.pickMany;
    await vscode.commands.executeCommand('herokuMembrane.watchForCrashes');
    assert.deepEqual(offered.filter((i) => i.target?.name === 'acme-api').map((i) => i.target?.connectionId).sort(), [api.manager.status.connectionId, side].sort(), 'both accounts’ acme-api offered');
    assert.deepEqual(config().get('crashWatch.apps'), [{ app: 'acme-api', connectionId: side }]);
    await waitFor('the item says all up', () => api.testing.crashWatch()?.kind === 'up');
    const told: string[] = [];
    api.prompts.showWarningMessage = (async (message: string) => void told.push(message)) as typeof api.prompts.showWarningMessage;
    scenario({ MEMBRANE_SANDBOX_CRASH: 'acme-api/web.1' });
    const heroku = api.manager.requireHeroku(side);
    heroku.forget('acme-api', 'dynos');
    await heroku.listDynos('acme-api');
    await waitFor('the item says 1 crashed', () => api.testing.crashWatch()?.kind === 'crashed');
    await waitFor('the notification', () => told.length > 0);
    assert.match(told[0]!, /^Dyno web\.1 of acme-api \((alex@side-gig\.io|Heroku \(side gig\))\) crashed\.$/);
    // The tooltip's one line (Markdown-escaped) is the side account's acme-api.
    assert.match(api.testing.crashWatch()!.tooltip, /\nacme-api \\\((alex@side-gig\.io|Heroku \\\(side gig\\\))\\\): web\.1 crashed\n/);
  });
});
