// Pipelines and resources in the real workbench: the add-on plan pick with prices, the
// comparison of staging with production in the diff editor, and a promotion's result.
import type { Page } from 'playwright-core';
import { contextMenu, openHerokuView, quickInput, chooseQuickRow, quickRow, runCommand, type UiSpec } from './run';

/** A row of the Pipelines view by its label. */
const pipelineRow = (page: Page, label: RegExp) => page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();

export const pipelineSpecs: UiSpec[] = [
  {
    name: 'pipelines and resources: add-on plans with prices, compare staging with production, promote',
    knobs: { MEMBRANE_SANDBOX_PROMOTE_MS: '1500' },
    async run({ page, shot, publish }) {
      await openHerokuView(page);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'Personal' }).first().waitFor({ timeout: 60_000 });

      // Add Add-on: the plans of a service, with their prices.
      await runCommand(page, 'Heroku: Add Add-on…');
      await quickInput(page).fill('acme-web');
      await chooseQuickRow(page, quickRow(page, /acme-web/));
      await chooseQuickRow(page, quickRow(page, 'Heroku Postgres'));
      await quickRow(page, '$50/month').waitFor({ timeout: 30_000 });
      await shot('resources-01-addon-plans');
      await page.keyboard.press('Escape');

      // The Pipelines view: staging's app, compared with production.
      // The Apps view collapsed, the Pipelines view (open by default) gets the sidebar.
      await page.locator('.pane-header', { hasText: 'Apps' }).first().click();
      await pipelineRow(page, /^acme-api$/).click();
      const staging = pipelineRow(page, /^acme-api-staging$/);
      await staging.waitFor({ timeout: 30_000 });
      await contextMenu(page, staging, 'Compare with…');
      await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^acme-api$/ }) }).first().click();
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'Config vars:' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'same on both' }).first().waitFor({ timeout: 10_000 });
      await shot('pipelines-01-compare');
      await publish('compare', 'editor', { height: 0.5 }); // the header, the release and the config diff: the rest is more of the same

      // Promote staging to production: the targets (all selected), the question, the result.
      await contextMenu(page, staging, 'Promote to Next Stage…');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'acme-api' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.quick-input-widget').getByRole('button', { name: 'OK' }).click();
      const question = page.locator('.monaco-dialog-box', { hasText: 'Promote acme-api-staging v30 to acme-api?' });
      await question.waitFor({ timeout: 30_000 });
      await shot('pipelines-02-promote-question');
      await question.getByRole('button', { name: 'Promote', exact: true }).click();
      // One target: its release phase streams into a terminal once the promotion is done.
      await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'Waiting for release' }).first().waitFor({ timeout: 60_000 });
      // A page without window focus gets no toasts: the result is read in the notification center.
      await page.locator('.statusbar-item#status\\.notifications').click();
      await page.locator('.notifications-center .notification-list-item', { hasText: 'Promotion of acme-api-staging v30: acme-api: succeeded' }).first().waitFor({ timeout: 60_000 });
      await shot('pipelines-03-promoted');
    },
  },
];
