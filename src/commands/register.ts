// One wrapper owns how every command reports failure: cancellation is silent, each
// error kind offers its next step, the details go to the log, and an expired login or
// a lapsed connection updates the connection state.
import * as vscode from 'vscode';
import { isErrorKind, isMembraneError } from '../membrane/errors';
import type { ConnectionManager } from '../connection/connectionManager';
import type { Log } from '../log';
import { prompts } from '../ui/prompts';

export type CommandHandler = (...args: unknown[]) => unknown;

export function registerCommands(
  table: Record<string, CommandHandler>,
  deps: { manager: () => Promise<ConnectionManager>; log: Log },
): vscode.Disposable[] {
  return Object.entries(table).map(([id, fn]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        await reportFailure(e, deps);
        return undefined;
      }
    }),
  );
}

export async function reportFailure(e: unknown, { manager, log }: { manager: () => Promise<ConnectionManager>; log: Log }): Promise<void> {
  if (isErrorKind(e, 'cancelled')) return;
  (await manager()).reportError(e);
  const message = isMembraneError(e) || e instanceof Error ? e.message : String(e);
  log.error(message);
  const next = isMembraneError(e) ? NEXT_STEP[e.kind] : undefined;
  // The command ends now; the notification's buttons act whenever the user clicks them.
  void Promise.resolve(prompts.showErrorMessage(message, ...(next ? [next.label] : []), 'Show Log')).then((pick) => {
    if (pick === 'Show Log') log.show();
    else if (next && pick === next.label) void vscode.commands.executeCommand(next.command);
  });
}

const NEXT_STEP: Partial<Record<string, { label: string; command: string }>> = {
  'cli-missing': { label: 'Install CLI', command: 'herokuMembrane.installCli' },
  'wrong-binary': { label: 'Choose CLI Path', command: 'herokuMembrane.chooseCliPath' },
  'not-logged-in': { label: 'Log In', command: 'herokuMembrane.login' },
  'connection-not-ready': { label: 'Reconnect', command: 'herokuMembrane.connect' },
  'timed-out': { label: 'Retry', command: 'herokuMembrane.retry' },
};
