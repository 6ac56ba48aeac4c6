// One deploy of a folder to an app, through Heroku's Build API:
//   package (cancellable) → confirm (app, folder, files, size, version) → POST /sources →
//   PUT the archive to its pre-signed URL (progress in percent, cancellable: nothing more
//   is sent) → POST /apps/{app}/builds → the build's output live in a terminal, while the
//   build is read until it settles (Cancel stops the build on Heroku) → the outcome.
// The archive is a private temp file (core/archiveFolder.ts), removed once uploaded, and
// whatever happens.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountsDeps } from '../accounts/accounts';
import { askBeforeWrite } from '../accounts/confirmWrite';
import type { AppClient } from '../apps/appPick';
import type { HerokuClient } from '../heroku/client';
import type { Build, Release } from '../heroku/schemas';
import { uploadFile } from '../heroku/streams/upload';
import { CancelledError } from '../membrane/errors';
import { abortableSleep } from '../membrane/sleep';
import { outcomeLine } from '../logs/core/logColors';
import { OutputTerminal } from '../logs/outputTerminal';
import type { CommandRun } from '../shared/commands';
import type { JsonDocuments } from '../shared/jsonDocuments';
import { prompts, safeExternalUri } from '../shared/prompts';
import { archiveProblem, confirmation, deployWithoutThem, formatBytes, selectionProblem, sourceVersion } from './core/plan';
import { makeArchiveFolder, removeArchiveFolder } from './core/archiveFolder';
import type { DeployMemory } from './deployMemory';
import { packager } from './packaging';
import * as l10n from '@vscode/l10n';
import { contextKeys } from '../shared/contextKeys';

export interface DeployDeps extends AccountsDeps {
  json: JsonDocuments;
  /** Each folder's last deploy, per connection. */
  memory: DeployMemory;
  /** A build was started (the walkthrough's "try deploy" step). */
  onBuildStarted?(): void;
  /** Told of every text the build terminal writes, keyed `deploy:<app>` (the in-host tests' probe). */
  onText?(key: string, text: string): void;
}

/** A deploy that cannot go ahead, with the reason the user reads. */
export class DeployRefusedError extends Error {}

/** While the build's output streams, its state is read this often; once the stream has ended, faster. */
const POLL_WHILE_STREAMING_MS = 5_000;
const POLL_AFTER_STREAM_MS = 1_000;

export async function deployFolder(deps: DeployDeps, run: CommandRun, target: AppClient, folder: vscode.Uri): Promise<void> {
  const app = target.name;
  if (folder.scheme !== 'file') throw new DeployRefusedError(l10n.t(`Only a folder on this machine's disk can be deployed (this one is a {0}: folder).`, folder.scheme));
  // The files are listed with git, and a repository's own config can make git run programs.
  if (!prompts.isTrusted()) throw new DeployRefusedError(l10n.t('This workspace is not trusted: Deploy lists the files with git, whose repository settings can run programs. Trust the workspace (Workspaces: Manage Workspace Trust), then deploy again.'));
  const root = folder.fsPath;
  const name = path.basename(root);
  const archiveDir = await makeArchiveFolder();
  const archiveFile = path.join(archiveDir, 'source.tar.gz');
  try {
    const { selectFiles, packArchive } = packager();
    const packed = await run.busy(l10n.t(`Packaging {0} for {1}…`, name, app), async (signal, progress) => {
      progress.report({ message: l10n.t('listing files') });
      const selection = await selectFiles(root, signal);
      const problem = selectionProblem(selection, name);
      if (problem) throw new DeployRefusedError(problem);
      const percent = percentReporter((p, done, total) => progress.report({ increment: p, message: l10n.t('{0} of {1} files', done.toLocaleString('en-US'), total.toLocaleString('en-US')) }));
      const archive = await packArchive(root, selection.files, archiveFile, { signal, onProgress: percent });
      return { selection, archive };
    });
    const { selection } = packed;
    let { archive } = packed;
    const tooBig = archiveProblem(archive.bytes);
    if (tooBig) throw new DeployRefusedError(tooBig);
    const ask = confirmation({ app, folder: root, selection, archiveBytes: archive.bytes });
    const secrets = selection.untrackedSecrets;
    const answer = await askBeforeWrite(deps, { connectionId: target.connectionId, message: ask.message, detail: ask.detail, confirm: l10n.t('Deploy'), others: secrets.length ? [deployWithoutThem()] : [] });
    if (!answer) return;
    if (answer === deployWithoutThem()) {
      // Packed again without exactly those files: the archive already made holds them.
      const left = new Set(secrets);
      const files = selection.files.filter((f) => !left.has(f));
      const problem = selectionProblem({ ...selection, files }, name);
      if (problem) throw new DeployRefusedError(problem);
      archive = await run.busy(l10n.t(`Packaging {0} for {1}…`, name, app), (signal) => packArchive(root, files, archiveFile, { signal }));
    }

    const { heroku } = target;
    const source = await run.busy(l10n.t(`Uploading {0} to Heroku…`, name), async (signal, progress) => {
      const source = await heroku.createSource({ signal });
      const percent = percentReporter((p, sent, total) => progress.report({ increment: p, message: `${Math.round((sent * 100) / total)}% of ${formatBytes(total)}` }));
      await uploadFile(source.put_url, archive.file, { signal, onProgress: percent });
      return source;
    });
    // Heroku has its copy: the archive (the whole source) is not kept through the build.
    await removeArchiveFolder(archiveDir);
    const { version, description } = sourceVersion(selection.git);
    const build = await heroku.createBuild(
      app,
      { url: source.get_url, checksum: archive.checksum, ...(version ? { version } : {}), version_description: selection.git?.subject ? `${selection.git.subject}${selection.git.uncommitted ? ' (+ uncommitted changes)' : ''}` : description },
      { signal: run.signal },
    );
    deps.onBuildStarted?.();
    await deps.memory.remember({ folder: folder.toString(), app, connectionId: target.connectionId, at: new Date().toISOString() });
    contextKeys.set('herokuMembrane.canRedeploy', true);
    await followBuild(deps, run, target, build, description);
  } catch (e) {
    // Packing and uploading stop with an AbortError; the command wrapper keeps a cancel silent.
    if (run.signal.aborted && !(e instanceof CancelledError)) throw new CancelledError('deploy');
    throw e;
  } finally {
    await removeArchiveFolder(archiveDir);
  }
}

/** The build's output in a terminal, and its state read until it settles; then the outcome. */
async function followBuild(deps: DeployDeps, run: CommandRun, target: AppClient, build: Build, description: string): Promise<void> {
  const { heroku, name: app } = target;
  const pty = new OutputTerminal(
    { title: l10n.t(`build of {0} ({1})`, app, description), url: async (signal) => build.output_stream_url ?? (await heroku.getBuild(app, build.id, { signal })).output_stream_url },
    (text) => deps.onText?.(`deploy:${app}`, text),
  );
  const terminal = vscode.window.createTerminal({ name: l10n.t(`Heroku build: {0}`, app), pty, iconPath: new vscode.ThemeIcon('rocket') });
  terminal.show(true);
  let settled: Build;
  try {
    settled = await run.busy(l10n.t(`Building {0} on Heroku…`, app), async (signal, progress) => {
      progress.report({ message: l10n.t('Cancel stops the build') });
      return waitForBuild(heroku, app, build.id, pty.done, signal);
    });
  } catch (e) {
    if (!run.signal.aborted) throw e;
    await cancelBuild(deps, target, build, pty);
    return;
  }
  refreshApp(target);
  if (settled.status !== 'succeeded') {
    pty.writeLine(outcomeLine(false, l10n.t(`Build {0}: nothing was released to {1}.`, settled.status, app)));
    terminal.show(true);
    const reason = pty.firstFailure ? `: ${pty.firstFailure.replace(/^\s*!\s*/, '')}` : '.';
    void Promise.resolve(prompts.showErrorMessage(l10n.t(`The build of {0} failed{1}`, app, reason), l10n.t('Show Output'))).then((pick) => pick && terminal.show());
    return;
  }
  const release = await releaseOf(heroku, app, settled);
  pty.writeLine(outcomeLine(true, release ? l10n.t('Deployed to {0} as v{1}.', app, release.version) : l10n.t('Deployed to {0}.', app)));
  const what = release ? l10n.t(`released v{0} ({1})`, release.version, release.description) : l10n.t('the build succeeded');
  const [OPEN, SHOW] = [l10n.t('Open App'), l10n.t('Show Release')];
  void Promise.resolve(prompts.showInformationMessage(l10n.t(`{0}: {1}.`, app, what), OPEN, SHOW)).then(async (pick) => {
    if (pick === OPEN) {
      const url = (await heroku.listApps()).find((a) => a.name === app)?.web_url;
      const uri = url ? safeExternalUri(url) : undefined;
      if (uri) await prompts.openExternal(uri);
    } else if (pick === SHOW && release) {
      await deps.json.show(`${app} v${release.version}.json`, release);
    }
  });
}

async function waitForBuild(heroku: HerokuClient, app: string, id: string, streamDone: Promise<void>, signal: AbortSignal): Promise<Build> {
  let streaming = true;
  void streamDone.then(() => (streaming = false));
  for (;;) {
    // The output stream ends when the build does: waking on it reads the outcome at once.
    await Promise.race([abortableSleep(streaming ? POLL_WHILE_STREAMING_MS : POLL_AFTER_STREAM_MS, signal, 'build'), streaming ? streamDone : new Promise(() => undefined)]);
    if (signal.aborted) throw new CancelledError('build');
    const build = await heroku.getBuild(app, id, { signal });
    if (build.status !== 'pending') return build;
  }
}

async function cancelBuild(deps: DeployDeps, target: AppClient, build: Build, pty: OutputTerminal): Promise<void> {
  const { heroku, name: app } = target;
  try {
    await heroku.cancelBuild(app, build.id);
    pty.writeLine(outcomeLine(false, l10n.t('Build cancelled: nothing was released.')));
    void prompts.showInformationMessage(l10n.t(`The build of {0} was cancelled; nothing was released.`, app));
  } catch (e) {
    // Too late (it had just finished), or Heroku refused: the build's own state says what happened.
    void prompts.showErrorMessage(l10n.t(`The build of {0} could not be cancelled: {1}`, app, (e as Error).message));
  } finally {
    refreshApp(target);
  }
}

/** A build that ended may have made a release and restarted the dynos: what shows them is read again. */
function refreshApp(target: AppClient): void {
  target.heroku.forget(target.name, 'releases', 'dynos', 'builds');
  target.heroku.forgetAccount('apps');
}

async function releaseOf(heroku: HerokuClient, app: string, build: Build): Promise<Release | undefined> {
  if (!build.release?.id) return undefined;
  const releases = await heroku.latestReleases(app, 5).catch(() => [] as Release[]);
  return releases.find((r) => r.id === build.release!.id);
}

/** Turns "done of total" into whole-percent increments for a progress bar. */
function percentReporter(report: (increment: number, done: number, total: number) => void): (done: number, total: number) => void {
  let shown = 0;
  return (done, total) => {
    const now = total ? Math.floor((done * 100) / total) : 100;
    if (now > shown) {
      report(now - shown, done, total);
      shown = now;
    }
  };
}
