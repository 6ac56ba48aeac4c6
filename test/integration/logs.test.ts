// Live logs in a real extension host against the sandbox's stream server: nothing
// streams until asked; a line written in the world appears; the dyno filter; a dropped
// stream reconnects with no duplicate and no lost line; a restart's state changes; and
// closing the terminal closes the connection.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { SANDBOX_BIN, connectFresh, scenario, useExtension, waitFor } from './helpers';

const APP = 'acme-api';
const home = () => process.env.MEMBRANE_SANDBOX_HOME!;
const events = () => {
  try {
    return fs.readFileSync(path.join(home(), 'stream-events.log'), 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};
// Log streams only: build output streams and uploads (the deploy suite's) are not this suite's.
const opened = () => events().filter((e) => / opened \/sessions\//.test(e)).length;
const closed = () => events().filter((e) => / closed \/sessions\//.test(e)).length;

/** A line in the app's log, as the app would write it. */
function appLog(message: string, dyno = 'web.1', app = APP): void {
  execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'log', app, message, `--dyno=${dyno}`], { env: process.env });
}

/** The terminal's text without colours. */
function plain(api: ExtensionApi, app = APP): string {
  // eslint-disable-next-line no-control-regex
  return api.testing.terminalText(app).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function logTerminals(): vscode.Terminal[] {
  return vscode.window.terminals.filter((t) => t.name.includes('Heroku logs:'));
}

suite('live logs', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
  });

  teardown(async () => {
    for (const t of logTerminals()) t.dispose();
    await waitFor('every stream closed', () => closed() >= opened());
    scenario({});
  });

  async function appNode(name = APP): Promise<Node> {
    const acme = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    return (await api.explorer.apps.getChildren(acme))!.find((n) => n.id.endsWith(`app:${name}`))!;
  }

  async function showAllLogs(): Promise<void> {
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => items[0]) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.showLogs', await appNode());
  }

  test('nothing streams until asked; then a line written in the world appears, coloured, in a terminal named live', async () => {
    assert.equal(opened(), closed(), 'no stream open after activation and the tree');
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    const marker = `hello from the world ${Date.now()}`;
    appLog(marker);
    await waitFor('the line in the terminal', () => plain(api).includes(marker));
    assert.ok(!api.testing.terminalText(APP).includes('\u001b[2m'), 'nothing is dim (below 4.5:1 contrast)');
    await waitFor('the terminal named live', () => logTerminals().some((t) => t.name === '● Heroku logs: acme-api'));
    assert.equal(logTerminals().length, 1);
    // Asked again: the same terminal.
    await showAllLogs();
    assert.equal(logTerminals().length, 1);
  });

  test('the dyno filter shows only that dyno', async () => {
    const app = await appNode();
    const dynos = (await api.explorer.apps.getChildren(app))!.find((n) => n.id.endsWith('/dynos'))!;
    const web1 = (await api.explorer.apps.getChildren(dynos))!.find((n) => n.id.endsWith('dyno:web.1'))!;
    await vscode.commands.executeCommand('herokuMembrane.showLogs', web1);
    await waitFor('the stream to open', () => opened() > closed());
    const other = `from web.2 ${Date.now()}`;
    const mine = `from web.1 ${Date.now()}`;
    appLog(other, 'web.2');
    appLog(mine, 'web.1');
    await waitFor('the web.1 line', () => plain(api).includes(mine));
    assert.ok(!plain(api).includes(other), 'web.2 is filtered out');
  });

  test('a dropped stream reconnects: no line twice, none lost, the reconnect a dim line', async () => {
    scenario({ MEMBRANE_SANDBOX_LOG_DROP_AFTER: '2' });
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    const run = Date.now();
    const lines = [1, 2, 3, 4, 5].map((n) => `drop test ${run} line ${n}`);
    for (const l of lines) appLog(l);
    await waitFor('every line', () => lines.every((l) => plain(api).includes(l)));
    for (const l of lines) assert.equal(countOf(plain(api), l), 1, `${l} shown once`);
    assert.match(plain(api), /— reconnecting \(/);
    assert.ok(opened() >= 2, 'a new session was opened');
  });

  test("a restart shows its state-change lines", async () => {
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await vscode.commands.executeCommand('herokuMembrane.restartAllDynos', await appNode());
    await waitFor('the restart lines', () => /heroku\[web\.1\]: Restarting/.test(plain(api)) && /heroku\[web\.1\]: State changed from \w+ to starting/.test(plain(api)));
  });

  test('Show Build Output on a build node: the whole output, coloured, then its end; it can be read again', async () => {
    const builds = (await api.explorer.apps.getChildren(await appNode('acme-worker')))!.find((n) => n.id.endsWith('/builds'))!;
    const nodes = (await api.explorer.apps.getChildren(builds))!;
    for (const node of nodes.slice(0, 2)) {
      const id = node.id.split('/build:')[1]!;
      await vscode.commands.executeCommand('herokuMembrane.showBuildOutput', node);
      await waitFor('the end of the output', () => api.testing.terminalText(`build:${id}`).includes('end of output'));
      const text = api.testing.terminalText(`build:${id}`);
      assert.match(text, /-----> Building on the Heroku-24 stack/);
      assert.match(text, /Build succeeded!|Build failed/);
      assert.ok(text.includes('\u001b[1m----->'), 'the buildpack steps are bold');
    }
    // Read again: a fresh URL, the whole output once more.
    const first = nodes[0]!;
    const id = first.id.split('/build:')[1]!;
    await vscode.commands.executeCommand('herokuMembrane.showBuildOutput', first);
    await waitFor('the output read again', () => countOf(api.testing.terminalText(`build:${id}`), 'end of output') === 2);
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('Heroku build:'))) t.dispose();
  });

  test('Show Release Output on a release that ran a release phase; none offered where there was none', async () => {
    const releases = (await api.explorer.apps.getChildren(await appNode()))!.find((n) => n.id.endsWith('/releases'))!;
    const nodes = (await api.explorer.apps.getChildren(releases))!;
    const contextOf = (n: Node) => String((api.explorer.apps.getTreeItem(n) as vscode.TreeItem).contextValue);
    const withOutput = nodes.find((n) => contextOf(n).includes('+output'))!;
    assert.ok(withOutput, 'a deploy release offers its output');
    assert.ok(nodes.some((n) => !contextOf(n).includes('+output')), 'a config change does not');
    const version = withOutput.id.split('/release:')[1]!;
    await vscode.commands.executeCommand('herokuMembrane.showReleaseOutput', withOutput);
    const key = `release:${APP}:${version}`;
    await waitFor('the end of the release output', () => api.testing.terminalText(key).includes('end of output'));
    assert.match(api.testing.terminalText(key), /Running release command/);
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('Heroku release:'))) t.dispose();
  });

  test('closing the terminal closes the connection: the server sees it go', async () => {
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    const before = closed();
    logTerminals()[0]!.dispose();
    await waitFor('the server to see the connection close', () => closed() > before);
    assert.equal(opened(), closed());
  });
});
