// Playwright UI tests: each spec gets its own code-server, profile and sandbox, opens the
// real workbench in Debian's Chromium with the extension in development mode, clicks
// through it like a user, and saves screenshots.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { connectionFlowSpecs } from './connection.e2e';
import { explorerSpecs } from './explorer.e2e';
import { configVarsSpecs } from './configVars.e2e';
import { paletteSpecs } from './palette.e2e';
import { logsSpecs } from './logs.e2e';
import { deploySpecs } from './deploy.e2e';
import { pipelineSpecs } from './pipelines.e2e';
import { runSpecs } from './run.e2e';
import { accountSpecs } from './accounts.e2e';

export interface UiContext {
  page: Page;
  /** Rewrite the sandbox pointer file (knobs for the next CLI calls). */
  scenario(knobs: Record<string, string | null>): void;
  /** Run the sandbox CLI (e.g. `sandbox complete-client-action`). */
  sandbox(args: string[]): string;
  shot(name: string): Promise<string>;
  state: { dir: string; sandboxHome: string; pointer: string; worldFile: string };
}

export interface UiSpec {
  name: string;
  /** Knobs in force before the workbench opens. */
  knobs?: Record<string, string>;
  /** Prepares the state (e.g. files in the workspace folder) before the workbench opens. */
  prepare?(state: UiContext['state'] & { workspace: string }): void;
  run(t: UiContext): Promise<void>;
}

 
type Harness = any;

/** A spec that takes longer than this fails (and its code-server and browser are stopped). */
const SPEC_TIMEOUT_MS = 5 * 60_000;

function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${what}" did not finish within ${ms / 1000}s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function runUiTests(csBin: string, h: Harness, shotsDir: string): Promise<{ passed: number; failed: number }> {
  fs.mkdirSync(shotsDir, { recursive: true });
  const only = process.env.HEROKU_UI_GREP;
  const specs: UiSpec[] = [...connectionFlowSpecs, ...explorerSpecs, ...configVarsSpecs, ...paletteSpecs, ...logsSpecs, ...deploySpecs, ...pipelineSpecs, ...runSpecs, ...accountSpecs].filter((s) => !only || s.name.includes(only));
  let passed = 0;
  let failed = 0;
  for (const spec of specs) {
    const state = h.makeState('ui');
    fs.writeFileSync(state.pointer, JSON.stringify(spec.knobs ?? {}));
    spec.prepare?.(state);
    // Restarted dynos stay `starting` while the tests look, and router lines come only where a spec
    // asks: what the tests read never depends on their speed.
    const server = await h.startCodeServer(csBin, state, { MEMBRANE_SANDBOX_RESTART_MS: '3600000', MEMBRANE_SANDBOX_ROUTER_MS: '0' });
    const browser = await h.launchBrowser(state);
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e: Error) => errors.push(e.message));
    const ctx: UiContext = {
      page,
      state,
      // Atomically: the sandbox's stream server may read the pointer at any moment.
      scenario: (knobs) => {
        fs.writeFileSync(`${state.pointer}.tmp`, JSON.stringify(knobs));
        fs.renameSync(`${state.pointer}.tmp`, state.pointer);
      },
      sandbox: (args) =>
        execFileSync(h.SANDBOX_BIN, args, {
          encoding: 'utf8',
          env: { ...process.env, MEMBRANE_SANDBOX_HOME: state.sandboxHome, MEMBRANE_SANDBOX_WORLD: state.worldFile, MEMBRANE_SANDBOX_CONFIG: state.pointer },
        }),
      shot: async (name) => {
        const file = path.join(shotsDir, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
    };
    const t0 = Date.now();
    try {
      await page.goto(h.workbenchUrl(server), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await withDeadline(spec.run(ctx), SPEC_TIMEOUT_MS, spec.name);
      passed++;
      console.log(`  ✔ ${spec.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (e) {
      failed++;
      console.log(`  ✖ ${spec.name}: ${(e as Error).message.split('\n')[0]}`);
      await ctx.shot(`FAILED-${spec.name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => {});
      const logs = path.join(state.dir, 'code-server.log');
      if (fs.existsSync(logs)) console.log(fs.readFileSync(logs, 'utf8').split('\n').filter((l: string) => !h.NOISE.test(l)).slice(-15).join('\n'));
    } finally {
      await browser.close();
      h.stopCodeServer(server);
    }
  }
  return { passed, failed };
}

// ---- workbench helpers shared by the specs ----------------------------------------

export const statusItem = (page: Page, text: string) => page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();

export async function openHerokuView(page: Page): Promise<void> {
  await page.keyboard.press('Escape').catch(() => {});
  const icon = page.locator('.part.activitybar .action-label[aria-label^="Heroku"]').first();
  await icon.waitFor({ state: 'visible', timeout: 60_000 });
  const expanded = await icon.getAttribute('aria-expanded').catch(() => null);
  if (expanded !== 'true') await icon.click();
}

/** A tree row by its label (exact), or by any text in it (a RegExp over label + description). */
export const treeRow = (page: Page, text: string | RegExp) =>
  typeof text === 'string'
    ? page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first()
    : page.locator('.pane-body .monaco-list-row', { hasText: text }).first();

/** Expand a collapsed tree row (a click toggles it). */
export async function expandRow(page: Page, text: string | RegExp): Promise<void> {
  const r = treeRow(page, text);
  await r.waitFor({ timeout: 30_000 });
  if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
  await r.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: 30_000 });
}

/** Collapse or open a view pane of the sidebar by its title. */
export async function togglePane(page: Page, title: string): Promise<void> {
  await page.locator('.pane-header', { hasText: title }).first().click();
}

export const welcome = (page: Page, text: string) => page.locator('.welcome-view-content', { hasText: text }).first();

/** VS Code asks before opening an external site: answer "Open" when it does. */
export async function acceptOpenExternal(page: Page): Promise<void> {
  const open = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Open', exact: true });
  try {
    await open.waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    return; // a trusted domain: no question asked
  }
  await open.click();
}

export const quickInput = (page: Page) => page.locator('.quick-input-widget input');
export const quickRow = (page: Page, text: string | RegExp) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.locator('.part.sidebar .composite.title').first().click();
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: 15_000 });
  await quickInput(page).fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/**
 * Right-clicks `target` and chooses `label` in its context menu. The tree may redraw the row
 * while the menu opens (a category finishing its load), which detaches the menu: then the
 * menu is opened again, at most three times.
 */
export async function contextMenu(page: Page, target: ReturnType<Page['locator']>, label: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: label }).first();
    try {
      await item.waitFor({ timeout: 10_000 });
      await item.click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}
