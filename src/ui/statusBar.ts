// The status bar item: always shows where the user stands with Membrane and Heroku,
// and its click does the next useful thing. It also sets the `herokuMembrane.state` context
// key that selects the welcome views.
import * as vscode from 'vscode';
import type { ConnectionStatus, ConnectionStateKind } from '../connection/connectionState';

interface Look {
  text: string;
  summary: string;
  command: string;
  background?: 'warning' | 'error';
}

const LOOKS: Record<ConnectionStateKind, Look> = {
  checking: { text: '$(sync~spin) Heroku', summary: 'Checking the Membrane CLI and the Heroku connection…', command: 'herokuMembrane.showLog' },
  cliMissing: { text: '$(warning) Heroku: install CLI', summary: 'The Membrane CLI was not found.', command: 'herokuMembrane.installCli', background: 'warning' },
  wrongBinary: { text: '$(warning) Heroku: wrong CLI', summary: 'The membrane program found is not the Membrane integration CLI.', command: 'herokuMembrane.chooseCliPath', background: 'warning' },
  loggedOut: { text: '$(sign-in) Heroku: log in', summary: 'Not logged in to Membrane.', command: 'herokuMembrane.login', background: 'warning' },
  connecting: { text: '$(sync~spin) Heroku: connecting…', summary: 'Membrane is setting up the Heroku connection.', command: 'herokuMembrane.showLog' },
  browserStep: { text: '$(link-external) Heroku: finish in browser', summary: 'Heroku needs you in the browser to authorize the connection.', command: 'herokuMembrane.openBrowserStep', background: 'warning' },
  failed: { text: '$(error) Heroku: connection failed', summary: 'The Heroku connection could not be set up.', command: 'herokuMembrane.retry', background: 'error' },
  ready: { text: '$(cloud) Heroku', summary: 'Connected to Heroku.', command: 'herokuMembrane.statusMenu' },
};

export const STATUS_ITEM_ID = 'heroku.connectionStatus';

export class StatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Heroku Connection';
    this.item.show();
  }

  render(s: ConnectionStatus): void {
    const look = LOOKS[s.kind];
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

function tooltip(s: ConnectionStatus, look: Look): vscode.MarkdownString {
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
  md.appendMarkdown(`\n\n---\n\nClick: ${escapeMarkdown(CLICK_HINT[s.kind])}`);
  return md;
}

/** CLI-provided text shown literally: every Markdown and HTML special character escaped. */
export function escapeMarkdown(text: string): string {
  // Rows start with "Key: ", so line-start syntax (lists, headings) cannot trigger; escape the rest.
  return text.replace(/[\\`*_{}[\]()#+|<>~&!]/g, '\\$&').replace(/\r?\n/g, ' ');
}

const CLICK_HINT: Record<ConnectionStateKind, string> = {
  checking: 'show the log',
  cliMissing: 'install the Membrane CLI or choose its path',
  wrongBinary: 'choose the right CLI',
  loggedOut: 'log in',
  connecting: 'show the log',
  browserStep: 'open the browser step',
  failed: 'see the error and retry',
  ready: 'refresh, open the log, reconnect or log out',
};
