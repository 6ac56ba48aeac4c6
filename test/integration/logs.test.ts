// Live logs in a real extension host against the sandbox's stream server: nothing
// streams until asked; a line written in the world appears; the dyno filter; a dropped
// stream reconnects with no duplicate and no lost line; a restart's state changes; and
// closing the terminal closes the connection. Logs you can narrow: Filter Logs… (errors
// only, text, a regular expression, one that is too slow), Clear Log Filter, the name that
// shows the filter, which terminal when several are open, and Save Logs….
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** A line in the app's log, as the app (or, with source heroku, the platform) would write it. */
function appLog(message: string, dyno = 'web.1', app = APP, source = 'app'): void {
  execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'log', app, message, `--dyno=${dyno}`, `--source=${source}`], { env: process.env });
}

/** Clears the screen and the scrollback: a filter's re-render starts with it. */
const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';
/** What the terminal shows since its last re-render (a filter set or cleared), without colours. */
function sinceRender(api: ExtensionApi, app = APP): string {
  const parts = api.testing.terminalText(app).split(CLEAR_SCREEN);
  // eslint-disable-next-line no-control-regex
  return parts[parts.length - 1]!.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
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

  /** Answers each quick pick with the first item whose label matches the next pattern. */
  function pickInTurn(...patterns: RegExp[]): string[][] {
    const asked: string[][] = [];
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => {
      asked.push(items.map((i) => i.label));
      const pattern = patterns.shift();
      return pattern && items.find((i) => pattern.test(i.label));
    }) as typeof api.prompts.showQuickPick;
    return asked;
  }

  /** Shows all logs, waits for the stream, and writes a morning's worth of lines: app output, router lines, errors. */
  async function busyLog(run: number): Promise<void> {
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    appLog(`boot ${run} Listening on port 5000`);
    appLog(`at=info method=GET path="/orders" host=acme-api.herokuapp.com dyno=web.1 connect=0ms service=12ms status=200 bytes=5 protocol=https ${run}`, 'router', APP, 'heroku');
    appLog(`at=error code=H12 desc="Request timeout" method=GET path="/slow" host=acme-api.herokuapp.com dyno=web.1 connect=0ms service=30000ms status=503 bytes=0 protocol=https ${run}`, 'router', APP, 'heroku');
    appLog(`Error R14 (Memory quota exceeded) ${run}`, 'worker.1', APP, 'heroku');
    appLog(`job ${run} done`, 'worker.1');
    await waitFor('the lines', () => plain(api).includes(`job ${run} done`));
  }

  test('Filter Logs, errors only: the kept lines again, only the errors, highlighted; the name shows the filter; new lines are filtered; Clear Log Filter brings everything back', async () => {
    const run = Date.now();
    await busyLog(run);
    pickInTurn(/Errors only/);
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    // (Earlier tests' lines come back as the session's history: counts are not this test's alone.)
    await waitFor('the filtered re-render', () => /filter: errors only — matches: \d+ of \d+ kept lines/.test(sinceRender(api)));
    const shown = sinceRender(api);
    assert.ok(shown.includes(`status=503 bytes=0 protocol=https ${run}`) && shown.includes(`Error R14 (Memory quota exceeded) ${run}`), shown);
    assert.ok(!shown.includes(`boot ${run}`) && !shown.includes(`job ${run} done`) && !shown.includes(`status=200 bytes=5 protocol=https ${run}`), shown);
    const raw = api.testing.terminalText(APP).split(CLEAR_SCREEN).pop()!;
    // `at=error code=H12` in inverse video: each key italic, each value in its colour, all inverse.
    assert.ok(raw.includes('\u001b[3;7mat=\u001b[0m\u001b[31;7merror\u001b[0m\u001b[7m \u001b[0m\u001b[3;7mcode=\u001b[0m\u001b[1;31;7mH12'), JSON.stringify(raw.slice(0, 2000)));
    await waitFor('the name to show the filter', () => logTerminals().some((t) => t.name === '● Heroku logs: acme-api — filter: errors only'));
    assert.equal(api.contextKeys.get('herokuMembrane.logsFiltered'), true);
    // New lines pass through the filter.
    appLog(`later ${run} fine`);
    appLog(`State changed from up to crashed ${run}`, 'web.2', APP, 'heroku');
    await waitFor('the crash', () => sinceRender(api).includes(`State changed from up to crashed ${run}`));
    assert.ok(!sinceRender(api).includes(`later ${run} fine`));
    // Cleared: every kept line, those the filter hid included.
    await vscode.commands.executeCommand('herokuMembrane.clearLogFilter');
    await waitFor('everything back', () => /filter cleared: every kept line is shown/.test(sinceRender(api)));
    for (const l of [`boot ${run}`, `job ${run} done`, `later ${run} fine`, `status=200 bytes=5 protocol=https ${run}`, `crashed ${run}`]) assert.ok(sinceRender(api).includes(l), l);
    await waitFor('the name without the filter', () => logTerminals().some((t) => t.name === '● Heroku logs: acme-api'));
    assert.equal(api.contextKeys.get('herokuMembrane.logsFiltered'), false);
  });

  test('logs.keptLines applies at once: lowered in the settings, an open terminal keeps only that many lines', async function () {
    this.timeout(90_000);
    scenario({ MEMBRANE_SANDBOX_ROUTER_MS: '20' });
    await showAllLogs();
    await waitFor('the stream to open', () => opened() > closed());
    await waitFor('over 150 router lines', () => countOf(plain(api), 'status=') > 150, 60_000);
    const setting = (v: number | undefined) => vscode.workspace.getConfiguration('herokuMembrane').update('logs.keptLines', v, vscode.ConfigurationTarget.Global);
    try {
      await setting(100);
      pickInTurn(/Text/);
      api.prompts.showInputBox = async () => 'protocol=';
      await vscode.commands.executeCommand('herokuMembrane.filterLogs');
      await waitFor('a re-render of the 100 lines kept', () => /matches: \d+ of 100 kept lines/.test(sinceRender(api)));
    } finally {
      await setting(undefined);
    }
  });

  test('Filter Logs by text and by regular expression; one that matches nothing says so; a catastrophic one is stopped, and the host stays free', async () => {
    const run = Date.now();
    await busyLog(run);
    pickInTurn(/Text/);
    api.prompts.showInputBox = async () => `QUOTA EXCEEDED) ${run}`;
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    await waitFor('the text filter', () => new RegExp(`filter: text "QUOTA EXCEEDED\\) ${run}" — matches: 1 of`).test(sinceRender(api)));
    await waitFor('its name', () => logTerminals().some((t) => t.name.includes('— filter: text "QUOTA EXCEEDED)')));

    pickInTurn(/Regular expression/);
    api.prompts.showInputBox = async (o) => {
      assert.equal(o.validateInput?.('(unclosed') !== undefined, true, 'a broken expression is refused as it is typed');
      return `/status=50\\d.*${run}$/`;
    };
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    await waitFor('the regex filter', () => /filter: regular expression \/status=50\\d\.\*\d+\$\/ — matches: 1 of/.test(sinceRender(api)));
    assert.ok(sinceRender(api).includes(`code=H12`), sinceRender(api));

    // Typed text with escapes and controls: the name and the notice show it inert.
    pickInTurn(/Text/);
    api.prompts.showInputBox = async () => 'x\u001b]0;pwned\u0007\u001b[2J\u202e\u009b1A';
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    await waitFor('the hostile filter', () => logTerminals().some((t) => t.name.includes('— filter: text "x]0;pwned[2J1A"')));
    // eslint-disable-next-line no-control-regex
    for (const t of logTerminals()) assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202e]/.test(t.name), JSON.stringify(t.name));
    assert.ok(api.testing.terminalText(APP).includes('filter: text "x]0;pwned[2J1A" — nothing matches'), 'the notice shows it as text');

    pickInTurn(/Text/);
    api.prompts.showInputBox = async () => 'no such words anywhere';
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    await waitFor('the no-match notice', () => /filter: text "no such words anywhere" — nothing matches \(kept lines: \d+\)/.test(sinceRender(api)));

    // (a+)+$ on a line of a's that ends otherwise: exponential backtracking, in the worker; stopped within its budget.
    await vscode.commands.executeCommand('herokuMembrane.clearLogFilter');
    appLog(`${'a'.repeat(3000)}!`);
    await waitFor('the long line kept', () => plain(api).includes('aaaa!'));
    pickInTurn(/Regular expression/);
    api.prompts.showInputBox = async () => '(a+)+$';
    let worstGap = 0;
    let last = Date.now();
    const ticks = setInterval(() => ((worstGap = Math.max(worstGap, Date.now() - last)), (last = Date.now())), 10);
    try {
      await vscode.commands.executeCommand('herokuMembrane.filterLogs');
      await waitFor('the expression stopped', () => /filter removed: the regular expression \/\(a\+\)\+\$\/ was stopped/.test(plain(api)));
    } finally {
      clearInterval(ticks);
    }
    assert.ok(worstGap < 500, `the extension host's event loop was held ${worstGap} ms`);
    await waitFor('the name without a filter', () => logTerminals().some((t) => t.name === '● Heroku logs: acme-api'));
  });

  test('with two log terminals open Filter Logs asks which; from a terminal menu it takes that terminal', async () => {
    await showAllLogs();
    api.prompts.showQuickPick = (async (items: readonly vscode.QuickPickItem[]) => items[0]) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.showLogs', await appNode('acme-worker'));
    await waitFor('two streams', () => opened() - closed() >= 2);
    const asked = pickInTurn(/acme-api/, /Errors only/);
    await vscode.commands.executeCommand('herokuMembrane.filterLogs');
    assert.equal(asked.length, 2, 'which terminal, then which filter');
    assert.deepEqual(asked[0]!.map((l) => /Heroku logs: ([\w-]+)/.exec(l)?.[1]).sort(), ['acme-api', 'acme-worker']);
    await waitFor('acme-api filtered', () => logTerminals().some((t) => t.name.includes('acme-api — filter: errors only')));
    // A terminal menu's argument is the terminal it was opened on: no question which.
    const worker = logTerminals().find((t) => t.name.includes('acme-worker'))!;
    const again = pickInTurn(/Source/, /router/i);
    await vscode.commands.executeCommand('herokuMembrane.filterLogs', worker);
    assert.equal(again.length, 2, 'which filter, then which source');
    await waitFor('acme-worker filtered', () => logTerminals().some((t) => t.name.includes('acme-worker — filter: router lines')));
    assert.ok(logTerminals().some((t) => t.name.includes('acme-api — filter: errors only')), 'the other keeps its own');
  });

  test('Save Logs writes the kept lines as plain text to the file chosen, proposes a place outside the workspace, asks before a deployable folder, and opens no editor', async () => {
    const run = Date.now();
    await busyLog(run);
    appLog(`colours \u001b[31mred\u001b[0m and a bell \u0007 ${run}`);
    await waitFor('the escaped line', () => plain(api).includes(`a bell  ${run}`));
    const target = vscode.Uri.file(path.join(os.tmpdir(), `logs-${run}.log`));
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const inside = vscode.Uri.joinPath(folder.uri, `logs-${run}.log`);
    const proposals: Array<vscode.Uri | undefined> = [];
    const questions: string[] = [];
    try {
      api.prompts.showSaveDialog = async (o) => (proposals.push(o.defaultUri), target);
      await vscode.commands.executeCommand('herokuMembrane.saveLogs');
      await waitFor('the file', () => fs.existsSync(target.fsPath));
      const text = fs.readFileSync(target.fsPath, 'utf8');
      for (const l of [`boot ${run}`, `code=H12`, `job ${run} done`, `colours [31mred[0m and a bell  ${run}`]) assert.ok(text.includes(l), l);
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), 'plain text: no escapes, no controls');
      assert.ok(proposals[0] && path.relative(folder.uri.fsPath, proposals[0].fsPath).startsWith('..'), `${proposals[0]?.fsPath} is outside ${folder.uri.fsPath}`);
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0, 'no untitled editor');

      // Filtered: the lines the filter shows, if that is what the user picks.
      pickInTurn(/Errors only/);
      await vscode.commands.executeCommand('herokuMembrane.filterLogs');
      await waitFor('filtered', () => /filter: errors only/.test(sinceRender(api)));
      pickInTurn(/The lines the filter shows/);
      await vscode.commands.executeCommand('herokuMembrane.saveLogs');
      await waitFor('the filtered file', () => !fs.readFileSync(target.fsPath, 'utf8').includes(`boot ${run}`));
      const errors = fs.readFileSync(target.fsPath, 'utf8').trim().split('\n');
      assert.equal(errors.filter((l) => l.endsWith(String(run))).length, 2, errors.join('\n'));
      for (const l of errors) assert.match(l, /at=error|Error [HLR]\d|to crashed|status=5\d\d|Build failed/);

      // Into the workspace folder (a Deploy would send it): asked first; declined, nothing written.
      api.prompts.showSaveDialog = async () => inside;
      api.prompts.confirm = async (m, o) => (questions.push(`${m}\n${o.detail}`), undefined);
      pickInTurn(/Every kept line/);
      await vscode.commands.executeCommand('herokuMembrane.saveLogs');
      assert.equal(questions.length, 1);
      assert.match(questions[0]!, /a Deploy of .* would upload it/);
      assert.equal(fs.existsSync(inside.fsPath), false);
    } finally {
      for (const f of [target.fsPath, inside.fsPath]) fs.rmSync(f, { force: true });
    }
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
