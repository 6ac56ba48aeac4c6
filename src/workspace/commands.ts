// Heroku: Link Folder to App… (a folder of the file explorer, the workspace group, the
// palette: the app picked across accounts, the link kept in the workspace folder's
// settings) and Unlink (a linked app's row: a setting's link is removed; a git remote's
// link is explained, and hidden in this workspace if the user says so: the remote stays).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { AccountsDeps } from '../accounts/accounts';
import { pickApp } from '../apps/appPick';
import { UI, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { displayable } from '../shared/core/text';
import type { WorkspaceLink, WorkspaceLinks } from './links';
import { LinkedAppNode, MissingLinkNode, linkSourceText } from './workspaceGroup';

export interface WorkspaceCommandDeps extends AccountsDeps {
  links: WorkspaceLinks;
}

export function workspaceCommands(deps: WorkspaceCommandDeps): CommandTable {
  const { links } = deps;

  /** The folder to link: the one clicked in the file explorer, the only workspace folder, or the user's pick. */
  const folderOf = async (arg: unknown): Promise<vscode.Uri | undefined> => {
    if (arg instanceof vscode.Uri) {
      if (vscode.workspace.getWorkspaceFolder(arg)) return arg;
      return void prompts.showInformationMessage(l10n.t('Only a folder of this workspace can be linked to an app.'));
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) return void prompts.showInformationMessage(l10n.t('Open a folder first: a link ties a folder of this workspace to an app.'));
    if (folders.length === 1) return folders[0]!.uri;
    return (await prompts.showWorkspaceFolderPick({ placeHolder: l10n.t('Which folder to link to an app') }))?.uri;
  };

  /** The link to remove: the row's, or the user's pick among every link. */
  const linkOf = async (arg: unknown): Promise<WorkspaceLink | undefined> => {
    if (arg instanceof LinkedAppNode || arg instanceof MissingLinkNode) return arg.link;
    const all = links.links();
    if (!all.length) return void prompts.showInformationMessage(l10n.t('No folder of this workspace is linked to an app.'));
    const items = all.map((link) => ({ label: `$(link) ${link.app}`, description: l10n.t('linked to {0}', links.folderLabel(link)), detail: linkSourceText(link, links.folderLabel(link)), link }));
    return (await prompts.showQuickPick(items, { title: l10n.t('Unlink'), placeHolder: l10n.t('Which link to remove') }))?.link;
  };

  return {
    'herokuMembrane.linkFolder': {
      ...UI,
      run: async (_run, arg) => {
        // A link is kept in the folder's settings, which an untrusted workspace's are not read from.
        if (!prompts.isTrusted()) return void prompts.showInformationMessage(l10n.t('Trust this workspace first: its links to apps are kept in its settings, which are read only in a trusted workspace.'));
        const folder = await folderOf(arg);
        if (!folder) return;
        const name = vscode.workspace.asRelativePath(folder, true) || folder.path.split('/').pop() || folder.fsPath;
        const target = await pickApp(await deps.accounts(), { title: l10n.t('Link {0} to…', name), workspaceApps: new Set(links.linksOfFolder(folder).map((l) => l.app)), linkNote: () => l10n.t('linked already') });
        if (!target) return;
        const link = await links.link(folder, target.name);
        void prompts.showInformationMessage(l10n.t('{0} is linked to {1}: listed first in the Apps view and the app picks, the default target of Deploy for that folder.', links.folderLabel(link), target.name));
      },
    },

    'herokuMembrane.unlinkFolder': {
      ...UI,
      run: async (_run, arg) => {
        // Unlink (or Hide) writes the folder's settings, which an untrusted workspace's are not read from: the write would be blind.
        if (!prompts.isTrusted()) return void prompts.showInformationMessage(l10n.t('Trust this workspace first: Unlink changes its settings, which are read only in a trusted workspace.'));
        const link = await linkOf(arg);
        if (!link) return;
        const folder = links.folderLabel(link);
        if (link.source.kind === 'settings') return links.unlink(link);
        // A git remote's link: the remote is the repository's, so Unlink only hides it here.
        const hide = l10n.t('Hide in This Workspace');
        const show = l10n.t('Show Git Config');
        const answer = await prompts.confirm(
          l10n.t('{0} is linked to folder {1} by its git remote "{2}".', link.app, folder, displayable(link.source.remote)),
          { detail: l10n.t('Unlinking does not change the repository: the remote stays. Hide the link in this workspace (kept in the folder\'s settings, undone by Link Folder to App…), or open the git config to remove the remote yourself.') },
          hide,
          show,
        );
        if (answer === hide) await links.unlink(link);
        else if (answer === show) await showGitConfig(link.workspaceFolder.uri);
      },
    },
  };
}

/** The folder's `.git/config` (a worktree's `.git` file when there is no config beside it). */
async function showGitConfig(folder: vscode.Uri): Promise<void> {
  for (const uri of [vscode.Uri.joinPath(folder, '.git', 'config'), vscode.Uri.joinPath(folder, '.git')]) {
    try {
      if ((await vscode.workspace.fs.stat(uri)).type !== vscode.FileType.File) continue;
      await vscode.window.showTextDocument(uri, { preview: true });
      return;
    } catch {
      // Not there: the next candidate.
    }
  }
  void prompts.showInformationMessage(l10n.t('No git config in {0}.', folder.fsPath));
}
