// Show Changes Since Deploy (VS Code's multi-file diff of the deployed commit against the
// working tree), Show Commits Since Deploy (a pick; a commit chosen opens its own
// changes), and Fetch (a deployed commit the repository lacks, from its remotes that are
// not Heroku's). From the "Deployed code" row, an app's row, or the palette.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pickOne, targetApp, type AppTargetDeps } from '../apps/appPick';
import { herokuOf, type Node } from '../explorer/node';
import type { HerokuClient } from '../heroku/client';
import type { CommandRun, CommandTable } from '../shared/commands';
import { lineText } from '../shared/core/maskedConfig';
import { listText, timeAgo } from '../shared/core/text';
import { prompts } from '../shared/prompts';
import { fetchFailedWords, folderLabels, readDeployed, shortCommit, standingOf, standingWords, type Standing } from './core/deployedCode';
import { changesOfCommit, changesSince, commitsBetween, fetchRemotes, fetchableRemotes, headCommit, parentOf, type CommitInfo, type FileChange } from './core/repository';
import { deployedFileUri } from './deployedFiles';
import { DeployedCodeNode } from './nodes';
import * as l10n from '@vscode/l10n';

type ChangeResource = [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined];

export interface SinceDeployCommandDeps extends AppTargetDeps {
  linkedFolders(app: string): readonly vscode.Uri[];
  /** The rows shown now, of a folder, read again (after a fetch). */
  readAgain(folder: vscode.Uri): Promise<unknown>;
  /** Told of every multi-file diff opened (the in-host tests' probe). */
  onChangesShown?(title: string, files: readonly ChangeResource[]): void;
}

interface Target {
  app: string;
  heroku: HerokuClient;
  folder: vscode.Uri;
}

type CommitItem = vscode.QuickPickItem & { commit?: CommitInfo };

/** At most this many files in one multi-file diff (each is an editor of its own). */
const FILES_SHOWN = 500;

const WINDOW = { progress: 'window', cancellable: false } as const;
const FETCH = { progress: 'notification', cancellable: true } as const;

export function sinceDeployCommands(deps: SinceDeployCommandDeps): CommandTable {
  /** The app and linked folder: the row's, else the app's (its node or a pick) and its folder (a pick when several). */
  const targetOf = async (node: unknown, title: string): Promise<Target | undefined> => {
    if (node instanceof DeployedCodeNode) return { app: node.app.name, heroku: herokuOf(node.app.ctx), folder: node.folder };
    const t = await targetApp(node, title, deps);
    if (!t) return undefined;
    const folders = deps.linkedFolders(t.name);
    if (!folders.length) return void prompts.showInformationMessage(l10n.t('No folder of this workspace is linked to {0}.', t.name));
    const labels = folderLabels(folders.map((f) => f.fsPath));
    const folder = folders.length === 1 ? folders[0] : await pickOne([...folders], (f) => ({ label: labels[folders.indexOf(f)] ?? f.fsPath, description: f.fsPath }), l10n.t('{0}: which folder', title));
    return folder && { app: t.name, heroku: t.heroku, folder };
  };

  /** Where the folder stands from what the app runs, read now. */
  const standing = (t: Target, signal: AbortSignal): Promise<Standing> =>
    readDeployed(t.heroku, t.app, signal).then((deployed) => standingOf(t.folder.fsPath, deployed, signal));

  /** The command's app and folder, and where it stands, read now; undefined once the user was told why not (git runs only in a trusted workspace). */
  const targetStanding = async (run: CommandRun, node: unknown, title: string): Promise<{ t: Target; s: Standing } | undefined> => {
    const t = await targetOf(node, title);
    if (!t) return undefined;
    if (!vscode.workspace.isTrusted) return void prompts.showInformationMessage(l10n.t('git runs only in a trusted workspace.'));
    return { t, s: await run.busy(l10n.t('Reading {0}…', t.app), (signal) => standing(t, signal)) };
  };

  /** The same, and the deployed commit when the repository has it. */
  const targetCommit = async (run: CommandRun, node: unknown, title: string): Promise<{ t: Target; s: Standing; commit: string } | undefined> => {
    const read = await targetStanding(run, node, title);
    const commit = read && (await comparable(run, read.t, read.s));
    return commit ? { ...read, commit } : undefined;
  };

  /** The commit to compare with, or undefined after saying why there is none (with Fetch when the repository lacks it). */
  const comparable = async (run: CommandRun, t: Target, s: Standing): Promise<string | undefined> => {
    if (s.kind === 'compared') return s.commit;
    if (s.kind === 'missing') {
      const fetch = l10n.t('Fetch');
      if ((await prompts.showInformationMessage(l10n.t('The code {0} runs (commit {1}) is not in this repository.', t.app, shortCommit(s.commit)), fetch)) === fetch) await fetchInto(run, t, s.commit);
      return undefined;
    }
    return void prompts.showInformationMessage(l10n.t('Deployed code of {0}: {1}.', t.app, standingWords(s)));
  };

  const fetchInto = async (run: CommandRun, t: Target, commit: string | undefined): Promise<void> => {
    const remotes = await fetchableRemotes(t.folder.fsPath, run.signal);
    if (!remotes.length) return void prompts.showInformationMessage(l10n.t("This repository has no remote to fetch from but Heroku's (the extension holds no Heroku git credential)."));
    const failed = await run.busy(l10n.t('Fetching {0}…', listText(remotes)), (signal) => fetchRemotes(t.folder.fsPath, remotes, signal));
    await deps.readAgain(t.folder);
    for (const f of failed) void prompts.showWarningMessage(fetchFailedWords(f.remote, f.reason));
    if (!commit || failed.length === remotes.length) return;
    const now = await run.busy(l10n.t('Reading {0}…', t.app), (signal) => standing(t, signal));
    if (now.kind === 'missing') void prompts.showInformationMessage(l10n.t('Commit {0} is still not in this repository after fetching {1}.', shortCommit(now.commit), listText(remotes)));
  };

  /** VS Code's multi-file diff, each file's left side at `left` (a commit), its right side at `right` (a commit, or the working tree). */
  const showChanges = async (title: string, folder: vscode.Uri, changes: FileChange[], left: string | undefined, right: string | undefined): Promise<void> => {
    const at = (commit: string | undefined, file: string) => (commit ? deployedFileUri(folder, commit, file) : vscode.Uri.joinPath(folder, file));
    if (changes.length > FILES_SHOWN) void prompts.showInformationMessage(l10n.t('{0} files changed: the diff shows the first {1}.', changes.length, FILES_SHOWN));
    const resources: ChangeResource[] = changes.slice(0, FILES_SHOWN).map((c) => {
      const before = c.status === 'A' || !left ? undefined : deployedFileUri(folder, left, c.from ?? c.path);
      const after = c.status === 'D' ? undefined : at(right, c.path);
      return [vscode.Uri.joinPath(folder, c.path), before, after];
    });
    deps.onChangesShown?.(title, resources);
    await vscode.commands.executeCommand('vscode.changes', title, resources);
  };

  const commitItem = (c: CommitInfo): CommitItem => ({
    // A subject is the author's text: one line, and no `$(icon)` of ours.
    label: lineText(c.subject).replace(/\$\(/g, '$ (') || l10n.t('(no subject)'),
    description: `${shortCommit(c.hash)} · ${lineText(c.author)} · ${timeAgo(c.date)}`,
    commit: c,
  });

  return {
    'herokuMembrane.showChangesSinceDeploy': {
      ...WINDOW,
      run: async (run, node?: Node) => {
        const read = await targetCommit(run, node, l10n.t('Show Changes Since Deploy'));
        if (!read) return;
        const { t, commit } = read;
        const changes = await run.busy(l10n.t('Listing changes…'), (signal) => changesSince(t.folder.fsPath, commit, signal));
        if (!changes.length) return void prompts.showInformationMessage(l10n.t('No changes since deploy: {0} is as {1} runs it (commit {2}).', path.basename(t.folder.fsPath), t.app, shortCommit(commit)));
        await showChanges(l10n.t('{0}: changes since deploy ({1})', t.app, shortCommit(commit)), t.folder, changes, commit, undefined);
      },
    },
    'herokuMembrane.showCommitsSinceDeploy': {
      ...WINDOW,
      run: async (run, node?: Node) => {
        const read = await targetCommit(run, node, l10n.t('Show Commits Since Deploy'));
        if (!read) return;
        const { t, s, commit } = read;
        const folder = t.folder.fsPath;
        const [behind, ahead] = await run.busy(l10n.t('Listing commits…'), async (signal) => {
          const head = await headCommit(folder, signal);
          return Promise.all([commitsBetween(folder, commit, 'HEAD', signal), head ? commitsBetween(folder, head, commit, signal) : []]);
        });
        if (!behind.length && !ahead.length) return void prompts.showInformationMessage(l10n.t('HEAD is deployed: {0} runs commit {1}.', t.app, shortCommit(commit)));
        const separator = (label: string): CommitItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
        const items: CommitItem[] = [
          ...(behind.length ? [separator(l10n.t('On HEAD, not deployed ({0})', behind.length)), ...behind.map(commitItem)] : []),
          ...(ahead.length ? [separator(l10n.t('Deployed, not on HEAD ({0})', ahead.length)), ...ahead.map(commitItem)] : []),
        ];
        const pick = await prompts.showQuickPick(items, {
          title: l10n.t('{0}: commits since deploy ({1}, {2})', t.app, shortCommit(commit), standingWords(s)),
          placeHolder: l10n.t('Choose a commit to see its changes'),
          matchOnDescription: true,
        });
        if (!pick?.commit) return;
        const c = pick.commit;
        const [parent, changes] = await run.busy(l10n.t('Listing changes…'), (signal) => Promise.all([parentOf(folder, c.hash, signal), changesOfCommit(folder, c.hash, signal)]));
        if (!changes.length) return void prompts.showInformationMessage(l10n.t('Commit {0} changes no file in {1}.', shortCommit(c.hash), path.basename(folder)));
        await showChanges(l10n.t('{0} {1}', shortCommit(c.hash), lineText(c.subject)), t.folder, changes, parent, c.hash);
      },
    },
    'herokuMembrane.fetchDeployedCommit': {
      ...FETCH,
      run: async (run, node?: Node) => {
        const read = await targetStanding(run, node, l10n.t('Fetch the Deployed Commit'));
        if (!read) return;
        const { t, s } = read;
        if (s.kind !== 'missing') return void prompts.showInformationMessage(l10n.t('Deployed code of {0}: {1}.', t.app, standingWords(s)));
        await fetchInto(run, t, s.commit);
      },
    },
  };
}
