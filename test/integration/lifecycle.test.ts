// An app's lifecycle in a real extension host against the sandbox: rename (same id, new
// URLs, the old name gone), delete (a question listing what goes, then the name typed;
// a cancel keeps everything), buildpacks (add, reorder, remove: the world's list follows)
// and the stack of the next build.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { connectFresh, readWorld, useExtension, worldApp } from './helpers';

type Item = vscode.QuickPickItem & { app?: { name: string } };

suite('app lifecycle', () => {
  let api: ExtensionApi;
  let info: string[];
  let errors: string[];
  let questions: Array<{ message: string; detail: string }>;
  let inputs: Array<string | undefined>;
  let picks: Array<string | RegExp | undefined>;
  let confirmWith: 'first' | undefined;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    info = [];
    errors = [];
    questions = [];
    inputs = [];
    picks = [];
    confirmWith = 'first';
    api.prompts.showInformationMessage = (async (m: string) => void info.push(m)) as typeof api.prompts.showInformationMessage;
    api.prompts.showErrorMessage = (async (m: string) => void errors.push(m)) as typeof api.prompts.showErrorMessage;
    api.prompts.confirm = async (message, options, ...actions) => {
      questions.push({ message, detail: options.detail ?? '' });
      return confirmWith === 'first' ? actions[0] : undefined;
    };
    api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => {
      const answer = inputs.shift();
      if (answer !== undefined && o.validateInput) assert.equal(await o.validateInput(answer), undefined, `"${answer}" passes the box's own check`);
      return answer;
    }) as typeof api.prompts.showInputBox;
    api.prompts.showQuickPick = (async (items: Item[]) => {
      const want = picks.shift();
      if (want === undefined) return undefined;
      const found = items.find((i) => (typeof want === 'string' ? i.app?.name === want : want.test(i.label)));
      assert.ok(found, `a pick matching ${want} among ${items.map((i) => i.label).join(', ')}`);
      return found;
    }) as typeof api.prompts.showQuickPick;
  });

  test('rename keeps the id, changes the URLs, and frees the old name; invalid names are refused as typed', async () => {
    const before = worldApp(readWorld(), 'alex-playground');
    picks = ['alex-playground'];
    inputs = ['alex-sandbox'];
    await vscode.commands.executeCommand('herokuMembrane.renameApp');
    assert.equal(questions[0]!.message, 'Rename alex-playground to alex-sandbox?');
    assert.match(questions[0]!.detail, /git remote becomes https:\/\/git\.heroku\.com\/alex-sandbox\.git/);
    assert.equal(worldApp(readWorld(), 'alex-playground'), undefined);
    const after = worldApp(readWorld(), 'alex-sandbox');
    assert.equal(after.id, before.id);
    assert.equal(after.git_url, 'https://git.heroku.com/alex-sandbox.git');
    assert.match(after.web_url, /^https:\/\/alex-sandbox-/);
    assert.deepEqual(info, ['Renamed alex-playground to alex-sandbox.']);

    // The box's own check refuses what Heroku would.
    let problem: string | undefined;
    api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => {
      problem = (await o.validateInput?.('Bad_Name')) as string | undefined;
      return undefined;
    }) as typeof api.prompts.showInputBox;
    picks = ['alex-sandbox'];
    await vscode.commands.executeCommand('herokuMembrane.renameApp');
    assert.match(problem ?? '', /lowercase/i);
  });

  test('delete lists what goes with the app; cancelling keeps it; the typed name deletes it and what it owns', async () => {
    picks = ['acme-api'];
    confirmWith = undefined;
    await vscode.commands.executeCommand('herokuMembrane.deleteApp');
    assert.equal(questions[0]!.message, 'Delete acme-api? This cannot be undone.');
    assert.match(questions[0]!.detail, /^Add-ons deleted with their data: papertrail-shallow-11111 \(papertrail:choklad\), postgresql-curved-12345 \(heroku-postgresql:standard-0\), redis-rigid-67890 \(heroku-redis:premium-0\)\nCustom domains removed: api\.acme\.dev, legacy-api\.acme\.dev, www\.api\.acme\.dev\nConfig vars deleted: \d+\n/);
    assert.ok(worldApp(readWorld(), 'acme-api'), 'cancelled: still there');

    confirmWith = 'first';
    picks = ['acme-api'];
    inputs = ['acme-api'];
    const id = worldApp(readWorld(), 'acme-api').id;
    await vscode.commands.executeCommand('herokuMembrane.deleteApp');
    const w = readWorld();
    assert.equal(worldApp(w, 'acme-api'), undefined);
    assert.ok(!w.addons.some((a: any) => a.app.id === id), 'its add-ons are gone');
    assert.ok(!w.pipelineCouplings.some((c: any) => c.app.id === id), 'its coupling is gone');
    assert.deepEqual(info, ['Deleted acme-api.']);
  });

  test('buildpacks: add two, move the second up, remove one; the world keeps the order', async () => {
    const list = () => worldApp(readWorld(), 'acme-web')._buildpacks;
    picks = ['acme-web', /Add a buildpack/, /Add a buildpack/, /^2\. heroku\/python$/, /Move up/, /^2\. heroku\/nodejs$/, /Remove/, undefined];
    inputs = ['heroku/nodejs', 'heroku/python'];
    await vscode.commands.executeCommand('herokuMembrane.editBuildpacks');
    assert.deepEqual(errors, []);
    assert.deepEqual(list(), ['heroku/python']);
    assert.deepEqual(info.at(-1), 'acme-web: buildpacks are now heroku/python. The next build uses them.');
  });

  test('change stack: the question says the next build uses it; the world follows', async () => {
    picks = ['acme-web', /^heroku-22$/];
    await vscode.commands.executeCommand('herokuMembrane.changeStack');
    assert.equal(questions[0]!.message, 'Build acme-web on heroku-22?');
    assert.equal(worldApp(readWorld(), 'acme-web').build_stack.name, 'heroku-22');
  });
});
