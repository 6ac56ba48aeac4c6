// A live log tail that survives what Heroku's log sessions do: a session is opened
// (POST /apps/{app}/log-sessions) and its pre-signed URL streamed; when the stream ends,
// drops, or is silent for IDLE_MS, a new session is opened after a growing back-off. A
// new session replays its history first, so lines already shown are skipped until the
// first unseen one: a reconnect neither duplicates nor (within the history Heroku keeps)
// loses a line.
// Node's own abortable wait: streams never go through Membrane, so they import nothing of it.
import { setTimeout as delay } from 'node:timers/promises';
import { ReplayMemory } from './replayMemory';
import { streamLines } from './textStream';
import * as l10n from '@vscode/l10n';

/** Heroku's tools open a new session after this much silence. */
export const IDLE_MS = 15 * 60_000;
/** The most history lines a Cedar log session replays: the replay window to de-duplicate. */
export const MAX_HISTORY = 1500;

export type TailNotice =
  | { kind: 'connected'; attempt: number }
  | { kind: 'reconnecting'; attempt: number; waitMs: number; reason: string }
  | { kind: 'stopped'; reason: string };

export interface LogTailOptions {
  /** A new session's stream URL (each call opens one). */
  openSession(signal: AbortSignal): Promise<string>;
  /** Each line once, in order. A returned promise is awaited before the next line is read. */
  onLine(line: string): void | Promise<void>;
  onNotice?(notice: TailNotice): void;
  /** Lines remembered (as hashes) to skip a replay (at least the history the session asks for). */
  remember?: number;
  idleMs?: number;
  /** Consecutive failed attempts before the tail gives up (a session that streams resets the count). */
  maxAttempts?: number;
  backoffMs?(attempt: number): number;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
}

/** Runs until the signal aborts, or until `maxAttempts` reconnects in a row failed (then throws the last error). */
export async function tailLogs(opts: LogTailOptions, signal: AbortSignal): Promise<void> {
  const seen = new ReplayMemory(opts.remember ?? MAX_HISTORY);
  const maxAttempts = opts.maxAttempts ?? 8;
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(30_000, 1000 * 2 ** (n - 1)));
  const sleep = opts.sleep ?? ((ms: number, s: AbortSignal) => delay(ms, undefined, { signal: s }));
  let failures = 0;
  for (let session = 1; !signal.aborted; session++) {
    let reason: string;
    /** Whether this session delivered anything (heartbeats included): only then is it not a failed attempt. */
    let streamed = false;
    const idle = new IdleWatch(opts.idleMs ?? IDLE_MS, signal);
    try {
      const url = await opts.openSession(idle.signal);
      opts.onNotice?.({ kind: 'connected', attempt: session });
      let replaying = session > 1;
      const onData = () => {
        streamed = true;
        idle.reset();
      };
      for await (const line of streamLines(url, { signal: idle.signal, onData })) {
        if (replaying && seen.has(line)) continue;
        replaying = false;
        seen.add(line);
        await opts.onLine(line);
      }
      reason = idle.fired ? l10n.t('no data for a while') : l10n.t('the stream ended');
    } catch (e) {
      if (signal.aborted) break;
      // A session that could not be opened, a refused or failed stream: each counts as a failed attempt.
      reason = idle.fired ? l10n.t('no data for a while') : (e as Error).message;
      if (!streamed && ++failures >= maxAttempts) {
        opts.onNotice?.({ kind: 'stopped', reason });
        throw e;
      }
    } finally {
      idle.dispose();
    }
    if (signal.aborted) break;
    if (streamed) failures = 0;
    const waitMs = streamed ? 0 : backoff(failures);
    opts.onNotice?.({ kind: 'reconnecting', attempt: session + 1, waitMs, reason });
    if (waitMs) await sleep(waitMs, signal).catch(() => undefined);
  }
}

/** A signal that aborts with the outer one, or after `ms` without `reset()`. */
class IdleWatch {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOuterAbort = () => this.controller.abort();
  fired = false;

  constructor(
    private readonly ms: number,
    private readonly outer: AbortSignal,
  ) {
    outer.addEventListener('abort', this.onOuterAbort, { once: true });
    this.reset();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.ms);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener('abort', this.onOuterAbort);
  }
}
