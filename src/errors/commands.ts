// Heroku: Show Errors (an app's H, R and L errors of the last 24 hours, from the palette or
// an app node), and what an error code offers: its app's logs, its Dev Center page.
import * as vscode from 'vscode';
import { targetApp, targetOfNode, type AppTargetDeps } from '../apps/appPick';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import type { LogTerminals } from '../logs/commands';
import type { AccountLogTarget } from '../logs/core/logTarget';
import type { App } from '../heroku/schemas';
import { devCenterUrl, errorCode, type ErrorCode } from './core/errorCodes';
import { ErrorCodeNode, levelWord, sourceText } from './nodes';
import { LOG_LINES, loadErrorReport } from './report';
import * as l10n from '@vscode/l10n';
import type { LogFilter } from '../logs/core/logFilter';

/**
 * The logs an error code opens: the app's whole log with its full history (Heroku keeps
 * 1,500 lines), unfiltered: the log filter that would narrow it to one code is not here yet.
 */
export function errorLogTarget(app: App, connectionId: string): AccountLogTarget {
  const fir = app.generation?.name === 'fir';
  return { app: app.name, connectionId, lines: LOG_LINES, fir };
}

/** The log filter that shows one code's lines ("code=H12", "Error R14"): its text. */
export function codeFilter(code: string): LogFilter {
  return { kind: 'text', text: code };
}

export function errorCommands(deps: AppTargetDeps, terminals: LogTerminals): CommandTable {
  const openDocs = (e: ErrorCode) => prompts.openExternal(vscode.Uri.parse(devCenterUrl(e)));
  return {
    'herokuMembrane.showErrors': {
      ...WORK,
      run: async (run, node) => {
        const target = await targetApp(node, l10n.t('Show Errors'), deps);
        if (!target) return;
        const report = await run.busy(l10n.t('Counting the errors of {0}…', target.name), (signal) => loadErrorReport(target.heroku, target.name, signal));
        const where = sourceText(report.source);
        if (!report.counts.length) {
          const message = report.source.kind === 'unavailable' ? where : l10n.t('{0}: no H, R or L errors in the last 24 hours. {1}.', target.name, where);
          const logs = l10n.t('Show Logs');
          if ((await prompts.showInformationMessage(message, logs)) === logs) terminals.show(errorLogTarget(target.app, target.connectionId));
          return;
        }
        const items = report.counts.map((c) => {
          const e = errorCode(c.code)!;
          return {
            label: l10n.t('{0} {1}', c.code, e.title),
            description: c.count === 1 ? l10n.t('once · {0}', levelWord(e.level)) : l10n.t('{0} times · {1}', c.count.toLocaleString(), levelWord(e.level)),
            detail: e.meaning,
            error: e,
          };
        });
        const pick = await prompts.showQuickPick(items, { title: l10n.t('Errors of {0} — {1}', target.name, where), placeHolder: l10n.t('Choose a code: its logs or its Dev Center page'), matchOnDetail: true });
        if (!pick) return;
        const showLogs = { label: l10n.t('$(output) Show the app’s logs'), description: l10n.t('the last 1,500 lines, then live') };
        const docs = { label: l10n.t('$(link-external) Open the Dev Center page'), description: devCenterUrl(pick.error) };
        const next = await prompts.showQuickPick([showLogs, docs], { title: l10n.t('{0} {1}', pick.error.code, pick.error.title) });
        if (next === showLogs) terminals.show(errorLogTarget(target.app, target.connectionId), codeFilter(pick.error.code));
        else if (next === docs) await openDocs(pick.error);
      },
    },
    'herokuMembrane.showErrorLogs': {
      ...UI,
      run: (_run, node) => {
        if (!(node instanceof ErrorCodeNode)) return;
        const target = targetOfNode(node);
        if (target) terminals.show(errorLogTarget(target.app, target.connectionId), codeFilter(node.info.code));
      },
    },
    'herokuMembrane.openErrorDocs': {
      ...UI,
      run: async (_run, node) => {
        if (node instanceof ErrorCodeNode) await openDocs(node.info);
      },
    },
  };
}
