// The one question before a write: modal, the effect in words, one confirm button, and
// the account named whenever there are several (two `acme-api`s in two accounts are two
// different targets, and only the e-mail tells the user which one they are about to touch).
import type { CommandRun, ProgressReport } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { accountLabels, type AccountsDeps } from './accounts';
import * as l10n from '@vscode/l10n';

export interface WriteQuestion {
  /** The Membrane connection (account) the write goes to. */
  connectionId: string;
  /** The question itself: what changes, on which app. */
  message: string;
  /** What it costs or loses, on the lines below. */
  detail?: string;
  /** The confirm button's words (the dialog's own Cancel says no). */
  confirm: string;
  /** Further buttons; the answer is the one chosen. */
  others?: string[];
}

/** The account line of a question: "In the account alex@acme.dev." with several accounts, else nothing. */
export async function accountLine(deps: AccountsDeps, connectionId: string, signal?: AbortSignal): Promise<string | undefined> {
  const accounts = await deps.accounts();
  if (accounts.length < 2) return undefined;
  const label = (await accountLabels(accounts, signal)).get(connectionId) ?? connectionId;
  return l10n.t('In the Heroku account {0}.', label);
}

/** Asks; the chosen button (`confirm` or one of `others`), or undefined when the user said no. */
export async function askBeforeWrite(deps: AccountsDeps, q: WriteQuestion): Promise<string | undefined> {
  const account = await accountLine(deps, q.connectionId);
  const detail = [account, q.detail].filter(Boolean).join('\n\n') || undefined;
  const buttons = [q.confirm, ...(q.others ?? [])];
  const answer = await prompts.confirm(q.message, { modal: true, detail }, ...buttons);
  // The answer is one of the strings passed in (a test's stand-in may return anything).
  return buttons.find((b) => b === answer);
}

/** Asks; true when the user chose the confirm button. */
export async function confirmWrite(deps: AccountsDeps, q: WriteQuestion): Promise<boolean> {
  return (await askBeforeWrite(deps, q)) === q.confirm;
}

export interface AskedWrite<T> extends WriteQuestion {
  /** The progress title while it runs ("Restarting web.1 on acme-api…"). */
  busy: string;
  /** The write itself, with the command's signal (the progress's Cancel aborts it). */
  work: (signal: AbortSignal, progress: ProgressReport) => Promise<T>;
  /** What to tell once it is done; nothing when the views show the change by themselves. */
  done?: (result: T) => string | undefined;
}

/**
 * The whole of a write: asks (the account named when there are several), runs busy under
 * the command's wrapper, tells what it did. Undefined when the user said no; otherwise the
 * write's result, boxed so that a write returning nothing is still told apart from a no.
 */
export async function writeAfterAsking<T>(deps: AccountsDeps, run: CommandRun, w: AskedWrite<T>): Promise<{ result: T } | undefined> {
  if (!(await confirmWrite(deps, w))) return undefined;
  const result = await run.busy(w.busy, w.work);
  const told = w.done?.(result);
  if (told) void prompts.showInformationMessage(told);
  return { result };
}
