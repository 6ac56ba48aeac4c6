// The workspace's apps in the real workbench: the workspace folder is a git repository
// whose remote "production" points at a sandbox app, and its `web` subfolder is linked in
// the folder's settings. The Apps view shows "This workspace" first, reached and read by
// keyboard (the screen reader's names say group and link). Looked at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git } from '../helpers/deployFixture';
import { openHerokuView, treeRow as row, type UiSpec } from './run';

export const workspaceSpecs: UiSpec[] = [
  {
    name: 'workspace: the "This workspace" group first, a remote of any name and a linked subfolder, by keyboard',
    prepare: (state) => {
      fs.writeFileSync(path.join(state.workspace, 'README.md'), '# shop\n');
      git(state.workspace, 'init', '-q');
      git(state.workspace, 'remote', 'add', 'production', 'https://git.heroku.com/acme-api.git');
      fs.mkdirSync(path.join(state.workspace, 'web'), { recursive: true });
      fs.mkdirSync(path.join(state.workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(state.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'herokuMembrane.links': [{ path: 'web', app: 'acme-web' }] }, null, 2));
    },
    async run({ page, shot }) {
      await openHerokuView(page);
      // The first row of the Apps view.
      await page.locator('.pane-body .monaco-list-row[data-index="0"] .label-name', { hasText: /^This workspace$/ }).first().waitFor({ timeout: 60_000 });
      await row(page, /acme-web\s*linked to ws\/web/).waitFor({ timeout: 30_000 });
      await row(page, 'acme-api').waitFor({ timeout: 30_000 });

      // By keyboard: from a row further down, Home reaches the group, ArrowDown its first app.
      await row(page, 'Personal').click();
      await page.keyboard.press('Home');
      const focused = (label: string) => page.locator(`.pane-body .monaco-list-row.focused[aria-label^="${label}"]`).first().waitFor({ timeout: 10_000 });
      await focused('This workspace group, 2 linked apps');
      await page.keyboard.press('ArrowDown');
      await focused('acme-api, linked to folder ws, ');
      await page.keyboard.press('ArrowDown');
      await focused('acme-web, linked to folder ws/web, ');
      await shot('workspace-01-group-first');
    },
  },
];
