// The Errors category and Show Errors in a real extension host against the sandbox: counts
// from the metrics service when Membrane reaches it, otherwise from the log history (and
// the description says which, and why); a code's title, meaning and Dev Center page; a
// click opens the app's logs; the palette command.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { appNode as appNodeOf, SANDBOX_BIN, connectFresh, scenario, scriptPrompts, useExtension, waitFor, logSessionsOpened, logSessionsClosed } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;

const opened = logSessionsOpened;
const closed = logSessionsClosed;

/** A line in the app's log, written by Heroku (`heroku[dyno]`) or by the app. */
function logLine(app: string, message: string, dyno: string, source = 'heroku'): void {
  execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'log', app, message, `--dyno=${dyno}`, `--source=${source}`], { env: process.env });
}

function item(tree: Tree, n: Node): vscode.TreeItem {
  return tree.getTreeItem(n) as vscode.TreeItem;
}
function label(tree: Tree, n: Node): string {
  const l = item(tree, n).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
function described(tree: Tree, n: Node): string {
  return String(item(tree, n).description ?? '');
}

suite('errors', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    // Each test writes the log lines it counts: none left by another test or suite.
    fs.rmSync(path.join(process.env.MEMBRANE_SANDBOX_HOME!, 'logs'), { recursive: true, force: true });
  });

  teardown(async () => {
    for (const t of vscode.window.terminals.filter((t) => t.name.includes('Heroku logs:'))) t.dispose();
    await waitFor('every stream closed', () => closed() >= opened());
    scenario({});
  });

  const appNode = (name: string): Promise<Node> => appNodeOf(api, name);

  /** The Errors category of an app, opened: its description and its rows. */
  async function errorsOf(name: string): Promise<{ description: string; rows: Node[] }> {
    const tree = api.explorer.apps;
    const cats = (await tree.getChildren(await appNode(name))) ?? [];
    const errors = cats.find((c) => label(tree, c) === 'Errors');
    assert.ok(errors, `an Errors category among ${cats.map((c) => label(tree, c)).join(', ')}`);
    assert.equal(described(tree, errors), '', 'not loaded with the app (its calls wait until it is opened)');
    const rows = (await tree.getChildren(errors)) ?? [];
    return { description: described(tree, errors), rows };
  }

  test('from the metrics service: R14 and R10 of the climbing and crashed workers, each with its title, meaning and Dev Center page', async () => {
    const tree = api.explorer.apps;
    const { description, rows } = await errorsOf('acme-worker');
    assert.match(description, /^2 codes · from metrics$/);
    assert.deepEqual(
      rows.map((r) => label(tree, r)),
      ['Last 24 hours, from the metrics service', 'R14 Memory quota exceeded', 'R10 Boot timeout'],
    );
    const r14 = item(tree, rows[1]!);
    assert.match(String(r14.description), /^[\d,]+ times in 24 hours$/);
    assert.equal(r14.contextValue, 'heroku.errorCode');
    const tip = (r14.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /used more memory than its size allows/);
    assert.match(tip, /\(https:\/\/devcenter\.heroku\.com\/articles\/error-codes#r14-memory-quota-exceeded\)/);
    assert.match(r14.accessibilityInformation?.label ?? '', /^R14 Memory quota exceeded, critical, /);
    assert.equal(r14.command?.command, 'herokuMembrane.showErrorLogs');

    // Open Dev Center Page opens the code's section.
    const opened: string[] = [];
    api.prompts.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    await vscode.commands.executeCommand('herokuMembrane.openErrorDocs', rows[1]);
    assert.deepEqual(opened, ['https://devcenter.heroku.com/articles/error-codes#r14-memory-quota-exceeded']);
  });

  test('clicking a code opens the app’s logs with their history, narrowed to that code', async () => {
    const tree = api.explorer.apps;
    logLine('acme-labs-ml', 'at=error code=H10 desc="App crashed" method=GET path="/" status=503', 'router');
    const { rows } = await errorsOf('acme-labs-ml');
    const h10 = rows.find((r) => label(tree, r) === 'H10 App crashed');
    assert.ok(h10, rows.map((r) => label(tree, r)).join(', '));
    const { command, arguments: args } = item(tree, h10).command!;
    await vscode.commands.executeCommand(command, ...(args ?? []));
    await waitFor('the log terminal of acme-labs-ml', () => vscode.window.terminals.some((t) => t.name.includes('Heroku logs: acme-labs-ml')));
    // Without colours: the match is highlighted inside the line.
    // eslint-disable-next-line no-control-regex
    await waitFor('the history in it', () => api.testing.terminalText('acme-labs-ml').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').includes('code=H10'));
    await waitFor('the terminal named by its filter', () => vscode.window.terminals.some((t) => t.name.includes('Heroku logs: acme-labs-ml') && t.name.includes('filter: text "H10"')));
  });

  test('refused by the metrics service (403): counted from the log history, Heroku’s own lines only, and it says so', async () => {
    scenario({ MEMBRANE_SANDBOX_METRICS: '403' });
    const tree = api.explorer.apps;
    logLine('acme-api', 'at=error code=H12 desc="Request timeout" method=GET path="/slow" status=503 service=30000ms', 'router');
    logLine('acme-api', 'at=error code=H12 desc="Request timeout" method=GET path="/slower" status=503 service=30001ms', 'router');
    logLine('acme-api', 'Error R14 (Memory quota exceeded)', 'web.2');
    logLine('acme-api', 'Error R14 (Memory quota exceeded)', 'web.1', 'app');
    const { description, rows } = await errorsOf('acme-api');
    assert.match(description, /^2 codes · from logs$/);
    assert.match(label(tree, rows[0]!), /^From the last \d+ log lines: the metrics service refused this connection \(HTTP 403\)$/);
    assert.deepEqual(rows.slice(1).map((r) => `${label(tree, r)}: ${described(tree, r)}`), ['H12 Request timeout: 2 times in 24 hours', 'R14 Memory quota exceeded: once in 24 hours']);
  });

  test('a CLI that refuses full URLs, and an Eco app: from the logs, each with its reason; nothing logged: none', async () => {
    scenario({ MEMBRANE_SANDBOX_METRICS: 'unsupported' });
    const tree = api.explorer.apps;
    const refused = await errorsOf('acme-web');
    assert.match(refused.description, /^none · from logs$/);
    assert.match(label(tree, refused.rows[0]!), /^From the last \d+ log lines?: Membrane does not send requests to the metrics service \(Only paths relative/);
    assert.equal(label(tree, refused.rows[1]!), 'No H, R or L errors in the last 24 hours');
    scenario({});
    logLine('alex-playground', 'at=error code=H12 desc="Request timeout" method=GET path="/" status=503', 'router');
    const eco = await errorsOf('alex-playground');
    assert.match(label(tree, eco.rows[0]!), /: Eco dynos have no metrics$/);
    assert.equal(label(tree, eco.rows[1]!), 'H12 Request timeout');
  });

  test('a Fir app: neither the metrics service nor a log history counts its errors, and the category says so', async () => {
    scenario({ MEMBRANE_SANDBOX_METRICS_FIR: 'acme-web' });
    // The app list is read again: Heroku now tells acme-web as a Fir app.
    api.explorer.reloadAll();
    const tree = api.explorer.apps;
    const fir = await errorsOf('acme-web');
    assert.equal(fir.description, 'not available');
    assert.deepEqual(fir.rows.map((r) => label(tree, r)), ['A Fir app: the metrics service counts no errors for it, and its log sessions keep no history. Open its logs to watch errors live.']);
  });

  test('Show Errors from the palette: the app, its codes with their meanings, then its Dev Center page or its logs', async () => {
    const p = scriptPrompts(api);
    const opened: string[] = [];
    api.prompts.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    let shown: vscode.QuickPickItem[] = [];
    let title = '';
    const scripted = api.prompts.showQuickPick;
    api.prompts.showQuickPick = (async (items: vscode.QuickPickItem[], o: vscode.QuickPickOptions) => {
      if (!shown.length && items.some((i) => /^H10 /.test(i.label))) {
        shown = items;
        title = o.title ?? '';
      }
      return scripted(items, o);
    }) as typeof api.prompts.showQuickPick;
    p.picks = ['acme-labs-ml', /^H10 App crashed$/, /Open the Dev Center page/];
    await vscode.commands.executeCommand('herokuMembrane.showErrors');
    assert.deepEqual(p.errors, []);
    assert.equal(title, 'Errors of acme-labs-ml — Last 24 hours, from the metrics service');
    assert.match(shown[0]!.description ?? '', /^[\d,]+ times · critical$/);
    assert.match(shown[0]!.detail ?? '', /web dyno crashed/);
    assert.deepEqual(opened, ['https://devcenter.heroku.com/articles/error-codes#h10-app-crashed']);

    p.picks = ['acme-labs-ml', /^H10 App crashed$/, /Show the app’s logs/];
    await vscode.commands.executeCommand('herokuMembrane.showErrors');
    await waitFor('the log terminal of acme-labs-ml', () => vscode.window.terminals.some((t) => t.name.includes('Heroku logs: acme-labs-ml')));
  });

  test('Show Errors with nothing to report says so, and where it looked', async () => {
    scenario({ MEMBRANE_SANDBOX_METRICS: '404' });
    const p = scriptPrompts(api);
    p.picks = ['acme-api-staging'];
    await vscode.commands.executeCommand('herokuMembrane.showErrors');
    assert.deepEqual(p.errors, []);
    assert.match(p.info[0] ?? '', /^acme-api-staging: no H, R or L errors in the last 24 hours\. From the last \d+ log lines?: the metrics service did not find this app through Membrane \(HTTP 404\)\.$/);
  });
});
