// Deploy in a real extension host against the sandbox, which builds for real: a fixture
// git repository is packed, confirmed, uploaded to the sandbox's pre-signed URL, built
// (its output streamed into a terminal), and released; the archive the sandbox received
// is read back. Then the failures: no language detected, cancel during the upload,
// cancel during the build, an expired upload URL; Redeploy and Purge Build Cache. And the
// review's findings: untracked secrets named and left out on request, the archive private
// and gone before the build, the account named when there are several.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { makeDeployFixture } from '../helpers/deployFixture';
import { SANDBOX_BIN, connectFresh, connectTwoAccounts, readWorld, scenario, useExtension, waitFor, worldApp } from './helpers';

const SIDE = '6750c2a1f3b9d84e21a7c5f1';

const APP = 'acme-api';
const home = () => process.env.MEMBRANE_SANDBOX_HOME!;

/** The entries of the archive the sandbox last received, as its own tar reader lists them. */
function lastArchive(): string[] {
  const out = execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'last-archive', '--json'], { env: process.env, encoding: 'utf8' });
  return (JSON.parse(out).entries as Array<{ path: string }>).map((e) => e.path).sort();
}

function uploads(): number {
  try {
    return fs.readFileSync(path.join(home(), 'stream-events.log'), 'utf8').split('\n').filter((l) => / PUT \/sources\//.test(l)).length;
  } catch {
    return 0;
  }
}

const worldBuilds = () => readWorld().builds[worldApp(readWorld(), APP).id] as any[];
const worldReleases = () => readWorld().releases[worldApp(readWorld(), APP).id] as any[];

/** The build terminal's text without colours (all of it, since recording began). */
function plain(api: ExtensionApi): string {
  // eslint-disable-next-line no-control-regex
  return api.testing.terminalText(`deploy:${APP}`).replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
}

const nextVersion = () => Math.max(...worldReleases().map((r) => r.version)) + 1;

suite('deploy', () => {
  let api: ExtensionApi;
  let parent: string;
  let info: string[];
  let errors: string[];
  let questions: Array<{ message: string; detail: string }>;
  /** Where this test's build output starts in the terminal probe. */
  let mark = 0;
  const output = () => plain(api).slice(mark);
  /**
   * The terminal's text once it shows `done`: the command can end before VS Code has
   * opened the terminal (under load), and the stream then replays the build's output.
   */
  const outputWhen = (done: RegExp) => waitFor(`the build terminal to show ${done}`, () => done.test(output()) && output());
  useExtension((a) => (api = a));

  setup(async () => {
    await connectFresh(api);
    scenario({ MEMBRANE_SANDBOX_DEPLOY_MS: '1500' });
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-host-'));
    info = [];
    errors = [];
    questions = [];
    mark = plain(api).length;
    api.prompts.showInformationMessage = (async (m: string) => void info.push(m)) as typeof api.prompts.showInformationMessage;
    api.prompts.showErrorMessage = (async (m: string) => void errors.push(m)) as typeof api.prompts.showErrorMessage;
    api.prompts.confirm = async (message, options, ...actions) => {
      questions.push({ message, detail: options.detail ?? '' });
      return actions[0];
    };
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { app?: { name: string } }>) => items.find((i) => i.app?.name === APP)) as typeof api.prompts.showQuickPick;
  });

  teardown(async () => {
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('Heroku build:'))) t.dispose();
    scenario({});
    fs.rmSync(parent, { recursive: true, force: true });
  });

  test('a git repository: refused while a symlink points outside; then exactly the expected files are sent, built live, and released into the world and the tree', async () => {
    const fx = makeDeployFixture(parent, { escapingLink: true });
    const version = nextVersion();
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.equal(questions.length, 0, 'refused before the confirmation');
    assert.match(errors[0] ?? '', /shop-app has symlinks that point outside the folder, which would not resolve on Heroku: escape → \.\.\/outside\.txt/);
    assert.equal(uploads(), 0, 'nothing was uploaded');

    fs.rmSync(path.join(fx.root, 'escape'));
    errors = [];
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(errors, []);
    assert.equal(questions.length, 1);
    assert.equal(questions[0]!.message, 'Deploy shop-app to acme-api?');
    assert.match(questions[0]!.detail, new RegExp(`App: acme-api\\nFolder: ${fx.root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\nFiles: 8 files, [\\d.]+ K?B compressed\\nVersion: commit ${fx.commit.slice(0, 7)} \\+ 2 uncommitted changes`));
    assert.deepEqual(lastArchive(), fx.expected.filter((f) => f !== 'escape'));

    assert.deepEqual(info, [`acme-api: released v${version} (Deploy ${fx.commit.slice(0, 7)}).`]);
    const release = worldReleases().at(-1);
    assert.equal(release.description, `Deploy ${fx.commit.slice(0, 7)}`);
    assert.equal(release.current, true);
    const build = worldBuilds().at(-1);
    assert.equal(build.status, 'succeeded');
    assert.equal(build.source_blob.version, fx.commit);
    assert.equal(build.source_blob.version_description, 'First version of the shop (+ uncommitted changes)');

    const text = await outputWhen(/✔ Deployed to acme-api/);
    assert.match(text, /-----> Node\.js app detected/);
    assert.match(text, /Detected package\.json, Procfile \(8 files/);
    assert.match(text, new RegExp(`✔ Deployed to acme-api as v${version}\\.`));

    // The tree shows the new release.
    const acme = (await api.explorer.apps.getChildren())!.find((n) => n.id === 'group:Team: acme')!;
    const appNode = (await api.explorer.apps.getChildren(acme))!.find((n) => n.id.endsWith(`app:${APP}`))!;
    const releases = (await api.explorer.apps.getChildren(appNode))!.find((n) => n.id.endsWith('/releases'))!;
    await api.explorer.apps.getChildren(releases);
    assert.equal((api.explorer.apps.getTreeItem(releases) as vscode.TreeItem).description, `current v${version}`);

    // Redeploy: the same folder and app, one command, still confirmed (declined here: nothing is sent).
    api.prompts.confirm = async (message, options) => {
      questions.push({ message, detail: options.detail ?? '' });
      return undefined;
    };
    const sent = uploads();
    await vscode.commands.executeCommand('herokuMembrane.redeploy');
    assert.equal(questions.at(-1)!.message, 'Deploy shop-app to acme-api?');
    assert.equal(uploads(), sent, 'declined: nothing uploaded');
  });

  test('an untrusted workspace: refused before git lists a file, saying why; nothing sent', async () => {
    const fx = makeDeployFixture(parent);
    // A program git would run while listing the files, if it listed them.
    const ran = path.join(parent, 'fsmonitor-ran');
    fs.appendFileSync(path.join(fx.root, '.git', 'config'), `[core]\n\tfsmonitor = "touch '${ran}'"\n`);
    api.prompts.isTrusted = () => false;
    const uploadsBefore = uploads();
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.equal(questions.length, 0, 'refused before the confirmation');
    assert.match(errors[0] ?? '', /^This workspace is not trusted: Deploy lists the files with git/);
    assert.equal(uploads(), uploadsBefore, 'nothing was uploaded');
    assert.ok(!fs.existsSync(ran), 'git ran no program of the repository');
  });

  test('a failed build (no language detected) keeps its output open and says why; no release', async () => {
    const root = path.join(parent, 'notes-only');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'README.md'), '# just notes\n');
    const before = worldReleases().length;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(root));
    assert.match(questions[0]!.detail, /Version: not a git repository/);
    assert.deepEqual(errors, ['The build of acme-api failed: No default language could be detected for this app.']);
    assert.match(await outputWhen(/✖ Build failed/), /No default language could be detected for this app\.[\s\S]*✖ Build failed: nothing was released to acme-api\./);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'Heroku build: acme-api'), 'the output stays open');
    assert.equal(worldReleases().length, before);
    assert.equal(worldBuilds().at(-1).status, 'failed');
  });

  test('cancel during the upload: the upload stops and nothing further is sent', async () => {
    const fx = makeDeployFixture(parent);
    // Incompressible, so the upload takes many chunks.
    fs.writeFileSync(path.join(fx.root, 'assets.bin'), Buffer.from(Array.from({ length: 4 * 1024 * 1024 }, () => Math.floor(Math.random() * 256))));
    const buildsBefore = worldBuilds().length;
    const lastUpload = () => fs.readFileSync(path.join(home(), 'last-upload.json'), { encoding: 'utf8', flag: 'a+' });
    const uploadBefore = lastUpload();
    let uploadProgress = 0;
    const titles: string[] = [];
    api.prompts.withProgress = (async (o: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      titles.push(o.title ?? '');
      const cancel = new vscode.CancellationTokenSource();
      const uploading = o.title?.startsWith('Uploading');
      // Cancelled at the upload's first progress report: bytes are on their way.
      const report = (p: { increment?: number }) => {
        if (!uploading || !p.increment) return;
        uploadProgress += p.increment;
        cancel.cancel();
      };
      return task({ report }, cancel.token);
    }) as typeof api.prompts.withProgress;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(titles, ['Packaging shop-app for acme-api…', 'Uploading shop-app to Heroku…']);
    assert.deepEqual(errors, [], 'a cancel is silent');
    assert.equal(worldBuilds().length, buildsBefore, 'no build was started');
    assert.ok(uploadProgress > 0 && uploadProgress < 100, `the upload had started, and stopped there (${uploadProgress}%)`);
    assert.equal(lastUpload(), uploadBefore, 'the sandbox stored no new upload');
  });

  test('cancel during the build calls the cancel endpoint: the build fails, no release', async () => {
    scenario({ MEMBRANE_SANDBOX_DEPLOY_MS: '60000' });
    const fx = makeDeployFixture(parent);
    const before = worldReleases().length;
    api.prompts.withProgress = (async (o: vscode.ProgressOptions, task: (p: unknown, t: vscode.CancellationToken) => Thenable<unknown>) => {
      const cancel = new vscode.CancellationTokenSource();
      const running = task({ report() {} }, cancel.token);
      if (o.title?.startsWith('Building')) {
        await waitFor('the build output to start', () => output().includes('-----> Building on the'));
        cancel.cancel();
      }
      return running;
    }) as typeof api.prompts.withProgress;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(info, ['The build of acme-api was cancelled; nothing was released.']);
    const build = worldBuilds().at(-1);
    assert.equal(build.status, 'failed');
    assert.equal(build._outcome, 'cancelled');
    await outputWhen(/Build was cancelled/);
    await outputWhen(/✖ Build cancelled: nothing was released\./);
    assert.equal(worldReleases().length, before);
  });

  test('the build output stream drops midway: the terminal says so, and the deploy still ends released', async () => {
    scenario({ MEMBRANE_SANDBOX_DEPLOY_MS: '1500', MEMBRANE_SANDBOX_BUILD_STREAM_DROP_AFTER: '4' });
    const fx = makeDeployFixture(parent);
    const version = nextVersion();
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    const cut = await outputWhen(/the output could not be read/);
    assert.match(cut, /— the output could not be read: The stream http:\/\/127\.0\.0\.1:\d+\/builds\/… was cut/);
    assert.doesNotMatch(cut, /Procfile declares types/, 'the rest of the output never came');
    assert.deepEqual(info, [`acme-api: released v${version} (Deploy ${fx.commit.slice(0, 7)}).`]);
  });

  test('an expired upload URL: a clear message, no build, no release', async () => {
    scenario({ MEMBRANE_SANDBOX_SOURCE_TTL_MS: '1', MEMBRANE_SANDBOX_DEPLOY_MS: '1500' });
    const fx = makeDeployFixture(parent);
    const builds = worldBuilds().length;
    const releases = worldReleases().length;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /The upload was refused \(HTTP 403, AccessDenied: Request has expired\)\. Heroku's upload URLs are valid for a short time: deploy again for a fresh one\./);
    assert.doesNotMatch(errors[0]!, /Signature/);
    assert.equal(worldBuilds().length, builds);
    assert.equal(worldReleases().length, releases);
  });

  test('an untracked file that looks like a secret is named in the question; "Deploy Without Them" leaves it out of the archive', async () => {
    const fx = makeDeployFixture(parent);
    // A Node .gitignore (`.env`, `.env.*`) does not match it.
    fs.writeFileSync(path.join(fx.root, 'acme-api.env'), 'DATABASE_URL=postgres://u:secret@db/acme\n');
    let buttons: string[] = [];
    api.prompts.confirm = async (message, options, ...actions) => {
      questions.push({ message, detail: options.detail ?? '' });
      buttons = actions;
      return actions.find((a) => a === 'Deploy Without Them');
    };
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(buttons, ['Deploy', 'Deploy Without Them']);
    assert.match(questions[0]!.detail, /An untracked file looks like a secret: acme-api\.env/);
    assert.deepEqual(errors, []);
    assert.deepEqual(lastArchive(), fx.expected, 'everything but acme-api.env');
    assert.match(info[0] ?? '', /acme-api: released v\d+/);
  });

  test('the archive: in a private temp folder (0700, the file 0600) while packed and uploaded, deleted before the build output streams', async () => {
    const fx = makeDeployFixture(parent);
    const ours = `heroku-deploy-${process.pid}-`;
    /** Our deploy's temp entries, with their permissions. */
    const temp = () =>
      fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(ours)).flatMap((n) => {
        const dir = path.join(os.tmpdir(), n);
        const mode = (p: string) => (fs.lstatSync(p).mode & 0o777).toString(8);
        return [`${n.slice(0, ours.length)}…/ ${mode(dir)}`, ...fs.readdirSync(dir).map((f) => `${f.replace(/^.*\./, '….')} ${mode(path.join(dir, f))}`)];
      });
    const seen: Record<string, string[]> = {};
    const withProgress = api.prompts.withProgress;
    api.prompts.withProgress = ((o: vscode.ProgressOptions, task: Parameters<typeof withProgress>[1]) => {
      const step = o.title?.split(' ')[0] ?? '';
      if (step === 'Uploading' || step === 'Building') seen[step] = temp();
      return withProgress(o, task);
    }) as typeof api.prompts.withProgress;
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(errors, []);
    assert.deepEqual(seen, { Uploading: [`${ours}…/ 700`, '….gz 600'], Building: [] });
    assert.deepEqual(temp(), []);
  });

  test('with several accounts, the deploy and purge questions name the account', async () => {
    await connectTwoAccounts(api);
    const fx = makeDeployFixture(parent);
    api.prompts.showQuickPick = (async (items: Array<vscode.QuickPickItem & { target?: { name: string; connectionId: string } }>) =>
      items.find((i) => i.target?.name === APP && i.target.connectionId === SIDE)) as typeof api.prompts.showQuickPick;
    api.prompts.confirm = async (message, options) => {
      questions.push({ message, detail: options.detail ?? '' });
      return undefined;
    };
    const sent = uploads();
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    await vscode.commands.executeCommand('herokuMembrane.purgeBuildCache');
    assert.deepEqual(errors, []);
    assert.deepEqual(questions.map((q) => q.message), ['Deploy shop-app to acme-api?', 'Purge the build cache of acme-api?']);
    for (const q of questions) assert.match(q.detail, /^In the Heroku account alex@side-gig\.io\.\n\n/);
    assert.equal(uploads(), sent, 'declined: nothing uploaded');
  });

  test('Purge Build Cache asks first, then the next build starts from scratch', async () => {
    await vscode.commands.executeCommand('herokuMembrane.purgeBuildCache');
    assert.equal(questions[0]!.message, 'Purge the build cache of acme-api?');
    assert.match(info[0] ?? '', /the build cache is purged/);
    assert.equal(worldApp(readWorld(), APP)._buildCachePurged, true);
    const fx = makeDeployFixture(parent);
    await vscode.commands.executeCommand('herokuMembrane.deploy', vscode.Uri.file(fx.root));
    assert.deepEqual(errors, []);
    assert.match(info.at(-1) ?? '', /acme-api: released v\d+/);
    await outputWhen(/Build cache purged: installing from scratch/);
  });
});
