// Deploy packaging and upload, on generated workspaces (source-like text files plus a
// few large binary assets, committed to git), by default three: 10,000 files / 200 MB,
// 2,000 files / 200 MB and 2,000 files / 20 MB, where the fixed costs (git's processes)
// weigh more (DEPLOY_BENCH_SIZES=files:MB,…; DEPLOY_BENCH_FILES and DEPLOY_BENCH_MB give
// a single one):
// - time: our file selection + tar.gz against `git archive --format=tar.gz HEAD` of the
//   same tree (both at gzip level 6), in DEPLOY_BENCH_ROUNDS interleaved rounds (default
//   5), as ratios of medians: wall time, and CPU time (user + system, every thread, git's
//   processes included: Linux only), which a busy machine disturbs far less;
// - the same files: both archives are read back (the sandbox's tar reader) and their
//   files and symlinks compared, path and size;
// - memory: peak RSS of a process that packs and then uploads the archive to a local
//   server, against its RSS before, and against the archive's size (it must stay flat).
// DEPLOY_BENCH_DIR=<folder> keeps the generated workspaces there and reuses them.
//   node --import tsx bench/deploy.bench.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { packArchive } from '../src/deploy/core/archive';
import { selectFiles } from '../src/deploy/core/fileSelection';
import { uploadFile } from '../src/heroku/streams/upload';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is CommonJS
const { listTarGz } = require('../sandbox/lib/sources') as { listTarGz(bytes: Buffer): Array<{ path: string; type: string; size: number }> };

const ROUNDS = Number(process.env.DEPLOY_BENCH_ROUNDS) || 5;

interface Size {
  files: number;
  mb: number;
}

function sizes(): Size[] {
  if (process.env.DEPLOY_BENCH_FILES || process.env.DEPLOY_BENCH_MB) return [{ files: Number(process.env.DEPLOY_BENCH_FILES) || 10_000, mb: Number(process.env.DEPLOY_BENCH_MB) || 200 }];
  return (process.env.DEPLOY_BENCH_SIZES ?? '10000:200,2000:200,2000:20').split(',').map((s) => {
    const [files, mb] = s.split(':').map(Number);
    return { files: files || 10_000, mb: mb || 200 };
  });
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore', maxBuffer: 1 << 30 });
}

/** The workspace: text files in nested folders, and a hundredth as large binaries carrying three quarters of the bytes. */
function generate(root: string, { files, mb }: Size): void {
  const binaries = Math.max(1, Math.floor(files / 100));
  const texts = files - binaries;
  const textBytes = Math.floor((mb * 1024 * 1024) / 4);
  const binaryBytes = mb * 1024 * 1024 - textBytes;
  const words = ['const', 'function', 'return', 'import', 'export', 'await', 'value', 'config', 'request', 'handler', 'user', 'order', '=>', '{', '}', ';'];
  for (let i = 0; i < texts; i++) {
    const dir = path.join(root, 'src', `m${i % 50}`, `p${i % 7}`);
    fs.mkdirSync(dir, { recursive: true });
    const size = Math.floor(textBytes / texts);
    let text = '';
    while (text.length < size) text += `${words[Math.floor(Math.random() * words.length)]} ${Math.random().toString(36).slice(2, 8)}\n`;
    fs.writeFileSync(path.join(dir, `file${i}.js`), text.slice(0, size));
  }
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  for (let i = 0; i < binaries; i++) fs.writeFileSync(path.join(root, 'assets', `blob${i}.bin`), randomBytes(Math.floor(binaryBytes / binaries)));
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"bench"}\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'bench');
}

/** Clock ticks per second of /proc's CPU times (Linux only). */
const TICKS = process.platform === 'linux' ? Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100 : undefined;

/** CPU time of this process's finished (waited-for) children, in ms; undefined where /proc does not say (not Linux). */
function childrenCpuMs(): number | undefined {
  if (!TICKS) return undefined;
  try {
    // cutime and cstime: fields 16 and 17 of the line, 14 and 15 after the command name.
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

/**
 * This process's peak RSS. On Linux, the high-water mark of its own memory (VmHWM):
 * getrusage's maxRSS also counts the parent's RSS at the spawn, and the parent has read
 * 200 MB archives back.
 */
function peakRss(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
}

/** Child mode: pack (and upload) once, then print timings and memory as JSON. */
async function child(root: string, out: string, upload: boolean): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const c0 = process.cpuUsage();
  const k0 = childrenCpuMs();
  const t0 = performance.now();
  const selection = await selectFiles(root);
  const t1 = performance.now();
  const selectCpuMs = cpuMs(c0);
  const archive = await packArchive(root, selection.files, out);
  const t2 = performance.now();
  const k2 = childrenCpuMs();
  const cpu = cpuMs(c0) + (k0 === undefined || k2 === undefined ? NaN : k2 - k0);
  const peakPacking = peak;
  let uploadMs = 0;
  if (upload) {
    const server = http.createServer((req, res) => req.on('data', () => undefined).on('end', () => res.end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const t = performance.now();
    await uploadFile(`http://127.0.0.1:${(server.address() as AddressInfo).port}/put`, out);
    uploadMs = performance.now() - t;
    server.close();
  }
  clearInterval(sampler);
  const maxRss = peakRss();
  const result: ChildResult = { files: selection.files.length, selectMs: t1 - t0, packMs: t2 - t1, selectCpuMs, cpuMs: cpu, uploadMs, bytes: archive.bytes, baseline, peakPacking, peak: Math.max(peak, maxRss) };
  console.log(JSON.stringify(result));
}

interface ChildResult {
  files: number;
  selectMs: number;
  packMs: number;
  /** This process's CPU while selecting (git's processes not included). */
  selectCpuMs: number;
  /** Selecting and packing: every thread of this process, and git's processes (NaN where unknown). */
  cpuMs: number;
  uploadMs: number;
  bytes: number;
  baseline: number;
  peakPacking: number;
  peak: number;
}

function runChild(root: string, out: string, upload: boolean): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', root, out, upload ? 'upload' : 'pack'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the packing process failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** Files and symlinks of a tar.gz, `path size type` sorted (git's folder entries and its commit record left aside). */
function contents(file: string): string[] {
  return listTarGz(fs.readFileSync(file))
    .filter((e) => e.type === 'file' || e.type === 'symlink')
    .map((e) => `${e.path} ${e.size} ${e.type}`)
    .sort();
}

async function benchOne(dir: string, size: Size, keep: boolean): Promise<void> {
  const root = path.join(dir, `ws-${size.files}-${size.mb}`);
  const label = `${size.files.toLocaleString('en-US')} files, ${size.mb} MB`;
  if (keep && fs.existsSync(path.join(root, '.git'))) {
    console.log(`\nDeploy: ${label}, reusing ${root}`);
  } else {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    const g0 = performance.now();
    generate(root, size);
    console.log(`\nDeploy: generated ${label}, committed, in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
  }
  const ours = path.join(dir, 'ours.tar.gz');
  const theirs = path.join(dir, 'git.tar.gz');
  const rounds: Array<{ ours: ChildResult; gitMs: number; gitCpuMs: number }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = runChild(root, ours, false);
    const k = childrenCpuMs();
    const t = performance.now();
    // git's default gzip level, 6, as ours.
    execFileSync('git', ['archive', '--format=tar.gz', '-o', theirs, 'HEAD'], { cwd: root });
    const gitMs = performance.now() - t;
    const k2 = childrenCpuMs();
    rounds.push({ ours: r, gitMs, gitCpuMs: k === undefined || k2 === undefined ? NaN : k2 - k });
  }
  const withUpload = runChild(root, ours, true);
  const a = contents(ours);
  const b = contents(theirs);
  const same = a.length === b.length && a.every((e, i) => e === b[i]);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const ms = (n: number) => (Number.isNaN(n) ? 'n/a' : `${n.toFixed(0)} ms`);
  const m = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
  const wall = m((r) => r.ours.selectMs + r.ours.packMs);
  const gitWall = m((r) => r.gitMs);
  const cpu = m((r) => r.ours.cpuMs);
  const gitCpu = m((r) => r.gitCpuMs);
  printTable(`Deploy packaging, ${label} (${ROUNDS} interleaved rounds; medians)`, ['what', 'wall', 'CPU', 'archive'], [
    ['ours: select files (git ls-files, git status, lstat)', ms(m((r) => r.ours.selectMs)), ms(m((r) => r.ours.selectCpuMs)), ''],
    ['ours: select + tar.gz', ms(wall), ms(cpu), mb(rounds.at(-1)!.ours.bytes)],
    ['git archive --format=tar.gz HEAD', ms(gitWall), ms(gitCpu), mb(fs.statSync(theirs).size)],
    ['ratio ours / git archive', `${(wall / gitWall).toFixed(2)} ×`, Number.isNaN(cpu / gitCpu) ? 'n/a' : `${(cpu / gitCpu).toFixed(2)} ×`, ''],
    ['same files and symlinks (path, size) in both', same ? `yes, ${a.length.toLocaleString('en-US')}` : `NO: ${a.length} against ${b.length}`, '', ''],
  ]);
  printTable(`Deploy memory, ${label} (one process: select, pack, then upload to a local server)`, ['what', 'value'], [
    ['RSS before', mb(withUpload.baseline)],
    ['peak RSS while selecting and packing', mb(withUpload.peakPacking)],
    ['peak RSS while packing and uploading', mb(withUpload.peak)],
    ['growth', mb(withUpload.peak - withUpload.baseline)],
    ['archive size', mb(withUpload.bytes)],
    ['growth / archive size', `${((withUpload.peak - withUpload.baseline) / withUpload.bytes).toFixed(3)}`],
    ['upload time (loopback)', `${withUpload.uploadMs.toFixed(0)} ms`],
  ]);
  fs.rmSync(ours, { force: true });
  fs.rmSync(theirs, { force: true });
}

export async function benchDeploy(): Promise<void> {
  const keep = process.env.DEPLOY_BENCH_DIR;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    for (const size of sizes()) await benchOne(dir, size, !!keep);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5] === 'upload');
} else if (require.main === module) {
  void benchDeploy();
}
