// The palette commands clicked in the real workbench: the action search, an action's
// output document, and a proxy response document.
import { openHerokuView, quickInput, chooseQuickRow, quickRow, runCommand, type UiSpec } from './run';

export const paletteSpecs: UiSpec[] = [
  {
    name: 'palette: action search, action output, proxy response',
    async run({ page, shot, publish }) {
      await openHerokuView(page);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'Personal' }).first().waitFor({ timeout: 60_000 });

      await runCommand(page, 'Heroku: Run Action…');
      await quickInput(page).fill('list releases');
      await quickRow(page, 'list-releases').waitFor({ timeout: 30_000 });
      await shot('palette-01-action-search');
      await publish('palette', 'editor');
      await chooseQuickRow(page, quickRow(page, 'list-releases'));
      await chooseQuickRow(page, quickRow(page, 'One prompt per field'));
      await quickInput(page).fill('acme-worker');
      await page.keyboard.press('Enter');
      // Asked before it runs: what, with which input.
      const question = page.locator('.monaco-dialog-box', { hasText: 'Run "List Releases" (list-releases)?' });
      await question.waitFor({ timeout: 30_000 });
      await question.locator('text=appIdOrName: acme-worker').waitFor({ timeout: 5_000 });
      await shot('palette-02-run-question');
      await question.getByRole('button', { name: 'Run', exact: true }).click();
      await page.locator('.tabs-container .tab', { hasText: 'List Releases — run' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.view-lines', { hasText: '"description"' }).first().waitFor({ timeout: 15_000 });
      await shot('palette-03-action-output');

      await runCommand(page, 'Heroku: Proxy Request…');
      await quickInput(page).fill('GET /apps/{app}/dynos');
      await chooseQuickRow(page, quickRow(page, /^GET \/apps\/\{app\}\/dynos/));
      await quickInput(page).fill('acme-worker');
      await chooseQuickRow(page, quickRow(page, 'acme-worker'));
      await page.locator('.quick-input-title', { hasText: 'Query parameters' }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter'); // no query
      await page.locator('.quick-input-title', { hasText: 'Extra headers' }).waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter'); // no extra headers
      await page.locator('.tabs-container .tab', { hasText: 'GET -apps-acme-worker-dynos — 200' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.view-lines', { hasText: 'HTTP 200' }).first().waitFor({ timeout: 15_000 });
      await shot('palette-04-proxy-response');
    },
  },
];
