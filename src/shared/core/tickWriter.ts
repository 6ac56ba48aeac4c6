// Terminal output gathered and sent once per tick: a fast stream becomes a few large
// writes instead of thousands of events. The stream terminals' base (`../streamTerminal.ts`)
// writes through one. Plain Node.

export class TickWriter {
  private pending = '';
  private scheduled = false;
  private stopped = false;

  /** `send` gets each gathered batch (never empty), unless stopped meanwhile. */
  constructor(private readonly send: (text: string) => void) {}

  write(text: string): void {
    if (this.stopped) return;
    this.pending += text;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const out = this.pending;
      this.pending = '';
      if (out && !this.stopped) this.send(out);
    });
  }

  /** Nothing more is sent (the terminal closed). */
  stop(): void {
    this.stopped = true;
    this.pending = '';
  }
}
