// The last lines a log terminal received, kept so a new filter can show them again and
// Save Logs can write them: at most `max` lines (a setting) and at most `maxChars`
// characters in all (a stream of 64 KB lines must not hold 5,000 of them). The oldest go
// first. Plain Node.

/** Characters kept at most, whatever the line count: 8 M (16 MB of UTF-16). */
export const MAX_KEPT_CHARS = 8_000_000;

export class KeptLines {
  private lines: string[] = [];
  /** Index of the oldest kept line in `lines` (dropped lines are compacted away in bulk). */
  private start = 0;
  private chars = 0;

  constructor(
    private max: number,
    private readonly maxChars = MAX_KEPT_CHARS,
  ) {}

  get size(): number {
    return this.lines.length - this.start;
  }

  push(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    this.trim();
  }

  /** The kept lines, oldest first (a copy). */
  all(): string[] {
    return this.lines.slice(this.start);
  }

  clear(): void {
    this.lines = [];
    this.start = 0;
    this.chars = 0;
  }

  /** A new maximum (the setting changed): the oldest lines beyond it go now. */
  resize(max: number): void {
    this.max = max;
    this.trim();
  }

  private trim(): void {
    while (this.size > this.max || (this.chars > this.maxChars && this.size > 1)) {
      this.chars -= this.lines[this.start]!.length;
      this.lines[this.start++] = '';
    }
    // Compact once the dropped part is as large as the kept one: amortised O(1) per line.
    if (this.start > 1024 && this.start * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.start);
      this.start = 0;
    }
  }
}
