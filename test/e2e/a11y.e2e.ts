// Accessibility in the real workbench: axe-core on every webview the extension has, in four
// themes; the main flow by keyboard only, with the focus checked after each step; the
// config-vars page at 200% zoom and at 320 CSS px (every value still readable); the focus
// never hidden under the page's sticky header. CONTRIBUTING.md ("Accessibility") says how a
// new view joins these tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { editorFrame, hostileWorld, openEditor } from './configVars.e2e';
import { openMetrics, recentReleases } from './metrics.e2e';
import { quickInput, setTheme, treeRow as treeRowOf, type UiContext, type UiSpec } from './run';
import { waitUntil } from '../helpers/wait';

const ROOT = path.resolve(__dirname, '..', '..');
const AXE_SOURCE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** The themes every webview is checked in. */
export const THEMES = ['Dark Modern', 'Light Modern', 'Dark High Contrast', 'Light High Contrast'];

/**
 * Moderate (and minor) findings the tests accept, each with its reason. Serious and critical
 * ones are never accepted. Empty: nothing is accepted today.
 */
export const ACCEPTED: Record<string, string> = {};

/**
 * What axe could not decide ("incomplete": to review by hand) fails too, unless reviewed
 * here: the rule, the elements it is about, and why it is fine.
 */
export const REVIEWED: Array<{ rule: string; target: RegExp; reason: string }> = [
  {
    rule: 'scrollable-region-focusable',
    target: /\.valuebox$/,
    reason: "a long value's box scrolls; the value in it is the grid's stop for that cell (tabindex -1 until the arrow keys reach it, the roving tabindex), and Up/Down scroll it (the keyboard spec scrolls one)",
  },
  {
    rule: 'color-contrast',
    target: /\.valuebox > pre$/,
    reason: 'the text of a long value clipped by its scrolling box: axe cannot see the background of the part scrolled away; the same colours are measured on the values that fit',
  },
];

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/**
 * axe-core run in a webview's page (its frame), injected as source: the page's CSP allows no
 * script of ours, and an evaluation from the test driver is not the page's script.
 */
export async function axeFindings(frame: Frame, kind: 'violations' | 'incomplete' = 'violations'): Promise<AxeFinding[]> {
  if ((await frame.evaluate('typeof window.axe')) === 'undefined') await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(`axe.run(document, { resultTypes: ['${kind}'] }).then((r) => r.${kind}.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\\s+/g, ' ') })),
  })))`);
}

/** The findings that fail: any serious or critical one, and any other not in `accepted`. */
export function failing(findings: AxeFinding[], accepted: Record<string, string> = ACCEPTED): AxeFinding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical' || !Object.hasOwn(accepted, f.id));
}

/** The findings axe could not decide, less the reviewed ones. */
export function unreviewed(findings: AxeFinding[], reviewed = REVIEWED): AxeFinding[] {
  return findings
    .map((f) => ({ ...f, nodes: f.nodes.filter((n) => !reviewed.some((r) => r.rule === f.id && r.target.test(n.target))) }))
    .filter((f) => f.nodes.length);
}

const describe = (findings: AxeFinding[]) =>
  findings.map((f) => `${f.id} (${f.impact}, ${f.nodes.length}×): ${f.help}\n${f.nodes.slice(0, 4).map((n) => `      ${n.target}: ${n.summary.slice(0, 220)}`).join('\n')}`).join('\n    ');

/**
 * A webview the extension has, opened in the state that shows the most of it (every kind of
 * row, banner and mark). A new webview is one more line in WEBVIEWS.
 */
export interface CheckedWebview {
  name: string;
  open(t: UiContext): Promise<Frame>;
}

export const WEBVIEWS: CheckedWebview[] = [
  // First: the config-vars states end logged out.
  { name: 'metrics', open: metricsWithMarkers },
  { name: 'config vars', open: configVarsInEveryState },
];

/** The metrics page of acme-api with release markers, its Heroku and live charts drawn. */
async function metricsWithMarkers(t: UiContext): Promise<Frame> {
  recentReleases(t);
  return openMetrics(t);
}

/** The config-vars page with hostile data, values masked and revealed, a removed, a changed and an invalid new row, a notice and an error. */
async function configVarsInEveryState(t: UiContext): Promise<Frame> {
  const { page } = t;
  hostileWorld(t);
  const frame = await openEditor(page);
  await (await rowOf(frame, 'GO_ENV')).locator('[data-role="delete"]').click();
  const greeting = await rowOf(frame, 'GREETING');
  await greeting.locator('[data-role="edit"]').click();
  await greeting.locator('textarea').fill('changed by the accessibility test');
  await greeting.locator('textarea').press('Control+Enter');
  await frame.locator('#add').click();
  await frame.locator('tr.row.added input[data-role="key"]').fill('9 BAD');
  await frame.locator('tr.row.added input[data-role="key"]').press('Tab');
  // A notice (reload, keeping the edits) and an error (a reload while logged out).
  const reloadKeeping = async () => {
    // (The tab's ● says the host stored the draft.)
    await page.locator('.tabs-container .tab', { hasText: '● Config Vars: alex-playground' }).first().waitFor({ timeout: 15_000 });
    await frame.locator('#reload').click();
    const keep = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Reload and Keep My Edits' });
    await keep.waitFor({ timeout: 15_000 });
    await keep.click();
  };
  await reloadKeeping();
  await frame.locator('#noticeText', { hasText: /Reloaded/ }).waitFor({ timeout: 30_000 });
  t.scenario({ MEMBRANE_SANDBOX_FAULT: 'auth-expired' });
  await reloadKeeping();
  await frame.locator('#errorText', { hasText: /Not logged in/ }).waitFor({ timeout: 30_000 });
  t.scenario({});
  // Some values revealed (a long one scrolls), the others masked.
  for (const key of ['NEAR_LIMIT', 'MULTILINE', 'UNICODE']) await (await rowOf(frame, key)).locator('[data-role="reveal"]').click();
  // The invalid new row in edit mode again (the reload ended its editing).
  await frame.locator('tr.row.added [data-role="edit"]').click();
  await frame.locator('tr.row.added input[data-role="key"]').waitFor({ timeout: 10_000 });
  return frame;
}

/** A config-vars row by its key, found by its row id (which stays while the key is edited). */
export async function rowOf(frame: Frame, key: string) {
  const id = await frame.locator('tr.row', { has: frame.locator('.keytext', { hasText: new RegExp(`^${key}$`) }) }).getAttribute('data-id', { timeout: 10_000 });
  return frame.locator(`tr.row[data-id="${id}"]`);
}

const axeSpec: UiSpec = {
  name: 'a11y: axe finds nothing serious in any webview, in four themes',
  async run(t) {
    const report: string[] = [];
    const results: string[] = [];
    // One webview at a time, in every theme: a webview hidden behind the next one's tab has no page to check.
    for (const w of WEBVIEWS) {
      const { name } = w;
      const frame = await w.open(t);
      for (const theme of THEMES) {
        await setTheme(t.page, theme, [frame]);
        const findings = await axeFindings(frame);
        const bad = failing(findings);
        // What axe could not decide fails too, unless REVIEWED says why it is fine.
        const unsure = await axeFindings(frame, 'incomplete');
        const open = unreviewed(unsure);
        results.push(`${name} / ${theme}: ${findings.length ? findings.map((f) => `${f.id} (${f.impact}, ${f.nodes.length}×)`).join(', ') : 'no violations'}; to review: ${unsure.map((f) => `${f.id} (${f.nodes.length}×)`).join(', ') || 'nothing'}, of which not reviewed: ${open.length}`);
        if (bad.length) report.push(`${name} in ${theme}:\n    ${describe(bad)}`);
        if (open.length) report.push(`${name} in ${theme}, to review (then list in REVIEWED with the reason, or fix):\n    ${describe(open)}`);
        await t.shot(`a11y-axe-${name.replace(/\W+/g, '-')}-${theme.replace(/\W+/g, '-').toLowerCase()}`);
      }
    }
    console.log(`    axe: ${results.join('\n         ')}`);
    if (report.length) console.log(`    ${report.join('\n    ')}`);
    if (report.length) throw new Error(`axe violations:\n  ${report.join('\n  ')}`);
  },
};

// ---- focus, by keyboard only --------------------------------------------------------

/** Where the workbench's focus is, in words: a tree row, a menu item, a dialog's button, a webview. */
export const WORKBENCH_FOCUS = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  const text = (e) => ((e && e.textContent) || '').trim().replace(/\\s+/g, ' ');
  if (a.closest('.monaco-dialog-box')) return 'dialog: ' + text(a);
  if (a.closest('.monaco-menu-container, .context-view .monaco-menu')) return 'menu: ' + text(document.querySelector('.monaco-menu .action-item.focused .action-label'));
  if (a.tagName === 'IFRAME' && a.classList.contains('webview')) return 'webview';
  const list = a.closest('.monaco-list');
  if (list && a.closest('.part.sidebar')) return 'tree: ' + text(list.querySelector('.monaco-list-row.focused .label-name'));
  return a.tagName.toLowerCase() + '.' + String(a.className).split(' ')[0];
})()`;

/** Where the page's focus is: `KEY:column` in the grid, else the control's id ('body' when lost). */
export const PAGE_FOCUS = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  const tr = a.closest('tr.row');
  if (tr) return tr.dataset.key + ':' + (a.closest('[data-col]') ? a.closest('[data-col]').dataset.col : a.tagName.toLowerCase());
  return a.id || a.tagName.toLowerCase();
})()`;

/** Waits until `read` answers `expected` (focus moves after a message, a redraw, a dialog): fails with what it was. */
export async function expectFocus(read: () => Promise<unknown>, expected: string | RegExp, step: string, what = 'the focus is on'): Promise<void> {
  let seen: unknown;
  const matches = async () => {
    seen = await read().catch((e: Error) => `(${e.message.split('\n')[0]})`);
    return typeof seen === 'string' && (typeof expected === 'string' ? seen === expected : expected.test(seen));
  };
  await waitUntil(matches, step, 5_000).catch(() => {
    throw new Error(`after ${step}, ${what} "${String(seen)}", not "${String(expected)}"`);
  });
}

/** Waits until the page's status line says `words` (the keys in it are in Unicode isolates, which the eye does not see). */
export async function statusSays(frame: Frame, words: string): Promise<void> {
  await expectFocus(async () => String(await frame.evaluate('(document.getElementById("status").getAttribute("role") === "status" ? "" : "(no role) ") + document.getElementById("status").textContent')).replace(/[\u2066-\u2069]/g, '').trim(), words, 'the action', 'the status line says');
}

/** Presses `key` until `read` answers `target` (at most `max` times): keyboard-only travel to a tree row, a menu item, a button. */
export async function pressUntil(page: UiContext['page'], key: string, read: () => Promise<unknown>, target: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    const before = await read();
    if (before === target) return;
    await page.keyboard.press(key);
    // Each press moves the focus: wait for that (a tree row, a menu item, a dialog's button).
    for (let j = 0; j < 40 && (await read()) === before; j++) await new Promise((r) => setTimeout(r, 50));
  }
  if ((await read()) !== target) throw new Error(`${key} × ${max} did not reach "${target}" (at "${String(await read())}")`);
}

/**
 * Selects a field's whole text by keyboard. Not Ctrl+A: VS Code also runs its own Select All
 * on a webview for that key, a moment later, and it would select what was typed meanwhile.
 */
export async function selectAllInField(page: UiContext['page']): Promise<void> {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+End');
}

/** A command from the palette, by keyboard: F1, its title, Enter. */
export async function paletteByKeyboard(page: UiContext['page'], title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: 15_000 });
  // (F1 opens the palette with its '>' typed.)
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

const LONG_VALUE = Array.from({ length: 80 }, (_, i) => `line ${i + 1} of a long value`).join('\n');

const keyboardSpec: UiSpec = {
  name: 'a11y: keyboard only: Heroku view, a dyno restarted from its context menu (Shift+F10), config vars revealed, edited and saved; the focus after each step',
  async run(t) {
    const { page, shot } = t;
    const w = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
    w.configVars[w.apps.find((a: { name: string }) => a.name === 'acme-worker').id].LONG_VALUE = LONG_VALUE;
    fs.writeFileSync(t.state.worldFile, JSON.stringify(w));
    const workbench = () => page.evaluate(WORKBENCH_FOCUS) as Promise<string>;
    // Nothing clicked from here on: the workbench and the page are driven by keys alone.
    await page.locator('.part.activitybar .action-label[aria-label^="Heroku"]').first().waitFor({ timeout: 60_000 });
    // The first opening checks the connection: its "checking" welcome text takes the focus
    // and is then replaced by the tree, and the focus falls to the body (VS Code does not
    // move it into the tree). So the view is focused again once the tree is there.
    await paletteByKeyboard(page, 'Heroku: Focus on Apps View');
    await treeRowOf(page, 'Personal').waitFor({ timeout: 30_000 });
    await paletteByKeyboard(page, 'Heroku: Focus on Apps View');
    await expectFocus(workbench, /^tree: /, 'Focus on Apps View');
    await page.keyboard.press('Home');
    await pressUntil(page, 'ArrowDown', workbench, 'tree: acme-worker');
    await page.keyboard.press('ArrowRight');
    await treeRowOf(page, 'Dynos').waitFor({ timeout: 30_000 });
    await pressUntil(page, 'ArrowDown', workbench, 'tree: Dynos');
    await page.keyboard.press('ArrowRight');
    await treeRowOf(page, 'worker.2').waitFor({ timeout: 30_000 });
    await pressUntil(page, 'ArrowDown', workbench, 'tree: worker.2');
    await shot('a11y-keys-01-dyno-focused');

    // The dyno's context menu by Shift+F10; its Restart, and the question.
    await page.keyboard.press('Shift+F10');
    await page.locator('.monaco-menu .action-item').first().waitFor({ timeout: 10_000 });
    await expectFocus(workbench, /^menu: /, 'Shift+F10 on a dyno');
    await pressUntil(page, 'ArrowDown', workbench, 'menu: Restart Dyno', 20);
    await shot('a11y-keys-02-context-menu');
    await page.keyboard.press('Enter');
    const question = page.locator('.monaco-dialog-box', { hasText: 'Restart worker.2 on acme-worker?' });
    await question.waitFor({ timeout: 10_000 });
    await expectFocus(workbench, /^dialog: /, 'Restart Dyno (the question)');
    await pressUntil(page, 'Tab', workbench, 'dialog: Restart Dyno', 6);
    await shot('a11y-keys-03-restart-question');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'detached', timeout: 10_000 });
    await expectFocus(workbench, 'tree: worker.2', 'the restart question answered');
    await treeRowOf(page, /worker\.2\s*starting/).waitFor({ timeout: 30_000 });

    // The app's Config Vars entry, opened with Enter: the page has the focus, in its filter box.
    await pressUntil(page, 'ArrowDown', workbench, 'tree: Config Vars');
    await page.keyboard.press('Enter');
    const frame = await editorFrame(page);
    await frame.locator('tr.row').first().waitFor({ timeout: 30_000 });
    const inPage = () => frame.evaluate(PAGE_FOCUS) as Promise<string>;
    await expectFocus(workbench, 'webview', 'Enter on Config Vars');
    await expectFocus(inPage, 'search', 'the editor opened');

    // One Tab stop for the whole table: the header's seven controls, then the table's one stop, then out.
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    await expectFocus(inPage, 'LOG_LEVEL:key', 'Tab × 7 from the filter box (into the table)');
    await page.keyboard.press('Tab');
    const inTable = () => frame.evaluate('document.hasFocus() && Boolean(document.activeElement.closest("#rows")) ? "in the table" : "out of the table"');
    await expectFocus(inTable, 'out of the table', 'Tab from the table');
    // (Past the page's last control the focus leaves the webview for the workbench's body: VS Code's webview.)
    // Back in the editor, the page gives the focus back to where it was.
    await paletteByKeyboard(page, 'View: Focus Active Editor Group');
    await expectFocus(inPage, 'LOG_LEVEL:key', 'Focus Active Editor Group (back to the page)');

    // Arrow keys: down to the long value, right to Reveal.
    await pressUntil(page, 'ArrowDown', inPage, 'LONG_VALUE:key', 5);
    await page.keyboard.press('ArrowRight');
    await expectFocus(inPage, 'LONG_VALUE:value', 'ArrowRight (the masked value)');
    await page.keyboard.press('ArrowRight');
    await expectFocus(inPage, 'LONG_VALUE:reveal', 'ArrowRight (Reveal)');
    await page.keyboard.press('Enter');
    await frame.locator('.valuetext').first().waitFor({ timeout: 10_000 });
    await expectFocus(inPage, 'LONG_VALUE:reveal', 'Reveal');
    const revealName = await frame.evaluate('document.activeElement.getAttribute("aria-label")');
    if (revealName !== 'Hide LONG_VALUE') throw new Error(`the reveal button's name does not say its state: ${String(revealName)}`);
    // The value's box scrolls by the arrow keys, then they move on.
    await page.keyboard.press('ArrowLeft');
    await expectFocus(inPage, 'LONG_VALUE:value', 'ArrowLeft (the revealed value)');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const scrolled = await frame.evaluate('document.querySelector(".valuebox").scrollTop');
    if (!(Number(scrolled) > 0)) throw new Error('ArrowDown on a long revealed value did not scroll it');
    await expectFocus(inPage, 'LONG_VALUE:value', 'ArrowDown in a long value (it scrolls)');
    await shot('a11y-keys-04-revealed');

    // Edit: Enter on the value puts the focus in its box; Escape cancels; Ctrl+Enter keeps the edit.
    await page.keyboard.press('Enter');
    await expectFocus(inPage, 'LONG_VALUE:value', 'Enter on the value (edit)');
    if ((await frame.evaluate('document.activeElement.tagName')) !== 'TEXTAREA') throw new Error('Enter on the value did not focus its edit box');
    await selectAllInField(page);
    await page.keyboard.type('typed, then cancelled');
    await page.keyboard.press('Escape');
    await expectFocus(inPage, 'LONG_VALUE:edit', 'Escape in the value');
    await statusSays(frame, 'Cancelled the edit of LONG_VALUE.');
    if ((await frame.locator('tr.row.changed').count()) !== 0) throw new Error('Escape kept the edit');
    await page.keyboard.press('Enter');
    await expectFocus(inPage, 'LONG_VALUE:value', 'Edit (the value box)');
    await selectAllInField(page);
    await page.keyboard.type('edited by keyboard');
    await page.keyboard.press('Control+Enter');
    await expectFocus(inPage, 'LONG_VALUE:edit', 'Ctrl+Enter in the value');
    await frame.locator('tr.row.changed').first().waitFor({ timeout: 5_000 });

    // Delete and Undo on another row: the focus stays in that row, on what comes next.
    await page.keyboard.press('ArrowUp');
    await expectFocus(inPage, 'LOG_LEVEL:edit', 'ArrowUp');
    await page.keyboard.press('ArrowRight');
    await expectFocus(inPage, 'LOG_LEVEL:delete', 'ArrowRight (Delete)');
    await page.keyboard.press('Enter');
    await expectFocus(inPage, 'LOG_LEVEL:undo', 'Delete');
    await statusSays(frame, 'LOG_LEVEL will be removed when you save.');
    await page.keyboard.press('Enter');
    await expectFocus(inPage, 'LOG_LEVEL:edit', 'Undo');
    await statusSays(frame, 'Undid the change to LOG_LEVEL.');
    // Copy says so in the page's status line.
    await page.keyboard.press('ArrowLeft');
    await expectFocus(inPage, 'LOG_LEVEL:copy', 'ArrowLeft (Copy)');
    await page.keyboard.press('Enter');
    await statusSays(frame, 'Copied the value of LOG_LEVEL.');
    await expectFocus(inPage, 'LOG_LEVEL:copy', 'Copy');

    // Save: Shift+Tab to it, Enter, the question answered by keyboard; the focus comes back to Save.
    await page.keyboard.press('Shift+Tab');
    await expectFocus(inPage, 'save', 'Shift+Tab from the table');
    await page.keyboard.press('Enter');
    const save = page.locator('.monaco-dialog-box', { hasText: "Save 1 change to acme-worker's config vars?" });
    await save.waitFor({ timeout: 15_000 });
    await expectFocus(workbench, /^dialog: /, 'Save (the question)');
    await pressUntil(page, 'Tab', workbench, 'dialog: Save', 6);
    await shot('a11y-keys-05-save-question');
    await page.keyboard.press('Enter');
    await frame.locator('#noticeText', { hasText: /^Saved/ }).waitFor({ timeout: 30_000 });
    await expectFocus(workbench, 'webview', 'the save question answered');
    await expectFocus(inPage, 'save', 'the save');
    const w2 = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
    const saved = w2.configVars[w2.apps.find((a: { name: string }) => a.name === 'acme-worker').id].LONG_VALUE;
    if (saved !== 'edited by keyboard') throw new Error(`the save did not reach the world: LONG_VALUE is ${JSON.stringify(String(saved).slice(0, 80))}`);
    await shot('a11y-keys-06-saved');
  },
};

// ---- zoom and reflow --------------------------------------------------------------

/**
 * The window as a zoomed one lays it out: `width` × `height` CSS pixels (200% zoom of a
 * 1280×800 screen is 640×400). Layout depends on CSS pixels only; `zoomShot` draws a picture
 * at the zoom's device pixels.
 */
export async function emulate(page: UiContext['page'], width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
}

/** A screenshot at `scale` device pixels per CSS pixel (what the zoomed screen shows), then the plain viewport again. */
export async function zoomShot(page: UiContext['page'], name: string, scale: number): Promise<void> {
  const size = page.viewportSize()!;
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: size.width, height: size.height, deviceScaleFactor: scale, mobile: false });
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    fs.writeFileSync(path.join(ROOT, 'test-results', 'screenshots', `${name}.png`), Buffer.from(data, 'base64'));
  } finally {
    // (Not detached: that would drop the viewport's emulation along with this one.)
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: size.width, height: size.height, deviceScaleFactor: 1, mobile: false });
  }
}

interface Widths {
  /** The page's width in CSS px (the webview's), and how wide its content is (more: it scrolls sideways). */
  page: number;
  scrollWidth: number;
  valueCells: number[];
  values: number[];
  editBox?: { width: number; height: number };
  /** Anything that sticks out to the right of the page. */
  outside: string[];
}

const MEASURE = `(() => {
  const page = document.documentElement.clientWidth;
  const w = (e) => Math.round(e.getBoundingClientRect().width);
  const area = document.querySelector('td.value textarea');
  const outside = [...document.querySelectorAll('button, input, textarea, .valuetext, .keytext, h1, #count, .banner')]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > page + 1)
    .map((e) => e.id || e.className || e.tagName);
  return {
    page, scrollWidth: document.documentElement.scrollWidth,
    valueCells: [...document.querySelectorAll('tr.row td.value')].map(w),
    values: [...document.querySelectorAll('.valuetext')].map(w),
    editBox: area ? { width: w(area), height: Math.round(area.getBoundingClientRect().height) } : undefined,
    outside,
  };
})()`;

/** Every value gets most of the page's width (its padding aside), nothing sticks out, nothing scrolls sideways: what is not so. */
function unreadable(m: Widths, where: string): string[] {
  const room = m.page - 32; // the body's padding
  const problems: string[] = [];
  if (m.scrollWidth > m.page + 1) problems.push(`the page scrolls sideways (${m.scrollWidth} px of content in ${m.page})`);
  if (m.outside.length) problems.push(`sticking out: ${m.outside.slice(0, 5).join(', ')}`);
  const narrowest = (xs: number[]) => (xs.length ? Math.min(...xs) : Infinity);
  if (narrowest(m.valueCells) < 0.8 * room) problems.push(`a value cell is ${narrowest(m.valueCells)} px wide of ${room}`);
  if (narrowest(m.values) < 0.7 * room) problems.push(`a revealed value is ${narrowest(m.values)} px wide of ${room}`);
  if (m.editBox && (m.editBox.width < 0.7 * room || m.editBox.height < 30)) problems.push(`the edit box is ${m.editBox.width}×${m.editBox.height} px`);
  console.log(`    ${where}: page ${m.page} px; value cells ${narrowest(m.valueCells)}–${Math.max(...m.valueCells)} px; revealed values ${m.values.length ? `≥ ${narrowest(m.values)} px` : 'none'}${m.editBox ? `; edit box ${m.editBox.width}×${m.editBox.height} px` : ''}`);
  return problems.map((p) => `${where}: ${p}`);
}

/** Waits until the page (the webview) has the width asked for, within a pixel or two. */
async function pageWidth(frame: Frame, near?: number): Promise<number> {
  let width = 0;
  const near2 = async () => {
    width = Number(await frame.evaluate('window.innerWidth'));
    return near === undefined || Math.abs(width - near) <= 2;
  };
  // As before: after the deadline the width it has is measured (the callers check it).
  await waitUntil(near2, `the page ${near} px wide`, 5_000).catch(() => undefined);
  return width;
}

const reflowSpec: UiSpec = {
  name: 'a11y: reflow: at 200% zoom (1280×800, side bar open) and at 320 CSS px every value stays readable',
  async run(t) {
    const { page, shot } = t;
    hostileWorld(t);
    const frame = await openEditor(page);
    // Every state is measured before the spec fails, so a failure shows all the widths.
    const problems: string[] = [];
    const measure = async (where: string) => void problems.push(...unreadable((await frame.evaluate(MEASURE)) as Widths, where));

    // 200% of 1280×800, the side bar open.
    await emulate(page, 640, 400);
    await expectFocus(async () => (Number(await frame.evaluate('window.innerWidth')) < 600 ? 'narrow' : 'wide'), 'narrow', 'zooming to 200%');
    await measure('200%, masked');
    await zoomShot(page, 'a11y-reflow-200-01-masked', 2);
    await frame.locator('#revealAll').click();
    await measure('200%, revealed');
    await zoomShot(page, 'a11y-reflow-200-02-revealed', 2);
    await (await rowOf(frame, 'MULTILINE')).locator('[data-role="edit"]').click();
    await frame.locator('td.value textarea').waitFor({ timeout: 10_000 });
    await measure('200%, editing');
    await zoomShot(page, 'a11y-reflow-200-03-editing', 2);
    await frame.locator('td.value textarea').press('Escape');

    // 320 CSS px: the side bar closed and the window as narrow as it takes.
    await emulate(page, 640, 800);
    await paletteByKeyboard(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    const wide = await pageWidth(frame);
    await emulate(page, 640 - (wide - 320), 800);
    const width = await pageWidth(frame, 320);
    if (Math.abs(width - 320) > 2) throw new Error(`the page is ${width} px wide, not 320`);
    await measure('320 px, revealed');
    await shot('a11y-reflow-320-01-revealed');
    await (await rowOf(frame, 'NEAR_LIMIT')).locator('[data-role="edit"]').click();
    await frame.locator('td.value textarea').waitFor({ timeout: 10_000 });
    await measure('320 px, editing a 30 KB value');
    await shot('a11y-reflow-320-02-editing');
    if (problems.length) throw new Error(problems.join('\n'));
  },
};

// ---- the focus is never hidden ------------------------------------------------------

/**
 * The focused control as the eye sees it, two frames after it got the focus (the page moves
 * it out from under the header in the next one): hidden when any of it is under the sticky
 * header or below the page.
 */
const FOCUS_SEEN = `new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const a = document.activeElement;
  const header = document.querySelector('header');
  const sticky = getComputedStyle(header).position === 'sticky';
  const clear = sticky && !header.contains(a) ? header.getBoundingClientRect().bottom : 0;
  const r = a.getBoundingClientRect();
  const tr = a.closest('tr.row');
  const name = (tr ? tr.dataset.key + ':' : '') + ((a.closest('[data-col]') || {}).dataset || {}).col || a.id;
  done({ name, sticky, hidden: r.top < clear - 1 || r.top >= innerHeight || (r.bottom > innerHeight + 1 && r.height < innerHeight - clear) });
})))`;

/** Walks every stop of the table from the last to the first (End, Home, Up per row), then Shift+Tab through the header: how many were hidden. */
async function walkBack(t: UiContext, frame: Frame, rows: number): Promise<{ seen: number; hidden: string[]; sticky: boolean }> {
  const { page } = t;
  const hidden: string[] = [];
  let seen = 0;
  let sticky = false;
  const look = async () => {
    const f = (await frame.evaluate(FOCUS_SEEN)) as { name: string; sticky: boolean; hidden: boolean };
    seen++;
    sticky ||= f.sticky;
    if (f.hidden) hidden.push(f.name);
  };
  await page.keyboard.press('Control+End');
  for (let i = 0; i < rows; i++) {
    await page.keyboard.press('End');
    await look();
    await page.keyboard.press('Home');
    await look();
    await page.keyboard.press('ArrowUp');
  }
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Shift+Tab');
    await look();
  }
  return { seen, hidden, sticky };
}

const focusSeenSpec: UiSpec = {
  name: 'a11y: the focus is never hidden under the sticky header (36 vars, at 100% and at 200%)',
  async run(t) {
    const { page, shot } = t;
    const w = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
    const id = w.apps.find((a: { name: string }) => a.name === 'alex-playground').id;
    for (let i = 1; i <= 34; i++) w.configVars[id][`SETTING_${String(i).padStart(2, '0')}`] = i % 5 === 0 ? `a value\nover\nfour lines ${i}` : `value ${i}`;
    fs.writeFileSync(t.state.worldFile, JSON.stringify(w));
    const frame = await openEditor(page);
    if ((await frame.locator('tr.row').count()) !== 36) throw new Error('expected 36 config vars');
    await frame.locator('#revealAll').click();
    const enterTable = async () => {
      await frame.locator('#search').focus();
      for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
      await expectFocus(() => frame.evaluate(PAGE_FOCUS) as Promise<string>, /:key$/, 'Tab × 7 from the filter box');
    };
    await enterTable();
    const at100 = await walkBack(t, frame, 36);
    console.log(`    100%: ${at100.hidden.length} of ${at100.seen} focus moves hidden (header ${at100.sticky ? 'sticky' : 'not sticky'})`);
    await shot('a11y-focus-100');
    await emulate(page, 640, 400);
    await expectFocus(async () => (Number(await frame.evaluate('window.innerWidth')) < 600 ? 'narrow' : 'wide'), 'narrow', 'zooming to 200%');
    await enterTable();
    const at200 = await walkBack(t, frame, 36);
    console.log(`    200%: ${at200.hidden.length} of ${at200.seen} focus moves hidden (header ${at200.sticky ? 'sticky' : 'not sticky'})`);
    await zoomShot(page, 'a11y-focus-200', 2);
    if (!at100.sticky) throw new Error('at 100% the header was expected to stick (this spec checks what it covers)');
    const hidden = [...at100.hidden.map((n) => `100%: ${n}`), ...at200.hidden.map((n) => `200%: ${n}`)];
    if (hidden.length) throw new Error(`the focused control was hidden ${hidden.length} times: ${hidden.slice(0, 8).join(', ')}`);
  },
};

// ---- what a screen reader is told ------------------------------------------------------

/** Text as the eye and the ear get it: Unicode isolates (invisible) removed, spaces collapsed. */
const plain = (text: unknown) => String(text ?? '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();

const semanticsSpec: UiSpec = {
  name: 'a11y: what a screen reader is told: landmarks, the grid, names with the key and the state, invalid keys, live counts and results; the focus after clicks',
  async run(t) {
    const { page, shot } = t;
    hostileWorld(t);
    const frame = await openEditor(page);
    // Every check runs and is reported: a page that fails several shows them all.
    const failures: string[] = [];
    const check = async (what: string, test: () => Promise<boolean | string>) => {
      const answer = await test().catch((e: Error) => `(${e.message.split('\n')[0]})`);
      if (answer !== true) failures.push(`${what}${typeof answer === 'string' ? `: ${answer}` : ''}`);
    };
    const attr = (selector: string, name: string) => frame.locator(selector).first().getAttribute(name, { timeout: 5_000 });
    const focus = () => frame.evaluate(PAGE_FOCUS) as Promise<string>;
    const focusIs = async (expected: string, step: string) => expectFocus(focus, expected, step).then(() => true, (e: Error) => e.message);

    await check('one banner and one main landmark', async () => (await frame.getByRole('banner').count()) === 1 && (await frame.getByRole('main').count()) === 1);
    await check('the table is a grid named after the app', async () => (await frame.getByRole('grid', { name: 'Config Vars — alex-playground' }).count()) === 1);
    await check('a masked value is "hidden value" to a screen reader, with no aria-label on a span', async () => {
      const labelled = await frame.locator('td.value span[aria-label]').count();
      const snapshot = await frame.locator('tr.row td.value').first().ariaSnapshot();
      return labelled === 0 && /hidden value/.test(snapshot) && !/•/.test(snapshot) ? true : `${labelled} labelled spans; ${snapshot}`;
    });
    await check("a row's buttons name the key they act on", async () => (await attr('tr.row[data-key="GREETING"] [data-role="edit"]', 'aria-label')) === 'Edit GREETING' || String(await attr('tr.row[data-key="GREETING"] [data-role="edit"]', 'aria-label')));

    // Delete by click: the key and its badge are two words; the focus goes to Undo, then to Edit.
    const goEnv = await rowOf(frame, 'GO_ENV');
    await goEnv.locator('[data-role="delete"]').click();
    await check('the removed key and its badge are read as two words', async () => {
      const cell = plain(await goEnv.locator('td.key').textContent());
      return cell === 'GO_ENV removed' || cell;
    });
    await check("after Delete the focus is on the row's Undo", () => focusIs('GO_ENV:undo', 'Delete'));
    await goEnv.locator('[data-role="undo"]').click();
    await check("after Undo the focus is on the row's Edit", () => focusIs('GO_ENV:edit', 'Undo'));
    await goEnv.locator('[data-role="edit"]').click();
    await check('after Edit the focus is in the value box', async () => (await focusIs('GO_ENV:value', 'Edit')) === true && (await frame.evaluate('document.activeElement.tagName')) === 'TEXTAREA' ? true : await focus());
    await page.keyboard.press('Control+Enter');
    await check("after Ctrl+Enter the focus is on the row's Edit", () => focusIs('GO_ENV:edit', 'Ctrl+Enter'));

    // A new row: its controls name it "new var", then its key; a bad key is invalid and says why; Save says why it is off.
    await frame.locator('#add').click();
    const added = frame.locator('tr.row.added');
    await check("a new row's buttons name it", async () => (await added.locator('[data-role="delete"]').getAttribute('aria-label')) === 'Delete new var' || String(await added.locator('[data-role="delete"]').getAttribute('aria-label')));
    await page.keyboard.type('9 BAD');
    await page.keyboard.press('Tab');
    const key = added.locator('input[data-role="key"]');
    await check('an invalid key is aria-invalid and described by its message', async () => {
      const invalid = await key.getAttribute('aria-invalid');
      const described = await key.getAttribute('aria-describedby');
      const message = described ? plain(await frame.locator(`[id="${described}"]`).textContent()) : '';
      return (invalid === 'true' && message === 'A key cannot start with a digit.') || `aria-invalid=${invalid}, described by "${message}"`;
    });
    await check('after the key, the buttons name it', async () => (await added.locator('[data-role="delete"]').getAttribute('aria-label')) === 'Delete 9 BAD' || String(await added.locator('[data-role="delete"]').getAttribute('aria-label')));
    await check('Save says, in words on the page, why it is off (and stays reachable)', async () => {
      const hint = plain(await frame.locator('#saveHint').textContent().catch(() => ''));
      const visible = await frame.locator('#saveHint').isVisible().catch(() => false);
      // (Playwright counts aria-disabled as disabled: the DOM property says whether Tab reaches it.)
      const off = (await attr('#save', 'aria-disabled')) === 'true' && (await frame.evaluate('document.getElementById("save").disabled')) === false;
      return (visible && hint === 'Fix these keys first: 9 BAD' && off && (await attr('#save', 'aria-describedby')) === 'saveHint') || `hint "${hint}" visible=${visible}, reachable and off=${off}`;
    });
    await shot('a11y-semantics-01-invalid-key');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await check('Escape in a new row drops it and gives the focus back to Add', async () => ((await added.count()) === 0 && (await focusIs('add', 'Escape in a new row')) === true) || `${await added.count()} new rows, focus on ${await focus()}`);

    // Live words: the filter's count, a copy's result, and the status line's role.
    await frame.locator('#search').fill('GREET');
    await check("the filter's count is a live status", async () => ((await attr('#shown', 'role')) === 'status' && plain(await frame.locator('#shown').textContent()) === '1 of 10 shown') || `${await attr('#shown', 'role')}: ${await frame.locator('#shown').textContent()}`);
    await frame.locator('#search').fill('');
    await (await rowOf(frame, 'GREETING')).locator('[data-role="copy"]').click();
    await check("a copy is said in the page's status line", async () => {
      await frame.locator('#status').filter({ hasText: 'Copied' }).waitFor({ timeout: 10_000 });
      return ((await attr('#status', 'role')) === 'status' && plain(await frame.locator('#status').textContent()) === 'Copied the value of GREETING.') || plain(await frame.locator('#status').textContent());
    });
    await check('a key with an open right-to-left override is isolated on the page', async () => ((await frame.evaluate('[...document.querySelectorAll(".keytext")].map((e) => getComputedStyle(e).unicodeBidi)')) as string[]).every((b) => b === 'isolate'));
    await shot('a11y-semantics-02-copied');
    if (failures.length) throw new Error(`${failures.length} checks failed:\n${failures.join('\n')}`);
  },
};

export const a11ySpecs: UiSpec[] = [axeSpec, keyboardSpec, reflowSpec, focusSeenSpec, semanticsSpec];
