// The crash watch in the real workbench, turned on in the user's settings: its status-bar
// item is visible, says "1 crashed" (acme-labs-ml's web dyno is crashed in the default
// world) and is named with the state in words; the notification offers Show Logs; a click
// lists the watched apps.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quickRow, statusItem, type UiSpec } from './run';

export const crashWatchSpecs: UiSpec[] = [
  {
    name: 'crash watch: the status-bar item, named with its state; the notification; the click',
    knobs: {},
    prepare(state) {
      const file = path.join(state.userDataDir, 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...settings, 'herokuMembrane.crashWatch.enabled': true, 'herokuMembrane.crashWatch.apps': ['acme-labs-ml', 'acme-web'] }, null, 2));
    },
    async run({ page, shot }) {
      const item = statusItem(page, '1 crashed');
      await item.waitFor({ timeout: 60_000 });
      await page.locator('.part.statusbar [aria-label="Heroku crash watch: 1 crashed: 1 dyno crashed, web.1 of acme-labs-ml"]').first().waitFor({ timeout: 10_000 });
      // A page without window focus gets no toasts: the notification is read in the notification center.
      await page.locator('.statusbar-item#status\\.notifications').click();
      const told = page.locator('.notifications-center .notification-list-item', { hasText: 'Dyno web.1 of acme-labs-ml is crashed.' }).first();
      await told.waitFor({ timeout: 30_000 });
      await told.getByRole('button', { name: 'Show Logs', exact: true }).waitFor({ timeout: 10_000 });
      await shot('crash-watch-01-crashed');
      await page.locator('.statusbar-item#status\\.notifications').click();
      await item.click();
      await quickRow(page, 'acme-labs-ml').waitFor({ timeout: 30_000 });
      await quickRow(page, 'acme-web').waitFor({ timeout: 10_000 });
      await shot('crash-watch-02-click');
      await page.keyboard.press('Escape');
    },
  },
];
