// The Heroku layer: cold vs cached reads of one app's categories, listing 5,000 apps
// (CLI calls and time), and parse time per 1,000 resources. Numbers, not pass/fail.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RequestApi, ExecaRunner, MembraneClient } from '../src/membrane';
import { parseWith } from '../src/membrane/envelopes';
import { AppSchema, HerokuClient, ReleaseSchema } from '../src/heroku';
import { median, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'sandbox', 'bin', 'membrane');

async function client(world: string, knobs: Record<string, string> = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-heroku-'));
  fs.copyFileSync(world, path.join(home, 'world.json'));
  const env = { MEMBRANE_SANDBOX_HOME: home, ...knobs };
  let calls = 0;
  const runner = new ExecaRunner({ file: BIN, prefixArgs: [], env: {}, display: BIN }, { env }, () => calls++);
  const membrane = new MembraneClient(runner);
  const conn = await membrane.ensureConnection();
  const heroku = new HerokuClient({ api: new RequestApi(runner), connectionId: conn.id, listActions: () => membrane.listActions({ connectionId: conn.id, limit: 1000 }) });
  return { heroku, calls: () => calls, reset: () => (calls = 0), home };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

const appCategories = (h: HerokuClient, app: string) =>
  Promise.all([h.latestReleases(app, 50), h.listDynos(app), h.listFormation(app), h.listAddons(app), h.listDomains(app), h.listBuilds(app), h.listCollaborators(app)]);

export async function benchHeroku(): Promise<void> {
  const defaultWorld = path.join(REPO, 'sandbox', 'worlds', 'default.json');
  const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-big-')), 'world.json');
  execFileSync(process.execPath, [path.join(REPO, 'sandbox', 'bin', 'generate-world'), '--apps', '5000', '--releases', '2000', '--config-vars', '1000', '--out', big]);

  const rows: string[][] = [];
  for (const latency of ['0', '200']) {
    const c = await client(defaultWorld, { MEMBRANE_SANDBOX_LATENCY_MS: latency });
    await c.heroku.listApps(); // loads the action catalogue too
    c.reset();
    const [, cold] = await timed(() => appCategories(c.heroku, 'acme-api'));
    const coldCalls = c.calls();
    c.reset();
    const [, warm] = await timed(() => appCategories(c.heroku, 'acme-api'));
    rows.push([`app categories (8), sandbox +${latency} ms/call`, `${cold.toFixed(0)} ms, ${coldCalls} calls`, `${warm.toFixed(2)} ms, ${c.calls()} calls`]);
  }
  printTable('Cold vs cached reads', ['what', 'cold', 'cached'], rows);

  const listRows: string[][] = [];
  for (const [name, knobs] of [['actions offered', {}], ['proxy-only', { MEMBRANE_SANDBOX_ACTIONS: 'none' }]] as const) {
    const c = await client(big, knobs);
    c.reset();
    const [apps, ms] = await timed(() => c.heroku.listApps());
    listRows.push([name, String(apps.length), String(c.calls()), ms.toFixed(0)]);
    const [rels, rms] = await timed(() => c.heroku.latestReleases('acme-monolith', 5000));
    listRows.push([`${name}: 2,000 releases`, String(rels.length), String(c.calls()), rms.toFixed(0)]);
  }
  printTable('Listing 5,000 apps (whole)', ['mode', 'items', 'CLI calls (cumulative)', 'ms'], listRows);

  const world = JSON.parse(fs.readFileSync(big, 'utf8'));
  const apps = world.apps.slice(0, 1000);
  const releases = Object.values(world.releases as Record<string, unknown[]>).flat().slice(0, 1000);
  const parse = (schema: typeof AppSchema | typeof ReleaseSchema, items: unknown[]) => {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      items.forEach((x, j) => parseWith('bench', schema as typeof AppSchema, x, String(j)));
      times.push(performance.now() - t);
    }
    return median(times).toFixed(2);
  };
  printTable('Parse time per 1,000 resources (median of 15)', ['resource', 'ms'], [
    ['app', parse(AppSchema, apps)],
    ['release', parse(ReleaseSchema, releases)],
  ]);
}
