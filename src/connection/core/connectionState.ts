// Where the user stands between "no CLI" and "connected to Heroku". One value drives
// the status bar, the welcome views (through a context key) and the commands.

import type { ClientAction } from '../../membrane';

export type ConnectionStateKind =
  | 'checking'
  | 'cliMissing'
  | 'wrongBinary'
  | 'loggedOut'
  | 'connecting'
  | 'browserStep'
  | 'failed'
  | 'ready';

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
}
