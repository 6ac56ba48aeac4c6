// Activation time, measured as one measures any extension in code-server: the
// VSIX installed in code-server, a fresh profile per run, the workbench opened in
// Chromium, then "Developer: Show Running Extensions" read for our row (VS Code's
// code-loading + activate-call time) and the built-in Git's, as the same-run anchor.
// Usage: node --import tsx bench/activation.ts [runs=5]   (needs `npm run package` first)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS harness
const h = require('../scripts/vscode/harness.js');

const RUNS = Number(process.argv[2]) || 5;
const VSIX = path.join(h.ROOT, 'heroku-membrane.vsix');

async function oneRun(csBin: string, i: number): Promise<{ ours: number; git: number | undefined }> {
  const state = h.makeState(`perf${i}`);
  execFileSync(csBin, ['--install-extension', VSIX, '--extensions-dir', path.join(state.dir, 'ext'), '--user-data-dir', state.userDataDir], {
    env: { ...process.env, XDG_CONFIG_HOME: path.join(state.dir, 'xdg-config'), XDG_DATA_HOME: path.join(state.dir, 'xdg-data') },
    stdio: 'ignore',
  });
  const server = await h.startCodeServer(csBin, state);
  const browser = await h.launchBrowser(state);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(state.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.part.statusbar .statusbar-item', { hasText: 'Heroku' }).first().waitFor({ timeout: 60_000 });
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
    const ours = await timeOf('Heroku (via Membrane)');
    const git = await timeOf('Git').catch(() => undefined);
    if (i === 0) await page.screenshot({ path: path.join(h.ROOT, 'bench-results', 'running-extensions.png') });
    if (ours === undefined) throw new Error('no activation time in our row');
    return { ours, git };
  } finally {
    await browser.close();
    h.stopCodeServer(server);
    fs.rmSync(state.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(VSIX)) throw new Error('run `npm run package` first');
  fs.mkdirSync(path.join(h.ROOT, 'bench-results'), { recursive: true });
  const csBin: string = h.installCodeServer();
  const ours: number[] = [];
  const git: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(csBin, i);
    ours.push(r.ours);
    if (r.git !== undefined) git.push(r.git);
    console.log(`run ${i + 1}: ours ${r.ours} ms, Git ${r.git ?? '?'} ms`);
  }
  const bundle = fs.statSync(path.join(h.ROOT, 'dist', 'extension.js')).size;
  printTable('Activation (Running Extensions: load code + activate call)', ['what', 'runs', 'median ms', 'all'], [
    ['Heroku (via Membrane)', String(ours.length), String(median(ours)), ours.join(', ')],
    ['built-in Git (same runs)', String(git.length), git.length ? String(median(git)) : '?', git.join(', ')],
  ]);
  console.log(`bundle loaded at activation: dist/extension.js ${(bundle / 1024).toFixed(1)} KB; VSIX ${(fs.statSync(VSIX).size / 1024).toFixed(1)} KB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
