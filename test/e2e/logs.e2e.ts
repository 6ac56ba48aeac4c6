// Live logs in the real workbench: Show Logs from an app's context menu, the preset
// pick, and a coloured log terminal (router lines by status, a crash in red), looked at.
import type { Page } from 'playwright-core';
import { contextMenu, openHerokuView, type UiSpec } from './run';

const terminalText = (page: Page, text: string) => page.locator('.terminal-wrapper .xterm-rows', { hasText: text }).first();

export const logsSpecs: UiSpec[] = [
  {
    name: 'logs: Show Logs from the app menu, a coloured live terminal',
    // Router lines while the stream is open, as a busy app would have.
    knobs: { MEMBRANE_SANDBOX_ROUTER_MS: '150' },
    async run({ page, shot, sandbox, publish }) {
      await openHerokuView(page);
      // The Pipelines view also lists an acme-api: give the Apps view the sidebar.
      await page.locator('.pane-header', { hasText: 'Pipelines' }).first().click();
      const app = page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^acme-api$/ }) }).first();
      await contextMenu(page, app, 'Show Logs');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All logs' }).first().waitFor({ timeout: 15_000 });
      await shot('logs-01-pick');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'All logs' }).first().click();
      await terminalText(page, 'then live').waitFor({ timeout: 30_000 });
      sandbox(['sandbox', 'log', 'acme-api', 'Listening on port 5000', '--dyno=web.1']);
      sandbox(['sandbox', 'log', 'acme-api', 'Error R14 (Memory quota exceeded)', '--dyno=worker.1', '--source=heroku']);
      sandbox(['sandbox', 'log', 'acme-api', 'State changed from up to crashed', '--dyno=worker.1', '--source=heroku']);
      sandbox(['sandbox', 'log', 'acme-api', 'shown last', '--dyno=web.2']);
      await terminalText(page, 'shown last').waitFor({ timeout: 30_000 });
      await terminalText(page, 'status=').waitFor({ timeout: 30_000 });
      await shot('logs-02-live-terminal');
      await publish('logs', 'window');
    },
  },
];
