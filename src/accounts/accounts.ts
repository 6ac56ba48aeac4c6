// The Heroku accounts a command can act in: one per ready Membrane connection, each with
// its own Heroku client (cache and rate-limit back-off). With several, a command started
// without a node asks which (the last choice first).
import type * as vscode from 'vscode';
import { accountLabel, type AccountStatus } from '../connection/core/connectionState';
import { Node, type ExplorerContext } from '../explorer/node';
import type { HerokuClient } from '../heroku/client';
import { prompts } from '../shared/prompts';
import * as l10n from '@vscode/l10n';

/** A ready account: its state and its client. */
export interface Account {
  status: AccountStatus;
  heroku: HerokuClient;
  /** The first of Membrane's Heroku connections: the one account of one-account days, whose shared memories it inherits. */
  first?: boolean;
}

export interface AccountsDeps {
  /** Every ready account (waits for a check in progress; throws what to do first when none is ready). */
  accounts(): Promise<Account[]>;
}

/** Remembers the last account chosen, per question (e.g. Run Action's). */
export interface AccountMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void> | void;
}

export { accountLabel };

/**
 * What each account is called in a pick: its e-mail (`GET /account`, cached per account,
 * read in parallel) when there are several; the connection's name if that read fails.
 */
export async function accountLabels(accounts: Account[], signal?: AbortSignal): Promise<Map<string, string>> {
  const labels = await Promise.all(
    accounts.map(async (a) => {
      if (accounts.length < 2 || a.status.email) return accountLabel(a.status);
      return (await a.heroku.account({ signal }).catch(() => undefined))?.email ?? accountLabel(a.status);
    }),
  );
  return new Map(accounts.map((a, i) => [a.status.connectionId, labels[i]!]));
}

/**
 * The account to work in: the only one, or the user's pick (the one chosen last time
 * under `rememberAs` first); undefined when they cancel.
 */
export async function pickAccount(accounts: Account[], title: string, opts: { memory?: AccountMemory; rememberAs?: string } = {}): Promise<Account | undefined> {
  if (accounts.length <= 1) return accounts[0];
  const key = opts.rememberAs ? `accounts.last.${opts.rememberAs}` : undefined;
  const last = key ? opts.memory?.get<string>(key) : undefined;
  const sorted = [...accounts].sort((a, b) => Number(b.status.connectionId === last) - Number(a.status.connectionId === last));
  const labels = await accountLabels(accounts);
  const items: Array<vscode.QuickPickItem & { account: Account }> = sorted.map((account) => ({
    label: `$(account) ${labels.get(account.status.connectionId)}`,
    description: [account.status.name, account.status.connectionId === last ? l10n.t('last used') : ''].filter(Boolean).join(' · '),
    detail: l10n.t(`Membrane connection {0}`, account.status.connectionId),
    account,
  }));
  const pick = await prompts.showQuickPick(items, { title, placeHolder: l10n.t('Which Heroku account?') });
  if (pick && key) await opts.memory?.update(key, pick.account.status.connectionId);
  return pick?.account;
}

/** The account of a tree node (the node or one above it belongs to an account's part of the tree). */
export function accountOfNode(node: unknown, accounts: Account[]): Account | undefined {
  for (let n = node instanceof Node ? node : undefined; n; n = n.parent) {
    // Every node that shows Heroku data holds its account's context (some privately).
    const ctx = (n as unknown as { ctx?: ExplorerContext }).ctx;
    if (ctx) return accounts.find((a) => a.status.connectionId === ctx.connectionId);
  }
  return undefined;
}
