// Run Action and Proxy Request in a real extension host against the sandbox, with the
// QuickPick, InputBox and JSON editor answered by stubs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { scenario, readWorld, useExtension, connectFresh, liveSandboxProcesses, waitFor } from './helpers';

type Item = vscode.QuickPickItem & Record<string, unknown>;

function activeText(api: ExtensionApi): string {
  const uri = vscode.window.activeTextEditor?.document.uri;
  assert.ok(uri, 'a document is open');
  return api.testing.documentText(uri) ?? '';
}

suite('palette', () => {
  let api: ExtensionApi;
  const errors: string[] = [];
  useExtension((a) => (api = a));

  /** Questions asked before a run, and the answer each gets (Run unless a test says otherwise). */
  const questions: Array<{ message: string; detail: string; buttons: string[] }> = [];
  let answer: (buttons: string[]) => string | undefined = (b) => b[0];

  setup(async () => {
    await connectFresh(api);
    errors.length = 0;
    questions.length = 0;
    answer = (b) => b[0];
    api.prompts.showErrorMessage = async (m: string) => (errors.push(m), undefined);
    api.prompts.confirm = (async (message: string, o: vscode.MessageOptions, ...buttons: string[]) => {
      questions.push({ message, detail: o.detail ?? '', buttons });
      return answer(buttons);
    }) as typeof api.prompts.confirm;
  });

  teardown(async () => {
    scenario({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Answer the action search with `query` and pick the result with `key`. */
  function searchAndPick(query: string, key: string, seen: string[] = []) {
    api.prompts.searchQuickPick = (async (o: { search: (q: string, s: AbortSignal) => Promise<Item[]> }) => {
      const items = await o.search(query, new AbortController().signal);
      seen.push(...items.map((i) => String(i.description)));
      return items.find((i) => i.description === key);
    }) as typeof api.prompts.searchQuickPick;
  }

  test('Run Action: search → pick → prompts (app pre-filled from the node) → run → output document', async () => {
    const seen: string[] = [];
    searchAndPick('list releases', 'list-releases', seen);
    const personal = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    const app = (await api.explorer.apps.getChildren(personal))!.find((n) => n.id.endsWith('app:acme-api'))!;
    await vscode.commands.executeCommand('herokuMembrane.runAction', app);
    assert.equal(seen[0], 'list-releases');
    // Asked first, with what will run and its input, even though the app was the only input.
    assert.equal(questions.length, 1);
    assert.match(questions[0]!.message, /Run "List Releases" \(list-releases\)\?/);
    assert.match(questions[0]!.detail, /appIdOrName: acme-api/);
    assert.match(questions[0]!.detail, /Read-only/);
    const text = activeText(api);
    const out = JSON.parse(text);
    assert.equal(out.length, 48);
    assert.match(vscode.window.activeTextEditor!.document.uri.path, /List Releases — run [0-9a-f]{24}\.json$/);
  });

  test('runAction.skipQuestionForReadOnly set in the settings applies to the next run, and unset asks again', async () => {
    const personal = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    const app = (await api.explorer.apps.getChildren(personal))!.find((n) => n.id.endsWith('app:acme-api'))!;
    const setting = (v: boolean | undefined) => vscode.workspace.getConfiguration('herokuMembrane').update('runAction.skipQuestionForReadOnly', v, vscode.ConfigurationTarget.Global);
    try {
      await setting(true);
      searchAndPick('list releases', 'list-releases');
      await vscode.commands.executeCommand('herokuMembrane.runAction', app);
      assert.equal(questions.length, 0);
      await setting(undefined);
      searchAndPick('list releases', 'list-releases');
      await vscode.commands.executeCommand('herokuMembrane.runAction', app);
      assert.equal(questions.length, 1);
    } finally {
      await setting(undefined);
    }
  });

  test('Run Action: declining the question runs nothing; a mutating action asks even when read-only ones do not', async () => {
    const personal = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    const app = (await api.explorer.apps.getChildren(personal))!.find((n) => n.id.endsWith('app:acme-api'))!;
    searchAndPick('list releases', 'list-releases');
    answer = () => undefined;
    await vscode.commands.executeCommand('herokuMembrane.runAction', app);
    assert.equal(questions.length, 1);
    assert.equal(vscode.window.activeTextEditor, undefined, 'nothing ran, no output');
    // "Stop asking for read-only actions": the next read-only run goes without a question …
    answer = (b) => b.find((x) => /Stop Asking/.test(x));
    searchAndPick('list releases', 'list-releases');
    await vscode.commands.executeCommand('herokuMembrane.runAction', app);
    assert.equal(vscode.workspace.getConfiguration('herokuMembrane').get('runAction.skipQuestionForReadOnly'), true);
    questions.length = 0;
    answer = (b) => b[0];
    searchAndPick('list releases', 'list-releases');
    await vscode.commands.executeCommand('herokuMembrane.runAction', app);
    assert.equal(questions.length, 0);
    try {
      // … but a mutating action still asks, and "No" leaves the world unchanged.
      const before = readWorld().apps.find((a: { name: string }) => a.name === 'acme-api').maintenance;
      searchAndPick('update app', 'update-app');
      api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.mode === 'json')) as typeof api.prompts.showQuickPick;
      api.prompts.editJson = async () => JSON.stringify({ appIdOrName: 'acme-api', maintenance: !before });
      answer = () => undefined;
      await vscode.commands.executeCommand('herokuMembrane.runAction', app);
      assert.equal(questions.length, 1);
      assert.deepEqual(questions[0]!.buttons, ['Run']);
      assert.equal(readWorld().apps.find((a: { name: string }) => a.name === 'acme-api').maintenance, before);
    } finally {
      await vscode.workspace.getConfiguration('herokuMembrane').update('runAction.skipQuestionForReadOnly', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Run Action without a node: one prompt per field, validated; recent actions first next time', async () => {
    searchAndPick('get release', 'get-release');
    const asked: string[] = [];
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.mode === 'prompts')) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async (o) => {
      asked.push(String(o.title));
      return o.title?.startsWith('appIdOrName') ? 'acme-worker' : '12';
    };
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.deepEqual(asked, ['appIdOrName', 'releaseIdOrVersion']);
    assert.equal(JSON.parse(activeText(api)).version, 12);
    let initial: Item[] = [];
    api.prompts.searchQuickPick = (async (o: { initial: Item[] }) => ((initial = o.initial), undefined)) as typeof api.prompts.searchQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.match(String(initial[0]?.label), /^\$\(history\) Get Release/);
  });

  test('Run Action: the whole input as JSON in an editor', async () => {
    searchAndPick('list dynos', 'list-dynos');
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.mode === 'json')) as typeof api.prompts.showQuickPick;
    let prefilled: unknown;
    api.prompts.editJson = async (_t, initial) => ((prefilled = initial), '{"appIdOrName": "acme-worker"}');
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.deepEqual(prefilled, { appIdOrName: '' });
    assert.deepEqual(JSON.parse(activeText(api)).map((d: { name: string }) => d.name).sort(), ['clock.1', 'worker.1', 'worker.2']);
  });

  test("Run Action: an unknown action and a Heroku error show Membrane's message", async () => {
    api.prompts.searchQuickPick = (async () => ({ label: 'Gone', description: 'gone', value: { id: 'no-such-action', key: 'no-such-action', name: 'Gone' } })) as typeof api.prompts.searchQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.match(errors[0] ?? '', /Action "no-such-action" not found/);
    searchAndPick('get app', 'get-app');
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.mode === 'prompts')) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => 'no-such-app';
    await vscode.commands.executeCommand('herokuMembrane.runAction');
    assert.match(errors[1] ?? '', /Couldn't find that app\. \(not_found, HTTP 404\)/);
  });

  test('a pick shows a label\'s leading $(icon) as its iconPath (a screen reader reads no icon name), and answers the caller\'s own item', async () => {
    const { iconAsPath } = await import('../../src/shared/prompts');
    const item: vscode.QuickPickItem = { label: '$(history) GET /account', description: 'recent' };
    const shown = iconAsPath(item);
    assert.equal(shown.label, 'GET /account');
    assert.equal((shown.iconPath as vscode.ThemeIcon).id, 'history');
    assert.equal(item.label, '$(history) GET /account', "the caller's item is untouched");
    assert.equal(iconAsPath({ label: 'plain' }).label, 'plain');
    assert.equal(iconAsPath({ label: 'costs $(5) a month' }).label, 'costs $(5) a month', 'only a leading icon');
  });

  test('Proxy Request: a GET with the app picked; the response document has status, headers, body', async () => {
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.label === 'GET /apps/{app}/dynos') ?? items.find((i) => (i.app as { name?: string } | undefined)?.name === 'acme-worker')) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => '';
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    const text = activeText(api);
    assert.match(text, /^\/\/ GET \/apps\/acme-worker\/dynos\n\/\/ HTTP 200\n/);
    assert.match(text, /\/\/ ratelimit-remaining: \d+/);
    assert.match(text, /"name": "worker\.2"/);
  });

  test('Proxy Request: a confirmed PATCH changes the world; history keeps method, path and query, never bodies', async () => {
    const confirms: string[] = [];
    api.prompts.confirm = async (m, _o, ...actions) => (confirms.push(m), actions[0]);
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.label === 'PATCH /apps/{app}/config-vars') ?? items.find((i) => (i.app as { name?: string } | undefined)?.name === 'alex-blog')) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => '';
    api.prompts.editJson = async () => '{"FROM_PALETTE": "secret-value"}';
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.deepEqual(confirms, ['PATCH /apps/alex-blog/config-vars?']);
    const w = readWorld();
    assert.equal(w.configVars[w.apps.find((a: { name: string }) => a.name === 'alex-blog').id].FROM_PALETTE, 'secret-value');
    let history: Item[] = [];
    api.prompts.showQuickPick = (async (items: Item[]) => ((history = items.filter((i) => i.history)), undefined)) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.equal(history[0]?.label, '$(history) PATCH /apps/alex-blog/config-vars');
    assert.doesNotMatch(JSON.stringify(history), /secret-value/);
  });

  test('Proxy Request: 404 and 422 are shown with their id and message', async () => {
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const typed = ['GET /apps/no-such-app', '', ''];
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.custom)) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => typed.shift();
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.match(activeText(api), /\/\/ HTTP 404 not_found: Couldn't find that app\./);
    assert.match(errors[0] ?? '', /HTTP 404 not_found: Couldn't find that app\./);
    const typed2 = ['PATCH /apps/acme-api', '', ''];
    api.prompts.showInputBox = async () => typed2.shift();
    api.prompts.editJson = async () => '{"name": "Bad_Name"}';
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    assert.match(activeText(api), /\/\/ HTTP 422 invalid_params: Name must start with a letter/);
  });

  test('cancelling a running request stops it', async () => {
    scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '8000' });
    api.prompts.showQuickPick = (async (items: Item[]) => items.find((i) => i.label === 'GET /account')) as typeof api.prompts.showQuickPick;
    api.prompts.showInputBox = async () => '';
    const source = new vscode.CancellationTokenSource();
    api.prompts.withProgress = (async (_o: unknown, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      const running = task({ report() {} }, source.token);
      // Cancel once the slow request's process is really running.
      await waitFor('the request process', () => liveSandboxProcesses().length > 0, 10_000);
      source.cancel();
      return running;
    }) as typeof api.prompts.withProgress;
    const before = vscode.window.activeTextEditor?.document.uri.toString();
    await vscode.commands.executeCommand('herokuMembrane.proxyRequest');
    // Stopped: its process is gone long before its 8 s latency would have ended.
    await waitFor('no sandbox process left', () => liveSandboxProcesses().length === 0, 5_000);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), before, 'no response document');
    assert.deepEqual(errors, [], 'a cancellation is silent');
  });
});
