// The connection flow inside a real VS Code extension host, against the sandbox CLI:
// every scenario reaches the right state, status bar and welcome view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { SANDBOX_BIN, liveSandboxProcesses, resetSandbox, scenario, setCliPath, waitFor, waitForState, welcomeFor, useExtension } from './helpers';

suite('connection flow', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(() => resetSandbox());

  teardown(async () => {
    await setCliPath(SANDBOX_BIN);
    resetSandbox();
  });

  test('contributed commands are exactly the registered ones', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    // Views add their own `heroku.<view>.focus`-style commands: not ours to contribute.
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('herokuMembrane.') && !/^herokuMembrane\.(apps|pipelines)\./.test(c)).sort();
    assert.deepEqual(registered, contributed);
    assert.deepEqual([...api.commandIds].sort(), contributed);
  });

  test('connected: READY, status bar "Heroku" with a menu, tooltip with connection and CLI version', async () => {
    await api.manager.recheck();
    await waitForState(api, 'ready');
    const item = api.statusBar.item;
    // The account's e-mail follows once a view has read it (kept across checks of the same connection).
    assert.match(item.text, /^\$\(cloud\) Heroku( alex@acme\.dev)?$/);
    assert.equal(item.command, 'herokuMembrane.statusMenu');
    assert.equal(item.name, 'Heroku Connection');
    // Its accessible name starts with the words it shows, then says where the user stands.
    assert.match(item.accessibilityInformation?.label ?? '', /^Heroku( alex@acme\.dev)?: \S/);
    const tip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /6750c2a1f3b9d84e21a7c5e0/);
    assert.match(tip, /1\.18\.3/);
    assert.match(welcomeFor('ready'), /No Heroku apps in this account yet/);
    assert.ok(api.manager.ready);
  });

  test('logged out: state, status bar and welcome view offer the login', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
    await api.manager.recheck();
    await waitForState(api, 'loggedOut');
    assert.equal(api.statusBar.item.text, '$(sign-in) Heroku: log in');
    assert.match(api.statusBar.item.accessibilityInformation?.label ?? '', /^Heroku: log in: /);
    assert.equal(api.statusBar.item.command, 'herokuMembrane.login');
    assert.match(welcomeFor('loggedOut'), /\[Log in\]\(command:herokuMembrane\.login\)/);
  });

  test('log in with the code prompt and the browser (stubbed): URL opened, code sent, connected', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
    await api.manager.recheck();
    await waitForState(api, 'loggedOut');
    const opened: string[] = [];
    const asked: vscode.InputBoxOptions[] = [];
    api.prompts.openExternal = async (uri) => (opened.push(uri.toString(true)), true);
    api.prompts.showInputBox = async (o) => (asked.push(o), 'SANDBOX-1234');
    api.prompts.showInformationMessage = async () => undefined;
    await vscode.commands.executeCommand('herokuMembrane.login');
    await waitForState(api, 'ready');
    assert.equal(opened.length, 1);
    assert.match(opened[0] ?? '', /^https:\/\/console\.getmembrane\.com\/cli-auth\?client=vscode&/);
    assert.equal(asked[0]?.password, true);
    assert.equal(asked[0]?.ignoreFocusOut, true);
    assert.match(asked[0]?.prompt ?? '', /paste the code/i);
  });

  test('a wrong code is refused with a clear error and can be tried again', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
    await api.manager.recheck();
    const codes = ['WRONG', 'SANDBOX-1234'];
    const errors: string[] = [];
    api.prompts.openExternal = async () => true;
    api.prompts.showInputBox = async () => codes.shift();
    api.prompts.showErrorMessage = async (m: string) => (errors.push(m), 'Try Again');
    api.prompts.showInformationMessage = async () => undefined;
    await vscode.commands.executeCommand('herokuMembrane.login');
    await waitForState(api, 'ready');
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /did not accept the code: Invalid or expired authorization code/);
  });

  test('BUILDING → READY', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,BUILDING,READY', MEMBRANE_SANDBOX_BUILD_MS: '300' });
    const seen: string[] = [];
    const sub = api.manager.onDidChange((s) => seen.push(s.kind));
    await api.manager.recheck();
    sub.dispose();
    assert.equal(api.manager.status.kind, 'ready');
    assert.ok(seen.includes('connecting'), seen.join());
    assert.match(welcomeFor('connecting'), /Connecting to Heroku/);
  });

  test('CLIENT_ACTION_REQUIRED → READY after the browser step', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY' });
    const done = api.manager.recheck();
    await waitForState(api, 'browserStep');
    assert.equal(api.statusBar.item.text, '$(link-external) Heroku: finish in browser');
    assert.equal(api.statusBar.item.command, 'herokuMembrane.openBrowserStep');
    assert.match((api.statusBar.item.tooltip as vscode.MarkdownString).value, /Authorize Membrane to access your Heroku account/);
    const opened: string[] = [];
    api.prompts.openExternal = async (uri) => (opened.push(uri.toString(true)), true);
    await vscode.commands.executeCommand('herokuMembrane.openBrowserStep');
    assert.match(opened[0] ?? '', /^https:\/\/ui\.getmembrane\.com\/embed\/connections\/6750c2a1f3b9d84e21a7c5e0\/refresh\?token=/);
    scenario({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS: '1' });
    await done;
    assert.equal(api.manager.status.kind, 'ready');
    assert.match(welcomeFor('browserStep'), /\[Open in browser\]\(command:herokuMembrane\.openBrowserStep\)/);
  });

  test('SETUP_FAILED: the error text and a retry', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,SETUP_FAILED', MEMBRANE_SANDBOX_BUILD_MS: '50' });
    const told: Array<{ message: string; actions: string[] }> = [];
    api.prompts.showErrorMessage = async (message: string, ...actions: string[]) => (told.push({ message, actions }), undefined);
    await api.manager.recheck();
    assert.equal(api.manager.status.kind, 'failed');
    // One notification, with the reason and the next steps (the status bar alone is easy to miss).
    assert.deepEqual(told.map((t) => t.actions), [['Retry', 'Show Log']]);
    assert.match(told[0]!.message, /^The Heroku connection could not be set up: .*Connector build failed/);
    await api.manager.recheck();
    assert.equal(api.manager.status.kind, 'failed');
    assert.equal(told.length, 1, 'the same failure is told once');
    assert.match(api.manager.status.detail ?? '', /Connector build failed/);
    assert.equal(api.statusBar.item.text, '$(error) Heroku: connection failed');
    assert.equal(api.statusBar.item.command, 'herokuMembrane.retry');
    assert.match(welcomeFor('failed'), /\[Retry\]\(command:herokuMembrane\.retry\)/);
    scenario({});
    await vscode.commands.executeCommand('herokuMembrane.retry');
    assert.equal(api.manager.status.kind, 'ready');
  });

  test('CLI missing: offers install and path, re-detects after the path is chosen', async () => {
    await setCliPath('/nonexistent/membrane');
    await waitForState(api, 'cliMissing');
    assert.equal(api.statusBar.item.command, 'herokuMembrane.installCli');
    assert.match(api.manager.status.detail ?? '', /npm install -g @membranehq\/cli@latest/);
    assert.match(welcomeFor('cliMissing'), /\[Install the Membrane CLI\]\(command:herokuMembrane\.installCli\)/);
    api.prompts.showOpenDialog = async () => [vscode.Uri.file(SANDBOX_BIN)];
    await vscode.commands.executeCommand('herokuMembrane.chooseCliPath');
    await waitForState(api, 'ready');
  });

  test('wrong binary: a program that is not the Membrane CLI is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ads-'));
    const fake = path.join(dir, 'membrane');
    fs.writeFileSync(fake, `#!/usr/bin/env node\nconsole.log(process.argv[2]==='--version'?'2.4.0':'Membrane - Amazon Ads plugin\\nCommands: connect, catalog, hook')\n`, { mode: 0o755 });
    await setCliPath(fake);
    await waitForState(api, 'wrongBinary');
    assert.match(api.manager.status.detail ?? '', /Amazon-Ads plugin/);
    assert.equal(api.statusBar.item.command, 'herokuMembrane.chooseCliPath');
    assert.match(welcomeFor('wrongBinary'), /not the Membrane integration CLI/);
  });

  test('login expired mid-session returns to "log in"', async () => {
    await api.manager.recheck();
    await waitForState(api, 'ready');
    scenario({ MEMBRANE_SANDBOX_FAULT: 'auth-expired' });
    const heroku = api.manager.requireHeroku();
    heroku.forgetAll();
    await assert.rejects(heroku.account(), (e: unknown) => (e as { kind?: string }).kind === 'not-logged-in');
    assert.equal(api.manager.status.kind, 'loggedOut');
    assert.equal(api.statusBar.item.text, '$(sign-in) Heroku: log in');
  });

  test('cancelling the wait leaves no child process', async () => {
    resetSandbox({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY' });
    const stop = new AbortController();
    const done = api.manager.recheck({ signal: stop.signal });
    await waitForState(api, 'browserStep');
    scenario({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_LATENCY_MS: '5000' });
    // Let the next poll start (a slow sandbox call), then cancel it.
    await waitFor('a running sandbox call', () => liveSandboxProcesses().length > 0, 10_000);
    stop.abort();
    await done;
    await waitFor('no sandbox process left', () => liveSandboxProcesses().length === 0, 5_000);
  });
});
