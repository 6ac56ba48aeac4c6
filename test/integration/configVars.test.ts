// The config-vars editor in a real extension host against the sandbox: opening, edits
// saved to the world, the conflict path, a failed save keeping the draft, drafts
// restored after the panel closes; the save, reload and import through the command
// wrapper (its progress and Cancel, its errors with their next step).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ConfigVarsPanel } from '../../src/configVars/panel';
import type { DraftRow } from '../../src/configVars/core/model';
import { scenario, readWorld, useExtension, connectFresh, liveSandboxProcesses, waitFor, waitForState } from './helpers';

const APP = 'alex-playground';
function configOf(name: string): Record<string, string> {
  const w = readWorld();
  return w.configVars[w.apps.find((a: { name: string }) => a.name === name).id];
}
/** The base version the page last got (every message with rows carries it). */
function versionOf(api: ExtensionApi): number {
  const init = api.testing.lastPosted(APP, 'init');
  const saved = api.testing.lastPosted(APP, 'saved');
  return Math.max(init?.type === 'init' ? init.baseVersion : -1, saved?.type === 'saved' ? saved.baseVersion : -1);
}
function rowsOf(base: Record<string, string>): DraftRow[] {
  return Object.keys(base).sort().map((key, i) => ({ id: `r${i}`, key, value: base[key] as string, originalKey: key, deleted: false }));
}
/** Running sandbox calls whose command line holds `text` (the save's PATCH: its method is in the request's JSON). */
function sandboxCalls(text: string): number[] {
  return liveSandboxProcesses().filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
    } catch {
      return false;
    }
  });
}

suite('config vars editor', () => {
  let api: ExtensionApi;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    api.explorer.reloadAll();
  });

  teardown(async () => {
    scenario({});
    (await api.configVars()).dispose();
  });

  async function configNode() {
    const personal = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Personal')!;
    const app = (await api.explorer.apps.getChildren(personal))!.find((n) => n.id.endsWith(`app:${APP}`))!;
    return (await api.explorer.apps.getChildren(app))!.find((n) => n.id.endsWith('/config'))!;
  }

  async function open(): Promise<ConfigVarsPanel> {
    await vscode.commands.executeCommand('herokuMembrane.openConfigVars', await configNode());
    const panel = (await api.configVars()).get(APP);
    assert.ok(panel, 'the editor opened from the Config Vars node');
    await panel.loaded;
    return panel;
  }

  test('opens from the Config Vars node, once per app; the page gets the values', async () => {
    const panel = await open();
    assert.equal(panel.panel.title, `Config Vars: ${APP}`);
    const init = api.testing.lastPosted(APP, 'init');
    assert.deepEqual(init && init.type === 'init' ? init.base : undefined, { GO_ENV: 'development', GREETING: 'hello from the sandbox' });
    await vscode.commands.executeCommand('herokuMembrane.openConfigVars', await configNode());
    assert.equal((await api.configVars()).get(APP), panel, 'reopening reveals the same panel');
    assert.match(panel.panel.webview.html, /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; script-src 'nonce-[0-9a-f]{36}'/);
    assert.doesNotMatch(panel.panel.webview.html, /onclick|onerror|javascript:/i);
  });

  test('edit, add and delete, then save: the world changes and a release is made', async () => {
    const panel = await open();
    const asked: string[] = [];
    api.prompts.confirm = async (m, o, ...actions) => (asked.push(`${m}\n${o.detail}`), actions[0]);
    const rows = rowsOf(configOf(APP));
    rows[0]!.deleted = true; // GO_ENV
    rows[1]!.value = 'changed'; // GREETING
    rows.push({ id: 'n1', key: 'NEW_KEY', value: 'new value', originalKey: null, deleted: false });
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    assert.match(asked[0] ?? '', /^Save 3 changes to alex-playground's config vars\?\nAdded: NEW_KEY\nChanged: GREETING\nRemoved: GO_ENV\n\nHeroku creates a new release and restarts the app's dynos\.$/);
    assert.doesNotMatch(asked[0] ?? '', /new value|changed/, 'values never appear in the question');
    assert.deepEqual(configOf(APP), { GREETING: 'changed', NEW_KEY: 'new value' });
    const saved = api.testing.lastPosted(APP, 'saved');
    assert.equal(saved?.type === 'saved' && saved.release, 'release v5');
    assert.equal(await api.testing.hasStoredDraft(APP), false);
  });

  test('a remote change between load and save takes the conflict path; nothing is overwritten', async () => {
    const panel = await open();
    const manager = api.manager.ready!;
    await manager.api.request(manager.connectionId, { method: 'PATCH', path: `/apps/${APP}/config-vars`, body: { GREETING: 'changed remotely' } });
    const questions: string[] = [];
    api.prompts.confirm = async (m, _o, ...actions) => (questions.push(m), questions.length === 1 ? actions[0] : undefined);
    const rows = rowsOf({ GO_ENV: 'development', GREETING: 'hello from the sandbox' });
    rows[1]!.value = 'mine';
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    assert.equal(questions[1], 'Someone changed GREETING on Heroku since you opened this editor.');
    assert.equal(configOf(APP).GREETING, 'changed remotely');
    const failed = api.testing.lastPosted(APP, 'saveFailed');
    assert.match(failed?.type === 'saveFailed' ? failed.message : '', /Not saved: GREETING changed on Heroku meanwhile/);
    // Reload and re-apply: the user's edit is on top of the new base, ready to review and save.
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    const init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init' && init.draft);
    assert.equal(init.base.GREETING, 'changed remotely');
    assert.equal(init.draft.rows.find((r) => r.key === 'GREETING')?.value, 'mine');
    assert.equal(configOf(APP).GREETING, 'changed remotely');
  });

  test("a failed save (Heroku's 32 kB limit) keeps every edit and shows Heroku's message", async () => {
    const panel = await open();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const rows = rowsOf(configOf(APP));
    rows.push({ id: 'big', key: 'BIG', value: 'x'.repeat(33 * 1024), originalKey: null, deleted: false });
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    const failed = api.testing.lastPosted(APP, 'saveFailed');
    assert.match(failed?.type === 'saveFailed' ? failed.message : '', /Config vars are limited to 32kb/);
    assert.equal(await api.testing.hasStoredDraft(APP), true);
    assert.equal(configOf(APP).BIG, undefined);
  });

  test('the draft survives closing the panel and is restored with a notice; it can be discarded', async () => {
    let panel = await open();
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'draft value';
    await panel.receive({ type: 'draftChanged', draft: { rows }, baseVersion: versionOf(api) });
    assert.equal(panel.panel.title, `● Config Vars: ${APP}`);
    panel.panel.dispose();
    panel = await open();
    const init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init');
    assert.match(init.notice ?? '', /Restored your unsaved changes/);
    assert.equal(init.draft?.rows.find((r) => r.key === 'GREETING')?.value, 'draft value');
    await panel.receive({ type: 'discardDraft' });
    assert.equal(await api.testing.hasStoredDraft(APP), false);
    assert.equal(panel.panel.title, `Config Vars: ${APP}`);
  });

  /** A colleague's change on Heroku: LOG_LEVEL changed, a key added. */
  async function colleagueEdits(): Promise<void> {
    const ready = api.manager.ready!;
    await ready.api.request(ready.connectionId, { method: 'PATCH', path: `/apps/${APP}/config-vars`, body: { GO_ENV: 'colleague', COLLEAGUE_KEY: 'theirs' } });
  }

  test('a double-click on Save never sends old rows against the new base: the colleague keeps their changes', async () => {
    const panel = await open();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const v1 = versionOf(api);
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'mine'; // GREETING
    await colleagueEdits();
    // Two clicks, both built on v1: the page sends the same rows twice.
    await Promise.all([panel.receive({ type: 'save', draft: { rows }, baseVersion: v1 }), panel.receive({ type: 'save', draft: { rows }, baseVersion: v1 })]);
    assert.deepEqual(configOf(APP), { GO_ENV: 'colleague', GREETING: 'mine', COLLEAGUE_KEY: 'theirs' });
    assert.equal(await api.testing.hasStoredDraft(APP), false, 'the second click found nothing left to save');
  });

  test('Reload, then Save before the reload lands: the save is rebased for review, never applied blindly', async () => {
    const panel = await open();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const v1 = versionOf(api);
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'mine';
    await colleagueEdits();
    await Promise.all([panel.receive({ type: 'reload' }), panel.receive({ type: 'save', draft: { rows }, baseVersion: v1 })]);
    // Nothing written: the colleague's keys are intact and the user's edit waits for review.
    assert.deepEqual(configOf(APP), { GO_ENV: 'colleague', GREETING: 'hello from the sandbox', COLLEAGUE_KEY: 'theirs' });
    const init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init' && init.draft);
    assert.match(init.notice ?? '', /Not saved: the values changed just before your save/);
    assert.deepEqual(Object.fromEntries(init.draft.rows.filter((r) => !r.deleted).map((r) => [r.key, r.value])), { GO_ENV: 'colleague', GREETING: 'mine', COLLEAGUE_KEY: 'theirs' });
    assert.ok(init.baseVersion > v1);
    // Saving the reviewed draft (on the new base) now writes exactly the user's edit.
    await panel.receive({ type: 'save', draft: init.draft, baseVersion: init.baseVersion });
    assert.deepEqual(configOf(APP), { GO_ENV: 'colleague', GREETING: 'mine', COLLEAGUE_KEY: 'theirs' });
  });

  test('Reload asks before it touches an unsaved draft: cancel keeps it, keep re-applies it, discard deletes it', async () => {
    const panel = await open();
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'draft value';
    await panel.receive({ type: 'draftChanged', draft: { rows }, baseVersion: versionOf(api) });
    const questions: string[] = [];
    api.prompts.confirm = async (m) => (questions.push(m), undefined);
    await panel.receive({ type: 'reload' });
    assert.match(questions[0] ?? '', /You have unsaved changes/);
    assert.equal(await api.testing.hasStoredDraft(APP), true, 'cancel: the draft is kept');
    await colleagueEdits();
    api.prompts.confirm = async (_m, _o, ...actions) => actions.find((a) => /Keep/.test(a));
    await panel.receive({ type: 'reload' });
    let init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init' && init.draft);
    assert.equal(init.draft.rows.find((r) => r.key === 'GREETING')?.value, 'draft value');
    assert.equal(init.base.GO_ENV, 'colleague');
    assert.equal(await api.testing.hasStoredDraft(APP), true);
    api.prompts.confirm = async (_m, _o, ...actions) => actions.find((a) => /Discard/.test(a));
    await panel.receive({ type: 'reload' });
    init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init' && init.draft === null);
    assert.equal(await api.testing.hasStoredDraft(APP), false);
  });

  test('.env export goes to the file the user picks, reads back exactly, and opens no untitled editor', async () => {
    const panel = await open();
    const target = vscode.Uri.file(path.join(os.tmpdir(), `export-${Date.now()}.env`));
    try {
      api.prompts.showSaveDialog = async () => target;
      const rows = rowsOf(configOf(APP));
      rows.push({ id: 'q', key: 'TRICKY', value: "it's `x` a\\nb", originalKey: null, deleted: false });
      await panel.receive({ type: 'exportEnv', draft: { rows }, baseVersion: versionOf(api) });
      const back = parseDotenv(fs.readFileSync(target.fsPath));
      assert.deepEqual({ ...back }, { GO_ENV: 'development', GREETING: 'hello from the sandbox', TRICKY: "it's `x` a\\nb" });
      assert.equal(vscode.workspace.textDocuments.filter((d) => d.isUntitled).length, 0, 'no untitled editor (hot exit would back it up)');
    } finally {
      fs.rmSync(target.fsPath, { force: true });
    }
  });

  test('.env export proposes a place outside the workspace, and asks before writing into a folder a Deploy would send', async () => {
    const panel = await open();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opens a workspace folder');
    const inside = vscode.Uri.joinPath(folder.uri, `${APP}.env`);
    const proposals: Array<vscode.Uri | undefined> = [];
    const questions: string[] = [];
    try {
      api.prompts.showSaveDialog = async (o) => (proposals.push(o.defaultUri), inside);
      api.prompts.confirm = async (m, o) => (questions.push(`${m}\n${o.detail}`), undefined);
      await panel.receive({ type: 'exportEnv', draft: { rows: rowsOf(configOf(APP)) }, baseVersion: versionOf(api) });
      const proposed = proposals[0];
      assert.ok(proposed, 'the dialog proposes a file');
      assert.ok(path.relative(folder.uri.fsPath, proposed.fsPath).startsWith('..'), `${proposed.fsPath} is outside ${folder.uri.fsPath}`);
      assert.equal(questions.length, 1, 'asked before writing inside the workspace');
      assert.match(questions[0]!, new RegExp(`a Deploy of ${folder.name} would upload it`));
      assert.equal(fs.existsSync(inside.fsPath), false, 'declined: nothing written');
      // Ignored by git (a .gitignore rule in a repository): written without a question.
      fs.writeFileSync(path.join(folder.uri.fsPath, '.gitignore'), `${APP}.env\n`);
      execFileSync('git', ['init', '-q'], { cwd: folder.uri.fsPath });
      await panel.receive({ type: 'exportEnv', draft: { rows: rowsOf(configOf(APP)) }, baseVersion: versionOf(api) });
      assert.equal(questions.length, 1, 'no second question');
      assert.ok(fs.existsSync(inside.fsPath), 'written');
    } finally {
      for (const f of [inside.fsPath, path.join(folder.uri.fsPath, '.gitignore'), path.join(folder.uri.fsPath, '.git')]) fs.rmSync(f, { recursive: true, force: true });
    }
  });

  /** Errors the command wrapper shows, with their buttons. */
  function recordErrors(): Array<{ message: string; actions: string[] }> {
    const shown: Array<{ message: string; actions: string[] }> = [];
    api.prompts.showErrorMessage = async (message: string, ...actions: string[]) => (shown.push({ message, actions }), undefined);
    return shown;
  }

  /** Every progress shown; the save's is cancelled once `ready` holds (and the sandbox answers at once again). */
  function cancelSaveWhen(what: string, ready: () => boolean): Array<{ title?: string; cancellable?: boolean }> {
    const progress: Array<{ title?: string; cancellable?: boolean }> = [];
    api.prompts.withProgress = (async (o: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      progress.push({ title: o.title, cancellable: o.cancellable });
      const cancel = new vscode.CancellationTokenSource();
      const running = task({ report() {} }, cancel.token);
      if (o.title?.startsWith('Saving')) {
        await waitFor(what, ready, 15_000);
        cancel.cancel();
        scenario({});
      }
      return running;
    }) as typeof api.prompts.withProgress;
    return progress;
  }

  test('Save runs under a cancellable progress; Cancel before the change reaches the CLI is a plain cancel, and the draft is kept', async () => {
    const panel = await open();
    await waitFor('no sandbox process left from the set-up', () => liveSandboxProcesses().length === 0, 10_000);
    const shown = recordErrors();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    // Cancelled while the save's conflict check (a read) runs: the PATCH is never sent.
    const progress = cancelSaveWhen("the save's first call to reach the CLI", () => liveSandboxProcesses().length > 0);
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'mine';
    scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '8000' });
    try {
      await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    } finally {
      scenario({});
    }
    assert.deepEqual(progress, [{ title: "Saving alex-playground's config vars…", cancellable: true }]);
    // Stopped, not waited for: its process ends long before the 8 s latency.
    await waitFor('the read stopped', () => liveSandboxProcesses().length === 0, 6_000);
    assert.deepEqual(shown, [], 'a cancel is silent');
    const failed = api.testing.lastPosted(APP, 'saveFailed');
    assert.match(failed?.message ?? '', /^Not saved: you cancelled before the change was sent to Heroku\. Your edits are kept\.$/);
    assert.equal(api.testing.lastPosted(APP, 'busy')?.busy, false, 'the page is told the save ended');
    assert.equal(configOf(APP).GREETING, 'hello from the sandbox');
    assert.equal(await api.testing.hasStoredDraft(APP), true);
  });

  test('Cancel after the change was sent: the outcome is unknown, the values are read again with the edits on top, nothing is sent again', async () => {
    const panel = await open();
    await waitFor('no sandbox process left from the set-up', () => liveSandboxProcesses().length === 0, 10_000);
    const shown = recordErrors();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const progress = cancelSaveWhen("the save's PATCH to reach the CLI", () => sandboxCalls('PATCH').length > 0);
    const v1 = versionOf(api);
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'mine';
    scenario({ MEMBRANE_SANDBOX_LATENCY_MS: '4000' });
    try {
      await panel.receive({ type: 'save', draft: { rows }, baseVersion: v1 });
    } finally {
      scenario({});
    }
    assert.deepEqual(progress, [{ title: "Saving alex-playground's config vars…", cancellable: true }]);
    await waitFor('the PATCH stopped', () => sandboxCalls('PATCH').length === 0, 6_000);
    assert.equal(shown.length, 1, 'the wrapper reports it');
    assert.match(shown[0]!.message, /may or may not have done "PATCH \/apps\/alex-playground\/config-vars": it was cancelled after it was sent/);
    assert.equal(api.testing.lastPosted(APP, 'saveFailed')?.message, shown[0]!.message, 'the page says so too');
    // Read again: Heroku's values, the user's edit on top for review; it was not sent again.
    const init = api.testing.lastPosted(APP, 'init');
    assert.ok(init?.type === 'init' && init.draft && init.baseVersion > v1);
    assert.equal(init.draft.rows.find((r) => r.key === 'GREETING')?.value, 'mine');
    assert.equal(configOf(APP).GREETING, 'hello from the sandbox', 'stopped before it ran, and never sent again');
    assert.equal(await api.testing.hasStoredDraft(APP), true);
  });

  test("a logged-out save shows the wrapper's error with Log In, and the page's banner; the draft is kept; so does a reload", async () => {
    const panel = await open();
    const shown = recordErrors();
    api.prompts.confirm = async (_m, _o, ...actions) => actions[0];
    const rows = rowsOf(configOf(APP));
    rows[1]!.value = 'mine';
    scenario({ MEMBRANE_SANDBOX_FAULT: 'auth-expired' });
    await panel.receive({ type: 'save', draft: { rows }, baseVersion: versionOf(api) });
    assert.equal(shown.length, 1, 'the wrapper reports it');
    assert.match(shown[0]!.message, /^Not logged in to Membrane/);
    assert.deepEqual(shown[0]!.actions, ['Log In', 'Show Log']);
    assert.equal(api.testing.lastPosted(APP, 'saveFailed')?.message, shown[0]!.message, 'the page shows it in its banner');
    assert.equal(await api.testing.hasStoredDraft(APP), true, 'nothing lost');
    assert.equal(configOf(APP).GREETING, 'hello from the sandbox');
    await waitForState(api, 'loggedOut');
    // Reload (keeping the edits) while logged out: the same next step; the draft stays.
    api.prompts.confirm = async (_m, _o, ...actions) => actions.find((a) => /Keep/.test(a));
    await panel.receive({ type: 'reload' });
    assert.equal(shown.length, 2);
    assert.deepEqual(shown[1]!.actions, ['Log In', 'Show Log']);
    assert.match(api.testing.lastPosted(APP, 'saveFailed')?.message ?? '', /^Couldn't load the config vars: Not logged in to Membrane/);
    assert.equal(await api.testing.hasStoredDraft(APP), true);
  });

  test('an import that fails is reported as every command reports it, and in the banner; the draft is untouched', async () => {
    const panel = await open();
    const shown = recordErrors();
    const missing = vscode.Uri.file(path.join(os.tmpdir(), `missing-${Date.now()}`, 'app.env'));
    api.prompts.showOpenDialog = async () => [missing];
    const rows = rowsOf(configOf(APP));
    await panel.receive({ type: 'importEnv', draft: { rows }, baseVersion: versionOf(api) });
    assert.equal(shown.length, 1, 'the wrapper reports it');
    assert.deepEqual(shown[0]!.actions, ['Show Log']);
    assert.equal(api.testing.lastPosted(APP, 'saveFailed')?.message, shown[0]!.message);
    assert.equal(api.testing.lastPosted(APP, 'applyDraft'), undefined, 'nothing imported');
  });

  test('malformed messages are ignored', async () => {
    const panel = await open();
    api.prompts.confirm = async () => assert.fail('no save may start');
    const rows = rowsOf(configOf(APP));
    for (const bad of [null, 'save', { type: 'save' }, { type: 'save', draft: { rows: [{ key: 1 }] } }, { type: 'save', draft: { rows } }, { type: 'save', draft: { rows }, baseVersion: 'x' }, { type: 'eval', code: 'x' }]) await panel.receive(bad);
    assert.deepEqual(configOf(APP), { GO_ENV: 'development', GREETING: 'hello from the sandbox' });
  });
});
