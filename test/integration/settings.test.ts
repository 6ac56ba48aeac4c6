// Every setting applies without a reload: changed as the Settings editor changes it (the
// user's settings), its effect is seen at once, and the setting is put back in `finally`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ConnectionStateKind } from '../../src/connection/core/connectionState';
import { SANDBOX_BIN, connectFresh, scenario, scriptPrompts, useExtension, waitFor, waitForState } from './helpers';

const config = () => vscode.workspace.getConfiguration('herokuMembrane');
const set = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

suite('settings apply without a reload', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    api.testing.forgetCrashWatch();
  });

  teardown(() => {
    scenario({});
  });

  /** Changes a connection setting and waits for the check it starts to end in `kind`. */
  async function changeAndWaitForCheck(key: string, value: unknown, kind: ConnectionStateKind): Promise<void> {
    const seen: ConnectionStateKind[] = [];
    const sub = api.manager.onDidChange((s) => seen.push(s.kind));
    try {
      await set(key, value);
      await waitFor(`a new check after ${key} changed, ending ${kind} (seen: ${seen.join(', ')})`, () => seen.includes('checking') && api.manager.status.kind === kind);
    } finally {
      sub.dispose();
    }
  }

  test('cliPath: another binary is used at once (none there: "install the CLI"; back: connected)', async () => {
    try {
      await changeAndWaitForCheck('cliPath', '/nonexistent/membrane', 'cliMissing');
    } finally {
      await set('cliPath', SANDBOX_BIN);
    }
    await waitForState(api, 'ready');
  });

  test('clientName: the connection is checked again with the new name', async () => {
    try {
      await changeAndWaitForCheck('clientName', 'vscode-other', 'ready');
    } finally {
      await set('clientName', undefined);
    }
  });

  test('connectionId: the views are pinned to that connection at once', async () => {
    const id = api.manager.status.connectionId;
    assert.ok(id);
    try {
      await changeAndWaitForCheck('connectionId', id, 'ready');
      assert.equal(api.manager.status.connectionId, id);
    } finally {
      await set('connectionId', undefined);
    }
  });

  test('transport: the connection is checked again with the transport asked for', async () => {
    try {
      await changeAndWaitForCheck('transport', 'request', 'ready');
    } finally {
      await set('transport', undefined);
    }
  });

  test('callTimeoutSeconds: the next call is bounded by the new value', async function () {
    this.timeout(60_000);
    try {
      await changeAndWaitForCheck('callTimeoutSeconds', 5, 'ready');
      const heroku = api.manager.requireHeroku();
      heroku.forgetAll();
      scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '8000' });
      await assert.rejects(heroku.listApps(), /did not answer within 5s/);
    } finally {
      scenario({});
      await set('callTimeoutSeconds', undefined);
    }
  });

  test('logLevel: lines of a level are written, or not, from the moment it says so', async () => {
    const before = config().inspect('logLevel')?.globalValue;
    try {
      await set('logLevel', 'error');
      assert.deepEqual([api.log.on('error'), api.log.on('info'), api.log.on('debug')], [true, false, false]);
      await set('logLevel', 'debug');
      assert.deepEqual([api.log.on('error'), api.log.on('info'), api.log.on('debug')], [true, true, true]);
    } finally {
      await set('logLevel', before);
    }
  });

  test('autoRefreshSeconds: the views reload on the new period at once, and stop when it is 0', async () => {
    await vscode.commands.executeCommand('herokuMembrane.apps.focus');
    await waitFor('the Apps view is visible', () => api.explorer.appsView.visible);
    try {
      await set('autoRefreshSeconds', 120);
      await waitFor('auto reload every 120 s', () => api.explorer.autoReloadSeconds === 120);
      await set('autoRefreshSeconds', 0);
      await waitFor('auto reload off', () => api.explorer.autoReloadSeconds === 0);
    } finally {
      await set('autoRefreshSeconds', undefined);
    }
  });

  test('crashWatch.enabled: the watch starts at once (its item reads the apps), and stops when off', async () => {
    try {
      await set('crashWatch.apps', ['acme-web']);
      assert.equal(api.testing.crashWatch(), undefined, 'off by default: no item');
      await set('crashWatch.enabled', true);
      await waitFor('the item says all up', () => api.testing.crashWatch()?.kind === 'up');
      await set('crashWatch.enabled', false);
      await waitFor('the item is gone', () => api.testing.crashWatch() === undefined);
    } finally {
      await set('crashWatch.enabled', undefined);
      await set('crashWatch.apps', undefined);
    }
  });

  test('crashWatch.*: the workspace’s values are ignored (a cloned repository cannot start the reads), and Watch for Crashes… writes the user’s', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const inWorkspace = { 'herokuMembrane.crashWatch.enabled': true, 'herokuMembrane.crashWatch.apps': ['acme-labs-ml'], 'herokuMembrane.logs.keptLines': 777 };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(inWorkspace, null, 2));
      // A window-scoped setting of the same file says when the window has read it.
      await waitFor('the workspace’s settings read', () => config().inspect('logs.keptLines')?.workspaceValue === 777);
      const script = scriptPrompts(api);
      await vscode.commands.executeCommand('herokuMembrane.showCrashWatch');
      assert.deepEqual(script.info, ['The crash watch is off.'], 'the workspace did not turn it on');
      assert.equal(api.testing.crashWatch(), undefined, 'no item');

      // acme-web chosen: written to the user's settings, the workspace's file as it was.
      type Row = vscode.QuickPickItem & { target?: { name: string } };
      api.prompts.pickMany = (async (items: Row[]) => items.filter((i) => i.target?.name === 'acme-web')) as typeof api.prompts.pickMany;
      await vscode.commands.executeCommand('herokuMembrane.watchForCrashes');
      assert.equal(config().inspect('crashWatch.enabled')?.globalValue, true);
      assert.deepEqual(config().inspect('crashWatch.apps')?.globalValue, [{ app: 'acme-web', connectionId: api.manager.status.connectionId }]);
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), inWorkspace);
      await waitFor('the watch on, with the user’s apps', () => api.testing.crashWatch()?.kind === 'up');
      assert.doesNotMatch(api.testing.crashWatch()!.tooltip, /acme-labs-ml/, 'not the workspace’s app');
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await set('crashWatch.enabled', undefined);
      await set('crashWatch.apps', undefined);
    }
  });

  test('teammateDeploys.enabled: on at once, off at once; a workspace’s value is ignored (a cloned repository cannot start the reads)', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const file = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ 'herokuMembrane.teammateDeploys.enabled': true, 'herokuMembrane.logs.keptLines': 778 }, null, 2));
      // A window-scoped setting of the same file says when the window has read it.
      await waitFor('the workspace’s settings read', () => config().inspect('logs.keptLines')?.workspaceValue === 778);
      assert.equal(api.testing.teammateDeploys(), undefined, 'the workspace did not turn it on');
      await set('teammateDeploys.enabled', true);
      await waitFor('on', () => api.testing.teammateDeploys() !== undefined);
      await set('teammateDeploys.enabled', false);
      await waitFor('off', () => api.testing.teammateDeploys() === undefined);
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await set('teammateDeploys.enabled', undefined);
    }
  });

  test('crashWatch.apps: the watch follows the new list at once', async () => {
    api.prompts.showWarningMessage = async () => undefined; // the crash it finds is told: not shown here
    try {
      await set('crashWatch.apps', ['acme-web']);
      await set('crashWatch.enabled', true);
      await waitFor('one app, all up', () => /in 1 watched app$/.test(api.testing.crashWatch()?.label ?? ''));
      // acme-labs-ml's one web dyno is crashed in the default world.
      await set('crashWatch.apps', ['acme-web', 'acme-labs-ml']);
      await waitFor('the new app read: 1 crashed', () => api.testing.crashWatch()?.text === '$(error) 1 crashed');
      await set('crashWatch.apps', []);
      await waitFor('no app watched', () => api.testing.crashWatch()?.kind === 'none');
    } finally {
      await set('crashWatch.enabled', undefined);
      await set('crashWatch.apps', undefined);
    }
  });

  test('agentTools.allowWrites: off unregisters the write tools at once (a call finds no implementation), on registers them again', async () => {
    const writes = ['herokuMembrane_restart', 'herokuMembrane_scale', 'herokuMembrane_maintenance', 'herokuMembrane_setConfig', 'herokuMembrane_rollback', 'herokuMembrane_deploy', 'herokuMembrane_promote', 'herokuMembrane_run'];
    const token = new vscode.CancellationTokenSource().token;
    try {
      await set('agentTools.allowWrites', false);
      await waitFor('the write tools unregistered', () => writes.every((w) => !api.agentToolsRegistered().includes(w)));
      assert.ok(api.agentToolsRegistered().includes('herokuMembrane_app'), 'the read tools stay');
      // vscode.lm.tools still lists them (it lists every contributed tool, registered or not): a call finds no implementation.
      await assert.rejects(Promise.resolve(vscode.lm.invokeTool('herokuMembrane_maintenance', { input: { app: 'acme-api', on: true }, toolInvocationToken: undefined }, token)), /implementation|not registered|not found|unknown/i);
    } finally {
      await set('agentTools.allowWrites', undefined);
    }
    await waitFor('the write tools registered again', () => writes.every((w) => api.agentToolsRegistered().includes(w)));
  });
});
