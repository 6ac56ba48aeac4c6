// Activation time, measured as one measures any extension in code-server: the VSIX
// installed in code-server beside an empty extension (one status-bar item,
// `onStartupFinished`, generated here), a fresh profile per run, the workbench opened in
// Chromium, then "Developer: Show Running Extensions" read for both rows (VS Code's
// code-loading + activate-call time) and the built-in Git's. The two are installed in
// turn first or second (which is activated first follows), so neither always has the
// machine to itself; the ratio ours / empty, from the same runs, is the number that
// counts (the budget: within 2×). Absolute times depend on what else the machine runs.
// Usage: node --import tsx bench/activation.ts [runs=6] [--vsix=<file>]…   (needs `npm run package` first)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS harness
const h = require('../scripts/vscode/harness.js');

const RUNS = Number(process.argv.find((a) => /^\d+$/.test(a))) || 6;
/** Our VSIX, or several to compare (`--vsix=a.vsix --vsix=b.vsix`): their runs interleave, so they share the machine's conditions. */
const given = process.argv.filter((a) => a.startsWith('--vsix=')).map((a) => a.slice('--vsix='.length));
const VSIXES = given.length ? given : [path.join(h.ROOT, 'heroku-membrane.vsix')];
const OURS = { id: 'heroku-membrane.heroku-membrane', row: 'Heroku (via Membrane)' };
const EMPTY_ROW = 'Empty Extension (bench)';
/**
 * The empty extension under two publishers: VS Code activates the extensions of one event
 * in the order of their ids, so `aaa-bench` goes before ours and `zzz-bench` after it.
 */
const EMPTY_IDS = ['aaa-bench.empty-extension', 'zzz-bench.empty-extension'] as const;

/** The floor: an extension that shows one status-bar item once the window has started, packaged with vsce. */
function emptyExtensionVsix(dir: string, id: string): string {
  const src = path.join(dir, id);
  fs.mkdirSync(src, { recursive: true });
  const [publisher, name] = id.split('.') as [string, string];
  const manifest = {
    name,
    displayName: EMPTY_ROW,
    description: 'The activation floor: one status-bar item.',
    publisher,
    version: '1.0.0',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    activationEvents: ['onStartupFinished'],
    main: './extension.js',
  };
  fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(
    path.join(src, 'extension.js'),
    [
      "'use strict';",
      "const vscode = require('vscode');",
      'exports.activate = (context) => {',
      "  const item = vscode.window.createStatusBarItem('emptyBench.item', vscode.StatusBarAlignment.Left, 10);",
      "  item.text = '$(check) Empty';",
      '  item.show();',
      '  context.subscriptions.push(item);',
      '};',
      'exports.deactivate = () => {};',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(src, 'LICENSE'), 'MIT\n');
  fs.writeFileSync(path.join(src, 'README.md'), '# Empty extension (bench)\n');
  const out = path.join(dir, `${id}.vsix`);
  const vsce = path.join(h.ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: src, stdio: 'ignore', timeout: 120_000 });
  return out;
}

interface Run {
  ours: number;
  empty: number;
  git: number | undefined;
  /** The extension VS Code activated first (from the extension host's log). */
  first: string;
  /** "Developer: Startup Performance"'s split of each: Load Code and Call Activate, ms. */
  split: { ours?: [number, number]; empty?: [number, number] };
}

async function oneRun(csBin: string, ourVsix: string, empty: { id: string; vsix: string }, i: number): Promise<Run> {
  const state = h.makeState(`perf${i}`);
  for (const vsix of [empty.vsix, ourVsix]) {
    execFileSync(csBin, ['--install-extension', vsix, '--extensions-dir', path.join(state.dir, 'ext'), '--user-data-dir', state.userDataDir], {
      env: { ...process.env, XDG_CONFIG_HOME: path.join(state.dir, 'xdg-config'), XDG_DATA_HOME: path.join(state.dir, 'xdg-data') },
      stdio: 'ignore',
    });
  }
  const server = await h.startCodeServer(csBin, state);
  // Tall, so that every running extension's row is drawn (the list draws only what it shows).
  const browser = await h.launchBrowser(state, { width: 1400, height: 4000 });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(state.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Heroku' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Empty' }).first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(5000);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const timeOf = async (name: string): Promise<number | undefined> => {
      const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name }).first();
      await row.waitFor({ timeout: 30_000 });
      const text = await row.locator('.activation-time').first().innerText();
      const m = text.match(/(\d+)\s*ms/);
      return m ? Number(m[1]) : undefined;
    };
    const ours = await timeOf(OURS.row);
    const emptyMs = await timeOf(EMPTY_ROW);
    const git = await timeOf('Git').catch(() => undefined);
    if (i === 0) await page.screenshot({ path: path.join(h.ROOT, 'bench-results', 'running-extensions.png') });
    if (ours === undefined || emptyMs === undefined) throw new Error('no activation time in our row or the empty extension’s');
    const split = await startupPerformance(page, server.origin, browser.context).catch(() => new Map<string, [number, number]>());
    return { ours, empty: emptyMs, git, first: firstActivated(state.userDataDir, empty.id), split: { ours: split.get(OURS.id), empty: split.get(empty.id) } };
  } finally {
    await browser.close();
    h.stopCodeServer(server);
    fs.rmSync(state.dir, { recursive: true, force: true });
  }
}

/** "Developer: Startup Performance"'s Extension Activation Stats: Load Code and Call Activate per extension id (the document copied through the clipboard). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- playwright-core's page and context, from the CommonJS harness
async function startupPerformance(page: any, origin: string, context: any): Promise<Map<string, [number, number]>> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Developer: Startup Performance');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Startup Performance' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines', { hasText: 'Extension Activation Stats' }).first().waitFor({ timeout: 30_000 });
  await page.locator('.monaco-editor .view-lines', { hasText: 'Extension Activation Stats' }).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const text: string = await page.evaluate('navigator.clipboard.readText()');
  const rows = new Map<string, [number, number]>();
  for (const m of text.matchAll(/^\|\s*([\w.-]+)\s*\|\s*(?:true|false)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/gm)) rows.set(m[1]!, [Number(m[2]), Number(m[3])]);
  return rows;
}

/** Which of the two the extension host activated first, from its log's `_doActivateExtension` lines. */
function firstActivated(userDataDir: string, emptyId: string): string {
  const logs: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$/.test(e.name)) logs.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const at = (id: string) => text.indexOf(`_doActivateExtension ${id}`);
  const [o, e] = [at(OURS.id), at(emptyId)];
  if (o < 0 || e < 0) return '?';
  return o < e ? 'ours' : 'empty';
}

async function main(): Promise<void> {
  for (const v of VSIXES) if (!fs.existsSync(v)) throw new Error(`${v} is missing: run \`npm run package\` first`);
  fs.mkdirSync(path.join(h.ROOT, 'bench-results'), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-activation-'));
  try {
    const empties = EMPTY_IDS.map((id) => ({ id, vsix: emptyExtensionVsix(scratch, id) }));
    const csBin: string = h.installCodeServer();
    const runs = new Map<string, Run[]>(VSIXES.map((v) => [v, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const vsix of VSIXES) {
        // Runs alternate: the empty extension activated before ours, then after it.
        const r = await oneRun(csBin, vsix, empties[i % 2]!, i);
        runs.get(vsix)!.push(r);
        console.log(`${path.basename(vsix)} run ${i + 1} (${r.first} activated first): ours ${r.ours} ms, empty ${r.empty} ms (ratio ${(r.ours / r.empty).toFixed(2)}), Git ${r.git ?? '?'} ms`);
      }
    }
    for (const vsix of VSIXES) report(vsix, runs.get(vsix)!);
    const dist = path.join(h.ROOT, 'dist');
    const kb = (f: string) => (fs.existsSync(path.join(dist, f)) ? `${(fs.statSync(path.join(dist, f)).size / 1024).toFixed(1)} KB` : '-');
    console.log(`\nThis build: loaded at activation dist/extension.js ${kb('extension.js')}; after it dist/features.js ${kb('features.js')}.`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function report(vsix: string, runs: Run[]): void {
  // Each extension's time from the runs where it was activated first (the one activated
  // second waits while the first loads, and its time says more about the other one).
  const ours = runs.filter((r) => r.first === 'ours').map((r) => r.ours);
  const empty = runs.filter((r) => r.first === 'empty').map((r) => r.empty);
  const oursSecond = runs.filter((r) => r.first === 'empty').map((r) => r.ours);
  const emptySecond = runs.filter((r) => r.first === 'ours').map((r) => r.empty);
  const git = runs.map((r) => r.git).filter((x): x is number => x !== undefined);
  const row = (what: string, xs: number[]) => [what, String(xs.length), xs.length ? String(median(xs)) : '-', xs.join(', ')];
  const name = `${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(1)} KB)`;
  printTable(`${name}: activation (Running Extensions: load code + activate call; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the end)`, ['what', 'runs', 'median ms', 'all'], [
    row('Heroku (via Membrane), activated first', ours),
    row('empty extension, activated first', empty),
    row('Heroku (via Membrane), activated second', oursSecond),
    row('empty extension, activated second', emptySecond),
    row('built-in Git (every run)', git),
  ]);
  const splitOf = (who: 'ours' | 'empty', part: 0 | 1) =>
    runs.filter((r) => r.first === who).map((r) => r.split[who]?.[part]).filter((x): x is number => x !== undefined);
  const med = (xs: number[]) => (xs.length ? String(median(xs)) : '-');
  printTable(`${name}: the same runs, split as "Developer: Startup Performance" shows it (each activated first)`, ['what', 'runs', 'Load Code median ms', 'Call Activate median ms'], [
    ['Heroku (via Membrane)', String(splitOf('ours', 0).length), med(splitOf('ours', 0)), med(splitOf('ours', 1))],
    ['empty extension', String(splitOf('empty', 0).length), med(splitOf('empty', 0)), med(splitOf('empty', 1))],
  ]);
  const ratio = ours.length && empty.length ? (median(ours) / median(empty)).toFixed(2) : '?';
  console.log(`${name}: ours / empty, each activated first, same runs: ${ratio} (budget: 2×). Per-run ratios: ${runs.map((r) => (r.ours / r.empty).toFixed(2)).join(', ')}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
