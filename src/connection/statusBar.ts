// The status bar item: always shows where the user stands with Membrane and Heroku,
// and its click does the next useful thing. It also sets the `herokuMembrane.state` context
// key that selects the welcome views. The item itself is made at activation.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../shared/core/disposable';
import { accountLabel, accountStateText, type AccountStatus, type ConnectionStatus } from './core/connectionState';
import { STATE_LOOKS, type StateLook } from './core/stateLooks';
import { escapeMarkdown } from '../shared/core/text';
import { contextKeys } from '../shared/contextKeys';
import { onReducedMotionChange, stillWhenReduced } from '../shared/motion';

export class StatusBar extends Disposable {
  private last: ConnectionStatus | undefined;

  /** `item`: made at activation, showing "checking" (src/connection/statusItem.ts); owned from now on. */
  constructor(readonly item: vscode.StatusBarItem) {
    super();
    this.register(item);
    this.register(onReducedMotionChange(() => this.last && this.render(this.last)));
  }

  render(s: ConnectionStatus): void {
    this.last = s;
    const look = STATE_LOOKS[s.kind];
    const accounts = s.accounts ?? [];
    const several = s.kind === 'ready' && accounts.length > 1;
    // Several accounts: how many are connected, and a warning colour while one of them needs the user.
    const waiting = several ? accounts.filter((a) => a.kind !== 'ready').length : 0;
    const connected = accounts.length - waiting;
    const text = several ? `${look.text} ${connected === 1 ? l10n.t('1 account') : l10n.t('{0} accounts', connected)}` : s.kind === 'ready' && s.accountEmail ? `${look.text} ${s.accountEmail}` : look.text;
    this.item.text = stillWhenReduced(`${text}${waiting ? ` $(warning) ${waiting}` : ''}`);
    this.item.command = look.command;
    const background = waiting ? 'warning' : look.background;
    this.item.backgroundColor = background ? new vscode.ThemeColor(`statusBarItem.${background}Background`) : undefined;
    this.item.tooltip = tooltip(s, look);
    // The name starts with the words shown (icons aside), so a voice-control user can say what they see.
    const shown = text.replace(/\$\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
    this.item.accessibilityInformation = { label: several ? l10n.t(`{0}: {1} of {2} accounts connected`, shown, connected, accounts.length) : l10n.t('{0}: {1}', shown, look.summary) };
    contextKeys.set('herokuMembrane.state', s.kind);
  }
}

function tooltip(s: ConnectionStatus, look: StateLook): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**Heroku** — ${oneLine(look.summary)}`);
  const accounts = s.accounts ?? [];
  if (accounts.length > 1) {
    // One line per account: each says where it stands, whatever the others do.
    for (const a of accounts) md.appendMarkdown(`\n\n${ACCOUNT_ICON[a.kind]} ${oneLine(accountLabel(a))}${a.name && a.name !== accountLabel(a) ? ` (${oneLine(a.name)})` : ''}: ${oneLine(accountState(a))}`);
    if (s.cliVersion) md.appendMarkdown('\n\n' + l10n.t('Membrane CLI: {0}', oneLine(`${s.cliVersion}${s.binary ? ` (${s.binary})` : ''}`)));
    md.appendMarkdown('\n\n---\n\n' + l10n.t('Click: {0}', oneLine(look.clickHint)));
    return md;
  }
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('State'), s.kind],
    [l10n.t('Details'), s.detail],
    [l10n.t('Account'), s.accountEmail],
    [l10n.t('Connection'), s.connectionId],
    [l10n.t('Membrane CLI'), s.cliVersion ? `${s.cliVersion}${s.binary ? ` (${s.binary})` : ''}` : s.binary],
    [l10n.t('Browser step'), s.clientAction?.description],
  ];
  for (const [k, v] of rows) {
    if (!v) continue;
    md.appendMarkdown(`\n\n${k}: ${oneLine(v)}`);
  }
  md.appendMarkdown('\n\n---\n\n' + l10n.t('Click: {0}', oneLine(look.clickHint)));
  return md;
}

const ACCOUNT_ICON: Record<AccountStatus['kind'], string> = { ready: '$(pass)', connecting: '$(sync)', browserStep: '$(link-external)', failed: '$(error)' };

function accountState(a: AccountStatus): string {
  const detail = a.kind === 'browserStep' ? a.clientAction?.description : a.kind === 'failed' ? (a.detail ?? l10n.t('the connection could not be set up')) : undefined;
  return detail ? l10n.t('{0} — {1}', accountStateText(a.kind), detail) : accountStateText(a.kind);
}

/** CLI-provided text on one tooltip line: rows start with "Key: ", so a newline could start Markdown syntax. */
function oneLine(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, ' ');
}
