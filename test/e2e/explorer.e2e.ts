// The explorer clicked in the real workbench: an app with every category expanded, a
// pipeline, restarting a crashed dyno from its context menu (asked first), the rollback
// question with what it undoes, and a release compared with the one before it.
import { contextMenu, expandRow as expand, openHerokuView, togglePane, treeRow as row, type UiSpec } from './run';

export const explorerSpecs: UiSpec[] = [
  {
    name: 'explorer: app categories, pipeline, restart a dyno, rollback question, a release diff',
    knobs: {},
    async run({ page, shot, sandbox, publish }) {
      await openHerokuView(page);
      // Give the Apps view the whole sidebar; expand bottom-up so no row scrolls away.
      await togglePane(page, 'Pipelines');
      await row(page, 'Personal').click();
      await expand(page, 'Team: acme');
      await expand(page, 'acme-worker');
      for (const c of ['Collaborators', 'Builds', 'Domains', 'Add-ons', 'Formation', 'Dynos']) await expand(page, c);
      await row(page, 'worker.2').waitFor({ timeout: 30_000 });
      await shot('explorer-01-app-categories');
      await publish('apps-view', 'left');

      // Restart the crashed dyno from its context menu.
      await contextMenu(page, row(page, 'worker.2'), 'Restart Dyno');
      // Asked first, naming the dyno and the app.
      const restart = page.locator('.monaco-dialog-box', { hasText: 'Restart worker.2 on acme-worker?' });
      await restart.waitFor({ timeout: 10_000 });
      await shot('explorer-02a-restart-question');
      await restart.getByRole('button', { name: 'Restart Dyno' }).click();
      await row(page, /worker\.2\s*starting/).waitFor({ timeout: 30_000 });
      const state = JSON.parse(sandbox(['sandbox', 'state']));
      if (!state.session.calls) throw new Error('no sandbox calls recorded');
      await shot('explorer-02-dyno-restarted');

      // The rollback question, then cancel.
      await row(page, 'Dynos').click();
      await row(page, 'Formation').click();
      await row(page, 'Add-ons').click();
      await expand(page, 'Releases');
      await contextMenu(page, row(page, 'v10'), 'Roll Back to This Release');
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Roll back acme-worker to v10?' });
      await dialog.waitFor({ timeout: 10_000 });
      await dialog.locator('text=does not roll back database').first().waitFor({ timeout: 5_000 });
      // What it undoes, said before the user confirms.
      await dialog.locator('text=Rolling back undoes 1 config change and the code of v11 (commit 166311a).').first().waitFor({ timeout: 5_000 });
      await shot('explorer-03-rollback-confirmation');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      // The release against the one before it, in the diff editor.
      await contextMenu(page, row(page, 'v10'), 'Compare with Previous Release');
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'v10 against the release before it, v9' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'same on both' }).first().waitFor({ timeout: 10_000 });
      await shot('explorer-03b-release-diff');

      // The pipeline view, apps collapsed away.
      await togglePane(page, 'Apps');
      await togglePane(page, 'Pipelines');
      await expand(page, 'acme-api');
      await row(page, 'Production').waitFor({ timeout: 30_000 });
      await row(page, 'acme-api-staging').waitFor({ timeout: 30_000 });
      await shot('explorer-04-pipeline');
    },
  },
];
