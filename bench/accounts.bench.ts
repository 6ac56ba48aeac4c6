// Several accounts: opening the Apps view with 2 accounts of 2,500 apps each against 1
// account of 5,000, through the real connection manager (ensure + list, each connection
// followed) and the calls the view makes per account (`GET /account`, every app). Prints
// the CLI calls and times, and the 2-account open against loading its accounts one after
// the other (the accounts load in parallel).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConnectionManager } from '../src/connection/core/connectionManager';
import { readyAccounts } from '../src/connection/core/connectionState';
import type { HerokuClient } from '../src/heroku';
import { ExecaRunner } from '../src/membrane';
import { median, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'sandbox', 'bin', 'membrane');
const LATENCY = 200;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const worlds = require('../sandbox/lib/world.js') as { largeWorld(o: object): unknown; largeAccountsWorld(o: object): unknown };

interface Opened {
  probeMs: number;
  viewMs: number;
  calls: number;
  accounts: number;
  apps: number;
  clients: HerokuClient[];
}

/** A fresh window: the connection check, then the Apps view's loads for every ready account, in parallel. */
async function openView(worldFile: string): Promise<Opened> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-accounts-'));
  let calls = 0;
  const env = { MEMBRANE_SANDBOX_HOME: home, MEMBRANE_SANDBOX_WORLD: worldFile, MEMBRANE_SANDBOX_LATENCY_MS: String(LATENCY) };
  const store = new Map<string, unknown>();
  const manager = new ConnectionManager({
    settings: () => ({ cliPath: BIN, clientName: 'bench', connectionIdOverride: '', callTimeoutMs: 120_000 }),
    memory: { get: <T>(k: string) => store.get(k) as T | undefined, update: (k, v) => void store.set(k, v) },
    onCall: () => calls++,
    makeRunner: (target, defaults, onCall) => new ExecaRunner(target, { ...defaults, env }, onCall),
  });
  try {
    const t0 = performance.now();
    await manager.recheck();
    const t1 = performance.now();
    const clients = readyAccounts(manager.status).map((a) => manager.herokuFor(a.connectionId)!);
    const lists = await Promise.all(clients.map(async (h) => (await Promise.all([h.account(), h.listApps()]))[1]));
    const t2 = performance.now();
    return { probeMs: t1 - t0, viewMs: t2 - t1, calls, accounts: clients.length, apps: lists.reduce((n, l) => n + l.length, 0), clients };
  } finally {
    manager.dispose();
  }
}

/** The same accounts' loads one after the other (what parallel loading saves). */
async function serialLoad(clients: HerokuClient[]): Promise<number> {
  for (const h of clients) h.forgetAll();
  const t = performance.now();
  for (const h of clients) await Promise.all([h.account(), h.listApps()]);
  return performance.now() - t;
}

export async function benchAccounts(runs = 3): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-accounts-worlds-'));
  const one = path.join(dir, 'one-5000.json');
  const two = path.join(dir, 'two-2500.json');
  fs.writeFileSync(one, JSON.stringify(worlds.largeWorld({ apps: 5000, releases: 20, configVars: 10 })));
  fs.writeFileSync(two, JSON.stringify(worlds.largeAccountsWorld({ accounts: 2, apps: 2500 })));
  const single: Opened[] = [];
  const double: Opened[] = [];
  const serial: number[] = [];
  // Interleaved, so a busy moment of the machine weighs on both sides alike.
  for (let i = 0; i < runs; i++) {
    single.push(await openView(one));
    const d = await openView(two);
    double.push(d);
    serial.push(await serialLoad(d.clients));
  }
  const m = (xs: Opened[], f: (o: Opened) => number) => median(xs.map(f));
  const row = (what: string, xs: Opened[]) => [what, String(xs[0]!.accounts), String(xs[0]!.apps), String(xs[0]!.calls), m(xs, (o) => o.probeMs).toFixed(0), m(xs, (o) => o.viewMs).toFixed(0), m(xs, (o) => o.probeMs + o.viewMs).toFixed(0)];
  printTable(`Apps view opened in a fresh window, sandbox at ${LATENCY} ms per call (median of ${runs})`, ['world', 'accounts', 'apps', 'CLI calls', 'check ms', 'view ms', 'total ms'], [row('1 account × 5,000 apps', single), row('2 accounts × 2,500 apps', double)]);
  const ratio = (f: (o: Opened) => number) => (m(double, f) / m(single, f)).toFixed(2);
  console.log(
    `2 accounts against 1: CLI calls ${ratio((o) => o.calls)}×, view ${ratio((o) => o.viewMs)}×, total ${ratio((o) => o.probeMs + o.viewMs)}×. ` +
      `The 2 accounts' view loads in parallel: ${m(double, (o) => o.viewMs).toFixed(0)} ms; one after the other: ${median(serial).toFixed(0)} ms.`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) benchAccounts().catch((e) => {
  console.error(e);
  process.exit(1);
});
