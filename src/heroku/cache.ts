// A small read cache for the Heroku layer: one entry per resource list or item, shared
// in-flight promises (two views asking at once make one CLI call), invalidation by key
// prefix after a mutation (announced, so the views that show the data follow it), and a
// semaphore bounding concurrent CLI processes.

import { CancelledError } from '../membrane/errors';
import { Emitter } from '../shared/core/emitter';

export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** A load in flight: its promise, and the callers still waiting for it. */
interface Pending {
  promise: Promise<unknown>;
  stop: AbortController;
  waiting: number;
}

/** What the cache forgot: the key prefixes, or everything. */
export type Forgotten = { prefixes: string[] } | { all: true };

export class ReadCache {
  private readonly values = new Map<string, unknown>();
  private readonly inFlight = new Map<string, Pending>();
  private readonly forgotten = new Emitter<Forgotten>();
  /** Fired by every invalidation, whatever was cached: a view shows what it read, cached or not. */
  readonly onDidForget = this.forgotten.event;

  /**
   * The cached value, the load already in flight, or a new load. A caller's signal
   * releases only that caller (it gets CancelledError); the load itself is stopped when
   * every caller waiting for it has given up.
   */
  get<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.values.has(key)) return Promise.resolve(this.values.get(key) as T);
    if (signal?.aborted) return Promise.reject(new CancelledError('heroku read'));
    let pending = this.inFlight.get(key);
    if (!pending) {
      const stop = new AbortController();
      const p: Promise<unknown> = load(stop.signal).then(
        (v) => {
          // A load that raced an invalidation (its in-flight entry is gone) is served once but not kept.
          if (this.inFlight.get(key)?.promise === p) {
            this.values.set(key, v);
            this.inFlight.delete(key);
          }
          return v;
        },
        (e) => {
          if (this.inFlight.get(key)?.promise === p) this.inFlight.delete(key);
          throw e;
        },
      );
      pending = { promise: p, stop, waiting: 0 };
      this.inFlight.set(key, pending);
    }
    return this.wait(key, pending, signal) as Promise<T>;
  }

  private wait(key: string, pending: Pending, signal: AbortSignal | undefined): Promise<unknown> {
    pending.waiting++;
    if (!signal) return pending.promise;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        if (--pending.waiting === 0) {
          // Nobody waits any more: stop it, and let the next read start afresh.
          pending.stop.abort();
          if (this.inFlight.get(key) === pending) this.inFlight.delete(key);
        }
        reject(new CancelledError('heroku read'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pending.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Forget every entry whose key starts with one of the prefixes. */
  invalidate(...prefixes: string[]): void {
    if (!prefixes.length) return;
    for (const map of [this.values, this.inFlight] as Array<Map<string, unknown>>) {
      for (const k of [...map.keys()]) if (prefixes.some((p) => k.startsWith(p))) map.delete(k);
    }
    this.forgotten.fire({ prefixes });
  }

  clear(): void {
    this.values.clear();
    this.inFlight.clear();
    this.forgotten.fire({ all: true });
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}
