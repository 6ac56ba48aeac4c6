// Two Heroku accounts in the real workbench: one root per account (e-mail, connection
// name), each with its own apps, the same app name under both; the status bar counting
// them; the palette's app pick marking each app's account.
import * as fs from 'node:fs';
import { openHerokuView, quickInput, quickRow, runCommand, statusItem, togglePane, treeRow, type UiSpec } from './run';

export const accountSpecs: UiSpec[] = [
  {
    name: 'accounts: two accounts side by side, the same app name in both, the pick marks accounts',
    knobs: {},
    prepare(state) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { twoAccountsWorld } = require('../../sandbox/lib/world.js') as { twoAccountsWorld(): unknown };
      fs.writeFileSync(state.worldFile, JSON.stringify(twoAccountsWorld()));
    },
    async run({ page, shot, publish }) {
      await openHerokuView(page);
      await togglePane(page, 'Pipelines');
      await treeRow(page, 'alex@acme.dev').waitFor({ timeout: 60_000 });
      await treeRow(page, /alex@side-gig\.io\s*Heroku \(side gig\)/).waitFor({ timeout: 30_000 });
      await treeRow(page, 'side-gig-shop').waitFor({ timeout: 30_000 });
      await treeRow(page, 'alex-playground').waitFor({ timeout: 30_000 });
      // acme-api twice: once per account.
      const twice = page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^acme-api$/ }) });
      if ((await twice.count()) !== 2) throw new Error(`acme-api shows ${await twice.count()} times, not once per account`);
      await statusItem(page, '2 accounts').waitFor({ timeout: 30_000 });
      await shot('accounts-01-two-accounts');
      await publish('accounts', 'left');

      await runCommand(page, 'Heroku: Open App');
      await quickInput(page).fill('acme-api');
      await quickRow(page, /alex@side-gig\.io/).waitFor({ timeout: 30_000 });
      await quickRow(page, /alex@acme\.dev/).waitFor({ timeout: 30_000 });
      await shot('accounts-02-app-pick');
      await page.keyboard.press('Escape');
    },
  },
];
