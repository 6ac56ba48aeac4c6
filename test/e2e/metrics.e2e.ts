// Show Metrics in the real workbench: Heroku's metrics of acme-api with release markers
// (a deploy, a config change, a rollback, made in the world just before), the live charts
// moving with the sandbox's router lines, the table view, and the panel in Dark Modern,
// Light Modern and Dark High Contrast; a picture for the Marketplace page.
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { contextMenu, expandRow, openHerokuView, setTheme, togglePane, treeRow, webviewFrame, type UiContext, type UiSpec } from './run';

export const METRICS_APP = 'acme-api';

/** Three releases of acme-api within the last 24 hours: one marker of each kind. */
export function recentReleases(t: UiContext): void {
  const w = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
  const app = w.apps.find((a: { name: string }) => a.name === METRICS_APP);
  const list = w.releases[app.id];
  const last = list[list.length - 1];
  const now = Date.now();
  const made = (version: number, description: string, hoursAgo: number) => ({ ...last, id: `${last.id.slice(0, -4)}${String(version).padStart(4, '0')}`, version, description, current: false, created_at: new Date(now - hoursAgo * 3_600_000).toISOString(), updated_at: new Date(now - hoursAgo * 3_600_000).toISOString() });
  for (const r of list) r.current = false;
  list.push(made(last.version + 1, 'Deploy 7c1e2d4', 9), made(last.version + 2, 'Rollback to v' + last.version, 6), { ...made(last.version + 3, 'Set FEATURE_FAST_CHECKOUT config vars', 2), current: true });
  fs.writeFileSync(t.state.worldFile, JSON.stringify(w));
}

/** The metrics page (its webview frame), once Heroku's charts are drawn. */
export async function metricsFrame(page: Page): Promise<Frame> {
  return webviewFrame(page, '#herokuCharts .plot canvas', 'the metrics page to draw its charts', 30_000);
}

/** Show Metrics on acme-api from its context menu; the page's frame once its charts and markers are drawn. */
export async function openMetrics(t: UiContext): Promise<Frame> {
  const { page } = t;
  await openHerokuView(page);
  const team = treeRow(page, 'Team: acme');
  await team.waitFor({ timeout: 60_000 });
  await expandRow(page, 'Team: acme');
  const app = treeRow(page, METRICS_APP);
  await app.waitFor({ timeout: 30_000 });
  await contextMenu(page, app, 'Show Metrics');
  const frame = await metricsFrame(page);
  await frame.locator('.marker').first().waitFor({ timeout: 30_000 });
  return frame;
}

export const metricsSpecs: UiSpec[] = [
  {
    name: 'metrics: Heroku’s charts with release markers, live charts from the router log, the table view, three themes',
    knobs: { MEMBRANE_SANDBOX_ROUTER_MS: '150' },
    async run(t) {
      const { page, shot } = t;
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) cspErrors.push(m.text());
      });
      recentReleases(t);
      await openHerokuView(page);
      await togglePane(page, 'Pipelines');
      const frame = await openMetrics(t);
      // Every chart of a web app: throughput, response time, memory and load of web, errors.
      const titles = await frame.locator('#herokuCharts h3').allTextContents();
      for (const want of ['Throughput by status class', 'Response time', 'Memory: web', 'Dyno load: web', 'Errors by code']) {
        if (!titles.includes(want)) throw new Error(`no chart "${want}" among ${titles.join(', ')}`);
      }
      const markers = await frame.locator('.marker').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
      if (markers.length !== 3 || !/deploy/.test(markers[0]!) || !/rollback/.test(markers[1]!) || !/config change/.test(markers[2]!)) throw new Error(`markers: ${markers.join(' | ')}`);
      // The live charts move as the router lines arrive.
      await frame.locator('#liveCharts .plot canvas').first().waitFor({ timeout: 60_000 });
      await shot('metrics-01-dark');
      await t.publish('metrics', 'editor');
      await frame.locator('#liveTitle').scrollIntoViewIfNeeded();
      await frame.locator('#liveCharts [data-chart="live:throughput"] .plot canvas').waitFor({ timeout: 60_000 });
      await shot('metrics-01-live');
      // Each series' legend sample is drawn with its own dash (a canvas each); the live status is announced.
      const samples = await frame.locator('#herokuCharts [data-chart="throughput"] .legend canvas.swatch').count();
      if (samples !== 4) throw new Error(`throughput legend samples: ${samples}`);
      if ((await frame.locator('#liveStatus').getAttribute('role')) !== 'status') throw new Error('the live status is not a live region');
      await frame.locator('#title').scrollIntoViewIfNeeded();

      // A marker by keyboard: focus it, Enter: the release opens beside.
      await frame.locator('.marker').last().focus();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: `${METRICS_APP} v` }).first().waitFor({ timeout: 30_000 });
      await page.locator('.tabs-container .tab', { hasText: `Metrics: ${METRICS_APP}` }).first().click();
      const again = await metricsFrame(page);

      // A range by keyboard; then the table view.
      await again.locator('#ranges button', { hasText: '7 days' }).focus();
      await page.keyboard.press('Enter');
      await again.locator('#ranges button[aria-pressed="true"]', { hasText: '7 days' }).waitFor({ timeout: 15_000 });
      await again.locator('#window', { hasText: 'a point every 2 hours' }).waitFor({ timeout: 30_000 });
      await again.locator('#tableToggle').focus();
      await page.keyboard.press('Space');
      await again.locator('#tableToggle[aria-pressed="true"]').waitFor({ timeout: 10_000 });
      const captions = await again.locator('#herokuCharts table caption').allTextContents();
      if (!captions.some((c) => c.startsWith('Throughput by status class'))) throw new Error(`tables: ${captions.join(', ')}`);
      const headers = await again.locator('#herokuCharts table').first().locator('thead th').allTextContents();
      if (headers.join('|') !== 'Time|2xx|3xx|4xx|5xx') throw new Error(`headers: ${headers.join('|')}`);
      if ((await again.locator('#herokuCharts table').first().locator('tbody tr').count()) !== 85) throw new Error('a week at 2 hours is 85 rows');
      // Without a time axis the markers are a list, each with its time, none past the page's edge.
      await again.locator('#strip.list').waitFor({ timeout: 10_000 });
      const pageWidth = Number(await again.locator('html').evaluate((h) => h.clientWidth));
      const overflow = await again.locator('#strip .marker').evaluateAll((bs, width) => bs.filter((b) => b.getBoundingClientRect().right > width || !/ · /.test(b.textContent ?? '')).length, pageWidth);
      if (overflow) throw new Error(`${overflow} markers past the edge or without their time in the table view`);
      await shot('metrics-02-table');
      await again.locator('#tableToggle').click();
      await again.locator('#herokuCharts .plot canvas').first().waitFor({ timeout: 10_000 });

      for (const theme of ['Light Modern', 'Dark High Contrast']) {
        await setTheme(page, theme, [again]);
        await again.locator('#herokuCharts .plot canvas').first().waitFor({ timeout: 10_000 });
        await shot(`metrics-03-${theme.replace(/\W+/g, '-').toLowerCase()}`);
      }
      if (cspErrors.length) throw new Error(`CSP violations: ${cspErrors.slice(0, 3).join(' | ')}`);
    },
  },
];
