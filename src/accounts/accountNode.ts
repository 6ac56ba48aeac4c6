// One root per Heroku account when there are several: the account's e-mail, its
// connection's name, and below it that account's apps (or pipelines), or where its
// connection stands (waiting for the browser step, failed) while the others load.
import * as vscode from 'vscode';
import { accountLabel, accountStateText, type AccountStatus } from '../connection/core/connectionState';
import { contextValue } from '../explorer/core/contextValues';
import { Expanded, Node, None, themeIcon, treeItem, type ExplorerContext } from '../explorer/node';
import { escapeMarkdown } from '../shared/core/text';
import * as l10n from '@vscode/l10n';

export class AccountNode extends Node {
  constructor(
    id: string,
    readonly account: AccountStatus,
    readonly ctx: ExplorerContext,
    private readonly roots: (ctx: ExplorerContext) => Promise<Node[]>,
  ) {
    super(id);
  }

  /** Its Refresh: everything cached of the account is read again. */
  override forgetData(): void {
    this.ctx.heroku()?.forgetAll();
  }

  treeItem(): vscode.TreeItem {
    const a = this.account;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`$(account) **${escapeMarkdown(accountLabel(a))}**\n\n`);
    for (const [label, value] of [
      [l10n.t('Connection'), a.name ? `${a.name} (${a.connectionId})` : a.connectionId],
      [l10n.t('State'), accountStateText(a.kind)],
      [l10n.t('Details'), a.detail],
    ] as const) {
      if (value) tip.appendMarkdown(`${label}: ${escapeMarkdown(value)}  \n`);
    }
    const icon = a.kind === 'failed' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : a.kind === 'ready' ? new vscode.ThemeIcon('account') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    return treeItem(accountLabel(a), Expanded, {
      id: this.id,
      description: [a.name && a.name !== accountLabel(a) ? a.name : '', a.kind === 'ready' ? '' : accountStateText(a.kind)].filter(Boolean).join(' · '),
      tooltip: tip,
      iconPath: icon,
      contextValue: contextValue.account(a.kind),
    });
  }

  protected override async loadChildren(): Promise<Node[]> {
    const a = this.account;
    if (a.kind === 'ready') return this.roots(this.ctx);
    return [new AccountStateNode(`${this.id}/state`, a)];
  }
}

/** Where a connection that is not ready stands, with the step that moves it on as its click. */
export class AccountStateNode extends Node {
  constructor(
    id: string,
    private readonly account: AccountStatus,
  ) {
    super(id);
  }

  treeItem(): vscode.TreeItem {
    const a = this.account;
    const text =
      a.kind === 'browserStep'
        ? l10n.t('{0} Click to open the browser step.', a.clientAction?.description || l10n.t('Heroku needs you in the browser.'))
        : a.kind === 'failed'
          ? l10n.t('{0} Click to retry.', a.detail ?? l10n.t('The connection failed.'))
          : l10n.t('Connecting… {0}', a.detail ?? '').trim();
    const command: vscode.Command | undefined =
      a.kind === 'browserStep'
        ? { command: 'herokuMembrane.openAccountBrowserStep', title: l10n.t('Open the Browser Step'), arguments: [a.connectionId] }
        : a.kind === 'failed'
          ? { command: 'herokuMembrane.retry', title: l10n.t('Retry') }
          : undefined;
    return treeItem(text, None, {
      id: this.id,
      tooltip: text,
      iconPath: themeIcon(a.kind === 'failed' ? { icon: 'error', color: 'errorForeground' } : a.kind === 'browserStep' ? 'link-external' : 'sync~spin'),
      contextValue: contextValue.message(a.kind === 'failed' ? 'error' : 'info'),
      command,
    });
  }
}
