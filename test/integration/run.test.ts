// One-off dynos in a real extension host: the dyno's terminal over the sandbox's TLS
// rendezvous (its certificate trusted through NODE_EXTRA_CA_CERTS, as the harness sets
// it), the exit status shown, an interactive bash, closing the terminal, Ctrl-C, a dropped
// connection, the question before a run, the recent commands, and a detached run in the
// Dynos list with its logs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { connectFresh, readWorld, scenario, scriptPrompts, useExtension, waitFor, worldApp, type PromptScript } from './helpers';

const APP = 'acme-api';

function plain(api: ExtensionApi, key: string): string {
  // eslint-disable-next-line no-control-regex
  return api.testing.terminalText(key).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

const events = () => {
  try {
    return fs.readFileSync(path.join(process.env.MEMBRANE_SANDBOX_HOME!, 'stream-events.log'), 'utf8');
  } catch {
    return '';
  }
};

const runTerminals = () => vscode.window.terminals.filter((t) => t.name.startsWith('Heroku run:'));
const runDynos = (): string[] => readWorld().dynos[worldApp(readWorld(), APP).id].filter((d: any) => d.type === 'run').map((d: any) => d.name);
/** Run dynos that were not there before (ended ones may go meanwhile). */
const newDynos = (before: string[]) => runDynos().filter((n) => !before.includes(n));

suite('one-off dynos', () => {
  let api: ExtensionApi;
  let p: PromptScript;
  let mark = 0;
  const output = () => plain(api, `run:${APP}`).slice(mark);
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    p = scriptPrompts(api);
    mark = plain(api, `run:${APP}`).length;
  });

  teardown(async () => {
    for (const t of runTerminals()) t.dispose();
    scenario({});
  });

  async function run(command: RegExp | string): Promise<void> {
    p.picks = typeof command === 'string' ? [APP, /Another command/, /Standard-2X/] : [APP, command, /Standard-2X/];
    if (typeof command === 'string') p.inputs = [command];
    await vscode.commands.executeCommand('herokuMembrane.runOneOff');
  }

  test('echo hello && exit 3: the output, then "Process exited with status 3"; the marker never shows', async () => {
    await run('echo hello && exit 3');
    const text = await waitFor('the exit status', () => /Process exited with status 3/.test(output()) && output());
    assert.match(text, /starting a Standard-2X dyno for "echo hello && exit 3" on acme-api…[\s\S]*run\.\d+ is up: connecting[\s\S]*hello\r\n/);
    assert.ok(!text.includes('\uFFFF') && !text.includes('heroku-command-exit-status'), 'the marker is stripped');
    assert.ok(runTerminals().length === 1, 'the terminal stays open');
  });

  test('an interactive bash: two typed commands, then exit; closing the terminal closes the socket', async () => {
    await run(/^bash$/);
    await waitFor('the prompt', () => output().includes('~ $ '));
    const terminal = runTerminals()[0]!;
    terminal.sendText('echo first', true);
    await waitFor('the first answer', () => /echo first\r\nfirst\r\n/.test(output()));
    terminal.sendText('ls', true);
    await waitFor('the second answer', () => /ls\r\n[\s\S]*~ \$ $/.test(output()));
    const opened = (events().match(/rendezvous opened/g) ?? []).length;
    const closed = (events().match(/rendezvous closed/g) ?? []).length;
    assert.ok(opened > closed, 'the session is open');
    terminal.dispose();
    await waitFor('the server to see the socket go', () => (events().match(/rendezvous closed/g) ?? []).length > closed);
  });

  test('Ctrl-C ends a non-interactive command and its shell: the connection closed without an exit status, and nothing says the dyno may still run', async () => {
    await run('echo started && sleep 30');
    await waitFor('the command to start', () => output().includes('started\r\n'));
    runTerminals()[0]!.sendText('\u0003', false);
    const text = await waitFor('the end to be told', () => /The connection to run\.\d+ closed/.test(output()) && output());
    assert.match(text, /\^C\r\n[\s\S]*The connection to run\.\d+ closed without an exit status\./);
    assert.doesNotMatch(text, /may still be running|before the command finished/);
  });

  test('Run Command asks first, naming the size and that it is billed; no answer starts nothing (finding 5)', async () => {
    p.confirmWith = undefined;
    const before = runDynos();
    await run('echo never started');
    assert.match(p.questions[0]?.message ?? '', /^Run "echo never started" on acme-api\?$/);
    assert.match(p.questions[0]!.detail, /one-off Standard-2X dyno[\s\S]*billed while it runs/);
    assert.equal(runTerminals().length, 0, 'no terminal');
    assert.deepEqual(newDynos(before), [], 'no dyno');
  });

  test('recent commands: one that carries a value is never offered again; a plain one is (finding 7)', async () => {
    const secret = 'DATABASE_URL=postgres://admin:hunter2@db.example.com/app rake db:migrate';
    await run(secret);
    await waitFor('the first run to end', () => /Process exited with status 127/.test(output()));
    await run('echo remembered');
    await waitFor('the second run to end', () => /Process exited with status 0/.test(output()));
    const offered: string[] = [];
    const pick = api.prompts.showQuickPick;
    api.prompts.showQuickPick = (async (items: vscode.QuickPickItem[], o: vscode.QuickPickOptions) => {
      if (/one-off dyno/.test(o.placeHolder ?? '')) offered.push(...items.map((i) => i.label));
      return pick(items, o);
    }) as typeof api.prompts.showQuickPick;
    p.picks = [APP, undefined];
    await vscode.commands.executeCommand('herokuMembrane.runOneOff');
    assert.ok(offered.includes('echo remembered'), offered.join(', '));
    assert.ok(!offered.some((c) => c.includes('hunter2')), offered.join(', '));
  });

  test('a dropped rendezvous says so clearly', async () => {
    scenario({ MEMBRANE_SANDBOX_RUN_DROP_MS: '300' });
    await run('sleep 30');
    const text = await waitFor('the drop to be told', () => /closed before the command finished/.test(output()) && output());
    assert.match(text, /The connection to run\.\d+ closed before the command finished, so no exit status came back.*The dyno may still be running/);
  });

  test('Run Detached asks first: the size, billed while it runs, output only in the logs; no answer starts nothing (finding 5)', async () => {
    p.confirmWith = undefined;
    p.picks = [APP, /Another command/, /Standard-2X/];
    p.inputs = ['echo never started'];
    const before = runDynos();
    await vscode.commands.executeCommand('herokuMembrane.runDetached');
    assert.match(p.questions[0]?.message ?? '', /^Run "echo never started" detached on acme-api\?$/);
    assert.match(p.questions[0]!.detail, /one-off Standard-2X dyno[\s\S]*billed while it runs[\s\S]*output goes only to the app's logs/);
    assert.deepEqual(newDynos(before), [], 'no dyno');
    assert.deepEqual(p.info, []);
  });

  test('a detached run shows in Dynos, and its logs open filtered to it', async () => {
    p.picks = [APP, /Another command/, /Standard-2X/];
    p.inputs = ['echo hello from detached && sleep 60'];
    let showLogs = false;
    api.prompts.showInformationMessage = (async (m: string, ...actions: string[]) => {
      p.info.push(m);
      showLogs = actions.includes('Show Logs');
      return showLogs ? 'Show Logs' : undefined;
    }) as typeof api.prompts.showInformationMessage;
    await vscode.commands.executeCommand('herokuMembrane.runDetached');
    assert.match(p.questions[0]?.message ?? '', /detached on acme-api\?$/, 'asked first');
    assert.match(p.info[0] ?? '', /^acme-api: run\.\d+ is running "echo hello from detached && sleep 60" detached\./);
    const dyno = /run\.\d+/.exec(p.info[0]!)![0];
    assert.ok(readWorld().dynos[worldApp(readWorld(), APP).id].some((d: any) => d.name === dyno && d.type === 'run'), 'in the world');
    const acme = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    const appNode = (await api.explorer.apps.getChildren(acme))!.find((n) => n.id.endsWith(`app:${APP}`))!;
    const dynos = (await api.explorer.apps.getChildren(appNode))!.find((n) => n.id.endsWith('/dynos'))!;
    const names = (await api.explorer.apps.getChildren(dynos))!.map((n) => String((api.explorer.apps.getTreeItem(n) as vscode.TreeItem).label));
    assert.ok(names.includes(dyno), `${dyno} among ${names.join(', ')}`);
    // eslint-disable-next-line no-control-regex
    await waitFor('its output in the logs', () => api.testing.terminalText(APP).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').includes(`app[${dyno}]: hello from detached`));
    for (const t of vscode.window.terminals.filter((t) => t.name.includes('Heroku logs:'))) t.dispose();
  });
});
