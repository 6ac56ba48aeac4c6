// The status bar item: always shows where the user stands with Membrane and Heroku,
// and its click does the next useful thing. It also sets the `herokuMembrane.state` context
// key that selects the welcome views.
import * as vscode from 'vscode';
import type { ConnectionStatus } from './core/connectionState';
import { STATE_LOOKS, type StateLook } from './core/stateLooks';

export const STATUS_ITEM_ID = 'heroku.connectionStatus';

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Heroku Connection';
    this.item.show();
  }

  render(s: ConnectionStatus): void {
    const look = STATE_LOOKS[s.kind];
    this.item.text = s.kind === 'ready' && s.accountEmail ? `${look.text} ${s.accountEmail}` : look.text;
    this.item.command = look.command;
    this.item.backgroundColor = look.background ? new vscode.ThemeColor(`statusBarItem.${look.background}Background`) : undefined;
    this.item.tooltip = tooltip(s, look);
    this.item.accessibilityInformation = { label: `Heroku: ${look.summary}` };
    void vscode.commands.executeCommand('setContext', 'herokuMembrane.state', s.kind);
  }

  dispose(): void {
    this.item.dispose();
  }
}

function tooltip(s: ConnectionStatus, look: StateLook): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**Heroku** — ${escapeMarkdown(look.summary)}`);
  const rows: Array<[string, string | undefined]> = [
    ['State', s.kind],
    ['Details', s.detail],
    ['Account', s.accountEmail],
    ['Connection', s.connectionId],
    ['Membrane CLI', s.cliVersion ? `${s.cliVersion}${s.binary ? ` (${s.binary})` : ''}` : s.binary],
    ['Browser step', s.clientAction?.description],
  ];
  for (const [k, v] of rows) {
    if (!v) continue;
    md.appendMarkdown(`\n\n${k}: ${escapeMarkdown(v)}`);
  }
  md.appendMarkdown(`\n\n---\n\nClick: ${escapeMarkdown(look.clickHint)}`);
  return md;
}

/** CLI-provided text shown literally: every Markdown and HTML special character escaped. */
export function escapeMarkdown(text: string): string {
  // Rows start with "Key: ", so line-start syntax (lists, headings) cannot trigger; escape the rest.
  return text.replace(/[\\`*_{}[\]()#+|<>~&!]/g, '\\$&').replace(/\r?\n/g, ' ');
}
