// The Errors category of an app: its H, R and L errors of the last 24 hours by code, each
// with its title, what it means and its Dev Center page; first a line that says where the
// counts come from (the metrics service, or the last 1,500 log lines and why).
import * as vscode from 'vscode';
import type { CategorySpec } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { AppChildNode, MessageNode, None, treeItem, type AppParent, type Node } from '../explorer/node';
import { escapeMarkdown } from '../shared/core/text';
import type { ErrorCount, ErrorReport, ErrorSource } from './core/count';
import { devCenterUrl, errorCode, type ErrorCode } from './core/errorCodes';
import { loadErrorReport } from './report';
import * as l10n from '@vscode/l10n';

export type ErrorRow = { kind: 'source'; source: ErrorSource } | { kind: 'none' } | { kind: 'code'; count: ErrorCount; source: ErrorSource };

export class ErrorCodeNode extends AppChildNode {
  readonly info: ErrorCode;

  constructor(
    app: AppParent,
    readonly count: ErrorCount,
    readonly source: ErrorSource,
  ) {
    super(app, `errors/code:${count.code}`);
    this.info = errorCode(count.code)!;
  }

  get url(): string {
    return devCenterUrl(this.info);
  }

  treeItem(): vscode.TreeItem {
    const { code, count } = this.count;
    const e = this.info;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${escapeMarkdown(code)} ${escapeMarkdown(e.title)}** (${escapeMarkdown(levelWord(e.level))})\n\n`);
    tip.appendMarkdown(`${escapeMarkdown(e.meaning)}\n\n`);
    tip.appendMarkdown(`${escapeMarkdown(timesText(count))} — ${escapeMarkdown(sourceShort(this.source))}\n\n`);
    tip.appendMarkdown(`[${escapeMarkdown(l10n.t('Dev Center: {0}', `${code} ${e.title}`))}](${this.url})\n\n`);
    tip.appendMarkdown(escapeMarkdown(l10n.t('Click to open the app’s logs.')));
    return treeItem(l10n.t('{0} {1}', code, e.title), None, {
      id: this.id,
      description: timesText(count),
      tooltip: tip,
      iconPath: levelIcon(e.level),
      contextValue: contextValue.errorCode(),
      accessibilityInformation: { label: l10n.t('{0} {1}, {2}, {3}: {4}', code, e.title, levelWord(e.level), timesText(count), e.meaning) },
      command: { command: 'herokuMembrane.showErrorLogs', title: l10n.t('Show Logs'), arguments: [this] },
    });
  }
}

function timesText(n: number): string {
  return n === 1 ? l10n.t('once in 24 hours') : l10n.t('{0} times in 24 hours', n.toLocaleString());
}

export function levelWord(level: ErrorCode['level']): string {
  return level === 'critical' ? l10n.t('critical') : level === 'warning' ? l10n.t('warning') : l10n.t('info');
}

function levelIcon(level: ErrorCode['level']): vscode.ThemeIcon {
  if (level === 'critical') return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  if (level === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
  return new vscode.ThemeIcon('info');
}

/** Where the counts come from, in a few words (the category's description). */
export function sourceShort(source: ErrorSource): string {
  if (source.kind === 'metrics') return l10n.t('from metrics');
  if (source.kind === 'logs') return l10n.t('from logs');
  return l10n.t('not available');
}

/** Where the counts come from, in a sentence. */
export function sourceText(source: ErrorSource): string {
  if (source.kind === 'metrics') return l10n.t('Last 24 hours, from the metrics service');
  if (source.kind === 'logs') {
    return source.lines === 1 ? l10n.t('From the last 1 log line: {0}', source.why) : l10n.t('From the last {0} log lines: {1}', source.lines.toLocaleString(), source.why);
  }
  return source.why;
}

export function rowsOf(report: ErrorReport): ErrorRow[] {
  const rows: ErrorRow[] = [{ kind: 'source', source: report.source }];
  if (report.source.kind === 'unavailable') return rows;
  if (!report.counts.length) return [...rows, { kind: 'none' }];
  return [...rows, ...report.counts.map((count) => ({ kind: 'code' as const, count, source: report.source }))];
}

export const ERRORS: CategorySpec<ErrorRow> = {
  key: 'errors',
  get label() {
    return l10n.t('Errors');
  },
  icon: 'bug',
  // Its metrics calls (or a log history) are made when it is opened, not with every app.
  lazy: true,
  load: async (heroku, app, signal) => rowsOf(await loadErrorReport(heroku, app, signal)),
  toNode: (app, row): Node => {
    if (row.kind === 'code') return new ErrorCodeNode(app, row.count, row.source);
    if (row.kind === 'none') return new MessageNode(`${app.id}/errors/none`, l10n.t('No H, R or L errors in the last 24 hours'), 'info');
    return new MessageNode(`${app.id}/errors/source`, sourceText(row.source), 'info');
  },
  summary: (rows) => {
    const source = rows.find((r): r is Extract<ErrorRow, { kind: 'source' }> => r.kind === 'source')?.source;
    const codes = rows.filter((r) => r.kind === 'code').length;
    const where = source ? sourceShort(source) : '';
    if (source?.kind === 'unavailable') return where;
    return codes === 0 ? l10n.t('none · {0}', where) : codes === 1 ? l10n.t('1 code · {0}', where) : l10n.t('{0} codes · {1}', codes, where);
  },
};
