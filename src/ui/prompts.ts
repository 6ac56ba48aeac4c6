// The window interactions the commands use, gathered in one object: the seam that
// in-host tests replace (an InputBox or openExternal cannot be answered from a test).
import * as vscode from 'vscode';

export const prompts = {
  showInputBox: (o: vscode.InputBoxOptions) => vscode.window.showInputBox(o),
  showQuickPick: <T extends vscode.QuickPickItem>(items: T[], o: vscode.QuickPickOptions) => vscode.window.showQuickPick(items, o),
  showOpenDialog: (o: vscode.OpenDialogOptions) => vscode.window.showOpenDialog(o),
  openExternal: (uri: vscode.Uri) => vscode.env.openExternal(uri),
  showErrorMessage: (message: string, ...actions: string[]) => vscode.window.showErrorMessage(message, ...actions),
  showWarningMessage: (message: string, ...actions: string[]) => vscode.window.showWarningMessage(message, ...actions),
  /** A modal question before a destructive operation; resolves to the chosen action. */
  confirm: (message: string, options: vscode.MessageOptions, ...actions: string[]) => vscode.window.showWarningMessage(message, { modal: true, ...options }, ...actions),
  showInformationMessage: (message: string, ...actions: string[]) => vscode.window.showInformationMessage(message, ...actions),
};

export type Prompts = typeof prompts;

/** Only http(s) URLs from the CLI are opened: never `file:`, `command:` or others. */
export function safeExternalUri(url: string): vscode.Uri | undefined {
  try {
    const u = vscode.Uri.parse(url, true);
    return u.scheme === 'https' || u.scheme === 'http' ? u : undefined;
  } catch {
    return undefined;
  }
}
