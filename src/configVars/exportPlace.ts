// Where an exported .env file goes. Not into the workspace by default: a file named
// `<app>.env` is matched by no usual .gitignore rule (`.env`, `.env.*`), so the next
// Deploy of that folder would upload every secret in it to Heroku.
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The save dialog's proposal: the user's home folder, outside every workspace folder. */
export function defaultExportUri(app: string): vscode.Uri {
  return vscode.Uri.file(path.join(os.homedir(), `${app}.env`));
}

/**
 * The workspace folder that would deploy `target` with the rest of its files: one that
 * holds it and whose git does not ignore it (a folder that is not a repository sends
 * everything). Undefined when the file stays out of every deploy.
 */
export async function deployableFolderHolding(target: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  if (target.scheme !== 'file') return undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const relative = path.relative(folder.uri.fsPath, target.fsPath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (!(await gitIgnores(folder.uri.fsPath, relative))) return folder;
  }
  return undefined;
}

/** `git check-ignore`: exit 0 ignored, 1 not ignored, anything else (not a repository, no git): not ignored. */
function gitIgnores(cwd: string, relative: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', relative], { cwd, windowsHide: true, timeout: 10_000 }, (err) => resolve(!err));
  });
}
