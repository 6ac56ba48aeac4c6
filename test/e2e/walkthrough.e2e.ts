// The first start of a user without the Membrane CLI: the walkthrough opens by itself;
// once the CLI is there (the setting pointed at it), the install, login and connect steps
// tick themselves. Also the Marketplace page's config-vars picture, on ordinary data.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editorFrame } from './configVars.e2e';
import { openHerokuView, quickInput, chooseQuickRow, quickRow, runCommand, statusItem, welcome, type UiSpec } from './run';

/** The user and machine settings files of a spec's profile (code-server reads the CLI path from the machine one). */
const settingsFiles = (dir: string) => [path.join(dir, 'ud', 'User', 'settings.json'), path.join(dir, 'ud', 'Machine', 'settings.json')];

function setCliPath(dir: string, cliPath: string): void {
  for (const file of settingsFiles(dir)) {
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    settings['herokuMembrane.cliPath'] = cliPath;
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  }
}

let realCli = '';

export const walkthroughSpecs: UiSpec[] = [
  {
    name: 'walkthrough: opens on a first start without the CLI; its steps complete as the user gets set up',
    knobs: {},
    prepare(state) {
      realCli = JSON.parse(fs.readFileSync(settingsFiles(state.dir)[1]!, 'utf8'))['herokuMembrane.cliPath'];
      setCliPath(state.dir, path.join(state.dir, 'no-membrane-here', 'membrane'));
    },
    async run({ page, shot, publish, state }) {
      await statusItem(page, 'Heroku: install CLI').waitFor({ timeout: 60_000 });
      const walkthrough = page.locator('.gettingStartedContainer', { hasText: 'Get Started with Heroku in VS Code' }).first();
      await walkthrough.waitFor({ timeout: 60_000 });
      await walkthrough.locator('text=Install the Membrane CLI').first().waitFor({ timeout: 10_000 });
      await shot('walkthrough-01-first-start');
      await publish('walkthrough', 'editor');

      await openHerokuView(page);
      await welcome(page, 'Membrane CLI').waitFor({ timeout: 30_000 });
      await publish('install-cli', 'left');

      // The user installs the CLI (here: the setting now points at the sandbox's).
      setCliPath(state.dir, realCli);
      // Connected: the name starts with the words shown, which gain the account's e-mail once a view has read it.
      await page.locator('.part.statusbar [aria-label^="Heroku"][aria-label$=": Connected to Heroku."]').first().waitFor({ timeout: 60_000 });
      // Back to the walkthrough, as Help → Get Started or the palette brings it.
      await runCommand(page, 'Heroku: Get Started with Heroku');
      // The install, login and connect steps tick themselves.
      await walkthrough.locator('[class*="getting-started-step-checked"]').nth(2).waitFor({ timeout: 30_000 });
      await shot('walkthrough-02-set-up');

      // The config-vars editor on the default world's acme-api, for the Marketplace page.
      await runCommand(page, 'Heroku: Open Config Vars');
      await quickInput(page).fill('acme-api');
      await chooseQuickRow(page, quickRow(page, /acme-api/));
      const frame = await editorFrame(page);
      await frame.locator('tr.row').first().waitFor({ timeout: 30_000 });
      await shot('walkthrough-03-config-vars');
      await publish('config-vars', 'window');
    },
  },
];
