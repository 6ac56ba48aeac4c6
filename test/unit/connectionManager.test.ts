// The connection state machine in plain Node against the sandbox: states, the identity
// cache (CLI calls per window), login, expiry, cancellation.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionManager, type Memory } from '../../src/connection/connectionManager';
import type { ConnectionStatus } from '../../src/connection/connectionState';
import { SANDBOX_BIN, makeSandbox, type TestSandbox } from './helpers/sandbox';

const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));

function memory(): Memory & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: (k: string, v: unknown) => void data.set(k, v) };
}

function setup(knobs: Record<string, string> = {}, cliPath = SANDBOX_BIN) {
  const box = makeSandbox({ knobs });
  boxes.push(box);
  // The manager spawns with the test process's environment: point the sandbox at this box.
  for (const k of Object.keys(process.env)) if (k.startsWith('MEMBRANE_SANDBOX_')) delete process.env[k];
  Object.assign(process.env, box.env);
  const mem = memory();
  const seen: ConnectionStatus[] = [];
  const commands: string[] = [];
  const manager = new ConnectionManager({
    settings: () => ({ cliPath, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000 }),
    memory: mem,
    onCall: (e) => commands.push(e.args.filter((a) => !a.startsWith('-') || a === '--version' || a === '--help').slice(0, 2).join(' ')),
    pollIntervalMs: 50,
  });
  manager.onDidChange((s) => seen.push(s));
  return { box, manager, mem, seen, commands };
}

describe('ConnectionManager', () => {
  it('checks identity once per binary: 3 CLI calls in the first window, 1 after', async () => {
    const { manager, commands, mem } = setup();
    assert.equal((await manager.refresh()).kind, 'ready');
    assert.deepEqual(commands, ['--version', '--help', 'connection ensure']);
    assert.equal(manager.status.cliVersion, '1.18.3');
    assert.equal(manager.status.connectionId, '6750c2a1f3b9d84e21a7c5e0');
    commands.length = 0;
    const second = new ConnectionManager({ settings: () => ({ cliPath: SANDBOX_BIN, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000 }), memory: mem, onCall: () => commands.push('call') });
    assert.equal((await second.refresh()).kind, 'ready');
    assert.equal(commands.length, 1);
  });

  it('reports cliMissing and wrongBinary with their reasons', async () => {
    const missing = setup({}, '/nonexistent/membrane');
    const s = await missing.manager.refresh();
    assert.equal(s.kind, 'cliMissing');
    assert.match(s.detail ?? '', /no such file/);
    const wrong = setup({}, '/bin/true');
    assert.equal((await wrong.manager.refresh()).kind, 'wrongBinary');
  });

  it('logged out → login (URL opened, code asked) → ready', async () => {
    const { manager } = setup({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
    assert.equal((await manager.refresh()).kind, 'loggedOut');
    const urls: string[] = [];
    const result = await manager.login({ openUrl: async (u) => (urls.push(u), true), askCode: async () => 'SANDBOX-1234' });
    assert.equal(result, 'ok');
    assert.equal(manager.status.kind, 'ready');
    assert.match(urls[0] ?? '', /^https:\/\/console\.getmembrane\.com\//);
    assert.equal(await manager.login({ openUrl: async () => true, askCode: async () => undefined }), 'cancelled');
  });

  it('follows BUILDING and the browser step to READY, showing each state', async () => {
    const { manager, seen, box } = setup({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_BUILD_MS: '50' });
    const sub = manager.onDidChange((s) => {
      if (s.kind === 'browserStep') void box.cli(['sandbox', 'complete-client-action']);
    });
    assert.equal((await manager.refresh()).kind, 'ready');
    sub.dispose();
    const kinds = seen.map((s) => s.kind);
    assert.deepEqual(kinds.filter((k, i) => k !== kinds[i - 1]), ['checking', 'connecting', 'browserStep', 'ready']);
    assert.equal(seen.find((s) => s.kind === 'browserStep')?.clientAction?.type, 'connect');
  });

  it('SETUP_FAILED → failed with the reason; an expired login → loggedOut', async () => {
    const failed = setup({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'SETUP_FAILED' });
    const s = await failed.manager.refresh();
    assert.equal(s.kind, 'failed');
    assert.match(s.detail ?? '', /Connector build failed/);
    const expiring = setup({ MEMBRANE_SANDBOX_FAULT: 'auth-expired', MEMBRANE_SANDBOX_FAULT_COMMAND: 'request' });
    await expiring.manager.refresh();
    await assert.rejects(expiring.manager.withConnection(({ api, connectionId }) => api.request(connectionId, { method: 'GET', path: '/account' })));
    assert.equal(expiring.manager.status.kind, 'loggedOut');
  });

  it('a new refresh cancels the running one', async () => {
    const { manager } = setup({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY' });
    const first = manager.refresh();
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(manager.status.kind, 'browserStep');
    manager.cancel();
    await first;
    assert.equal(manager.status.kind, 'browserStep');
  });
});
