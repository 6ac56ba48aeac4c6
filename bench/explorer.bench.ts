// The explorer's critical paths with the sandbox at 200 ms per call, through the same
// calls the tree makes: opening the view (apps visible) in a window's first start and in
// a cold window after it (the action catalogue remembered), and expanding an app (every
// category visible), each as a ratio to one CLI call, with CLI-call counts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RequestApi, ExecaRunner, MembraneClient } from '../src/membrane';
import { HerokuClient } from '../src/heroku';
import type { CatalogMemory, RememberedCatalog } from '../src/heroku/actions';
import { RELEASE_PAGE } from '../src/releases/core/format';
import { median, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'sandbox', 'bin', 'membrane');
const LATENCY = 200;

async function session(latency = LATENCY) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-explorer-'));
  let calls = 0;
  const runner = new ExecaRunner({ file: BIN, prefixArgs: [], env: {}, display: BIN }, { env: { MEMBRANE_SANDBOX_HOME: home, MEMBRANE_SANDBOX_LATENCY_MS: String(latency) } }, () => calls++);
  const membrane = new MembraneClient(runner);
  return { runner, membrane, calls: () => calls, reset: () => (calls = 0) };
}

const categories = (h: HerokuClient, app: string) =>
  Promise.all([h.latestReleases(app, RELEASE_PAGE + 1), h.listDynos(app), h.listFormation(app), h.listAddons(app), h.listDomains(app), h.listBuilds(app), h.listCollaborators(app)]);

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function benchExplorer(runs = 5): Promise<void> {
  const one: number[] = [];
  const firstOpen: number[] = [];
  const coldOpen: number[] = [];
  const warmOpen: number[] = [];
  const expand: number[] = [];
  const expandNoLatency: number[] = [];
  const counts = { firstOpen: 0, coldOpen: 0, warmOpen: 0, expand: 0, revisit: 0 };
  for (let i = 0; i < runs; i++) {
    const s = await session();
    await s.runner.run(['--version']);
    one.push(await timed(() => s.runner.run(['--version'])));

    // A window whose user opens the view at once: the probe, then the apps. The connection
    // manager keeps the catalogue between windows (globalState); here, a variable.
    let kept: RememberedCatalog | undefined;
    const memory: CatalogMemory = { read: () => kept, write: (c) => void (kept = c) };
    let heroku!: HerokuClient;
    const openView = async () => {
      const c = await s.membrane.ensureConnection();
      heroku = new HerokuClient({ api: new RequestApi(s.runner), connectionId: c.id, listActions: () => s.membrane.listActions({ connectionId: c.id, limit: 1000 }), catalogMemory: memory });
      await heroku.listApps();
    };
    // The very first window (nothing remembered): probe, catalogue, apps.
    s.reset();
    firstOpen.push(await timed(openView));
    counts.firstOpen = s.calls();
    // Every cold window after it: the catalogue remembered, so probe and apps.
    s.reset();
    coldOpen.push(await timed(openView));
    counts.coldOpen = s.calls();

    // The usual case: the probe (and the catalogue warm-up) finished before the view opens.
    heroku.forgetAll();
    s.reset();
    warmOpen.push(await timed(() => heroku.listApps()));
    counts.warmOpen = s.calls();

    s.reset();
    expand.push(await timed(() => categories(heroku, 'acme-api')));
    counts.expand = s.calls();
    s.reset();
    await categories(heroku, 'acme-api');
    counts.revisit = s.calls();

    // The same expansion with no added latency: the difference is what the 200 ms waits cost.
    const z = await session(0);
    const zc = await z.membrane.ensureConnection();
    const zh = new HerokuClient({ api: new RequestApi(z.runner), connectionId: zc.id, listActions: () => z.membrane.listActions({ connectionId: zc.id, limit: 1000 }) });
    await zh.warmUp();
    expandNoLatency.push(await timed(() => categories(zh, 'acme-api')));
  }
  const base = median(one);
  const row = (what: string, xs: number[], calls: number, critical: number) => [what, median(xs).toFixed(0), String(calls), String(critical), (median(xs) / base).toFixed(2), (median(xs) / (base * critical)).toFixed(2)];
  printTable(`Explorer with the sandbox at ${LATENCY} ms per call (median of ${runs}; one CLI call = ${base.toFixed(0)} ms here)`, ['what', 'ms', 'CLI calls', 'calls on critical path', 'ratio to one call', 'ratio to critical path'], [
    row('view open, first window ever: probe + catalogue + apps', firstOpen, counts.firstOpen, 3),
    row('view open, cold window (catalogue remembered): probe + apps', coldOpen, counts.coldOpen, 2),
    row('view open after the probe: apps visible', warmOpen, counts.warmOpen, 1),
    row('app expanded: all 7 categories visible', expand, counts.expand, 1),
    ['app revisited', '0', String(counts.revisit), '0', '-', '-'],
  ]);
  const times = (xs: number[]) => (median(xs) / base).toFixed(2);
  console.log(`cold view-open (catalogue remembered): ${counts.coldOpen} CLI calls, ${times(coldOpen)} × one call (budget: 2 calls, ≤ 2.1 ×); the first window ever: ${counts.firstOpen} calls, ${times(firstOpen)} ×.`);
  const added = median(expand) - median(expandNoLatency);
  console.log(
    `app expanded with 0 ms latency: ${median(expandNoLatency).toFixed(0)} ms (7 CLI processes at once on ${os.cpus().length} cores); ` +
      `the ${LATENCY} ms latency adds ${added.toFixed(0)} ms = ${(added / LATENCY).toFixed(2)} × ${LATENCY} ms (one parallel round; serial would add 7 ×).`,
  );
}
