// The agent's deploy of a workspace folder: the deploy feature's selection, archive, upload
// and Build API calls, without its terminal. The question carries the deploy confirmation's
// facts (folder, file count, size, version); untracked files that look like secrets are
// always left out (the agent cannot press "Deploy Without Them"). Asking lists the files
// and reads git, nothing more: the archive is made once the user said yes.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { selectionProblem, sourceVersion, formatBytes, archiveProblem } from '../deploy/core/plan';
import { makeArchiveFolder, removeArchiveFolder } from '../deploy/core/archiveFolder';
import type { FileSelection } from '../deploy/core/fileSelection';
import { packager } from '../deploy/packaging';
import { uploadFile } from '../heroku/streams/upload';
import { abortableSleep } from '../membrane/sleep';
import { AgentInputError, buildLines, type FoundApp } from './core/reads';
import { q, qm, type WriteQuestion } from './core/writes';
import * as l10n from '@vscode/l10n';

export interface DeployInput {
  folder?: string;
}

/** The workspace folder named (by name or path), else the first. */
export function deployRoot(folder: string | undefined): string {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) throw new AgentInputError(l10n.t('No workspace folder on this disk to deploy.'));
  if (!folder) return folders[0]!.uri.fsPath;
  const wanted = folders.find((f) => f.name === folder || f.uri.fsPath === folder || path.resolve(folder) === f.uri.fsPath);
  if (!wanted) throw new AgentInputError(l10n.t('No workspace folder {0}. Folders: {1}.', q(folder), folders.map((f) => f.name).join(', ')));
  return wanted.uri.fsPath;
}

async function selection(root: string, signal?: AbortSignal): Promise<{ selection: FileSelection; files: string[] }> {
  const selection = await packager().selectFiles(root, signal);
  const files = selection.files.filter((f) => !selection.untrackedSecrets.includes(f));
  const problem = selectionProblem({ ...selection, files }, path.basename(root));
  if (problem) throw new AgentInputError(problem);
  return { selection, files };
}

/** The files to send (path, size, modification time) and HEAD: the deploy is refused if they change after the question. */
async function fingerprint(root: string, files: readonly string[], commit: string | undefined): Promise<string> {
  const stats = await Promise.all(files.map(async (f) => fs.stat(path.join(root, f)).then((s) => [f, s.size, s.mtimeMs] as const, () => [f, -1, -1] as const)));
  return createHash('sha256').update(JSON.stringify({ commit, stats })).digest('hex');
}

export async function deployFacts(_found: FoundApp, input: DeployInput, signal?: AbortSignal): Promise<string> {
  const root = deployRoot(input.folder);
  const { selection: s, files } = await selection(root, signal);
  return fingerprint(root, files, s.git?.commit);
}

export async function askDeploy(found: FoundApp, input: DeployInput, signal?: AbortSignal): Promise<WriteQuestion> {
  const root = deployRoot(input.folder);
  const { selection: s, files } = await selection(root, signal);
  const app = q(found.app.name);
  const count = files.length === 1 ? l10n.t('1 file') : l10n.t('{0} files', files.length.toLocaleString('en-US'));
  const lines = [
    l10n.t('App: {0}', qm(found.app.name)),
    l10n.t('Folder: {0}', qm(root, 400)),
    l10n.t('Files: {0}, {1} before compression', count, formatBytes(s.bytes)),
    l10n.t('Version: {0}', sourceVersion(s.git).description),
  ];
  if (s.untrackedSecrets.length) lines.push(l10n.t('Left out, because they look like secrets and are not committed: {0}', s.untrackedSecrets.map((f) => qm(f, 200)).join(', ')));
  lines.push('', l10n.t(`Heroku builds this source, releases it to {0} and restarts its dynos.`, qm(found.app.name)), '', l10n.t('In the Heroku account {0}.', qm(found.account.label)));
  return { title: l10n.t('Deploy {0} to {1}?', path.basename(root), app), message: lines.join('\n'), running: l10n.t('Deploying {0} to {1}…', path.basename(root), app), facts: await fingerprint(root, files, s.git?.commit) };
}

/** Packs, uploads, builds, and waits for the build; its outcome and the end of its output. */
export async function applyDeploy({ app, account }: FoundApp, input: DeployInput, signal?: AbortSignal): Promise<string[]> {
  const root = deployRoot(input.folder);
  const { heroku } = account;
  const dir = await makeArchiveFolder();
  try {
    const { selection: s, files } = await selection(root, signal);
    const archive = await packager().packArchive(root, files, path.join(dir, 'source.tar.gz'), { signal });
    const tooBig = archiveProblem(archive.bytes);
    if (tooBig) throw new AgentInputError(tooBig);
    const source = await heroku.createSource({ signal });
    await uploadFile(source.put_url, archive.file, { signal });
    const { version, description } = sourceVersion(s.git);
    let build = await heroku.createBuild(app.name, { url: source.get_url, checksum: archive.checksum, ...(version ? { version } : {}), version_description: s.git?.subject ? `${s.git.subject}${s.git.uncommitted ? ' (+ uncommitted changes)' : ''}` : description }, { signal });
    // A build takes minutes: read it every 2 s, for at most 30 minutes.
    for (let i = 0; build.status === 'pending' && i < 900; i++) {
      await abortableSleep(2000, signal, 'build');
      build = await heroku.getBuild(app.name, build.id, { signal });
    }
    return buildLines(heroku, app, 40, signal);
  } finally {
    heroku.forget(app.name, 'releases', 'dynos', 'builds');
    heroku.forgetAccount('apps');
    await removeArchiveFolder(dir);
  }
}
