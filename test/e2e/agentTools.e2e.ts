// A write tool of the AI agent, called as a chat calls it (vscode.lm.invokeTool, through a
// test build's command bound to a key): VS Code itself asks in a modal dialog with the
// tool's words (the app, the account, the effect). Cancel leaves the sandbox world byte for
// byte as it was; Yes makes the change.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitUntil } from '../helpers/wait';
import { openHerokuView, type UiSpec } from './run';

const KEY = 'ctrl+alt+shift+y';
const APP = 'acme-api';

/** Where the test build's command writes what invokeTool gave: `{ ok, text }`. */
const outcomeFile = (dir: string) => path.join(dir, 'agent-tool-outcome.json');

async function outcome(dir: string): Promise<{ ok: boolean; text: string }> {
  const file = outcomeFile(dir);
  await waitUntil(() => fs.existsSync(file), 'the tool call to end', 30_000);
  const read = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file);
  return read;
}

const maintenanceOf = (worldFile: string): boolean => JSON.parse(fs.readFileSync(worldFile, 'utf8')).apps.find((a: { name: string }) => a.name === APP).maintenance === true;

export const agentToolSpecs: UiSpec[] = [
  {
    name: "agent tools: a write tool asks in VS Code's dialog; Cancel changes nothing, Yes makes the change",
    prepare(state) {
      const file = path.join(state.dir, 'ud', 'User', 'keybindings.json');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify([{ key: KEY, command: 'herokuMembraneTest.invokeAgentTool', args: { name: 'herokuMembrane_maintenance', input: { app: APP, on: true }, outcomeFile: outcomeFile(state.dir) } }]));
    },
    async run({ page, shot, state }) {
      await openHerokuView(page);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'acme' }).first().waitFor({ timeout: 60_000 });
      assert.equal(maintenanceOf(state.worldFile), false, 'the app starts without maintenance');
      const dialog = page.locator('.monaco-dialog-box', { hasText: `Turn maintenance mode on for ${APP}?` });

      const before = fs.readFileSync(state.worldFile);
      await page.locator('.pane-body .monaco-list-row', { hasText: 'acme' }).first().click();
      await page.keyboard.press('Control+Alt+Shift+Y');
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.getByText(/alex@acme\.dev/).first().waitFor({ timeout: 5_000 });
      await dialog.getByText(/HTTP 503/).first().waitFor({ timeout: 5_000 });
      await shot('agent-01-write-question');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      const cancelled = await outcome(state.dir);
      // VS Code's Cancel: the call ends as cancelled, and invoke never ran.
      assert.equal(cancelled.ok, false, `Cancel: nothing ran (${cancelled.text})`);
      assert.match(cancelled.text, /cancel/i);
      assert.ok(fs.readFileSync(state.worldFile).equals(before), 'Cancel left the world byte for byte unchanged');

      await page.locator('.pane-body .monaco-list-row', { hasText: 'acme' }).first().click();
      await page.keyboard.press('Control+Alt+Shift+Y');
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Yes' }).click();
      const confirmed = await outcome(state.dir);
      assert.ok(confirmed.ok && /Maintenance mode is on for acme-api/.test(confirmed.text), confirmed.text);
      assert.match(confirmed.text, /<heroku-data id=/);
      assert.equal(maintenanceOf(state.worldFile), true, 'Yes turned maintenance on');
      // The views follow the data: the write went through the Heroku client, which forgot what it changed.
      await page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^\s*acme-api$/ }) }).filter({ hasText: 'maintenance' }).first().waitFor({ timeout: 30_000 });
      await shot('agent-02-write-done');
    },
  },
];
