// Deployed code against the workspace in the real workbench: the workspace folder is the
// sandbox's fixture repository (its `production` remote names acme-api, whose slug runs
// HEAD~2); the Deployed code row says so, and Show Changes Since Deploy, chosen by
// keyboard, opens VS Code's multi-file diff. Looked at.
import * as path from 'node:path';
import { openHerokuView, treeRow, type UiSpec } from './run';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's fixture builder (CommonJS)
const fixture = require('../../sandbox/lib/fixtureRepo.js') as { makeFixture(dir: string, worldFile: string, options?: { originDir?: string }): { deployed: string } };

let deployed = '';

export const sinceDeploySpecs: UiSpec[] = [
  {
    name: 'since deploy: the deployed commit against HEAD, and the changes since deploy in the multi-file diff',
    prepare: (state) => {
      deployed = fixture.makeFixture(state.workspace, state.worldFile, { originDir: path.join(state.dir, 'origin.git') }).deployed.slice(0, 7);
    },
    async run({ page, shot, publish }) {
      await openHerokuView(page);
      // The Apps view drawn with its workspace group first: until then the first "acme-api" row may be the Pipelines view's pipeline.
      await page.locator('.pane-body .monaco-list-row[data-index="0"] .label-name', { hasText: /^This workspace$/ }).first().waitFor({ timeout: 60_000 });
      const app = treeRow(page, 'acme-api');
      await app.waitFor({ timeout: 60_000 });
      await app.click(); // focused and expanded
      const row = treeRow(page, 'Deployed code');
      await row.waitFor({ timeout: 30_000 });
      await row.filter({ hasText: `${deployed} · 2 commits behind HEAD` }).waitFor({ timeout: 30_000 });
      // By keyboard: down from the app to its first row, then Enter (the row's command).
      await page.keyboard.press('ArrowDown');
      await row.and(page.locator('.focused')).waitFor({ timeout: 10_000 });
      await shot('since-deploy-01-row');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: `acme-api: changes since deploy (${deployed})` }).first().waitFor({ timeout: 30_000 });
      const editor = page.locator('.part.editor');
      for (const file of ['basket.js', 'checkout.js', 'db.js']) await editor.getByText(file).first().waitFor({ timeout: 30_000 });
      // A wider sidebar, so the picture shows the row's words whole.
      const side = await page.locator('.part.sidebar').boundingBox();
      if (side) {
        await page.mouse.move(side.x + side.width + 1, side.y + side.height / 2);
        await page.mouse.down();
        await page.mouse.move(side.x + side.width + 120, side.y + side.height / 2, { steps: 5 });
        await page.mouse.up();
        await page.mouse.move(side.x + 40, side.y + side.height - 40); // off the sash, which is drawn while hovered
      }
      await row.filter({ hasText: '2 commits behind HEAD' }).waitFor({ timeout: 10_000 });
      await shot('since-deploy-02-changes');
      await publish('since-deploy', 'window', { height: 0.6 });
    },
  },
];
