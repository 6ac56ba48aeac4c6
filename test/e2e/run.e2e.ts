// A one-off dyno in the real workbench: Run Command from the palette, bash on a
// Standard-2X dyno (asked first), two commands typed into the terminal, looked at.
import type { Page } from 'playwright-core';
import { openHerokuView, quickInput, chooseQuickRow, quickRow, runCommand, type UiSpec } from './run';

const terminalText = (page: Page, text: string) => page.locator('.terminal-wrapper .xterm-rows', { hasText: text }).first();

export const runSpecs: UiSpec[] = [
  {
    name: 'one-off dyno: an interactive bash session in a terminal',
    async run({ page, shot, publish }) {
      await openHerokuView(page);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'Personal' }).first().waitFor({ timeout: 60_000 });
      await runCommand(page, 'Heroku: Run Command on a One-off Dyno…');
      await quickInput(page).fill('acme-api');
      await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*acme-api$/ }) }).first().click();
      await chooseQuickRow(page, quickRow(page, /^bash/));
      await chooseQuickRow(page, quickRow(page, 'Standard-2X'));
      // A run starts a billed dyno: asked first.
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Run "bash" on acme-api?' });
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.getByText(/one-off Standard-2X dyno .* billed while it runs/).first().waitFor({ timeout: 5_000 });
      await shot('run-00-question');
      await dialog.getByRole('button', { name: 'Run', exact: true }).click();
      await terminalText(page, '~ $').waitFor({ timeout: 60_000 });
      await page.locator('.terminal-wrapper').first().click();
      await page.keyboard.type('echo hello from the dyno');
      await page.keyboard.press('Enter');
      // (xterm's rows hold non-breaking spaces: texts are matched as strings, which Playwright normalises)
      await page.keyboard.type('env');
      await page.keyboard.press('Enter');
      await terminalText(page, 'DYNO=run.').waitFor({ timeout: 30_000 });
      await shot('run-01-interactive-bash');
      await publish('console', 'window');
      await page.keyboard.type('exit 0');
      await page.keyboard.press('Enter');
      await terminalText(page, 'Process exited with status 0').waitFor({ timeout: 30_000 });
      await shot('run-02-exited');
    },
  },
];
