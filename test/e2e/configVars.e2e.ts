// The config-vars editor in real Chromium with hostile data: everything renders as
// text, a sentinel the payloads try to set stays unset, no CSP violation is reported;
// mask/reveal; edit and save; the draft restored after a page reload; light and dark; a
// save while logged out (the wrapper's error with Log In, the banner, nothing lost).
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { openHerokuView, setTheme, webviewFrame, type UiContext, type UiSpec } from './run';

export const APP = 'alex-playground';
const NEAR_LIMIT = 'n'.repeat(30 * 1024);
export const HOSTILE: Record<string, string> = {
  XSS_IMG: '<img src=x onerror="window.top.__pwned=1;window.__pwned=1">',
  SCRIPT_BREAK: '</script><script>window.__pwned=2</script>',
  ATTR_BREAK: '" autofocus onfocus="window.__pwned=3" x="',
  UNICODE: 'ünïcødé 🚀 中文 עברית \u202Eevil\u202C',
  // A right-to-left override never closed, in a key: it must not turn the words around it.
  'RTL_\u202EKEY': 'after an open right-to-left override',
  MULTILINE: 'line one\nline two\n\tindented',
  NEAR_LIMIT,
  '"><svg onload="window.__pwned=4">': 'hostile key',
};

const row = (page: Page, text: string) => page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) }).first();

export function hostileWorld(t: UiContext): void {
  const w = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
  const app = w.apps.find((a: { name: string }) => a.name === APP);
  w.configVars[app.id] = { ...w.configVars[app.id], ...HOSTILE };
  fs.writeFileSync(t.state.worldFile, JSON.stringify(w));
}

/** The config-vars editor's page (its webview frame), once it rendered. */
export async function editorFrame(page: Page): Promise<Frame> {
  return webviewFrame(page, '#rows', 'the config vars editor to render', 20_000);
}

/** Opens alex-playground's config-vars editor from the tree (clicks); its frame once rows are shown. */
export async function openEditor(page: Page): Promise<Frame> {
  await openHerokuView(page);
  // After a page reload the extension host starts again and checks the connection first.
  const personal = row(page, 'Personal');
  await personal.waitFor({ timeout: 60_000 });
  const app = row(page, APP);
  if (!(await app.isVisible().catch(() => false))) await personal.click();
  if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();
  await row(page, 'Config Vars').click();
  const frame = await editorFrame(page);
  await frame.locator('tr.row').first().waitFor({ timeout: 30_000 });
  return frame;
}

export const configVarsSpecs: UiSpec[] = [
  {
    name: 'config vars: hostile data as text, mask/reveal, edit and save, draft after reload, themes',
    async run(t) {
      const { page, shot } = t;
      const cspErrors: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) cspErrors.push(m.text());
      });
      hostileWorld(t);
      let frame = await openEditor(page);

      // Masked by default: no value text in the page.
      if ((await frame.locator('.valuetext').count()) !== 0) throw new Error('values are shown before reveal');
      await shot('configvars-01-masked-dark');

      await frame.locator('#revealAll').click();
      const values = await frame.locator('.valuetext').allTextContents();
      for (const v of Object.values(HOSTILE)) if (!values.includes(v)) throw new Error(`a value did not render as text: ${v.slice(0, 40)}`);
      const keys = await frame.locator('.keytext').allTextContents();
      if (!keys.includes('"><svg onload="window.__pwned=4">')) throw new Error('the hostile key did not render as text');
      // (VS Code injects its own <script> into every webview: only the payloads' markup is looked for.)
      if ((await frame.locator('img, svg').count()) !== 0 || (await frame.locator('script', { hasText: '__pwned' }).count()) !== 0) throw new Error('markup from the data reached the DOM');
      // Runs in the page (a string, so the Node-side typecheck needs no DOM types).
      const pwned = await frame.evaluate('window.__pwned ?? (window.top && window.top.__pwned)');
      if (pwned !== undefined) throw new Error(`a payload ran: __pwned=${pwned}`);
      await shot('configvars-02-revealed-dark');

      // Edit GREETING and save through VS Code's modal.
      await frame.locator('#revealAll').click();
      const greeting = frame.locator('tr.row', { has: frame.locator('.keytext', { hasText: /^GREETING$/ }) });
      await greeting.locator('[data-role="edit"]').click();
      const area = frame.locator('tr.row textarea').first();
      await area.fill('hello from Playwright');
      await area.press('Control+Enter');
      await frame.locator('#save').click();
      const dialog = page.locator('.monaco-dialog-box', { hasText: "Save 1 change to alex-playground's config vars?" });
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.locator('text=Changed: GREETING').first().waitFor({ timeout: 5_000 });
      await shot('configvars-03-save-question');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await frame.locator('#noticeText', { hasText: /Saved: Heroku created release v5/ }).waitFor({ timeout: 30_000 });
      // Nothing is left to discard after a save: the notice offers no Discard draft.
      await frame.locator('#discard').waitFor({ state: 'hidden', timeout: 10_000 });
      const w = JSON.parse(fs.readFileSync(t.state.worldFile, 'utf8'));
      const saved = w.configVars[w.apps.find((a: { name: string }) => a.name === APP).id];
      if (saved.GREETING !== 'hello from Playwright' || saved.NEAR_LIMIT !== NEAR_LIMIT) throw new Error('the save did not reach the world as expected');

      // An unsaved edit survives a page reload.
      await greeting.locator('[data-role="edit"]').click();
      await frame.locator('tr.row textarea').first().fill('unsaved draft value');
      // The tab shows ● once the host has stored the draft.
      await page.locator('.tabs-container .tab', { hasText: '● Config Vars: alex-playground' }).first().waitFor({ timeout: 15_000 });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      frame = await openEditor(page);
      await frame.locator('#noticeText', { hasText: /Restored your unsaved changes/ }).waitFor({ timeout: 30_000 });
      await frame.locator('#discard').waitFor({ state: 'visible', timeout: 10_000 });
      await frame.locator('tr.row.changed .keytext', { hasText: /^GREETING$/ }).waitFor({ timeout: 10_000 });
      await shot('configvars-04-draft-restored-dark');

      // Keyboard only: Tab to "Add", Enter, type the key, Tab to the value, type, Ctrl+Enter.
      await frame.locator('#search').focus();
      for (let i = 0; i < 6 && (await frame.evaluate('document.activeElement && document.activeElement.id')) !== 'add'; i++) await page.keyboard.press('Tab');
      if ((await frame.evaluate('document.activeElement && document.activeElement.id')) !== 'add') throw new Error('Tab did not reach "Add"');
      await page.keyboard.press('Enter');
      await frame.locator('tr.row.added input[data-role="key"]').waitFor({ timeout: 10_000 });
      await page.keyboard.type('KEYBOARD_KEY');
      await page.keyboard.press('Tab');
      await page.keyboard.type('typed with the keyboard');
      await page.keyboard.press('Control+Enter');
      await frame.locator('tr.row.added .keytext', { hasText: /^KEYBOARD_KEY$/ }).waitFor({ timeout: 10_000 });
      await frame.locator('#count', { hasText: '2 pending changes' }).waitFor({ timeout: 10_000 });

      await setTheme(page, 'Light Modern', [frame]);
      await shot('configvars-05-light');
      await setTheme(page, 'Dark High Contrast', [frame]);
      await shot('configvars-06-high-contrast');

      // A save while the Membrane login has expired: the command wrapper's error with its
      // Log In, the page's banner, and the edits still pending.
      await setTheme(page, 'Dark Modern', [frame]);
      t.scenario({ MEMBRANE_SANDBOX_FAULT: 'auth-expired' });
      await frame.locator('#save').click();
      const question = page.locator('.monaco-dialog-box', { hasText: "Save 2 changes to alex-playground's config vars?" });
      await question.waitFor({ timeout: 15_000 });
      await question.getByRole('button', { name: 'Save', exact: true }).click();
      await frame.locator('#errorText', { hasText: /^Not logged in to Membrane/ }).waitFor({ timeout: 30_000 });
      await frame.locator('#count', { hasText: '2 pending changes' }).waitFor({ timeout: 10_000 });
      // A page without window focus gets no toasts: the error is read in the notification center.
      await page.locator('.statusbar-item#status\\.notifications').click();
      const error = page.locator('.notifications-center .notification-list-item', { hasText: 'Not logged in to Membrane' }).first();
      await error.waitFor({ timeout: 30_000 });
      await error.getByRole('button', { name: 'Log In', exact: true }).waitFor({ timeout: 10_000 });
      await shot('configvars-07-logged-out-save');
      if (cspErrors.length) throw new Error(`CSP violations: ${cspErrors.slice(0, 3).join(' | ')}`);
    },
  },
];
