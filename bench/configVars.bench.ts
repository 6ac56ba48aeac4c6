// Render time of the config-vars page with 1,000 variables, in Debian's Chromium: the real
// page script and stylesheet on a static page with a stub of the webview API. Numbers only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, printTable } from './stats';

const REPO = path.resolve(__dirname, '..');

export async function benchConfigVars(count = 1000, runs = 7): Promise<void> {
  const script = path.join(REPO, 'dist', 'webview', 'configVars.js');
  if (!fs.existsSync(script)) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cv-'));
  // The page's own markup: the same ids the host's HTML has.
  const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${path.join(REPO, 'media', 'configVars.css')}"></head><body>
<header><h1>Config Vars — <span id="app"></span></h1><span id="count"></span><input id="search"><span id="shown"></span>
<button id="revealAll"></button><button id="add"></button><button id="import"></button><button id="export"></button><button id="reload"></button><button id="save"></button></header>
<div id="busy" class="banner" hidden><span id="busyText"></span></div>
<div id="notice" class="banner" hidden><span id="noticeText"></span><span id="release"></span><button id="discard"></button><button id="noticeClose"></button></div>
<div id="error" class="banner" hidden><span id="errorText"></span><button id="errorClose"></button></div>
<table><tbody id="rows"></tbody></table>
<script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });</script>
<script src="${script}"></script></body></html>`;
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS harness
  const h = require('../scripts/vscode/harness.js');
  const browser = await h.launchBrowser({});
  const base = Object.fromEntries(Array.from({ length: count }, (_, i) => [`SETTING_${String(i).padStart(4, '0')}`, `value-${i}-${'x'.repeat(i % 40)}`]));
  const initial: number[] = [];
  const reveal: number[] = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    for (let i = 0; i < runs; i++) {
      await page.goto(`file://${path.join(dir, 'index.html')}`);
      // Timed inside the page: message posted → rows in the DOM and laid out.
      const t = await page.evaluate(`new Promise((resolve) => {
        const start = performance.now();
        window.postMessage({ type: 'init', app: 'acme-monolith', base: ${JSON.stringify(base)}, draft: null }, '*');
        const check = () => document.querySelectorAll('#rows tr.row').length === ${count} ? requestAnimationFrame(() => resolve(performance.now() - start)) : setTimeout(check, 0);
        check();
      })`);
      initial.push(Number(t));
      const r = await page.evaluate(`new Promise((resolve) => {
        const start = performance.now();
        document.getElementById('revealAll').click();
        document.body.offsetHeight;
        requestAnimationFrame(() => resolve(performance.now() - start));
      })`);
      reveal.push(Number(r));
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printTable(`Config vars page with ${count} variables, Chromium (median of ${runs})`, ['what', 'ms', 'all'], [
    ['first render (values masked)', median(initial).toFixed(1), initial.map((x) => x.toFixed(0)).join(', ')],
    ['reveal all', median(reveal).toFixed(1), reveal.map((x) => x.toFixed(0)).join(', ')],
  ]);
}
