// The Membrane CLI's account and connection commands: login, the logged-in probe,
// ensuring and waiting for the Heroku connection, listing connections and actions.
// Argument order (docs/ARCHITECTURE.md, "What is not known about the CLI"): positionals first, `--key=value`
// flags, `--json` last.

import { ApiError, CancelledError, CommandFailedError, ConnectionNotReadyError, NotLoggedInError, UnexpectedOutputError } from './errors';
import { extractJson, isRecord, parseWith, unwrapList } from './envelopes';
import { runJson, runOk, type CallOptions } from './invoke';
import { abortableSleep } from './sleep';
import type { CliRunner } from './runner';
import {
  ActionSchema,
  ConnectionSchema,
  connectionErrorMessage,
  connectionState,
  type Action,
  type Connection,
  type ConnectionState,
} from './schemas';
import * as l10n from '@vscode/l10n';

export const HEROKU_APP_URL = 'https://www.heroku.com/';
export const HEROKU_INTEGRATION_KEY = 'heroku';
/** `connection get --wait` accepts 1–60 s (Membrane API reference). */
const MAX_WAIT_SECONDS = 60;

export interface WaitOptions {
  signal?: AbortSignal;
  /** Long-poll length per `connection get --wait` call. */
  waitSeconds?: number;
  /** Pause between polls when the CLI answers at once (e.g. while the user is in the browser). */
  pollIntervalMs?: number;
  /** Called whenever the state or the client action changes. */
  onUpdate?: (c: Connection) => void;
}

export class MembraneClient {
  constructor(
    private readonly runner: CliRunner,
    private readonly clientName = 'vscode',
  ) {}

  /** Start a browser login; returns the URL the CLI prints (text, or JSON with `url`). */
  async startLogin(opts: CallOptions = {}): Promise<{ url: string }> {
    const r = await runOk(this.runner, ['login', '--tenant', `--clientName=${this.clientName}`], opts);
    const text = `${r.stdout}\n${r.stderr}`;
    const json = extractJson(r.stdout);
    if (json.ok && isRecord(json.value)) {
      const u = json.value.url ?? json.value.authUrl ?? json.value.loginUrl;
      if (typeof u === 'string' && /^https?:\/\//.test(u)) return { url: u };
    }
    const m = text.match(/https?:\/\/[^\s"'<>]+/);
    if (!m) throw new UnexpectedOutputError('login', 'url', l10n.t('no login URL in the output'));
    return { url: m[0] };
  }

  /** Finish the login with the code the browser showed. */
  async completeLogin(code: string, opts: CallOptions = {}): Promise<void> {
    const trimmed = code.trim();
    if (!trimmed) throw new CommandFailedError('login complete', undefined, l10n.t('the code is empty'));
    try {
      await runOk(this.runner, ['login', 'complete', trimmed], opts);
    } catch (e) {
      // A rejected code is a failed step (say so plainly), not a reason to start over from "logged out".
      if (e instanceof NotLoggedInError) throw new CommandFailedError('login complete', 1, e.detail);
      if (e instanceof ApiError) throw new CommandFailedError('login complete', 1, e.apiMessage);
      throw e;
    }
  }

  async logout(opts: CallOptions = {}): Promise<void> {
    await runOk(this.runner, ['logout'], opts);
  }

  async listConnections(opts: CallOptions = {}): Promise<Connection[]> {
    const items = unwrapList('connection list', await runJson(this.runner, ['connection', 'list'], opts));
    return items.map((c, i) => parseWith('connection list', ConnectionSchema, c, `items.${i}`));
  }

  /** The workspace's Heroku connections, in the CLI's order. */
  async listHerokuConnections(opts: CallOptions = {}): Promise<Connection[]> {
    return (await this.listConnections(opts)).filter(isHerokuConnection);
  }

  /**
   * A new Heroku connection beside the existing ones (another Heroku account): `connect
   * --allowMultipleConnections`, non-interactive, so the browser step is followed like the
   * first connection's.
   */
  async addConnection(opts: CallOptions = {}): Promise<Connection> {
    const args = ['connect', `--integrationKey=${HEROKU_INTEGRATION_KEY}`, '--allowMultipleConnections', '--non-interactive'];
    return parseWith('connect', ConnectionSchema, await runJson(this.runner, args, opts));
  }

  /** Membrane forgets the connection (the Heroku account itself is untouched). */
  async deleteConnection(id: string, opts: CallOptions = {}): Promise<void> {
    await runOk(this.runner, ['connection', 'delete', id], opts);
  }

  async ensureConnection(appUrl = HEROKU_APP_URL, opts: CallOptions = {}): Promise<Connection> {
    return parseWith('connection ensure', ConnectionSchema, await runJson(this.runner, ['connection', 'ensure', appUrl], opts));
  }

  async getConnection(idOrKey: string, wait?: { seconds: number }, opts: CallOptions = {}): Promise<Connection> {
    const args = ['connection', 'get', idOrKey];
    let timeoutMs = opts.timeoutMs;
    if (wait) {
      const seconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.round(wait.seconds)));
      args.push('--wait', `--timeout=${seconds}`);
      // The long poll is legitimate waiting: allow it plus a margin before killing.
      timeoutMs = Math.max(timeoutMs ?? 0, (seconds + 15) * 1000);
    }
    return parseWith('connection get', ConnectionSchema, await runJson(this.runner, args, { ...opts, timeoutMs }));
  }

  /**
   * Poll a connection until it is READY (returned) or has failed (ConnectionNotReadyError).
   * BUILDING and CLIENT_ACTION_REQUIRED keep it polling; the signal cancels.
   */
  async waitForConnection(id: string, opts: WaitOptions = {}): Promise<Connection> {
    const { signal, onUpdate } = opts;
    const waitSeconds = opts.waitSeconds ?? 30;
    const pollIntervalMs = opts.pollIntervalMs ?? 3_000;
    let lastSignature = '';
    for (;;) {
      if (signal?.aborted) throw new CancelledError('connection get');
      const started = Date.now();
      const c = await this.getConnection(id, { seconds: waitSeconds }, { signal });
      const state = connectionState(c);
      const signature = `${state}|${c.clientAction?.type ?? ''}|${c.clientAction?.uiUrl ?? ''}`;
      if (signature !== lastSignature) {
        lastSignature = signature;
        onUpdate?.(c);
      }
      if (state === 'READY') return c;
      if (isFailedState(state)) throw failedConnectionError(c, state);
      const elapsed = Date.now() - started;
      if (elapsed < pollIntervalMs) await abortableSleep(pollIntervalMs - elapsed, signal, 'connection get');
    }
  }

  async listActions(q: { connectionId: string; intent?: string; limit?: number }, opts: CallOptions = {}): Promise<Action[]> {
    const args = ['action', 'list', `--connectionId=${q.connectionId}`];
    if (q.intent) args.push(`--intent=${q.intent.slice(0, 200)}`);
    if (q.limit) args.push(`--limit=${Math.max(1, Math.min(1000, q.limit))}`);
    const items = unwrapList('action list', await runJson(this.runner, args, opts));
    return items.map((a, i) => parseWith('action list', ActionSchema, a, `items.${i}`));
  }
}

/** A connection to Heroku (the integration key, as `connection list` items carry it in either place). */
export function isHerokuConnection(c: Connection): boolean {
  return (c.integrationKey ?? c.integration?.key) === HEROKU_INTEGRATION_KEY;
}

export function isFailedState(s: ConnectionState | 'UNKNOWN'): boolean {
  return s === 'CONFIGURATION_ERROR' || s === 'SETUP_FAILED';
}

export function failedConnectionError(c: Connection, state: ConnectionState | 'UNKNOWN'): ConnectionNotReadyError {
  const why = connectionErrorMessage(c) ?? l10n.t('Membrane could not set up the Heroku connection.');
  return new ConnectionNotReadyError(c.id, state, c.clientAction, l10n.t(`Heroku connection {0}: {1}`, state, why));
}
