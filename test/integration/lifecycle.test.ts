// An app's lifecycle in a real extension host against the sandbox: rename (same id, new
// URLs, the old name gone), delete (a question listing what goes, then the name typed;
// a cancel keeps everything), buildpacks (add, reorder, remove: the world's list follows)
// and the stack of the next build.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { connectFresh, readWorld, scriptPrompts, useExtension, worldApp, type PromptScript } from './helpers';

suite('app lifecycle', () => {
  let api: ExtensionApi;
  let p: PromptScript;
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    p = scriptPrompts(api);
  });

  test('rename keeps the id, changes the URLs, and frees the old name; invalid names are refused as typed', async () => {
    const before = worldApp(readWorld(), 'alex-playground');
    p.picks = ['alex-playground'];
    p.inputs = ['alex-sandbox'];
    await vscode.commands.executeCommand('herokuMembrane.renameApp');
    assert.equal(p.questions[0]!.message, 'Rename alex-playground to alex-sandbox?');
    assert.match(p.questions[0]!.detail, /git remote becomes https:\/\/git\.heroku\.com\/alex-sandbox\.git/);
    assert.equal(worldApp(readWorld(), 'alex-playground'), undefined);
    const after = worldApp(readWorld(), 'alex-sandbox');
    assert.equal(after.id, before.id);
    assert.equal(after.git_url, 'https://git.heroku.com/alex-sandbox.git');
    assert.match(after.web_url, /^https:\/\/alex-sandbox-/);
    assert.deepEqual(p.info, ['Renamed alex-playground to alex-sandbox.']);

    // The box's own check refuses what Heroku would.
    let problem: string | undefined;
    api.prompts.showInputBox = (async (o: vscode.InputBoxOptions) => {
      problem = (await o.validateInput?.('Bad_Name')) as string | undefined;
      return undefined;
    }) as typeof api.prompts.showInputBox;
    p.picks = ['alex-sandbox'];
    await vscode.commands.executeCommand('herokuMembrane.renameApp');
    assert.match(problem ?? '', /lowercase/i);
  });

  test("after a rename, the workspace's remote is named as text: its name cannot make a link in the notice", async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const gitDir = path.join(folder, '.git');
    assert.ok(!fs.existsSync(gitDir), 'the shared workspace is not a git repository');
    try {
      fs.mkdirSync(gitDir);
      fs.writeFileSync(path.join(gitDir, 'config'), '[remote "[Update](command:workbench.action.quit)"]\n\turl = https://git.heroku.com/alex-blog.git\n');
      p.picks = ['alex-blog'];
      p.inputs = ['alex-journal'];
      await vscode.commands.executeCommand('herokuMembrane.renameApp');
      assert.deepEqual(p.info, ['Renamed alex-blog to alex-journal. The remote "[Update] (command:workbench.action.quit)" still points at the old git URL.']);
    } finally {
      fs.rmSync(gitDir, { recursive: true, force: true });
      await api.links.refresh();
    }
  });

  test('delete lists what goes with the app; cancelling keeps it; the typed name deletes it and what it owns', async () => {
    p.picks = ['acme-api'];
    p.confirmWith = undefined;
    await vscode.commands.executeCommand('herokuMembrane.deleteApp');
    assert.equal(p.questions[0]!.message, 'Delete acme-api? This cannot be undone.');
    assert.match(p.questions[0]!.detail, /^Add-ons deleted with their data: papertrail-shallow-11111 \(papertrail:choklad\), postgresql-curved-12345 \(heroku-postgresql:standard-0\), redis-rigid-67890 \(heroku-redis:premium-0\)\nCustom domains removed: api\.acme\.dev, legacy-api\.acme\.dev, www\.api\.acme\.dev\nConfig vars deleted: \d+\n/);
    assert.ok(worldApp(readWorld(), 'acme-api'), 'cancelled: still there');

    p.confirmWith = 'first';
    p.picks = ['acme-api'];
    p.inputs = ['acme-api'];
    const id = worldApp(readWorld(), 'acme-api').id;
    await vscode.commands.executeCommand('herokuMembrane.deleteApp');
    const w = readWorld();
    assert.equal(worldApp(w, 'acme-api'), undefined);
    assert.ok(!w.addons.some((a: any) => a.app.id === id), 'its add-ons are gone');
    assert.ok(!w.pipelineCouplings.some((c: any) => c.app.id === id), 'its coupling is gone');
    assert.deepEqual(p.info, ['Deleted acme-api.']);
  });

  test('buildpacks: add two, move the second up, remove one; the world keeps the order', async () => {
    const list = () => worldApp(readWorld(), 'acme-web')._buildpacks;
    p.picks = ['acme-web', /Add a buildpack/, /Add a buildpack/, /^2\. heroku\/python$/, /Move up/, /^2\. heroku\/nodejs$/, /Remove/, undefined];
    p.inputs = ['heroku/nodejs', 'heroku/python'];
    await vscode.commands.executeCommand('herokuMembrane.editBuildpacks');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(list(), ['heroku/python']);
    assert.deepEqual(p.info.at(-1), 'acme-web: buildpacks are now heroku/python. The next build uses them.');
  });

  test('change stack: the question says the next build uses it; the world follows', async () => {
    p.picks = ['acme-web', /^heroku-22$/];
    await vscode.commands.executeCommand('herokuMembrane.changeStack');
    assert.equal(p.questions[0]!.message, 'Build acme-web on heroku-22?');
    assert.equal(worldApp(readWorld(), 'acme-web').build_stack.name, 'heroku-22');
  });
});
