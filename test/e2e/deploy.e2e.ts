// Deploy in the real workbench: the workspace's folder, right-clicked in the file
// explorer; the app pick; the confirmation (app, folder, files, size, version); the
// build's output live in a terminal; the success notification. Looked at.
import type { Page } from 'playwright-core';
import { makeDeployFixture } from '../helpers/deployFixture';
import { contextMenu, type UiSpec } from './run';

const terminalText = (page: Page, text: string) => page.locator('.terminal-wrapper .xterm-rows', { hasText: text }).first();

export const deploySpecs: UiSpec[] = [
  {
    name: 'deploy: a workspace folder from the file explorer, confirmed, built live, released',
    // Long enough to see the build run; the sandbox spreads its output over this time.
    knobs: { MEMBRANE_SANDBOX_DEPLOY_MS: '8000' },
    prepare: (state) => void makeDeployFixture(state.workspace),
    async run({ page, shot, publish }) {
      // Connected: the extension's menus are in place (the file explorer shows before they are).
      await page.locator('.part.statusbar .statusbar-item', { hasText: /^\s*Heroku\s*$/ }).first().waitFor({ timeout: 60_000 });
      const folder = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'shop-app' }).first();
      await folder.waitFor({ timeout: 60_000 });
      await contextMenu(page, folder, 'Deploy to App…');
      const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*acme-api$/ }) }).first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Deploy shop-app to acme-api?' });
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.getByText(/uncommitted change/).first().waitFor({ timeout: 5_000 });
      await shot('deploy-01-confirm');
      await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
      await terminalText(page, 'Installing dependencies').waitFor({ timeout: 30_000 });
      await shot('deploy-02-live-build');
      await terminalText(page, 'Deployed to acme-api as v49').waitFor({ timeout: 60_000 });
      // A page without window focus gets no toasts: the notification is read in the notification center.
      await page.locator('.statusbar-item#status\\.notifications').click();
      await page.locator('.notifications-center .notification-list-item', { hasText: 'acme-api: released v49' }).first().waitFor({ timeout: 30_000 });
      await shot('deploy-03-released');
      await publish('deploy', 'window');
    },
  },
];
