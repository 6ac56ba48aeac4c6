// When a watch reads each app, plain Node (the crash watch's dyno lists, the teammate
// deploys' releases): every read of an app, the watch's own or a view's, is a look at it; an
// app nothing was read of (nor polled) for a minute is due. One timer waits for the next app
// due, a due app is read once (what is read arrives as an observation), and not again while
// that read is in flight, however long it takes. Nothing is read while the connection is not
// ready (the timer stops, reads in flight are aborted), nor after dispose.
import * as l10n from '@vscode/l10n';

/** An app of a known account: what a watch keeps state for (the same name in two accounts is two apps). */
export interface WatchedRef {
  app: string;
  connectionId: string;
}

export function refKey(ref: WatchedRef): string {
  return `${ref.connectionId}\n${ref.app}`;
}

/** When an app was last looked at: its data read (by anyone), or a poll of it begun (ms). */
export interface Touched {
  observedAt?: number;
  polledAt?: number;
}

export const POLL_MS = 60_000;

export function lastTouched(a: Touched): number {
  return Math.max(a.observedAt ?? -Infinity, a.polledAt ?? -Infinity);
}

/** The apps nothing was read of (nor polled) for `pollMs`. */
export function dueApps<A extends Touched & { ref: WatchedRef }>(apps: readonly A[], now: number, pollMs: number): WatchedRef[] {
  return apps.filter((a) => now - lastTouched(a) >= pollMs).map((a) => a.ref);
}

/**
 * When the next app falls due (undefined: nothing to wait for). An app whose poll is still
 * in flight (`busy`, by `refKey`) is left out however old the poll: it falls due again once
 * its read ends, and a timer set for it meanwhile would fire at once, again and again.
 */
export function nextDueAt<A extends Touched & { ref: WatchedRef }>(apps: readonly A[], busy: ReadonlySet<string>, pollMs: number): number | undefined {
  const times = apps.filter((a) => !busy.has(refKey(a.ref))).map((a) => lastTouched(a) + pollMs);
  return times.length ? Math.min(...times) : undefined;
}

/** What the poller asks of a watch's apps. */
export interface PollSchedule {
  list(): ReadonlyArray<{ ref: WatchedRef }>;
  due(now: number): WatchedRef[];
  nextDue(busy: ReadonlySet<string>): number | undefined;
  /** A poll starts now (so the app is not due again for a minute, whatever its outcome). */
  polling(ref: WatchedRef, at: number): void;
  /** A poll failed: what is known stays, and the app says why it may be stale. */
  failed(ref: WatchedRef, problem: string): void;
  /** Why the app's last poll failed (undefined: it did not). */
  problemOf(ref: WatchedRef): string | undefined;
}

/** What a watch keeps of each app: at least when it was looked at, and why its last poll failed. */
export interface AppState extends Touched {
  ref: WatchedRef;
  /** Why the last poll failed, until a read works again. */
  problem?: string;
}

/** A watch's apps by `refKey`, and when each is due: what the poller asks; the watch adds what it observes. */
export abstract class AppSchedule<A extends AppState> implements PollSchedule {
  protected readonly apps = new Map<string, A>();

  constructor(protected readonly pollMs = POLL_MS) {}

  list(): A[] {
    return [...this.apps.values()];
  }

  get(ref: WatchedRef): A | undefined {
    return this.apps.get(refKey(ref));
  }

  polling(ref: WatchedRef, at: number): void {
    const app = this.get(ref);
    if (app) this.touch(app, { polledAt: at });
  }

  failed(ref: WatchedRef, problem: string): void {
    const app = this.get(ref);
    if (app) app.problem = problem;
  }

  problemOf(ref: WatchedRef): string | undefined {
    return this.get(ref)?.problem;
  }

  /** The apps nothing was read of (nor polled) for a minute. */
  due(now: number): WatchedRef[] {
    return dueApps(this.list(), now, this.pollMs);
  }

  /** When the next app falls due (undefined: nothing to wait for); apps polled now (`busy`) are left out. */
  nextDue(busy: ReadonlySet<string> = new Set()): number | undefined {
    return nextDueAt(this.list(), busy, this.pollMs);
  }

  /** An app was looked at (its data read, or a poll begun). */
  protected touch(app: A, times: Touched): void {
    Object.assign(app, times);
  }
}

export interface PollerDeps {
  health: PollSchedule;
  ready(): boolean;
  /** Reads an app afresh; undefined: its account is not connected. */
  read(ref: WatchedRef, signal: AbortSignal): Promise<unknown> | undefined;
  /** What is known changed (a poll started or failed). */
  changed(): void;
  /** Why an app's poll failed, told once per reason (for the log). */
  log(ref: WatchedRef, problem: string): void;
  now(): number;
}

export class AppPoller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Reads in flight, per app (by `refKey`). */
  private readonly polls = new Map<string, AbortController>();
  private disposed = false;

  constructor(private readonly deps: PollerDeps) {}

  /** Whether a poll is scheduled or running. */
  get busy(): boolean {
    return this.timer !== undefined || this.polls.size > 0;
  }

  /** The apps or the connection changed: reads of apps no longer watched stop; the next poll is set (none while not ready). */
  refresh(): void {
    const watched = new Set(this.deps.health.list().map((a) => refKey(a.ref)));
    for (const [key, poll] of this.polls) if (!watched.has(key)) poll.abort();
    if (this.deps.ready()) this.schedule();
    else this.stop();
  }

  /** Waits for the next app due (an observation moves it: call again after one). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.deps.health.nextDue(new Set(this.polls.keys()));
    if (next === undefined || this.disposed || !this.deps.ready()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pollDue();
    }, Math.max(0, Math.min(next - this.deps.now(), 2 ** 31 - 1)));
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const poll of this.polls.values()) poll.abort();
    this.polls.clear();
  }

  private pollDue(): void {
    if (this.disposed || !this.deps.ready()) return;
    const { health } = this.deps;
    const at = this.deps.now();
    for (const ref of health.due(at)) {
      const key = refKey(ref);
      if (this.polls.has(key)) continue;
      health.polling(ref, at);
      const stop = new AbortController();
      const read = this.deps.read(ref, stop.signal);
      if (!read) {
        this.fail(ref, l10n.t('its account is not connected'));
        continue;
      }
      this.polls.set(key, stop);
      read
        .catch((e: unknown) => {
          if (stop.signal.aborted || this.disposed) return;
          this.fail(ref, e instanceof Error ? e.message : String(e));
          this.deps.changed();
        })
        .finally(() => {
          if (this.polls.get(key) === stop) this.polls.delete(key);
          this.schedule();
        });
    }
    this.deps.changed();
    this.schedule();
  }

  /** Why an app could not be read; logged when the reason changes, not at every minute's poll. */
  private fail(ref: WatchedRef, problem: string): void {
    const before = this.deps.health.problemOf(ref);
    this.deps.health.failed(ref, problem);
    if (problem !== before) this.deps.log(ref, problem);
  }
}
