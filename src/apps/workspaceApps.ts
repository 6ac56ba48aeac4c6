// The workspace's own Heroku apps: those its folders' git remotes name
// (`git.heroku.com/<app>.git`, `heroku.com:<app>.git`). Listed first and starred.
import * as vscode from 'vscode';
import { herokuAppsOfGitConfig } from './core/format';

export async function workspaceHerokuApps(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config'));
      for (const app of herokuAppsOfGitConfig(new TextDecoder().decode(bytes))) names.add(app);
    } catch {
      // Not a git repository, or a worktree: nothing to mark.
    }
  }
  return names;
}
