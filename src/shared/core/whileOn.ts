// A feature that exists only while a switch (a setting) is on, its code loaded when it turns
// on. A load that ends after the switch went off again, or after the owner was disposed,
// builds nothing: nothing of the feature outlives its turn.
export class WhileOn<T extends { dispose(): void }> {
  private current: T | undefined;
  private loading: Promise<T | undefined> | undefined;
  /** Each turn off (and dispose) starts a new turn: a load of an earlier turn builds nothing. */
  private turn = 0;
  private disposed = false;

  /** `load`: the feature's code (an `import()`), then the function that builds it. */
  constructor(private readonly load: () => Promise<() => T>) {}

  /** The feature now, or once its code is loaded (undefined: off). */
  async get(): Promise<T | undefined> {
    return this.current ?? this.loading;
  }

  set(on: boolean): void {
    if (!on || this.disposed) {
      this.turn++;
      this.current?.dispose();
      this.current = undefined;
      this.loading = undefined;
      return;
    }
    if (this.current || this.loading) return;
    const turn = this.turn;
    const loading = this.load().then(
      (build) => {
        if (turn !== this.turn) return undefined;
        this.loading = undefined;
        this.current = build();
        return this.current;
      },
      (e: unknown) => {
        // The next turn on tries again; whoever waits with get() is told why.
        if (turn === this.turn) this.loading = undefined;
        throw e;
      },
    );
    loading.catch(() => undefined);
    this.loading = loading;
  }

  dispose(): void {
    this.disposed = true;
    this.set(false);
  }
}
