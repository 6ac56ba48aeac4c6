// A small read cache for the Heroku layer: one entry per resource list or item, shared
// in-flight promises (two views asking at once make one CLI call), invalidation by key
// prefix after a mutation, and a semaphore bounding concurrent CLI processes.

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

export class ReadCache {
  private readonly values = new Map<string, unknown>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The cached value, the promise already loading it, or a new load. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.values.has(key)) return Promise.resolve(this.values.get(key) as T);
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const p = load().then(
      (v) => {
        // A load that raced an invalidation (its in-flight entry is gone) is served once but not kept.
        if (this.inFlight.get(key) === p) {
          this.values.set(key, v);
          this.inFlight.delete(key);
        }
        return v;
      },
      (e) => {
        if (this.inFlight.get(key) === p) this.inFlight.delete(key);
        throw e;
      },
    );
    this.inFlight.set(key, p);
    return p;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Forget every entry whose key starts with one of the prefixes. */
  invalidate(...prefixes: string[]): void {
    for (const map of [this.values, this.inFlight] as Map<string, unknown>[]) {
      for (const k of [...map.keys()]) if (prefixes.some((p) => k.startsWith(p))) map.delete(k);
    }
  }

  clear(): void {
    this.values.clear();
    this.inFlight.clear();
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}
