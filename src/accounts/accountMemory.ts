// Lists remembered per account (recent requests, recent actions): they name an account's
// apps and resources, so one account's list is never offered in another, where a recent
// `DELETE /apps/acme-api` would hit a different app of the same name.
import type { Account, AccountMemory } from './accounts';

/**
 * The list `key` remembers for `connectionId`. The list kept before lists were per
 * account (under `key` alone) was made with the first connection: only that one inherits it.
 */
export function accountList<T>(memory: AccountMemory, key: string, connectionId: string, accounts: readonly Account[]): T[] {
  const own = memory.get<T[]>(`${key}:${connectionId}`);
  if (Array.isArray(own)) return own;
  const first = accounts.find((a) => a.status.connectionId === connectionId)?.first;
  const shared = first ? memory.get<T[]>(key) : undefined;
  return Array.isArray(shared) ? shared : [];
}

/** Stores `connectionId`'s list; the first connection's write retires the shared list it inherited. */
export async function storeAccountList<T>(memory: AccountMemory, key: string, connectionId: string, accounts: readonly Account[], list: T[]): Promise<void> {
  await memory.update(`${key}:${connectionId}`, list);
  if (accounts.find((a) => a.status.connectionId === connectionId)?.first) await memory.update(key, undefined);
}
