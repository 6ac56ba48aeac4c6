// Every command goes through one wrapper. The command table declares, per command, how
// its work is shown (`progress`) and whether the user may stop it (`cancellable`); the
// wrapper owns the AbortSignal handed down to the Heroku calls, the progress UI, and how
// failure is reported: a cancel is silent, each error kind offers its next step, the
// details go to the log, and an expired login or a lapsed connection updates the state.
import * as vscode from 'vscode';
import { isErrorKind, isMembraneError } from '../membrane/errors';
import type { Log } from './log';
import { prompts } from './prompts';
import * as l10n from '@vscode/l10n';

export interface CommandRun {
  /** Aborted when the user cancels the command's progress (if the table allows it). */
  readonly signal: AbortSignal;
  /**
   * The command's long work, under the progress its table entry declares (none: the work
   * just runs). Pickers and questions come before it, outside the progress.
   */
  busy<T>(title: string, task: (signal: AbortSignal, progress: ProgressReport) => Promise<T>): Promise<T>;
}

/** The progress of `busy` work: a message under the title, and (for a bar) increments in percent. */
export interface ProgressReport {
  report(value: { message?: string; increment?: number }): void;
}

const NO_PROGRESS: ProgressReport = { report: () => undefined };

export interface CommandSpec {
  /** `notification` for work the user waits for, `window` (status bar spinner) for background checks, `none` for commands that only show UI. */
  progress: 'notification' | 'window' | 'none';
  /** A Cancel button on the progress, which aborts `run.signal` (and kills the CLI call in flight). */
  cancellable: boolean;
  run(run: CommandRun, ...args: unknown[]): unknown;
}

export type CommandTable = Record<string, CommandSpec>;

/** Shows only UI (a picker, an editor, a link): no progress of its own. */
export const UI = { progress: 'none', cancellable: false } as const;
/** Work the user waits for, in a notification they can cancel. */
export const WORK = { progress: 'notification', cancellable: true } as const;

export interface CommandDeps {
  log: Log;
  /** Errors from any command: the connection moves to the state they reveal (logged out, reconnecting). */
  reportError(e: unknown): void;
  /**
   * Resolves once the views have read again what the command's writes changed (they
   * follow the data by themselves): a command ends when what it changed is shown.
   */
  settled?(): Promise<void>;
}

export function registerCommands(table: CommandTable, deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(table).map(([id, spec]) => vscode.commands.registerCommand(id, (...args: unknown[]) => runCommand(spec, args, deps)));
}

export async function runCommand(spec: CommandSpec, args: unknown[], deps: CommandDeps): Promise<unknown> {
  const ac = new AbortController();
  const run: CommandRun = {
    signal: ac.signal,
    busy: (title, task) => {
      if (spec.progress === 'none') return task(ac.signal, NO_PROGRESS);
      const location = spec.progress === 'notification' ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
      return Promise.resolve(
        prompts.withProgress({ location, title, cancellable: spec.cancellable }, async (progress, token) => {
          const sub = token.onCancellationRequested(() => ac.abort());
          try {
            return await task(ac.signal, progress);
          } finally {
            sub.dispose();
          }
        }),
      );
    },
  };
  try {
    return await spec.run(run, ...args);
  } catch (e) {
    reportFailure(e, deps);
    return undefined;
  } finally {
    await deps.settled?.().catch(() => undefined);
  }
}

export function reportFailure(e: unknown, { log, reportError }: CommandDeps): void {
  if (isErrorKind(e, 'cancelled')) return;
  reportError(e);
  const message = isMembraneError(e) || e instanceof Error ? e.message : String(e);
  log.error(message);
  const next = isMembraneError(e) ? NEXT_STEP[e.kind] : undefined;
  // The command ends now; the notification's buttons act whenever the user clicks them.
  const SHOW_LOG = l10n.t('Show Log');
  void Promise.resolve(prompts.showErrorMessage(message, ...(next ? [next.label] : []), SHOW_LOG)).then((pick) => {
    if (pick === SHOW_LOG) log.show();
    else if (next && pick === next.label) void vscode.commands.executeCommand(next.command);
  });
}

const NEXT_STEP: Partial<Record<string, { label: string; command: string }>> = {
  'cli-missing': { label: l10n.t('Install CLI'), command: 'herokuMembrane.installCli' },
  'wrong-binary': { label: l10n.t('Choose CLI Path'), command: 'herokuMembrane.chooseCliPath' },
  'not-logged-in': { label: l10n.t('Log In'), command: 'herokuMembrane.login' },
  'connection-not-ready': { label: l10n.t('Reconnect'), command: 'herokuMembrane.connect' },
  'timed-out': { label: l10n.t('Retry'), command: 'herokuMembrane.retry' },
};
