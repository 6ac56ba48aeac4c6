// Where the user stands between "no CLI" and "connected to Heroku". One value drives
// the status bar, the welcome views (through a context key) and the commands.

import type { ClientAction } from '../../membrane';
import * as l10n from '@vscode/l10n';

export type ConnectionStateKind =
  | 'checking'
  | 'cliMissing'
  | 'wrongBinary'
  | 'loggedOut'
  | 'connecting'
  | 'browserStep'
  | 'failed'
  | 'ready';

/** One Heroku account: a Membrane connection to Heroku, and where it stands. */
export interface AccountStatus {
  connectionId: string;
  /** The connection's name in Membrane. */
  name?: string;
  /** The Heroku account's e-mail (`GET /account` through this connection), once read. */
  email?: string;
  kind: 'connecting' | 'browserStep' | 'failed' | 'ready';
  detail?: string;
  clientAction?: ClientAction;
}

export interface ConnectionStatus {
  kind: ConnectionStateKind;
  /** Human explanation for cliMissing / wrongBinary / failed. */
  detail?: string;
  connectionId?: string;
  clientAction?: ClientAction;
  cliVersion?: string;
  /** The binary as configured or found (for tooltips and messages). */
  binary?: string;
  accountEmail?: string;
  /**
   * Every Heroku connection, the first one leading (its state is `kind` unless another
   * account is ready: one account ready makes the whole `ready`).
   */
  accounts?: AccountStatus[];
}

/** The accounts one can work with now. */
export function readyAccounts(s: ConnectionStatus): AccountStatus[] {
  return s.kind === 'ready' ? (s.accounts ?? []).filter((a) => a.kind === 'ready') : [];
}

/** What the user calls an account: its e-mail, else the connection's name, else its id. */
export function accountLabel(a: AccountStatus): string {
  return a.email ?? a.name ?? a.connectionId;
}

/** An account's words when there are several (undefined with one: nothing names accounts then). */
export function severalAccountsLabel(s: ConnectionStatus, connectionId: string): string | undefined {
  const all = s.accounts ?? [];
  const a = all.length > 1 ? all.find((x) => x.connectionId === connectionId) : undefined;
  return a && accountLabel(a);
}

/** Where an account stands, in a word or two (its root in the tree, its line in the status bar's tooltip). */
export function accountStateText(kind: AccountStatus['kind']): string {
  if (kind === 'ready') return l10n.t('connected');
  if (kind === 'connecting') return l10n.t('connecting…');
  return kind === 'browserStep' ? l10n.t('needs the browser step') : l10n.t('connection failed');
}
