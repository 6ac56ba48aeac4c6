// Teammate deploys in the real workbench, turned on in the user's settings, the workspace
// folder linked to acme-api by a git remote: the watch's first read is the baseline (the
// sandbox's call log shows it; nothing else reads the app's releases here), then a teammate
// deploys (MEMBRANE_SANDBOX_TEAMMATE) and the next minute's read brings the notification,
// whose Show Changes opens the release's diff.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitUntil } from '../helpers/wait';
import type { UiSpec } from './run';

const APP = 'acme-api';

export const teammateDeploySpecs: UiSpec[] = [
  {
    name: 'teammate deploys: the notification, its buttons, Show Changes',
    knobs: {},
    prepare(state) {
      const file = path.join(state.userDataDir, 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, JSON.stringify({ ...settings, 'herokuMembrane.teammateDeploys.enabled': true }, null, 2));
      fs.mkdirSync(path.join(state.workspace, '.git'), { recursive: true });
      fs.writeFileSync(path.join(state.workspace, '.git', 'config'), `[remote "production"]\n\turl = https://git.heroku.com/${APP}.git\n`);
      fs.writeFileSync(state.pointer, JSON.stringify({ MEMBRANE_SANDBOX_CALL_LOG: path.join(state.dir, 'calls.jsonl') }));
    },
    async run({ page, shot, scenario, state }) {
      const log = path.join(state.dir, 'calls.jsonl');
      const releaseReads = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter((l) => new RegExp(`/apps/${APP}/releases(?![/\\w])`).test(l)).length : 0);
      await waitUntil(() => releaseReads() > 0, 'the watch’s first read (the baseline)', 90_000);
      scenario({ MEMBRANE_SANDBOX_CALL_LOG: log, MEMBRANE_SANDBOX_TEAMMATE: APP });
      // A page without window focus gets no toasts: the notification is read in the notification center.
      const told = page.locator('.notifications-center .notification-list-item', { hasText: new RegExp(`New release v\\d+ on ${APP} by sam@acme\\.dev: Deploy [0-9a-f]{7}`) }).first();
      await page.locator('.statusbar-item#status\\.notifications').click();
      await told.waitFor({ timeout: 150_000 });
      await told.getByRole('button', { name: 'Show Release', exact: true }).waitFor({ timeout: 10_000 });
      await shot('teammate-deploys-01-notification');
      await told.getByRole('button', { name: 'Show Changes', exact: true }).click();
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'against the release before it' }).first().waitFor({ timeout: 30_000 });
      await page.locator('.monaco-diff-editor .view-lines', { hasText: 'A teammate' }).first().waitFor({ timeout: 10_000 });
      await shot('teammate-deploys-02-changes');
    },
  },
];
