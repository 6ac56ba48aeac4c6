// The typed error taxonomy of the Membrane service layer. Every failure that leaves
// src/membrane is one of these, so the UI can answer each with the right next step
// (install, log in, open the browser step, retry, wait) instead of a raw stderr dump.

import type { ClientAction, ConnectionState } from './schemas';
import * as l10n from '@vscode/l10n';

export type MembraneErrorKind =
  | 'cli-missing'
  | 'cli-crashed'
  | 'wrong-binary'
  | 'not-logged-in'
  | 'connection-not-ready'
  | 'api-error'
  | 'rate-limited'
  | 'timed-out'
  | 'cancelled'
  | 'unexpected-output'
  | 'outcome-unknown'
  | 'command-failed';

export abstract class MembraneError extends Error {
  abstract readonly kind: MembraneErrorKind;
}

/** The binary could not be found or executed (ENOENT, EACCES). */
export class CliMissingError extends MembraneError {
  readonly kind = 'cli-missing';
  constructor(readonly binary: string, readonly reason: string) {
    super(l10n.t(`The Membrane CLI was not found ({0}): {1}. Install it with "npm install -g @membranehq/cli@latest" or set herokuMembrane.cliPath.`, binary, reason));
  }
}

/** The CLI started but was killed by a signal it did not get from us (a crash, the OOM killer). */
export class CliCrashedError extends MembraneError {
  readonly kind = 'cli-crashed';
  constructor(readonly command: string, readonly signal: string) {
    super(l10n.t(`"membrane {0}" stopped abruptly ({1}): it crashed or ran out of memory. Try again; if it keeps happening, update the Membrane CLI ("npm install -g @membranehq/cli@latest").`, command, signal));
  }
}

/** A program answered, but it is not the Membrane integration CLI. */
export class WrongBinaryError extends MembraneError {
  readonly kind = 'wrong-binary';
  constructor(readonly binary: string, readonly reason: string) {
    super(l10n.t(`{0} is not the Membrane integration CLI (@membranehq/cli): {1}. Point herokuMembrane.cliPath at the right program.`, binary, reason));
  }
}

export class NotLoggedInError extends MembraneError {
  readonly kind = 'not-logged-in';
  constructor(readonly detail: string) {
    super(l10n.t(`Not logged in to Membrane ({0}). Run "Heroku: Log In".`, detail));
  }
}

/** The Heroku connection exists but is not READY (building, needs the user, or failed). */
export class ConnectionNotReadyError extends MembraneError {
  readonly kind = 'connection-not-ready';
  constructor(
    readonly connectionId: string | undefined,
    readonly state: ConnectionState | 'UNKNOWN',
    readonly clientAction: ClientAction | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

/** Heroku was asked for before the connection is ready: the one message for it, everywhere. */
export function notConnectedError(connectionId?: string): ConnectionNotReadyError {
  return new ConnectionNotReadyError(connectionId, 'UNKNOWN', undefined, l10n.t('Not connected to Heroku yet: finish the steps the status bar shows, then try again.'));
}

/** An error answered by Heroku (through the proxy) or by the Membrane API. */
export class ApiError extends MembraneError {
  readonly kind = 'api-error';
  constructor(
    readonly status: number | undefined,
    readonly id: string | undefined,
    readonly apiMessage: string,
    readonly source: 'heroku' | 'membrane',
  ) {
    super(id ? `${apiMessage} (${id}${status ? `, HTTP ${status}` : ''})` : status ? `${apiMessage} (HTTP ${status})` : apiMessage);
  }
}

export class RateLimitedError extends MembraneError {
  readonly kind = 'rate-limited';
  constructor(readonly apiMessage: string, readonly retryAfterSeconds: number | undefined) {
    super(
      retryAfterSeconds !== undefined
        ? l10n.t('Rate limited: {0} (retry in {1}s). Heroku allows 4,500 requests per hour per account.', apiMessage, retryAfterSeconds)
        : l10n.t('Rate limited: {0}. Heroku allows 4,500 requests per hour per account.', apiMessage),
    );
  }
}

export class TimedOutError extends MembraneError {
  readonly kind = 'timed-out';
  constructor(readonly command: string, readonly timeoutMs: number) {
    super(l10n.t(`"membrane {0}" did not answer within {1}s and was stopped. Raise herokuMembrane.callTimeoutSeconds if your network is slow.`, command, Math.round(timeoutMs / 1000)));
  }
}

export class CancelledError extends MembraneError {
  readonly kind = 'cancelled';
  constructor(readonly command: string) {
    super(l10n.t(`"membrane {0}" was cancelled.`, command));
  }
}

/** The CLI answered something we cannot read: names the command and the field. */
export class UnexpectedOutputError extends MembraneError {
  readonly kind = 'unexpected-output';
  constructor(readonly command: string, readonly field: string, readonly detail: string) {
    super(l10n.t(`Unexpected output from "membrane {0}" at {1}: {2}. The Membrane CLI may have changed; please update the extension or report this.`, command, field, detail));
  }
}

/**
 * A write whose answer could not be read: Heroku may or may not have applied it. It is
 * never sent again (a second POST would make a second build, release or app).
 */
export class OutcomeUnknownError extends MembraneError {
  readonly kind = 'outcome-unknown';
  constructor(
    readonly what: string,
    readonly detail: string,
    readonly reason: 'unreadable' | 'cancelled' = 'unreadable',
  ) {
    super(
      reason === 'cancelled'
        ? l10n.t(`Heroku may or may not have done "{0}": it was cancelled after it was sent, and Heroku may have applied it already. The affected view is read again: check it before you retry.`, what)
        : l10n.t(`Heroku may or may not have done "{0}": the Membrane CLI's answer could not be read ({1}). It was not sent again; the affected view is read again: check it before you retry.`, what, detail),
    );
  }
}

/** A non-zero exit that none of the kinds above explains; carries the CLI's own message. */
export class CommandFailedError extends MembraneError {
  readonly kind = 'command-failed';
  constructor(readonly command: string, readonly exitCode: number | undefined, readonly cliMessage: string) {
    super(`"membrane ${command}" failed${exitCode !== undefined ? ` (exit ${exitCode})` : ''}: ${cliMessage}`);
  }
}

interface ErrorByKind {
  'cli-missing': CliMissingError;
  'cli-crashed': CliCrashedError;
  'wrong-binary': WrongBinaryError;
  'not-logged-in': NotLoggedInError;
  'connection-not-ready': ConnectionNotReadyError;
  'api-error': ApiError;
  'rate-limited': RateLimitedError;
  'timed-out': TimedOutError;
  cancelled: CancelledError;
  'unexpected-output': UnexpectedOutputError;
  'outcome-unknown': OutcomeUnknownError;
  'command-failed': CommandFailedError;
}
// One copy of these classes exists at run time (the extension is one bundle: esbuild.js),
// so errors are matched with `instanceof` everywhere.
export function isMembraneError(e: unknown): e is MembraneError {
  return e instanceof MembraneError;
}

export function isErrorKind<K extends MembraneErrorKind>(e: unknown, kind: K): e is ErrorByKind[K] {
  return e instanceof MembraneError && e.kind === kind;
}
