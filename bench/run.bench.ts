// One-off dynos: a keystroke's echo round trip through the product's rendezvous client
// (and its exit-marker filter, as the terminal uses them) against a raw TLS client on the
// same sandbox dyno: median and p95 over 200 keys each, and the ratio.
//   node --import tsx bench/run.bench.ts
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { connectRendezvous, parseAttachUrl } from '../src/heroku/streams/rendezvous';
import { ExitMarkerFilter, exitNonce } from '../src/heroku/streams/exitMarker';
import { median, printTable } from './stats';

const KEYS = 200;
const SANDBOX = path.join(__dirname, '..', 'sandbox', 'bin', 'membrane');
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

/** Types KEYS characters one at a time, each after the previous one's echo arrived. */
async function typeKeys(write: (s: string) => void, waitEcho: (ch: string) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const t = performance.now();
    const echoed = waitEcho(ch);
    write(ch);
    await echoed;
    times.push(performance.now() - t);
  }
  return times;
}

/** An echo waiter over a stream of text. */
function echoes(): { onData(text: string): void; wait(ch: string): Promise<void> } {
  let pending: { ch: string; resolve: () => void } | undefined;
  return {
    onData(text) {
      if (pending && text.includes(pending.ch)) {
        const p = pending;
        pending = undefined;
        p.resolve();
      }
    },
    wait: (ch) => new Promise<void>((resolve) => (pending = { ch, resolve })),
  };
}

/** Makes a sandbox and its certificate, then measures in a child process that trusts it (NODE_EXTRA_CA_CERTS is read at startup, as in VS Code). */
export async function benchRun(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'run-bench-'));
  const env = { ...process.env, MEMBRANE_SANDBOX_HOME: home, MEMBRANE_SANDBOX_STREAM_IDLE_MS: '5000' };
  try {
    const cert = execFileSync(process.execPath, [SANDBOX, 'sandbox', 'tls-cert'], { env, encoding: 'utf8' }).trim();
    execFileSync(process.execPath, ['--import', 'tsx', __filename, '--child'], { env: { ...env, NODE_EXTRA_CA_CERTS: cert }, stdio: 'inherit' });
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

async function measure(): Promise<void> {
  const env = process.env;
  {
    const cli = (...args: string[]) => execFileSync(process.execPath, [SANDBOX, ...args], { env, encoding: 'utf8' });
    cli('connection', 'ensure', 'https://www.heroku.com/', '--json');
    const cert = process.env.NODE_EXTRA_CA_CERTS!;
    const newDyno = () => JSON.parse(cli('request', '6750c2a1f3b9d84e21a7c5e0', '/apps/acme-api/dynos', '-X', 'POST', '-d', JSON.stringify({ command: 'bash', attach: true, size: 'Basic' }), '--json')).body.attach_url as string;

    const product = echoes();
    const filter = new ExitMarkerFilter(exitNonce());
    const session = await connectRendezvous(newDyno(), { onData: (t) => product.onData(filter.push(t)), onClose: () => undefined });
    await new Promise((r) => setTimeout(r, 100)); // the prompt
    const ours = await typeKeys((s) => session.write(s), (ch) => product.wait(ch));
    session.close();

    // A raw TLS client on the same server.
    const target = parseAttachUrl(newDyno());
    const raw = echoes();
    const socket = tls.connect({ host: target.host, port: target.port, ca: fs.readFileSync(cert) });
    socket.setEncoding('utf8');
    await new Promise<void>((resolve) => {
      socket.once('secureConnect', () => socket.write(`${target.secret}\r\n`));
      socket.once('data', () => resolve()); // the handshake
    });
    socket.on('data', (t: string) => raw.onData(t));
    await new Promise((r) => setTimeout(r, 100));
    const theirs = await typeKeys((s) => socket.write(s), (ch) => raw.wait(ch));
    socket.destroy();

    const f = (n: number) => `${n.toFixed(3)} ms`;
    printTable(`One-off dyno keystroke echo (${KEYS} keys each, sandbox rendezvous on loopback)`, ['client', 'median', 'p95'], [
      ['product (connectRendezvous + exit-marker filter)', f(median(ours)), f(p95(ours))],
      ['raw TLS socket', f(median(theirs)), f(p95(theirs))],
      ['ratio product / raw', `${(median(ours) / median(theirs)).toFixed(2)} ×`, `${(p95(ours) / p95(theirs)).toFixed(2)} ×`],
    ]);
  }
}

if (process.argv.includes('--child')) void measure().then(() => process.exit(0));
else if (require.main === module) void benchRun();
