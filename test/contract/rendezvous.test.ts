// One-off dynos against the real sandbox CLI and its TLS rendezvous: the product's client
// trusts the sandbox's certificate only because it is given it (NODE_EXTRA_CA_CERTS is
// read at startup, so the checks run in a child process that has it); a wrong secret is
// refused, a dyno that never comes up times out with a clear message.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { HerokuClient } from '../../src/heroku/client';
import { exitNonce, withExitMarker } from '../../src/heroku/streams/exitMarker';
import { CONNECTION_ID, REPO, SANDBOX_BIN, makeSandbox, type TestSandbox } from '../helpers/sandbox';

const boxes: TestSandbox[] = [];
const NONCE = exitNonce();
after(() => boxes.forEach((b) => b.dispose()));

/** Connects with the product's client in a process that trusts `cert` (or none), and prints what happened. */
function attach(url: string, cert: string | undefined, timeoutMs = 5_000): string {
  const script = `
    const { connectRendezvous } = require(${JSON.stringify(path.join(REPO, 'src/heroku/streams/rendezvous.ts'))});
    const { ExitMarkerFilter } = require(${JSON.stringify(path.join(REPO, 'src/heroku/streams/exitMarker.ts'))});
    const f = new ExitMarkerFilter(${JSON.stringify(NONCE)});
    let out = '';
    connectRendezvous(process.argv[1], { onData: (t) => (out += f.push(t)), onClose: () => console.log(JSON.stringify({ out, status: f.status })) }, { timeoutMs: ${timeoutMs} })
      .catch((e) => console.log(JSON.stringify({ error: e.message })));`;
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  if (cert) env.NODE_EXTRA_CA_CERTS = cert;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, url], { encoding: 'utf8', env, timeout: 30_000 });
  return r.stdout.trim();
}

describe('rendezvous against the sandbox', { timeout: 120_000 }, () => {
  async function dyno(knobs: Record<string, string> = {}): Promise<{ url: string; cert: string }> {
    const b = makeSandbox({ mode: 'process', knobs });
    boxes.push(b);
    await b.client.ensureConnection();
    const cert = execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'tls-cert'], { env: { ...process.env, ...b.env }, encoding: 'utf8' }).trim();
    const heroku = new HerokuClient({ api: b.api, connectionId: CONNECTION_ID });
    const d = await heroku.createDyno('acme-api', { command: withExitMarker('echo hello && exit 3', NONCE), attach: true, size: 'Basic' });
    return { url: d.attach_url!, cert };
  }

  it('with the certificate given: the output and the status; without it: refused by TLS', async () => {
    const { url, cert } = await dyno();
    assert.deepEqual(JSON.parse(attach(url, cert)), { out: 'hello\r\n', status: 3 });
    const d2 = await dyno();
    assert.match(JSON.parse(attach(d2.url, undefined)).error, /self-signed certificate|unable to verify/);
  });

  it('a wrong secret is refused; a dyno that never comes up times out, saying so', async () => {
    const wrong = await dyno({ MEMBRANE_SANDBOX_RUN_WRONG_SECRET: '1' });
    assert.match(JSON.parse(attach(wrong.url, wrong.cert)).error, /refused the connection .*its session is unknown or over/);
    const never = await dyno({ MEMBRANE_SANDBOX_RUN_NEVER_UP: '1' });
    assert.match(JSON.parse(attach(never.url, never.cert, 1_000)).error, /The dyno did not come up: no answer from rendezvous:\/\/127\.0\.0\.1:\d+\/… within 1 s\./);
  });
});
