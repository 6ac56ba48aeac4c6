// The workspace's links in a real extension host: a link written to the folder's settings
// and read back, the Apps view's "This workspace" group first (across accounts), a link to
// an app no account sees, Link and Unlink (a remote's link hidden, not deleted; the other
// entries kept as written; refused untrusted), the bad entries of the setting ignored, a
// remote's name as text in a tooltip, and Deploy's pick offering the folder's link first
// (with several, none preselected).
// The harness's one workspace folder is shared: every test leaves it as it found it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Node } from '../../src/explorer/node';
import { connectFresh, connectTwoAccounts, useExtension, waitFor } from './helpers';

type Tree = vscode.TreeDataProvider<Node>;

const item = (tree: Tree, n: Node) => tree.getTreeItem(n) as vscode.TreeItem;
const label = (tree: Tree, n: Node) => String(item(tree, n).label);
const describe = (tree: Tree, n: Node) => String(item(tree, n).description ?? '');
const kids = async (tree: Tree, n?: Node) => ((await tree.getChildren(n)) ?? []) as Node[];

suite('workspace links', () => {
  let api: ExtensionApi;
  let tree: Tree;
  let folder: vscode.WorkspaceFolder;
  let settingsFile: string;
  let hadSettings: boolean;
  let info: string[];
  useExtension((a) => {
    api = a;
    tree = a.explorer.apps;
  });

  const setting = () => vscode.workspace.getConfiguration('herokuMembrane', folder.uri).inspect<unknown>('links');
  const writeSetting = async (value: unknown) => {
    await vscode.workspace.getConfiguration('herokuMembrane', folder.uri).update('links', value, vscode.ConfigurationTarget.WorkspaceFolder);
    await api.links.refresh();
  };
  /** Picks the row of this app (the first such row) in the next app pick, and keeps the rows offered. */
  const pickAppNamed = (name: string, offered: vscode.QuickPickItem[][] = []) => {
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string } }>) => {
      offered.push(items);
      return items.find((i) => i.app?.name === name);
    }) as typeof api.prompts.showQuickPick;
    return offered;
  };

  setup(async () => {
    folder = vscode.workspace.workspaceFolders![0]!;
    settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
    hadSettings = fs.existsSync(settingsFile);
    info = [];
    api.prompts.showInformationMessage = (async (m: string) => void info.push(m)) as typeof api.prompts.showInformationMessage;
    api.prompts.showErrorMessage = async (m: string) => {
      throw new Error(`unexpected error message: ${m}`);
    };
    await connectFresh(api);
    api.explorer.setFilter('');
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('herokuMembrane', folder.uri).update('links', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    fs.rmSync(path.join(folder.uri.fsPath, '.git'), { recursive: true, force: true });
    if (!hadSettings) fs.rmSync(path.join(folder.uri.fsPath, '.vscode'), { recursive: true, force: true });
    await api.links.refresh();
  });

  test('nothing linked: no "This workspace" group', async () => {
    await api.links.refresh();
    assert.deepEqual(api.links.links(), []);
    assert.ok(!(await kids(tree)).some((n) => label(tree, n) === 'This workspace'));
  });

  test('Link Folder to App… writes the subfolder\'s link to the folder\'s settings; the group shows it first, a real app node', async () => {
    const api_ = vscode.Uri.joinPath(folder.uri, 'api');
    const offered = pickAppNamed('acme-web');
    await vscode.commands.executeCommand('herokuMembrane.linkFolder', api_);
    assert.equal(offered.length, 1, 'the app pick was offered');
    const value = setting();
    assert.deepEqual(value?.workspaceFolderValue ?? value?.workspaceValue, [{ path: 'api', app: 'acme-web' }]);
    assert.match(info.join('\n'), /api is linked to acme-web/);

    assert.deepEqual(api.links.foldersOfApp('acme-web').map((u) => u.toString()), [api_.toString()]);
    assert.deepEqual(api.links.linksOfFolder(vscode.Uri.joinPath(api_, 'src', 'index.ts')).map((l) => l.app), ['acme-web']);
    assert.deepEqual(api.links.linksOfFolder(vscode.Uri.joinPath(folder.uri, 'web')), [], 'a sibling folder is not linked');
    assert.ok(api.links.workspaceApps().has('acme-web'));

    const [group, ...rest] = await kids(tree);
    assert.equal(label(tree, group!), 'This workspace');
    assert.equal(item(tree, group!).accessibilityInformation?.label, 'This workspace group, 1 linked app');
    assert.ok(rest.length && rest.every((n) => item(tree, n).contextValue === 'heroku.group'), 'the owner groups follow');
    const [row] = await kids(tree, group);
    assert.equal(label(tree, row!), 'acme-web');
    assert.match(describe(tree, row!), new RegExp(`^linked to ${folder.name}/api · maintenance`));
    assert.match(item(tree, row!).accessibilityInformation!.label, new RegExp(`^acme-web, linked to folder ${folder.name}/api, maintenance`));
    assert.match(item(tree, row!).contextValue!, /^heroku\.app\b.*\+link$/);
    assert.deepEqual(
      (await kids(tree, row)).map((n) => label(tree, n)).slice(0, 4),
      ['Deployed code', 'Releases', 'Dynos', 'Formation'],
      'the same children as the app elsewhere, the linked folder’s deployed code first',
    );
  });

  test('a remote of any name links the folder; Unlink hides it (the remote stays) and Link shows it again', async () => {
    const gitDir = path.join(folder.uri.fsPath, '.git');
    fs.mkdirSync(gitDir, { recursive: true });
    fs.writeFileSync(path.join(gitDir, 'config'), '[remote "production"]\n\turl = git@heroku.com:acme-api.git\n');
    await api.links.refresh();
    assert.deepEqual(api.links.links().map((l) => [l.app, l.source]), [['acme-api', { kind: 'remote', remote: 'production' }]]);
    const [group] = await kids(tree);
    const [row] = await kids(tree, group);
    assert.equal(label(tree, row!), 'acme-api');
    assert.doesNotMatch(describe(tree, row!), /linked/, 'one folder, linked itself: the row needs no folder name');
    assert.match(item(tree, row!).accessibilityInformation!.label, new RegExp(`^acme-api, linked to folder ${folder.name}, `), 'a screen reader still hears the link');

    const questions: string[] = [];
    api.prompts.confirm = async (message, _o, ...actions) => {
      questions.push(message);
      return actions.find((a) => a === 'Hide in This Workspace');
    };
    await vscode.commands.executeCommand('herokuMembrane.unlinkFolder', row);
    assert.deepEqual(questions, [`acme-api is linked to folder ${folder.name} by its git remote "production".`]);
    assert.ok(fs.readFileSync(path.join(gitDir, 'config'), 'utf8').includes('production'), 'the remote stays');
    assert.deepEqual(api.links.links(), []);
    assert.ok(!(await kids(tree)).some((n) => label(tree, n) === 'This workspace'));

    pickAppNamed('acme-api');
    await vscode.commands.executeCommand('herokuMembrane.linkFolder', folder.uri);
    assert.deepEqual(api.links.links().map((l) => l.source.kind), ['remote'], 'the remote\'s link is back, not a second one');
    const value = setting();
    assert.equal(value?.workspaceFolderValue ?? value?.workspaceValue, undefined, 'nothing left in the settings');
  });

  test('read again by themselves: a .git/config written (the file watcher), a setting changed (its event)', async () => {
    const changes: number[] = [];
    const sub = api.links.onDidChange(() => changes.push(api.links.links().length));
    try {
      const gitDir = path.join(folder.uri.fsPath, '.git');
      fs.mkdirSync(gitDir, { recursive: true });
      fs.writeFileSync(path.join(gitDir, 'config'), '[remote "qa"]\n\turl = https://git.heroku.com/acme-web.git\n');
      await waitFor('the remote\'s link, read after the watcher saw .git/config', () => api.links.workspaceApps().has('acme-web'));
      await vscode.workspace.getConfiguration('herokuMembrane', folder.uri).update('links', [{ path: 'api', app: 'acme-api' }], vscode.ConfigurationTarget.WorkspaceFolder);
      await waitFor('the setting\'s link, read after the configuration changed', () => api.links.workspaceApps().has('acme-api'));
      assert.deepEqual(changes.slice(0, 2), [1, 2], 'one change each');
    } finally {
      sub.dispose();
    }
  });

  test('a link to an app no account can see is a row that says so, with Unlink; bad entries are ignored and logged', async () => {
    const warned: string[] = [];
    const warn = api.log.warn;
    api.log.warn = (m: string) => void warned.push(m);
    try {
      await writeSetting([{ path: '', app: 'no-such-app' }, { path: '../outside', app: 'acme-web' }, { path: 'x', app: 'Not An App' }]);
    } finally {
      api.log.warn = warn;
    }
    assert.deepEqual(api.links.links().map((l) => l.app), ['no-such-app']);
    assert.equal(warned.length, 2, warned.join('\n'));
    assert.match(warned[0]!, /entry 2: "path" must be a subfolder/);
    const [group] = await kids(tree);
    const [row] = await kids(tree, group);
    assert.equal(label(tree, row!), 'no-such-app');
    assert.match(describe(tree, row!), /no account you are connected to can see this app/);
    assert.equal(item(tree, row!).contextValue, 'heroku.link+missing');
    await vscode.commands.executeCommand('herokuMembrane.unlinkFolder', row);
    assert.deepEqual(api.links.links(), []);
    const value = setting();
    assert.deepEqual(value?.workspaceFolderValue ?? value?.workspaceValue, [{ path: '../outside', app: 'acme-web' }, { path: 'x', app: 'Not An App' }], 'the refused entries stay, for the user to correct');
  });

  test('untrusted: Unlink is refused and the folder\'s setting is left as written', async () => {
    await writeSetting([{ path: 'api', app: 'acme-web' }]);
    fs.mkdirSync(path.join(folder.uri.fsPath, '.git'), { recursive: true });
    fs.writeFileSync(path.join(folder.uri.fsPath, '.git', 'config'), '[remote "production"]\n\turl = git@heroku.com:acme-api.git\n');
    api.prompts.isTrusted = () => false;
    await api.links.refresh();
    assert.deepEqual(api.links.links().map((l) => l.app), ['acme-api'], 'a remote\'s link is read untrusted; the setting is not');
    api.prompts.showQuickPick = (async (items: vscode.QuickPickItem[]) => items[0]) as typeof api.prompts.showQuickPick;
    api.prompts.confirm = async (_m, _o, ...actions) => actions.find((a) => a === 'Hide in This Workspace');
    await vscode.commands.executeCommand('herokuMembrane.unlinkFolder');
    const value = setting();
    assert.deepEqual(value?.workspaceFolderValue ?? value?.workspaceValue, [{ path: 'api', app: 'acme-web' }]);
    assert.match(info.join('\n'), /^Trust this workspace first/);
  });

  test('Unlink and Link change only their own entry: the entries the reader refused stay as written', async () => {
    const refused = { path: 'x', app: 'Not An App' };
    const warn = api.log.warn;
    api.log.warn = () => undefined;
    try {
      await writeSetting([refused, { path: '', app: 'no-such-app' }, { path: './web/', app: 'acme-web' }]);
      fs.mkdirSync(path.join(folder.uri.fsPath, '.git'), { recursive: true });
      fs.writeFileSync(path.join(folder.uri.fsPath, '.git', 'config'), '[remote "production"]\n\turl = git@heroku.com:acme-api.git\n');
      await api.links.refresh();
      const linkNamed = (app: string) => api.links.links().find((l) => l.app === app)!;
      const values = () => {
        const v = setting();
        return v?.workspaceFolderValue ?? v?.workspaceValue;
      };
      api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { link?: { app: string } }>) => items.find((i) => i.link?.app === 'acme-web')) as typeof api.prompts.showQuickPick;
      await vscode.commands.executeCommand('herokuMembrane.unlinkFolder');
      assert.ok(!linkNamed('acme-web'));
      assert.deepEqual(values(), [refused, { path: '', app: 'no-such-app' }], 'the subfolder written "./web/" is the link removed');
      api.prompts.confirm = async (_m, _o, ...actions) => actions.find((a) => a === 'Hide in This Workspace');
      api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { link?: { app: string } }>) => items.find((i) => i.link?.app === 'acme-api')) as typeof api.prompts.showQuickPick;
      await vscode.commands.executeCommand('herokuMembrane.unlinkFolder');
      assert.deepEqual(values(), [refused, { path: '', app: 'no-such-app' }, { path: '', app: 'acme-api', hidden: true }]);
      pickAppNamed('acme-api');
      await vscode.commands.executeCommand('herokuMembrane.linkFolder', folder.uri);
      assert.ok(linkNamed('acme-api'));
      assert.deepEqual(values(), [refused, { path: '', app: 'no-such-app' }]);
    } finally {
      api.log.warn = warn;
    }
  });

  test('a remote\'s name is text in the row\'s tooltip, never Markdown (no image loaded on hover)', async () => {
    fs.mkdirSync(path.join(folder.uri.fsPath, '.git'), { recursive: true });
    fs.writeFileSync(path.join(folder.uri.fsPath, '.git', 'config'), '[remote "![x](https://evil.example/p.png)"]\n\turl = git@heroku.com:acme-api.git\n');
    await api.links.refresh();
    const [group] = await kids(tree);
    const [row] = await kids(tree, group);
    const tip = item(tree, row!).tooltip;
    assert.ok(tip instanceof vscode.MarkdownString);
    assert.ok(tip.value.includes('\\!\\[x\\]\\(https://evil.example/p.png\\)'), tip.value);
    assert.ok(!tip.value.includes('![x]('), tip.value);
  });

  test('two accounts: the group sits above the account roots, the app found in each account that sees it, named', async () => {
    await connectTwoAccounts(api);
    try {
      await writeSetting([{ path: '', app: 'acme-api' }]);
      const roots = await kids(tree);
      assert.equal(label(tree, roots[0]!), 'This workspace');
      assert.deepEqual(
        roots.slice(1).map((n) => item(tree, n).contextValue),
        ['heroku.account+ready', 'heroku.account+ready'],
      );
      const rows = await kids(tree, roots[0]);
      assert.deepEqual(rows.map((n) => label(tree, n)), ['acme-api', 'acme-api']);
      const accountsNamed = rows.map((n) => describe(tree, n));
      assert.ok(accountsNamed.some((d) => d.includes('alex@side-gig.io')), accountsNamed.join(' | '));
      assert.ok(rows.every((n) => / account /.test(item(tree, n).accessibilityInformation!.label)));
    } finally {
      await connectFresh(api);
    }
  });

  test('Deploy of a file\'s folder inside a linked subfolder offers its link first, saying so', async () => {
    await writeSetting([{ path: 'api', app: 'acme-web' }]);
    const offered: vscode.QuickPickItem[][] = [];
    api.prompts.showQuickPick = (async (items: vscode.QuickPickItem[]) => void offered.push(items)) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.joinPath(folder.uri, 'api', 'src'));
    assert.equal(offered.length, 1);
    const [first, second] = offered[0]!;
    assert.equal(first!.label, '$(star-full) acme-web');
    assert.match(first!.description ?? '', new RegExp(`^linked to ${folder.name}/api`));
    assert.doesNotMatch(second!.description ?? '', /linked/);

    // Show Logs' pick (the palette's) offers it first too.
    offered.length = 0;
    await vscode.commands.executeCommand('herokuMembrane.showLogs');
    assert.equal(offered[0]?.[0]?.label, '$(star-full) acme-web');
    assert.match(offered[0]?.[0]?.description ?? '', /^linked to /);
  });

  test('Deploy of a folder with several remotes\' links preselects none of them: a first row asks to choose', async () => {
    fs.mkdirSync(path.join(folder.uri.fsPath, '.git'), { recursive: true });
    fs.writeFileSync(path.join(folder.uri.fsPath, '.git', 'config'), '[remote "production"]\n\turl = git@heroku.com:acme-api.git\n[remote "staging"]\n\turl = git@heroku.com:acme-web.git\n');
    await api.links.refresh();
    const offered: Array<Array<vscode.QuickPickItem & { app?: { name: string } }>> = [];
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string } }>) => {
      offered.push(items);
      return offered.length === 1 ? items[0] : undefined;
    }) as typeof api.prompts.showQuickPick;
    await vscode.commands.executeCommand('herokuMembrane.deploy', folder.uri);
    assert.equal(offered.length, 2, 'the choosing row, picked, shows the pick again');
    const [first, ...rest] = offered[0]!;
    assert.equal(first!.app, undefined, 'the first row (the one a single Enter picks) is no app');
    assert.match(first!.label, /2 apps are linked/);
    assert.deepEqual(rest.slice(0, 2).map((i) => i.app?.name), ['acme-api', 'acme-web']);
    assert.ok(rest.slice(0, 2).every((i) => /^linked to /.test(i.description ?? '')));

    // A remote named "heroku" is the one git and the Heroku CLI use: first, no choosing row.
    fs.writeFileSync(path.join(folder.uri.fsPath, '.git', 'config'), '[remote "production"]\n\turl = git@heroku.com:acme-api.git\n[remote "heroku"]\n\turl = git@heroku.com:acme-web.git\n');
    await api.links.refresh();
    offered.length = 0;
    await vscode.commands.executeCommand('herokuMembrane.deploy', folder.uri);
    assert.deepEqual(offered[0]!.slice(0, 2).map((i) => i.app?.name), ['acme-web', 'acme-api']);
  });
});
