// The connection flow as a state machine, free of `vscode` so it runs in plain Node:
// find the CLI, check its identity (once per binary), probe the login, ensure the
// Heroku connection and follow it through BUILDING and the browser step to READY.
// Every probe cancels the one before it; an expired login at any time returns to
// "logged out".

import * as fs from 'node:fs';
import {
  ActApi,
  CancelledError,
  RequestApi,
  TransportSelector,
  transportOrder,
  CliMissingError,
  ConnectionNotReadyError,
  ExecaRunner,
  MembraneClient,
  NotLoggedInError,
  WrongBinaryError,
  abortableSleep,
  checkIdentity,
  connectionErrorMessage,
  connectionState,
  failedConnectionError,
  isFailedState,
  isMembraneError,
  notConnectedError,
  type ClientAction,
  resolveBinary,
  type CallLogEntry,
  type CliRunner,
  type Connection,
  type MembraneApi,
  type SpawnTarget,
  type TransportName,
  type TransportSetting,
} from '../../membrane';
import type { CatalogMemory, RememberedCatalog } from '../../heroku/actions';
import { HerokuClient } from '../../heroku/client';
import type { AccountStatus, ConnectionStatus } from './connectionState';
import { Emitter } from '../../shared/core/emitter';
import { Disposable } from '../../shared/core/disposable';
import * as l10n from '@vscode/l10n';

export interface ManagerSettings {
  cliPath: string;
  clientName: string;
  connectionIdOverride: string;
  callTimeoutMs: number;
  /** `act` or `request` forced, or `auto`: what the binary offers, then what worked. */
  transport?: TransportSetting;
}

/** What is remembered per binary (path, size, mtime): its version, its proxy commands, the one that worked. */
interface BinaryMemory {
  fingerprint: string;
  version: string;
  transports?: TransportName[];
  worked?: TransportName;
}

/** Small persistent memory (VS Code's globalState): identity cache, last connection id. */
export interface Memory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void> | void;
}

export interface ManagerDeps {
  settings(): ManagerSettings;
  memory: Memory;
  onCall?(entry: CallLogEntry): void;
  log?(level: 'info' | 'warn' | 'error', message: string): void;
  /** How long to pause between polls while the user is in the browser. */
  pollIntervalMs?: number;
  /** Waits before reconnect attempt `attempt` (1-based) after the connection lapsed; tests skip the wait. */
  reconnectDelay?(attempt: number, signal: AbortSignal): Promise<void>;
  /** Builds the runner for a resolved binary (default: execa; the unit tests answer in process). */
  makeRunner?(target: SpawnTarget, defaults: { timeoutMs: number }, onCall?: (entry: CallLogEntry) => void): CliRunner;
}

/** What the UI must do for a login: open the URL, ask for the code. */
export interface LoginUi {
  openUrl(url: string): PromiseLike<boolean>;
  askCode(): PromiseLike<string | undefined>;
}

export type LoginResult = 'ok' | 'cancelled';

/** Reconnects after a lapse, before the state becomes `failed`: each is preceded by a longer wait. */
export const MAX_RECONNECTS = 3;
const RECONNECT_BASE_MS = 2_000;

/** States a running check moves through: stopping it there leaves nothing that would move on. */
const PENDING = new Set<ConnectionStatus['kind']>(['checking', 'connecting', 'browserStep']);
/** States a check passes through by itself (the browser step waits for the user instead). */
const CHECKING = new Set<ConnectionStatus['kind']>(['checking', 'connecting']);

const IDENTITY_KEY = 'heroku.identityCache';
const CONNECTION_KEY = 'heroku.lastConnectionId';
/** Per connection: its action catalogue, so a new window's first read needs no `action list` first. */
const catalogKey = (connectionId: string) => `heroku.actionCatalog.${connectionId}`;

export class ConnectionManager extends Disposable {
  private readonly changed = this.register(new Emitter<ConnectionStatus>());
  readonly onDidChange = this.changed.event;
  private current: ConnectionStatus = { kind: 'checking' };
  private probe: AbortController | undefined;
  private session: { target: SpawnTarget; runner: CliRunner; client: MembraneClient; api: TransportSelector } | undefined;
  /** One Heroku client per connection: its cache and its rate-limit back-off are that account's. */
  private readonly herokuClients = new Map<string, HerokuClient>();
  /** Every Heroku connection of the last check, the first one leading. */
  private accounts: AccountStatus[] = [];
  /** Reconnects since the last call that worked: a connection that lapses again right after READY must not loop. */
  private lapses = 0;

  constructor(private readonly deps: ManagerDeps) {
    super();
    // A check in progress stops with the window.
    this.onDispose(() => this.probe?.abort());
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  /** The leading ready connection (the first account's when it is ready): the Heroku layer's way in. */
  get ready(): { api: MembraneApi; connectionId: string; client: MembraneClient } | undefined {
    const id = this.current.kind === 'ready' ? this.current.connectionId : undefined;
    if (!id || !this.session) return undefined;
    return { api: this.session.api, client: this.session.client, connectionId: id };
  }

  /** The Heroku client of the leading ready connection. */
  get heroku(): HerokuClient | undefined {
    const id = this.ready?.connectionId;
    return id ? this.herokuFor(id) : undefined;
  }

  /** The Heroku client of a ready connection (one per connection: its cache lives as long). */
  herokuFor(connectionId: string): HerokuClient | undefined {
    const account = this.current.kind === 'ready' ? this.accounts.find((a) => a.connectionId === connectionId && a.kind === 'ready') : undefined;
    if (!account || !this.session) return undefined;
    const made = this.session;
    const key = `${made.target.file}|${connectionId}`;
    let heroku = this.herokuClients.get(key);
    if (!heroku) {
      // Each call goes through the session of now, not the one the client was made in: a
      // check after a settings change (timeout, transport, client name) makes a new session,
      // and the client (with its cache) lives on.
      const session = () => this.session ?? made;
      heroku = new HerokuClient({
        api: this.guarded({ runAction: (...a) => session().api.runAction(...a), request: (...a) => session().api.request(...a) }),
        connectionId,
        listActions: () => session().client.listActions({ connectionId, limit: 1000 }),
        searchActions: (intent, limit, signal) => session().client.listActions({ connectionId, intent, limit }, { signal }),
        catalogMemory: this.catalogMemory(connectionId),
        onRateLimit: (i) => this.deps.log?.('warn', `Heroku rate limit reached${this.accounts.length > 1 ? ` for ${account.email ?? account.name ?? connectionId}` : ''}: waiting ${Math.round(i.waitMs / 1000)}s before retry ${i.attempt} (${i.message})`),
      });
      this.herokuClients.set(key, heroku);
    }
    return heroku;
  }

  /** Where a connection's action catalogue is kept between windows (what an older version left there is ignored). */
  private catalogMemory(connectionId: string): CatalogMemory {
    const key = catalogKey(connectionId);
    return {
      read: () => {
        const kept = this.deps.memory.get<RememberedCatalog>(key);
        return kept && typeof kept.at === 'number' && Array.isArray(kept.actions) ? kept : undefined;
      },
      write: (catalog) => void this.deps.memory.update(key, catalog),
    };
  }

  /**
   * The state once the check in progress (if any) has settled: a command started while the
   * window is still checking the connection waits for the answer rather than failing. The
   * browser step is not waited for (it needs the user).
   */
  whenChecked(): Promise<ConnectionStatus> {
    if (!CHECKING.has(this.current.kind)) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      const sub = this.onDidChange((s) => {
        if (CHECKING.has(s.kind)) return;
        sub.dispose();
        resolve(s);
      });
    });
  }

  /** The Heroku client (of that connection, or the leading one), or the error that says what to do first. */
  requireHeroku(connectionId?: string): HerokuClient {
    const h = connectionId ? this.herokuFor(connectionId) : this.heroku;
    if (!h) throw notConnectedError(connectionId ?? this.current.connectionId);
    return h;
  }

  /** The API with every failure reported, so an expired login anywhere shows "log in". */
  private guarded(api: MembraneApi): MembraneApi {
    const report = <T>(p: Promise<T>) =>
      p.then(
        (v) => {
          this.lapses = 0;
          return v;
        },
        (e: unknown) => {
          this.reportError(e);
          throw e;
        },
      );
    return {
      runAction: (...a) => report(api.runAction(...a)),
      request: (...a) => report(api.request(...a)),
    };
  }

  /**
   * Check the connection again from the start: find the CLI, check the login, ensure the
   * connection (following it through the browser step). Stops a check in flight; `signal`
   * stops this one (the user cancelled the wait), leaving the state where it was.
   */
  async recheck(opts: { signal?: AbortSignal } = {}): Promise<ConnectionStatus> {
    this.lapses = 0;
    return this.probeAgain(undefined, opts.signal);
  }

  private async probeAgain(before?: (signal: AbortSignal) => Promise<void>, stopWhen?: AbortSignal): Promise<ConnectionStatus> {
    this.probe?.abort();
    const ac = new AbortController();
    this.probe = ac;
    const stop = () => ac.abort();
    if (stopWhen?.aborted) stop();
    stopWhen?.addEventListener('abort', stop, { once: true });
    try {
      await before?.(ac.signal);
      await this.runProbe(ac.signal);
    } catch (e) {
      if (!ac.signal.aborted) {
        this.fail(e);
        ac.abort(); // the other accounts' follows stop with the probe
      } else if (stopWhen?.aborted && this.probe === ac && PENDING.has(this.current.kind)) {
        // The user stopped waiting: nothing follows the connection any more, so say so.
        this.set({ ...this.base(), kind: 'failed', detail: l10n.t('You stopped the connection check. Choose Retry to check again.') });
      }
    } finally {
      stopWhen?.removeEventListener('abort', stop);
      // `this.probe` stays: accounts still being followed stop when the next check starts.
    }
    return this.current;
  }

  async login(ui: LoginUi): Promise<LoginResult> {
    const s = await this.ensureSession();
    const { url } = await s.client.startLogin();
    await ui.openUrl(url);
    const code = await ui.askCode();
    if (code === undefined) return 'cancelled';
    await s.client.completeLogin(code);
    this.deps.log?.('info', 'Logged in to Membrane.');
    await this.recheck();
    return 'ok';
  }

  async logout(): Promise<void> {
    const s = await this.ensureSession();
    this.probe?.abort();
    await s.client.logout();
    this.set({ kind: 'loggedOut', binary: s.target.display, cliVersion: this.current.cliVersion });
  }

  /** Errors from any call site: move to the state they reveal. */
  reportError(e: unknown): void {
    if (e instanceof NotLoggedInError && this.current.kind !== 'loggedOut') {
      this.deps.log?.('warn', `Membrane login expired: ${e.detail}`);
      this.set({ ...this.base(), kind: 'loggedOut' });
    } else if (e instanceof ConnectionNotReadyError && this.current.kind === 'ready') {
      this.reconnectAfterLapse(e);
    }
  }

  /**
   * The connection lapsed while READY: reconnect after a growing wait, at most
   * MAX_RECONNECTS times without a call working in between; then `failed`, naming the
   * error, until the user retries (a reconnect that says READY while every call still
   * fails would otherwise loop for ever).
   */
  private reconnectAfterLapse(e: ConnectionNotReadyError): void {
    if (this.lapses >= MAX_RECONNECTS) {
      const detail = l10n.t(`The Heroku connection keeps lapsing right after it reconnects ({0} attempts): {1} Fix the connection in Membrane, then choose Retry.`, MAX_RECONNECTS, e.message);
      this.deps.log?.('error', detail);
      this.probe?.abort();
      this.set({ ...this.base(), kind: 'failed', detail });
      return;
    }
    const attempt = ++this.lapses;
    this.deps.log?.('warn', `Heroku connection lapsed (${e.message}); reconnecting, attempt ${attempt} of ${MAX_RECONNECTS}.`);
    this.set({ ...this.base(), kind: 'connecting', detail: e.message });
    const wait = this.deps.reconnectDelay ?? ((n: number, signal: AbortSignal) => abortableSleep(RECONNECT_BASE_MS * 2 ** (n - 1), signal, 'reconnect'));
    void this.probeAgain((signal) => wait(attempt, signal));
  }

  /** The e-mail of a connection's Heroku account, read when its view first shows apps. */
  setAccountEmail(connectionId: string, email: string): void {
    const a = this.accounts.find((x) => x.connectionId === connectionId);
    if (!a || a.email === email) return;
    a.email = email;
    if (this.current.kind === 'ready') this.publish(this.base());
  }

  /**
   * Another Heroku account: a new Membrane connection beside the others, followed through
   * its browser step (`openBrowserStep` is handed its link) until it is ready or fails.
   */
  async addAccount(openBrowserStep: (action: ClientAction) => void, signal?: AbortSignal): Promise<AccountStatus> {
    const s = await this.ensureSession(signal);
    const c = await s.client.addConnection({ signal });
    this.deps.log?.('info', `New Heroku connection ${c.id} (${connectionState(c)}).`);
    if (!this.accounts.some((a) => a.connectionId === c.id)) this.accounts.push({ connectionId: c.id, name: c.name, kind: 'connecting' });
    let opened = false;
    const onPending = (x: Connection) => {
      if (!opened && x.clientAction && connectionState(x) === 'CLIENT_ACTION_REQUIRED') {
        opened = true;
        openBrowserStep(x.clientAction);
      }
    };
    onPending(c);
    await this.follow(s.client, c, signal ?? new AbortController().signal, onPending);
    const added = this.accounts.find((a) => a.connectionId === c.id);
    if (!added) throw new CancelledError('connect');
    return added;
  }

  /** Membrane forgets a connection (the Heroku account is untouched); the others stay as they are. */
  async removeAccount(connectionId: string, signal?: AbortSignal): Promise<void> {
    const s = await this.ensureSession(signal);
    await s.client.deleteConnection(connectionId, { signal });
    this.deps.log?.('info', `Removed the Heroku connection ${connectionId} from Membrane.`);
    this.accounts = this.accounts.filter((a) => a.connectionId !== connectionId);
    for (const key of [...this.herokuClients.keys()]) if (key.endsWith(`|${connectionId}`)) this.herokuClients.delete(key);
    await this.deps.memory.update(catalogKey(connectionId), undefined);
    if (this.accounts.length) this.publish(this.base());
    else await this.recheck();
  }

  // ---- the probe ---------------------------------------------------------------

  private async runProbe(signal: AbortSignal): Promise<void> {
    this.set({ kind: 'checking' });
    const s = await this.ensureSession(signal);
    // Stopped meanwhile (a newer check, or the user): an answer that arrived anyway must not overwrite the state.
    stoppedAlready(signal);
    const base = this.base();
    this.set({ ...base, kind: 'connecting' });
    const override = this.deps.settings().connectionIdOverride.trim();
    let connections: Connection[];
    try {
      connections = override ? [await s.client.getConnection(override, undefined, { signal })] : await this.herokuConnections(s.client, signal);
    } catch (e) {
      stoppedAlready(signal);
      if (e instanceof NotLoggedInError) return this.set({ ...base, kind: 'loggedOut' });
      throw e;
    }
    stoppedAlready(signal);
    await this.deps.memory.update(CONNECTION_KEY, connections[0]!.id);
    const emails = new Map(this.accounts.map((a) => [a.connectionId, a.email]));
    this.accounts = connections.map((c) => ({ connectionId: c.id, name: c.name, email: emails.get(c.id), kind: 'connecting' }));
    // Each account is followed by itself: one waiting for the browser step or failing never holds up the others.
    // The check is over when every account has settled, or as soon as one is ready (the others go on meanwhile).
    // (A stopped check settles through the follows, which end with the cancel.)
    const anyReady = new Promise<void>((resolve) => {
      const sub = this.onDidChange((x) => {
        if (x.kind !== 'ready') return;
        sub.dispose();
        resolve();
      });
      signal.addEventListener('abort', () => sub.dispose(), { once: true });
    });
    const follows = Promise.all(connections.map((c) => this.follow(s.client, c, signal)));
    await Promise.race([follows, anyReady]);
    // A follow still running that finds the login expired: as if the check had found it.
    void follows.catch((e: unknown) => !signal.aborted && this.fail(e));
  }

  /**
   * Every Heroku connection: the one `connection ensure` finds or makes (so a first-time
   * user gets one) first, then the others `connection list` shows. A list that fails costs
   * only the other accounts, never the first.
   */
  private async herokuConnections(client: MembraneClient, signal: AbortSignal): Promise<Connection[]> {
    const [first, listed] = await Promise.all([
      client.ensureConnection(undefined, { signal }),
      client.listHerokuConnections({ signal }).catch((e: unknown) => {
        if (e instanceof NotLoggedInError || e instanceof CancelledError) throw e;
        this.deps.log?.('warn', `Could not list the other Heroku connections: ${isMembraneError(e) ? e.message : String(e)}`);
        return [];
      }),
    ]);
    return [first, ...listed.filter((c) => c.id !== first.id)];
  }

  /** One connection to READY or failure, its account's state published at each step. */
  private async follow(client: MembraneClient, c: Connection, signal: AbortSignal, onPending?: (c: Connection) => void): Promise<void> {
    if (signal.aborted) return; // a newer check follows the accounts now
    const state = connectionState(c);
    if (state === 'READY') return this.updateAccount(c, { kind: 'ready' });
    if (isFailedState(state)) return this.updateAccount(c, { kind: 'failed', detail: failedConnectionError(c, state).message });
    this.updateAccount(c, pendingOf(c));
    try {
      await client.waitForConnection(c.id, {
        signal,
        pollIntervalMs: this.deps.pollIntervalMs,
        onUpdate: (u) => {
          const now = connectionState(u);
          if (now === 'READY' || isFailedState(now)) return;
          this.updateAccount(u, pendingOf(u));
          onPending?.(u);
        },
      });
      if (signal.aborted) return;
      this.updateAccount(c, { kind: 'ready' });
    } catch (e) {
      if (e instanceof NotLoggedInError || e instanceof CancelledError || signal.aborted) throw e;
      const detail = isMembraneError(e) ? e.message : l10n.t(`Unexpected error: {0}`, (e as Error)?.message ?? String(e));
      this.deps.log?.('error', this.accounts.length > 1 ? `Heroku connection ${c.id}: ${detail}` : detail);
      this.updateAccount(c, { kind: 'failed', detail });
    }
  }

  private updateAccount(c: Connection, change: Pick<AccountStatus, 'kind' | 'detail' | 'clientAction'>): void {
    const a = this.accounts.find((x) => x.connectionId === c.id);
    if (!a) return; // removed meanwhile
    Object.assign(a, { detail: undefined, clientAction: undefined }, change, { name: c.name ?? a.name });
    this.publish(this.base());
  }

  /**
   * The whole state from the accounts': ready when one is (the first ready one leads),
   * else the first waiting for the browser, else the first still connecting, else failed.
   */
  private publish(base: ConnectionStatus): void {
    const accounts = this.accounts.map((a) => ({ ...a }));
    const lead =
      accounts.find((a) => a.kind === 'ready') ?? accounts.find((a) => a.kind === 'browserStep') ?? accounts.find((a) => a.kind === 'connecting') ?? accounts[0];
    if (!lead) return;
    this.set({
      ...base,
      kind: lead.kind,
      connectionId: lead.connectionId,
      detail: lead.detail,
      clientAction: lead.clientAction,
      accountEmail: accounts.length === 1 ? lead.email : undefined,
      accounts,
    });
  }

  /** The runner for the configured binary, identity-checked once per binary version. */
  private async ensureSession(signal?: AbortSignal): Promise<NonNullable<ConnectionManager['session']>> {
    const settings = this.deps.settings();
    const target = resolveBinary({ configuredPath: settings.cliPath });
    if (!target) {
      this.session = undefined;
      throw new CliMissingError(settings.cliPath || 'membrane', settings.cliPath ? l10n.t('no such file') : l10n.t('not on PATH'));
    }
    const defaults = { timeoutMs: settings.callTimeoutMs };
    const runner = this.deps.makeRunner?.(target, defaults, this.deps.onCall) ?? new ExecaRunner(target, defaults, this.deps.onCall);
    const fingerprint = binaryFingerprint(target);
    let memory = this.deps.memory.get<BinaryMemory>(IDENTITY_KEY);
    // Older entries lack the transports: check the binary again once.
    if (memory?.fingerprint !== fingerprint || !memory.transports) {
      const identity = await checkIdentity(runner, signal);
      memory = { fingerprint, version: identity.version, transports: identity.transports };
      await this.deps.memory.update(IDENTITY_KEY, memory);
    }
    const version = memory.version;
    const api = this.transports(runner, memory, settings.transport ?? 'auto');
    this.session = { target, runner, client: new MembraneClient(runner, settings.clientName), api };
    this.current = { ...this.current, cliVersion: version, binary: target.display };
    return this.session;
  }

  /** The proxy transports for this binary, in the order to try them; the one that works is remembered with it. */
  private transports(runner: CliRunner, memory: BinaryMemory, setting: TransportSetting): TransportSelector {
    const order = transportOrder(memory.transports ?? [], setting, memory.worked);
    return new TransportSelector({ act: new ActApi(runner), request: new RequestApi(runner) }, order, {
      worked: (t) => {
        if (memory.worked === t) return;
        memory.worked = t;
        void this.deps.memory.update(IDENTITY_KEY, { ...memory });
        this.deps.log?.('info', `Membrane CLI ${memory.version}: "${t}" answers readably; using it for Heroku calls.`);
      },
      log: (m) => this.deps.log?.('warn', m),
    });
  }

  private base(): ConnectionStatus {
    return { kind: this.current.kind, cliVersion: this.current.cliVersion, binary: this.current.binary, connectionId: this.current.connectionId ?? this.deps.memory.get<string>(CONNECTION_KEY) };
  }


  private fail(e: unknown): void {
    const base = this.base();
    if (e instanceof CliMissingError) return this.set({ kind: 'cliMissing', detail: e.message, binary: e.binary });
    if (e instanceof WrongBinaryError) return this.set({ kind: 'wrongBinary', detail: e.message, binary: e.binary });
    if (e instanceof NotLoggedInError) return this.set({ ...base, kind: 'loggedOut' });
    if (e instanceof CancelledError) return;
    const detail = isMembraneError(e) ? e.message : l10n.t(`Unexpected error: {0}`, (e as Error)?.message ?? String(e));
    this.deps.log?.('error', detail);
    this.set({ ...base, kind: 'failed', detail, connectionId: e instanceof ConnectionNotReadyError ? (e.connectionId ?? base.connectionId) : base.connectionId });
  }

  private set(s: ConnectionStatus): void {
    this.current = s;
    this.changed.fire(s);
  }
}

/** Throws the cancel a stopped check ends with (its caller decides what the state says). */
function stoppedAlready(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('probe');
}

/** A connection still on its way: waiting for the browser step, or being built. */
function pendingOf(c: Connection): Pick<AccountStatus, 'kind' | 'detail' | 'clientAction'> {
  if (connectionState(c) === 'CLIENT_ACTION_REQUIRED' && c.clientAction) return { kind: 'browserStep', clientAction: c.clientAction };
  return { kind: 'connecting', detail: connectionErrorMessage(c) };
}

/** Path + size + mtime: a reinstalled or updated CLI is checked again. */
function binaryFingerprint(t: SpawnTarget): string {
  const file = t.prefixArgs[0] ?? t.file;
  try {
    const st = fs.statSync(file);
    return `${file}|${st.size}|${st.mtimeMs}`;
  } catch {
    return file;
  }
}
