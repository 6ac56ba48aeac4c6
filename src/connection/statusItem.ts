// The status-bar item, made at activation: it shows "checking" at once, and the
// StatusBar (loaded with the connection code, after activation) renders every state
// into it. Also sets the context key that shows the "checking" welcome view meanwhile.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { STATE_LOOKS } from './core/stateLooks';
import { stillWhenReduced } from '../shared/motion';

export const STATUS_ITEM_ID = 'heroku.connectionStatus';

export function createStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);
  item.name = l10n.t('Heroku Connection');
  item.text = stillWhenReduced(STATE_LOOKS.checking.text);
  item.command = STATE_LOOKS.checking.command;
  item.show();
  void vscode.commands.executeCommand('setContext', 'herokuMembrane.state', 'checking');
  return item;
}
