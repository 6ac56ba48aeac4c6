// Live logs in the real workbench: Show Logs from an app's context menu, the preset
// pick, and a coloured log terminal (router lines by status, a crash in red), looked at;
// then narrowed from the terminal panel's title (Filter Logs…, errors only), its name
// showing the filter, looked at in a dark and a light theme, and the filter cleared.
import type { Page } from 'playwright-core';
import { contextMenu, openHerokuView, chooseQuickRow, quickRow, setTheme, type UiSpec } from './run';

const terminalText = (page: Page, text: string) => page.locator('.terminal-wrapper .xterm-rows', { hasText: text }).first();
/** A button of the terminal panel's title bar, by its tooltip. */
const panelAction = (page: Page, title: string) => page.locator(`.part.panel .title-actions .action-label[aria-label^="${title}"]`).first();

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

      // Narrowed from the terminal panel's own title bar: errors only.
      await panelAction(page, 'Filter Logs').click({ timeout: 15_000 });
      await chooseQuickRow(page, quickRow(page, 'Errors only'));
      await terminalText(page, 'filter: errors only').waitFor({ timeout: 30_000 });
      // A line the filter hides, then one it shows: once the second is there, the first was filtered out.
      sandbox(['sandbox', 'log', 'acme-api', 'not an error, not shown', '--dyno=web.1']);
      sandbox(['sandbox', 'log', 'acme-api', 'State changed from up to crashed', '--dyno=web.2', '--source=heroku']);
      await terminalText(page, 'web.2]: State changed from up to crashed').waitFor({ timeout: 30_000 });
      // The terminal's name (its tab, or the panel's title with a single terminal) shows the filter.
      await page.locator('.part.panel', { hasText: 'acme-api — filter: errors only' }).first().waitFor({ timeout: 15_000 });
      if (await terminalText(page, 'not an error, not shown').count()) throw new Error('a line the filter hides was shown');
      await shot('logs-03-filtered-dark');
      await setTheme(page, 'Light Modern');
      await shot('logs-04-filtered-light');
      await setTheme(page, 'Dark Modern');

      // Cleared from the same title bar: every kept line again (the in-host suite checks the hidden ones come back).
      await panelAction(page, 'Clear Log Filter').click({ timeout: 15_000 });
      await terminalText(page, 'filter cleared').waitFor({ timeout: 30_000 });
      await page.locator('.part.panel', { hasText: 'acme-api — filter:' }).waitFor({ state: 'detached', timeout: 15_000 });
      await shot('logs-05-filter-cleared');
    },
  },
];
