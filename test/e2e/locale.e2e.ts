// A translation takes effect in real VS Code with no code change. code-server runs in a
// made-up display language, "xx" (a language pack whose VS Code messages are the English
// ones), and loads a copy of the built extension with a pseudo-translation beside it:
// l10n/bundle.l10n.xx.json and package.nls.xx.json, every message as ⟦message⟧. The
// manifest's titles, the status bar, the tree (texts made by the plain-Node layers) and the
// config-vars page (whose words the host sends it) must all show the ⟦…⟧ forms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { editorFrame } from './configVars.e2e';
import { treeRow, type UiSpec } from './run';

const ROOT = path.resolve(__dirname, '..', '..');
const LOCALE = 'xx';
const pseudo = (text: string) => `⟦${text}⟧`;

/** The packaged runtime files (as `vsce ls` lists them, the bundles included), copied with the pseudo-translation. */
function extensionCopy(dir: string): string {
  const ext = path.join(dir, 'extension');
  for (const entry of ['package.json', 'package.nls.json', 'LICENSE', 'dist', 'media', 'l10n']) fs.cpSync(path.join(ROOT, entry), path.join(ext, entry), { recursive: true });
  const translate = (file: string, into: string) => {
    const strings = JSON.parse(fs.readFileSync(path.join(ext, file), 'utf8')) as Record<string, string>;
    fs.writeFileSync(path.join(ext, into), JSON.stringify(Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, pseudo(v)])), null, 1));
  };
  translate('package.nls.json', `package.nls.${LOCALE}.json`);
  // The runtime bundle's keys are the English messages themselves.
  const bundle = JSON.parse(fs.readFileSync(path.join(ext, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
  fs.writeFileSync(path.join(ext, 'l10n', `bundle.l10n.${LOCALE}.json`), JSON.stringify(Object.fromEntries(Object.keys(bundle).map((k) => [k, pseudo(k)])), null, 1));
  return ext;
}

/**
 * VS Code uses a display language only when a language pack for it is installed: this is
 * what installing one records (languagepacks.json in the user data folder; the workbench
 * needs the pack's extension named), with no translations of VS Code's own messages, so
 * the workbench stays English.
 */
function languagePack(dir: string, userDataDir: string): void {
  const translations = path.join(dir, `vscode.${LOCALE}.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [LOCALE]: { hash: 'pseudo-1', label: 'Pseudo', extensions: [{ extensionIdentifier: { id: 'test.pseudo-language-pack' }, version: '1.0.0' }], translations: { vscode: translations } } }));
}

async function openTranslatedView(page: Page): Promise<void> {
  await page.keyboard.press('Escape').catch(() => {});
  const icon = page.locator(`.part.activitybar .action-label[aria-label^="${pseudo('Heroku')}"]`).first();
  await icon.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await icon.getAttribute('aria-expanded').catch(() => null)) !== 'true') await icon.click();
}

export const localeSpecs: UiSpec[] = [
  {
    name: 'locale: in another display language, a translation bundle changes the manifest, the status bar, the tree and the config-vars page',
    knobs: {},
    prepare(state) {
      languagePack(state.dir, state.userDataDir);
      return { codeServerArgs: ['--locale', LOCALE], extensionPath: extensionCopy(state.dir) };
    },
    async run({ page, shot }) {
      // The manifest (package.nls.xx.json): the view container and the Apps view's title.
      await openTranslatedView(page);
      await page.locator('.pane-header', { hasText: pseudo('Apps') }).first().waitFor({ timeout: 30_000 });
      // The status bar (src/connection): its text and its accessible name.
      // (The name is the translated "{0}: {1}": the words shown, then the translated state.)
      await page.locator(`.part.statusbar [aria-label^="⟦"][aria-label*="${pseudo('Connected to Heroku.')}"]`).first().waitFor({ timeout: 60_000 });
      // The tree: a group's label and its count come from the plain-Node layer (apps/core/format.ts).
      const personal = treeRow(page, pseudo('Personal'));
      await personal.waitFor({ timeout: 30_000 });
      await page.locator('.pane-body .monaco-list-row', { hasText: pseudo('2 apps') }).first().waitFor({ timeout: 10_000 });
      const app = treeRow(page, 'alex-playground');
      if ((await app.getAttribute('aria-expanded')) !== 'true') await app.click();
      // The config-vars page: its skeleton (made by the panel) and its words (sent in init).
      await treeRow(page, pseudo('Config Vars')).click();
      const frame = await editorFrame(page);
      await frame.locator('tr.row').first().waitFor({ timeout: 30_000 });
      await frame.locator('th', { hasText: pseudo('Key') }).first().waitFor({ timeout: 10_000 });
      await frame.locator('#revealAll', { hasText: pseudo('Reveal all') }).waitFor({ timeout: 10_000 });
      await frame.locator('#count', { hasText: pseudo('0 pending changes') }).waitFor({ timeout: 10_000 });
      await frame.locator('tr.row button', { hasText: pseudo('Reveal') }).first().waitFor({ timeout: 10_000 });
      await shot('locale-01-pseudo-translation');
    },
  },
];
