// When the crash watch reads each app, plain Node: one timer waits for the next app due, a
// due app is read once (what is read arrives as an observation), and not again while that
// read is in flight, however long it takes. Nothing is read while the connection is not
// ready (the timer stops, reads in flight are aborted), nor after dispose.
import * as l10n from '@vscode/l10n';
import type { WatchHealth } from './health';
import { refKey, type WatchedRef } from './watchedApps';

export interface PollerDeps {
  health: WatchHealth;
  ready(): boolean;
  /** Reads an app's dynos afresh; undefined: its account is not connected. */
  read(ref: WatchedRef, signal: AbortSignal): Promise<unknown> | undefined;
  /** What is known changed (a poll started or failed): the item is drawn again. */
  changed(): void;
  log(message: string): void;
  now(): number;
}

export class WatchPoller {
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
    const before = this.deps.health.get(ref)?.problem;
    this.deps.health.failed(ref, problem);
    if (problem !== before) this.deps.log(`Crash watch: the dynos of ${ref.app} could not be read: ${problem}`);
  }
}
