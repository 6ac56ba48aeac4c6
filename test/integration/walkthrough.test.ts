// The Get Started walkthrough in a real extension host: it is contributed with a picture
// per step, and each step's completion event (a context key) is set when the sandbox
// reaches that state: the CLI found, logged in, Heroku connected, the Apps view shown,
// a log stream opened, a build started, a config-vars editor opened, a palette request sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { STEP_KEYS } from '../../src/walkthrough/progress';
import { makeDeployFixture } from '../helpers/deployFixture';
import { localizedManifest } from '../helpers/manifest';
import { ROOT, SANDBOX_BIN, connectFresh, resetSandbox, scenario, scriptPrompts, setCliPath, useExtension, waitFor, waitForState } from './helpers';

const KEYS = Object.values(STEP_KEYS);

suite('walkthrough', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));
  const key = (k: string) => api.contextKeys.get(k) === true;

  setup(() => {
    // Start over: what earlier suites completed does not count here.
    for (const k of KEYS) api.contextKeys.set(k, false);
  });

  teardown(async () => {
    scenario({});
    await setCliPath(SANDBOX_BIN);
    for (const t of vscode.window.terminals) t.dispose();
    (await api.configVars()).dispose();
  });

  test('contributed: every step has a picture on disk and completes on one of the keys the extension sets', () => {
    const pkg = localizedManifest(ROOT);
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'herokuMembrane.gettingStarted');
    assert.equal(walkthrough.steps.length, KEYS.length);
    const completing = walkthrough.steps.map((s: { completionEvents: string[]; media: { image: string } }) => {
      assert.ok(fs.existsSync(path.join(ROOT, s.media.image)), `${s.media.image} exists`);
      assert.equal(s.completionEvents.length, 1);
      return s.completionEvents[0]!.replace(/^onContext:/, '');
    });
    assert.deepEqual(completing, KEYS);
  });

  test('the setup steps complete as the sandbox gets there: CLI found, logged in, connected, Apps view shown', async () => {
    await setCliPath(path.join(ROOT, 'no-such-dir', 'membrane'));
    await waitForState(api, 'cliMissing');
    // From here on (a check started by an earlier teardown may have set a key meanwhile).
    for (const k of KEYS) api.contextKeys.set(k, false);

    // The CLI appears (the setting now points at it), still logged out: the check starts again.
    resetSandbox({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
    await setCliPath(SANDBOX_BIN);
    await waitForState(api, 'loggedOut');
    assert.equal(key(STEP_KEYS.cliInstalled), true, 'cliMissing → checking completes "install the CLI"');
    assert.equal(key(STEP_KEYS.loggedIn), false);
    assert.equal(key(STEP_KEYS.connected), false);

    const script = scriptPrompts(api);
    api.prompts.openExternal = async () => true;
    script.inputs.push('SANDBOX-1234');
    await vscode.commands.executeCommand('herokuMembrane.login');
    await waitForState(api, 'ready');
    assert.equal(key(STEP_KEYS.loggedIn), true);
    assert.equal(key(STEP_KEYS.connected), true);

    // The Apps view shown (from another view, so that it becomes visible now).
    await vscode.commands.executeCommand('workbench.view.explorer');
    assert.equal(key(STEP_KEYS.appsViewSeen), false);
    await vscode.commands.executeCommand('herokuMembrane.apps.focus');
    await waitFor('the Apps view step', () => key(STEP_KEYS.appsViewSeen));
  });

  test('the "try" steps complete when the feature really ran, not when its pick was cancelled', async () => {
    await connectFresh(api);
    const script = scriptPrompts(api);

    // Logs: a cancelled pick opens nothing; then a log stream.
    script.picks.push(undefined);
    await vscode.commands.executeCommand('herokuMembrane.showLogs');
    assert.equal(key(STEP_KEYS.triedLogs), false);
    script.picks.push('alex-playground', /All logs/);
    await vscode.commands.executeCommand('herokuMembrane.showLogs');
    assert.equal(key(STEP_KEYS.triedLogs), true);

    // Config vars: its editor opened.
    script.picks.push('alex-playground');
    await vscode.commands.executeCommand('herokuMembrane.openConfigVars');
    assert.equal(key(STEP_KEYS.triedConfigVars), true);

    // The palette: a request sent.
    assert.equal(key(STEP_KEYS.triedPalette), false);
    script.picks.push(/^GET \/account$/);
    script.inputs.push('', '');
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.equal(key(STEP_KEYS.triedPalette), true);

    // Deploy: a build started (a folder with an app).
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'walkthrough-deploy-'));
    try {
      const fx = makeDeployFixture(parent);
      script.picks.push('alex-playground');
      await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
      assert.equal(key(STEP_KEYS.triedDeploy), true, `a build started (errors: ${script.errors.join(' | ')})`);
    } finally {
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
