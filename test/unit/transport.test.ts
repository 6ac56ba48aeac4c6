// The two proxy transports (`act`, `request`) behind one API: which one a binary gets, the
// one retry a read may have through the other, and a write that is never sent twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HerokuClient } from '../../src/heroku';
import {
  ActApi,
  RequestApi,
  OutcomeUnknownError,
  TransportSelector,
  UnexpectedOutputError,
  offeredTransports,
  transportOrder,
  type MembraneApi,
  type ProxyRequest,
  type TransportName,
} from '../../src/membrane';
import { CONNECTION_ID, makeSandbox } from '../helpers/sandbox';

function fakeApi(name: string, calls: string[], behave: (req: ProxyRequest) => unknown): MembraneApi {
  return {
    runAction: async (_c, selector) => {
      calls.push(`${name} run ${selector}`);
      throw new UnexpectedOutputError(name, '(stdout)', 'not JSON, 3 bytes');
    },
    request: async (_c, req) => {
      calls.push(`${name} ${req.method} ${req.path}`);
      const v = behave(req);
      if (v instanceof Error) throw v;
      return { status: 200, headers: {}, body: v, enveloped: false };
    },
  };
}

const unreadable = () => new UnexpectedOutputError('x', '(stdout)', 'not JSON, 12 bytes');

describe('transport choice', () => {
  it('prefers act when the binary offers it, honours the setting and what worked', () => {
    assert.deepEqual(transportOrder(['act', 'request'], 'auto'), ['act', 'request']);
    assert.deepEqual(transportOrder(['request'], 'auto'), ['request']);
    assert.deepEqual(transportOrder(['act', 'request'], 'auto', 'request'), ['request', 'act']);
    assert.deepEqual(transportOrder(['act', 'request'], 'request'), ['request']);
    assert.deepEqual(transportOrder(['request'], 'act'), ['act'], 'a forced transport is used even when help does not list it');
    assert.deepEqual(transportOrder([], 'auto'), ['request']);
  });

  it("reads the proxy commands from the binary's help, as commands only", async () => {
    assert.deepEqual(offeredTransports('Commands:\n  act --connectionId …\n  request <id> <path>\n'), ['act', 'request']);
    assert.deepEqual(offeredTransports('Commands:\n  request <id> <path>   send a request (not an act of kindness)\n'), ['request']);
    for (const [knob, expected] of [['request,act', ['act', 'request']], ['request', ['request']], ['act', ['act']]] as const) {
      const box = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_TRANSPORTS: knob } });
      try {
        const help = await box.runner.run(['--help']);
        assert.deepEqual(offeredTransports(help.stdout), expected);
      } finally {
        box.dispose();
      }
    }
  });
});

describe('TransportSelector', () => {
  it('a read the first transport cannot parse is tried once through the other, which is then remembered', async () => {
    const calls: string[] = [];
    const worked: TransportName[] = [];
    const sel = new TransportSelector(
      { act: fakeApi('act', calls, () => unreadable()), request: fakeApi('request', calls, () => ({ ok: 1 })) },
      ['act', 'request'],
      { worked: (t) => worked.push(t), log: () => {} },
    );
    assert.deepEqual((await sel.request('c', { method: 'GET', path: '/account' })).body, { ok: 1 });
    assert.deepEqual(calls, ['act GET /account', 'request GET /account']);
    assert.equal(sel.current, 'request');
    assert.deepEqual(worked, ['request']);
    await sel.request('c', { method: 'GET', path: '/apps' });
    assert.deepEqual(calls.slice(2), ['request GET /apps'], 'the one that worked goes first now');
  });

  it('a write whose answer is unreadable is never sent again: the outcome is unknown', async () => {
    const calls: string[] = [];
    const sel = new TransportSelector(
      { act: fakeApi('act', calls, () => unreadable()), request: fakeApi('request', calls, () => ({})) },
      ['act', 'request'],
      { worked: () => {}, log: () => {} },
    );
    await assert.rejects(sel.request('c', { method: 'POST', path: '/apps/x/builds', body: {} }), OutcomeUnknownError);
    await assert.rejects(sel.runAction('c', 'create-build', {}), (e: unknown) => e instanceof OutcomeUnknownError && /action create-build/.test(e.message));
    assert.deepEqual(calls, ['act POST /apps/x/builds', 'act run create-build']);
  });

  it('against the sandbox: a GET that act answers unreadably is read through request', async () => {
    const box = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_FAULT: 'truncated', MEMBRANE_SANDBOX_FAULT_COMMAND: 'act' } });
    try {
      await box.client.ensureConnection();
      const sel = new TransportSelector({ act: new ActApi(box.runner), request: new RequestApi(box.runner) }, ['act', 'request'], { worked: () => {}, log: () => {} });
      const heroku = new HerokuClient({ api: sel, connectionId: CONNECTION_ID });
      assert.deepEqual(Object.keys(await heroku.getConfigVars('alex-playground')).sort(), ['GO_ENV', 'GREETING']);
      assert.equal(sel.current, 'request');
      assert.deepEqual(box.callLog().map((c) => c.command).filter((c) => c !== 'connection ensure'), ['act', 'request']);
    } finally {
      box.dispose();
    }
  });

  it('against the sandbox: a PATCH Heroku applied but whose answer was truncated goes out once, and the reads it touches are read again', async () => {
    // The first act call answers whole; from the second on, answers are cut in half.
    const box = makeSandbox({ mode: 'in-process', knobs: { MEMBRANE_SANDBOX_FAULT: 'truncated', MEMBRANE_SANDBOX_FAULT_COMMAND: 'act', MEMBRANE_SANDBOX_FAULT_AFTER: '1' } });
    try {
      await box.client.ensureConnection();
      const sel = new TransportSelector({ act: new ActApi(box.runner), request: new RequestApi(box.runner) }, ['act', 'request'], { worked: () => {}, log: () => {} });
      const heroku = new HerokuClient({ api: sel, connectionId: CONNECTION_ID });
      const app = (await heroku.listApps()).find((a) => a.name === 'alex-playground');
      assert.equal(app?.maintenance, false);
      await assert.rejects(heroku.updateApp('alex-playground', { maintenance: true }), (e: unknown) => e instanceof OutcomeUnknownError && /PATCH \/apps\/alex-playground/.test(e.message));
      const patches = box.callLog().filter((c) => c.argv.some((a) => a.includes('"method":"PATCH"') || a === '--method=PATCH'));
      assert.equal(patches.length, 1, 'sent once, never again through request');
      assert.equal(box.world().apps.find((a: { name: string }) => a.name === 'alex-playground').maintenance, true, 'Heroku applied it');
      // The apps list was forgotten: the next read goes to Heroku (here through request, act being unreadable).
      const again = (await heroku.listApps()).find((a) => a.name === 'alex-playground');
      assert.equal(again?.maintenance, true);
    } finally {
      box.dispose();
    }
  });
});
