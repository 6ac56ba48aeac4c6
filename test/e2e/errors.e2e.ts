// The Errors category in the real workbench: an app's error codes counted by the sandbox's
// metrics service, each with its title and count; a click opens the app's logs.
import { expandRow as expand, openHerokuView, togglePane, treeRow as row, type UiSpec } from './run';

export const errorsSpecs: UiSpec[] = [
  {
    name: 'errors: an app’s error codes of the last 24 hours; a click opens its logs',
    knobs: {},
    async run({ page, shot }) {
      await openHerokuView(page);
      await togglePane(page, 'Pipelines');
      await row(page, 'Personal').click();
      await expand(page, 'Team: acme');
      await expand(page, 'acme-worker');
      await expand(page, 'Errors');
      await row(page, /2 codes · from metrics/).waitFor({ timeout: 30_000 });
      await row(page, 'Last 24 hours, from the metrics service').waitFor({ timeout: 30_000 });
      await row(page, 'R10 Boot timeout').waitFor({ timeout: 30_000 });
      const r14 = row(page, 'R14 Memory quota exceeded');
      await r14.waitFor({ timeout: 30_000 });
      await shot('errors-01-category');
      await r14.click();
      await page.locator('.terminal-wrapper .xterm-rows', { hasText: 'then live' }).first().waitFor({ timeout: 30_000 });
      await shot('errors-02-logs');
    },
  },
];
