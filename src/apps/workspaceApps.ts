// The workspace's own Heroku apps: those its folders' git remotes name
// (`git.heroku.com/<app>.git`, `heroku.com:<app>.git`). Listed first and starred.
import * as vscode from 'vscode';
import { herokuAppsOfGitConfig } from './core/format';

/** Each app the workspace folders' git remotes name, with the folders that name it. */
export async function workspaceHerokuAppFolders(): Promise<Map<string, vscode.Uri[]>> {
  const folders = new Map<string, vscode.Uri[]>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config'));
      for (const app of herokuAppsOfGitConfig(new TextDecoder().decode(bytes))) folders.set(app, [...(folders.get(app) ?? []), folder.uri]);
    } catch {
      // Not a git repository, or a worktree: nothing to mark.
    }
  }
  return folders;
}

export async function workspaceHerokuApps(): Promise<Set<string>> {
  return new Set((await workspaceHerokuAppFolders()).keys());
}
