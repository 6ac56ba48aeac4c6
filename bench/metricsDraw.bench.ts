// The metrics panel (numbers only, nothing asserted):
// - draw: a week at a 1-minute step (10,080 points × 6 series) from the `metrics` message to
//   the chart drawn, in Debian's Chromium: the real page script (uPlot included) and
//   stylesheet on a static page with a stub of the webview API, timed inside the page until
//   the frame after the canvas is in (the goal: under 100 ms); and the same chart as a table;
// - live: 30,000 router lines a second (the sandbox's lines) counted into the 10-second
//   buckets, in batches of 300 every 10 ms as a busy stream delivers them, with the panel's
//   picture made and serialized once a second; the event loop's lag (p95, goal under 50 ms)
//   and the counting's own throughput. The stream's reading is logs.bench.ts's.
//   node --import tsx bench/metricsDraw.bench.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { liveCharts, type ChartModel } from '../src/metrics/core/chartModel';
import { LiveBuckets } from '../src/metrics/core/liveBuckets';
import { pageText } from '../src/metrics/core/pageText';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is CommonJS
const { routerLine } = require('../sandbox/lib/streamServer.js');

const REPO = path.resolve(__dirname, '..');
const WEEK_POINTS = 7 * 24 * 60;

/** A week at one minute: six series (p50, p95, p99 and three more) with a daily curve and noise. */
function weekChart(): ChartModel {
  const start = Date.now() - WEEK_POINTS * 60_000;
  const times = Array.from({ length: WEEK_POINTS }, (_, i) => start + i * 60_000);
  const roles = ['p50', 'p95', 'p99', 'mean', 'max', 'other'] as const;
  const series = roles.map((role, k) => ({ label: role, role, values: times.map((_, i) => Math.round((k + 1) * 40 * (1.5 + Math.sin((i / 1440) * 2 * Math.PI)) + ((i * 7919 + k * 104729) % 97))) }));
  return { id: 'latency', title: 'Response time', unit: 'ms', unitText: 'milliseconds', times, series };
}

async function benchDraw(runs: number): Promise<string[][]> {
  const script = path.join(REPO, 'dist', 'webview', 'metrics.js');
  if (!fs.existsSync(script)) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-metrics-'));
  // The page's own markup: the same ids the host's HTML has (src/metrics/panel.ts).
  const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${path.join(REPO, 'media', 'metrics.css')}"></head><body style="width: 1200px">
<header><h1 id="title">Metrics — <span id="app"></span></h1><div id="ranges" role="group"></div><button id="tableToggle" type="button" aria-pressed="false"></button></header>
<main><div id="error" class="banner empty" role="alert"></div>
<section id="heroku"><h2 id="herokuTitle"></h2><p id="window"></p><div id="unsupported" class="banner empty"><p id="unsupportedText"></p><button id="dashboard" type="button"></button></div><div id="markers"></div><div id="herokuCharts"></div></section>
<section id="live"><h2 id="liveTitle"></h2><p id="liveStatus"></p><div id="liveCharts"></div></section></main>
<script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });</script>
<script src="${script}"></script></body></html>`;
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  const init = { type: 'init', app: 'acme-api', range: '7d', text: pageText() };
  const metrics = { type: 'metrics', range: '7d', window: 'a week at one minute', charts: [weekChart()], markers: [] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS harness
  const h = require('../scripts/vscode/harness.js');
  const browser = await h.launchBrowser({});
  const draw: number[] = [];
  const table: number[] = [];
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.setViewportSize({ width: 1280, height: 900 });
    for (let i = 0; i < runs; i++) {
      await page.goto(`file://${path.join(dir, 'index.html')}`);
      await page.evaluate(`window.postMessage(${JSON.stringify(init)}, '*')`);
      // Message posted (the structured clone of 60,480 values included) → the canvas drawn, and the frame after it.
      const t = await page.evaluate(`new Promise((resolve) => {
        const message = ${JSON.stringify(metrics)};
        const start = performance.now();
        window.postMessage(message, '*');
        const check = () => document.querySelector('#herokuCharts canvas') ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check);
        check();
      })`);
      draw.push(Number(t));
      const r = await page.evaluate(`new Promise((resolve) => {
        const start = performance.now();
        document.getElementById('tableToggle').click();
        document.body.offsetHeight;
        requestAnimationFrame(() => resolve(performance.now() - start));
      })`);
      table.push(Number(r));
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [
    [`message → chart drawn (${WEEK_POINTS.toLocaleString('en')} × 6)`, median(draw).toFixed(1), draw.map((x) => x.toFixed(0)).join(', ')],
    ['the same as a table (Show as table)', median(table).toFixed(1), table.map((x) => x.toFixed(0)).join(', ')],
  ];
}

async function benchLive(seconds: number, perSecond = 30_000): Promise<string[][]> {
  const pool: string[] = Array.from({ length: 30_000 }, () => routerLine('acme-api') as string);
  // Throughput of the counting alone.
  const counting = new LiveBuckets();
  const t0 = performance.now();
  for (let round = 0; round < 5; round++) for (const line of pool) counting.add(line);
  const countMs = performance.now() - t0;

  // At 30,000 lines a second, as a stream delivers them, with the panel's picture once a second.
  const buckets = new LiveBuckets();
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const batch = perSecond / 100;
  let next = 0;
  let pictureMs = 0;
  let pictures = 0;
  let bytes = 0;
  const ticker = setInterval(() => {
    const s = performance.now();
    bytes = JSON.stringify({ type: 'live', charts: liveCharts(buckets.points()) }).length;
    pictureMs += performance.now() - s;
    pictures++;
  }, 1000);
  lag.enable();
  const start = performance.now();
  const end = start + seconds * 1000;
  let sent = 0;
  while (performance.now() < end) {
    for (let i = 0; i < batch; i++) buckets.add(pool[next++ % pool.length]!);
    sent += batch;
    // The next batch when it is due (every 10 ms), the loop free in between.
    const due = start + (sent / perSecond) * 1000;
    await delay(Math.max(0, due - performance.now()));
  }
  const elapsed = (performance.now() - start) / 1000;
  lag.disable();
  clearInterval(ticker);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  return [
    ['counting alone', `${Math.round((pool.length * 5) / (countMs / 1000)).toLocaleString('en')} lines/s`, `${((countMs * 1000) / (pool.length * 5)).toFixed(2)} µs a line`],
    [`${perSecond.toLocaleString('en')} lines/s for ${seconds} s`, `${Math.round(sent / elapsed).toLocaleString('en')} lines/s delivered`, `event-loop lag p50 ${ms(lag.percentile(50))} ms, p95 ${ms(lag.percentile(95))} ms, max ${ms(lag.max)} ms`],
    ['the picture sent each second', `${(pictureMs / Math.max(1, pictures)).toFixed(2)} ms`, `${(bytes / 1024).toFixed(1)} KB serialized`],
  ];
}

export async function benchMetrics(runs = 7, seconds = 10): Promise<void> {
  printTable(`Metrics page, Chromium (median of ${runs})`, ['what', 'ms', 'all'], await benchDraw(runs));
  printTable('Live metrics from the router log (plain Node)', ['what', 'rate', 'detail'], await benchLive(seconds));
}

if (require.main === module) {
  benchMetrics().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
