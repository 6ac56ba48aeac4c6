// One way to own what must be let go (subscriptions, emitters, registrations, timers): a
// class registers each as it makes it, and its one dispose() lets them all go, once, the
// last made first. Plain Node: no `vscode` needed (its Disposables have the same shape).

export interface DisposableLike {
  dispose(): unknown;
}

export class Disposable implements DisposableLike {
  private owned: DisposableLike[] = [];
  private disposed = false;

  /** Owns `d` from now on (disposed at once if this is already disposed): returns it, to keep in a field. */
  protected register<T extends DisposableLike>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  /** A cleanup to run on dispose (clearing a timer, forgetting a map). */
  protected onDispose(cleanup: () => void): void {
    this.register({ dispose: cleanup });
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const owned = this.owned.reverse();
    this.owned = [];
    for (const d of owned) d.dispose();
  }
}
