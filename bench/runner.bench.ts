// The runner's overhead over a bare spawn of the same sandbox command. Both sides run
// the same process (`membrane --version`, and `connection list --json` parsed), many
// times, interleaved; we print medians and the ratio. Numbers, not pass/fail.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ExecaRunner, MembraneClient } from '../src/membrane';
import { median, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');
const BIN = path.join(REPO, 'sandbox', 'bin', 'membrane');

function bareSpawn(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

export async function benchRunner(runs = Number(process.env.BENCH_RUNS) || 40): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-runner-'));
  const env = { MEMBRANE_SANDBOX_HOME: home };
  const runner = new ExecaRunner({ file: BIN, prefixArgs: [], env: {}, display: BIN }, { env });
  const client = new MembraneClient(runner);
  const fullEnv = { ...process.env, ...env, NO_COLOR: '1' };
  await client.ensureConnection(); // seeds the world and session outside the timings
  const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
    ['--version', () => bareSpawn(['--version'], fullEnv), () => runner.run(['--version'])],
    ['connection list (parsed)', async () => JSON.parse(await bareSpawn(['connection', 'list', '--json'], fullEnv)), () => client.listConnections()],
  ];
  const rows: string[][] = [];
  for (const [name, bare, ours] of cases) {
    await bare();
    await ours(); // warm: execa's first import is paid once per process, outside the loop
    const tb: number[] = [];
    const to: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await bare();
      tb.push(performance.now() - t);
      t = performance.now();
      await ours();
      to.push(performance.now() - t);
    }
    rows.push([name, String(runs), median(tb).toFixed(1), median(to).toFixed(1), (median(to) / median(tb)).toFixed(3)]);
  }
  printTable('Runner overhead (ms, medians)', ['command', 'runs', 'bare spawn', 'runner', 'ratio'], rows);
  fs.rmSync(home, { recursive: true, force: true });
}
