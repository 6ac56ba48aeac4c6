// Deploy packaging and upload, on a generated workspace (DEPLOY_BENCH_FILES files,
// default 10,000, DEPLOY_BENCH_MB MB, default 200: source-like text files plus a few
// large binary assets), committed to git:
// - time: our file selection + tar.gz against `git archive --format=tar.gz HEAD` of the
//   same tree, interleaved runs, as a ratio of medians;
// - memory: peak RSS of a process that packs and then uploads the archive to a local
//   server, against its RSS before, and against the archive's size (it must stay flat).
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

const FILES = Number(process.env.DEPLOY_BENCH_FILES) || 10_000;
const MB = Number(process.env.DEPLOY_BENCH_MB) || 200;
const ROUNDS = Number(process.env.DEPLOY_BENCH_ROUNDS) || 3;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore', maxBuffer: 1 << 30 });
}

/** The workspace: text files in nested folders, and a hundredth as large binaries carrying three quarters of the bytes. */
function generate(root: string): void {
  const binaries = Math.max(1, Math.floor(FILES / 100));
  const texts = FILES - binaries;
  const textBytes = Math.floor((MB * 1024 * 1024) / 4);
  const binaryBytes = MB * 1024 * 1024 - textBytes;
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

/** Child mode: pack (and upload) once, then print timings and memory as JSON. */
async function child(root: string, out: string, upload: boolean): Promise<void> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const selection = await selectFiles(root);
  const t1 = performance.now();
  const archive = await packArchive(root, selection.files, out);
  const t2 = performance.now();
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
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ files: selection.files.length, selectMs: t1 - t0, packMs: t2 - t1, uploadMs, bytes: archive.bytes, baseline, peakPacking, peak: Math.max(peak, maxRss) }));
}

interface ChildResult {
  files: number;
  selectMs: number;
  packMs: number;
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

export async function benchDeploy(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-bench-'));
  try {
    const root = path.join(dir, 'ws');
    fs.mkdirSync(root);
    const g0 = performance.now();
    generate(root);
    console.log(`\nDeploy: generated ${FILES.toLocaleString('en-US')} files, ${MB} MB, committed, in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const ours: number[] = [];
    const selects: number[] = [];
    const theirs: number[] = [];
    let last: ChildResult | undefined;
    let gitBytes = 0;
    for (let i = 0; i < ROUNDS; i++) {
      last = runChild(root, path.join(dir, 'ours.tar.gz'), false);
      ours.push(last.selectMs + last.packMs);
      selects.push(last.selectMs);
      const t = performance.now();
      execFileSync('git', ['archive', '--format=tar.gz', '-o', path.join(dir, 'git.tar.gz'), 'HEAD'], { cwd: root });
      theirs.push(performance.now() - t);
      gitBytes = fs.statSync(path.join(dir, 'git.tar.gz')).size;
    }
    const withUpload = runChild(root, path.join(dir, 'ours.tar.gz'), true);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    printTable(`Deploy packaging (${ROUNDS} interleaved rounds; medians)`, ['what', 'time', 'archive'], [
      ['ours: select files (git ls-files, git status, lstat)', `${median(selects).toFixed(0)} ms`, ''],
      ['ours: select + tar.gz', `${median(ours).toFixed(0)} ms`, mb(last!.bytes)],
      ['git archive --format=tar.gz HEAD', `${median(theirs).toFixed(0)} ms`, mb(gitBytes)],
      ['ratio ours / git archive', `${(median(ours) / median(theirs)).toFixed(2)} ×`, ''],
    ]);
    printTable('Deploy memory (one process: select, pack, then upload to a local server)', ['what', 'value'], [
      ['RSS before', mb(withUpload.baseline)],
      ['peak RSS while selecting and packing', mb(withUpload.peakPacking)],
      ['peak RSS while packing and uploading', mb(withUpload.peak)],
      ['growth', mb(withUpload.peak - withUpload.baseline)],
      ['archive size', mb(withUpload.bytes)],
      ['growth / archive size', `${((withUpload.peak - withUpload.baseline) / withUpload.bytes).toFixed(3)}`],
      ['upload time (loopback)', `${withUpload.uploadMs.toFixed(0)} ms`],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  void child(process.argv[3]!, process.argv[4]!, process.argv[5] === 'upload');
} else if (require.main === module) {
  void benchDeploy();
}
