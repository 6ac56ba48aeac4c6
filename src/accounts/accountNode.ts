// One root per Heroku account when there are several: the account's e-mail, its
// connection's name, and below it that account's apps (or pipelines), or where its
// connection stands (waiting for the browser step, failed) while the others load.
import * as vscode from 'vscode';
import { accountLabel, type AccountStatus } from '../connection/core/connectionState';
import { contextValue } from '../explorer/core/contextValues';
import { Expanded, Node, None, escapeMarkdown, treeItem, type ExplorerContext } from '../explorer/node';
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

  treeItem(): vscode.TreeItem {
    const a = this.account;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`$(account) **${escapeMarkdown(accountLabel(a))}**\n\n`);
    for (const [label, value] of [
      ['Connection', a.name ? `${a.name} (${a.connectionId})` : a.connectionId],
      ['State', STATE_TEXT[a.kind]],
      ['Details', a.detail],
    ] as const) {
      if (value) tip.appendMarkdown(`${label}: ${escapeMarkdown(value)}  \n`);
    }
    const icon = a.kind === 'failed' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : a.kind === 'ready' ? new vscode.ThemeIcon('account') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
    return treeItem(accountLabel(a), Expanded, {
      id: this.id,
      description: [a.name && a.name !== accountLabel(a) ? a.name : '', a.kind === 'ready' ? '' : STATE_TEXT[a.kind]].filter(Boolean).join(' · '),
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

const STATE_TEXT: Record<AccountStatus['kind'], string> = {
  ready: 'connected',
  connecting: 'connecting…',
  browserStep: 'needs the browser step',
  failed: 'connection failed',
};

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
        ? `${a.clientAction?.description || 'Heroku needs you in the browser.'} Click to open the browser step.`
        : a.kind === 'failed'
          ? `${a.detail ?? 'The connection failed.'} Click to retry.`
          : `Connecting… ${a.detail ?? ''}`.trim();
    const command: vscode.Command | undefined =
      a.kind === 'browserStep'
        ? { command: 'herokuMembrane.openAccountBrowserStep', title: l10n.t('Open the Browser Step'), arguments: [a.connectionId] }
        : a.kind === 'failed'
          ? { command: 'herokuMembrane.retry', title: l10n.t('Retry') }
          : undefined;
    return treeItem(text, None, {
      id: this.id,
      tooltip: text,
      iconPath: new vscode.ThemeIcon(a.kind === 'failed' ? 'error' : a.kind === 'browserStep' ? 'link-external' : 'sync~spin', a.kind === 'failed' ? new vscode.ThemeColor('errorForeground') : undefined),
      contextValue: contextValue.message(a.kind === 'failed' ? 'error' : 'info'),
      command,
    });
  }
}
