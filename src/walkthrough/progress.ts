// The Get Started walkthrough's progress. Each step completes from the extension's own
// state, through a context key its `completionEvents` name (`onContext:<key>`): the CLI
// found, logged in, Heroku connected, the Apps view seen, and each daily feature tried
// for real (a log stream opened, a build started, a config-vars editor opened, a palette
// request or action run). On the first start of a user who is not set up yet (no CLI,
// logged out, a connection waiting or failed), the walkthrough opens by itself, once.
import * as vscode from 'vscode';
import type { ConnectionStatus } from '../connection/core/connectionState';
import type { ContextKeys } from '../shared/contextKeys';

export const WALKTHROUGH_ID = 'herokuMembrane.gettingStarted';

/** The keys the steps complete on (package.json's `completionEvents` name them). */
export const STEP_KEYS = {
  cliInstalled: 'herokuMembrane.walkthrough.cliInstalled',
  loggedIn: 'herokuMembrane.walkthrough.loggedIn',
  connected: 'herokuMembrane.walkthrough.connected',
  appsViewSeen: 'herokuMembrane.walkthrough.appsViewSeen',
  triedLogs: 'herokuMembrane.walkthrough.triedLogs',
  triedDeploy: 'herokuMembrane.walkthrough.triedDeploy',
  triedConfigVars: 'herokuMembrane.walkthrough.triedConfigVars',
  triedPalette: 'herokuMembrane.walkthrough.triedPalette',
} as const;

export type Tried = 'triedLogs' | 'triedDeploy' | 'triedConfigVars' | 'triedPalette';

/** States that say the CLI was found (and checked). */
const CLI_FOUND = new Set<ConnectionStatus['kind']>(['loggedOut', 'connecting', 'browserStep', 'failed', 'ready']);
/** A first start in one of these: the user is not set up, so the walkthrough opens. */
const NOT_SET_UP = new Set<ConnectionStatus['kind']>(['cliMissing', 'wrongBinary', 'loggedOut', 'browserStep', 'failed']);
const OFFERED = 'walkthrough.offered';

export interface WalkthroughMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class WalkthroughProgress {
  private previous: ConnectionStatus['kind'] | undefined;

  constructor(
    private readonly keys: ContextKeys,
    private readonly memory: WalkthroughMemory,
    private readonly extensionId: string,
  ) {}

  /** Each connection state: the steps it completes (never un-completes), and the first-start offer. */
  onState(s: ConnectionStatus): void {
    // The CLI installed: a check that starts again after "install CLI" (cliMissing → checking), or any state past it.
    const installedNow = (this.previous === 'cliMissing' || this.previous === 'wrongBinary') && s.kind === 'checking';
    if (installedNow || (CLI_FOUND.has(s.kind) && !(s.kind === 'failed' && !s.cliVersion))) this.keys.set(STEP_KEYS.cliInstalled, true);
    // Logged in: a connection answered (a check passes through "connecting" before it knows).
    if (s.kind === 'ready' || s.kind === 'browserStep' || (s.accounts?.length ?? 0) > 0) this.keys.set(STEP_KEYS.loggedIn, true);
    if (s.kind === 'ready') this.keys.set(STEP_KEYS.connected, true);
    this.previous = s.kind;
    void this.offerOnFirstStart(s);
  }

  appsViewShown(): void {
    this.keys.set(STEP_KEYS.appsViewSeen, true);
  }

  tried(feature: Tried): void {
    this.keys.set(STEP_KEYS[feature], true);
  }

  open(): Thenable<unknown> {
    return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${this.extensionId}#${WALKTHROUGH_ID}`, false);
  }

  /** Once ever: at the first settled state of the first start, open the walkthrough if the user is not set up. */
  private async offerOnFirstStart(s: ConnectionStatus): Promise<void> {
    if (s.kind === 'checking' || s.kind === 'connecting' || this.memory.get<boolean>(OFFERED)) return;
    await this.memory.update(OFFERED, true);
    if (NOT_SET_UP.has(s.kind)) await this.open();
  }
}
