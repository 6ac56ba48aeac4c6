// The sandbox itself: documented knobs, the pointer file, atomic writes under a lock,
// Heroku paging, the large-world generator, the call log.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { connectionState } from '../../src/membrane';
import { CONNECTION_ID, REPO, makeSandbox, type TestSandbox } from '../helpers/sandbox';

import * as os from 'node:os';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { DEFAULTS } = require('../../sandbox/lib/knobs.js') as { DEFAULTS: Record<string, string> };
const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));
function box(knobs: Record<string, string> = {}, world?: string) {
  const b = makeSandbox({ knobs, world });
  boxes.push(b);
  return b;
}

describe('sandbox', () => {
  it('documents every knob it reads, and reads every knob it documents', () => {
    const readme = fs.readFileSync(path.join(REPO, 'sandbox', 'README.md'), 'utf8');
    const documented = new Set(readme.match(/`MEMBRANE_SANDBOX_[A-Z0-9_]+`/g)?.map((k) => k.slice(1, -1)));
    const read = new Set([...Object.keys(DEFAULTS), 'MEMBRANE_SANDBOX_CONFIG']);
    assert.deepEqual([...read].filter((k) => !documented.has(k)), []);
    assert.deepEqual([...documented].filter((k) => !read.has(k)), []);
  });

  it('the pointer file overrides the environment on the next call', async () => {
    const b = box();
    const pointer = path.join(b.home, 'pointer.json');
    b.env.MEMBRANE_SANDBOX_CONFIG = pointer;
    await b.client.ensureConnection();
    fs.writeFileSync(pointer, JSON.stringify({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,SETUP_FAILED' }));
    assert.equal(connectionState(await b.client.ensureConnection()), 'BUILDING');
    fs.writeFileSync(pointer, JSON.stringify({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: null }));
    assert.equal(connectionState(await b.client.ensureConnection()), 'READY');
    fs.writeFileSync(pointer, JSON.stringify({ NOT_A_KNOB: 1 }));
    await assert.rejects(b.client.ensureConnection(), /unknown knob NOT_A_KNOB/);
  });

  it('parallel writers lose nothing (lock + atomic rename)', async () => {
    const b = box();
    await b.client.ensureConnection();
    const keys = Array.from({ length: 8 }, (_, i) => `PARALLEL_${i}`);
    await Promise.all(keys.map((k) => b.api.request(CONNECTION_ID, { method: 'PATCH', path: '/apps/alex-blog/config-vars', body: { [k]: 'x' } })));
    const world = b.world();
    const app = world.apps.find((a: { name: string }) => a.name === 'alex-blog');
    assert.deepEqual(Object.keys(world.configVars[app.id]).sort(), keys);
    assert.equal(world.releases[app.id].length, 9 + 8);
    assert.deepEqual(fs.readdirSync(b.home).filter((f) => /\.(lock|tmp)$/.test(f)), []);
  });

  it('pages lists as Heroku does: 206, Next-Range, 1,000 at most', async () => {
    const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'big-world-')), 'big.json');
    execFileSync(process.execPath, [path.join(REPO, 'sandbox', 'bin', 'generate-world'), '--apps', '1500', '--releases', '50', '--config-vars', '10', '--out', big]);
    const b = box({}, big);
    await b.client.ensureConnection();
    const first = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps' });
    assert.equal(first.status, 206);
    assert.equal((first.body as unknown[]).length, 200);
    const max = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps', headers: { Range: 'id ..; max=5000' } });
    assert.equal((max.body as unknown[]).length, 1000);
    let range: string | undefined = 'name ..; max=1000';
    const names: string[] = [];
    while (range) {
      const page: { body: unknown; headers: Record<string, string> } = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps', headers: { Range: range } });
      names.push(...(page.body as Array<{ name: string }>).map((a) => a.name));
      range = page.headers['next-range'];
    }
    assert.equal(names.length, 1500);
    assert.equal(new Set(names).size, 1500);
    const desc = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-monolith/releases', headers: { Range: 'version ..; max=3, order=desc' } });
    assert.deepEqual((desc.body as Array<{ version: number }>).map((r) => r.version), [50, 49, 48]);
    assert.equal(desc.headers['next-range'], 'version ]48..; max=3, order=desc');
  });

  it('logs one line per call, with the command and exit code', async () => {
    const b = box({ MEMBRANE_SANDBOX_LATENCY_MS: '50' });
    await b.client.ensureConnection();
    await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/nope' }));
    const log = b.callLog();
    assert.deepEqual(log.map((l) => [l.command, l.exit]), [['connection ensure', 0], ['request', 1]]);
    assert.ok(log.every((l) => (l as unknown as { ms: number }).ms >= 50));
  });

  it('actions can be hidden, and name their app property as configured', async () => {
    const hidden = box({ MEMBRANE_SANDBOX_ACTIONS: 'none' });
    await hidden.client.ensureConnection();
    assert.deepEqual(await hidden.client.listActions({ connectionId: CONNECTION_ID, intent: 'list apps' }), []);
    const renamed = box({ MEMBRANE_SANDBOX_APP_PARAM: 'app_id_or_name' });
    await renamed.client.ensureConnection();
    const [a] = await renamed.client.listActions({ connectionId: CONNECTION_ID, intent: 'list dynos', limit: 1 });
    assert.deepEqual(a?.inputSchema?.required, ['app_id_or_name']);
    const run = await renamed.api.runAction(CONNECTION_ID, 'list-dynos', { app_id_or_name: 'acme-worker' });
    assert.deepEqual((run.output as Array<{ name: string; state: string }>).map((d) => `${d.name}:${d.state}`).sort(), ['clock.1:up', 'worker.1:up', 'worker.2:crashed']);
  });
});
