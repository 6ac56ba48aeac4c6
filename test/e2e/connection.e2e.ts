// The connection flow clicked end to end: logged out → log in through the status bar and
// the code prompt → the browser step → connected; and the CLI-missing state.
import { acceptOpenExternal, openHerokuView, statusItem, welcome, type UiSpec } from './run';

export const connectionFlowSpecs: UiSpec[] = [
  {
    name: 'logged out, log in, browser step, connected',
    knobs: { MEMBRANE_SANDBOX_LOGGED_OUT: '1', MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_BUILD_MS: '200' },
    async run({ page, shot, sandbox, publish }) {
      await statusItem(page, 'Heroku: log in').waitFor({ timeout: 60_000 });
      await openHerokuView(page);
      await welcome(page, 'You are not logged in to Membrane').waitFor({ timeout: 30_000 });
      await shot('connection-01-logged-out');
      await publish('log-in', 'left');

      await statusItem(page, 'Heroku: log in').click();
      await acceptOpenExternal(page);
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ state: 'visible', timeout: 30_000 });
      await input.fill('SANDBOX-1234');
      await page.keyboard.press('Enter');

      await statusItem(page, 'Heroku: finish in browser').waitFor({ timeout: 60_000 });
      await welcome(page, 'Heroku needs you in the browser').waitFor({ timeout: 30_000 });
      await shot('connection-02-browser-step');
      await publish('connect', 'left');

      sandbox(['sandbox', 'complete-client-action']);
      await page.locator('.monaco-list-row', { hasText: 'acme-api' }).first().waitFor({ timeout: 60_000 });
      const item = page.locator('.part.statusbar [aria-label$=": Connected to Heroku."]').first();
      await item.waitFor({ timeout: 10_000 });
      await item.hover();
      await page.locator('.monaco-hover', { hasText: 'Connected to Heroku' }).first().waitFor({ timeout: 10_000 });
      await shot('connection-03-connected');
    },
  },
];
