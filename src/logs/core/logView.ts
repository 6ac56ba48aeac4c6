// What a log terminal shows of the lines it receives: each line kept (the last N, for a
// new filter and for Save Logs), and written coloured when it passes the filter, its
// matches highlighted. A new filter clears the screen and shows the kept lines that pass
// it, then says how many did (or that none did). Plain Node: the terminal hands it a
// writer; unit-tested and benchmarked without VS Code.
// Order is kept through every change: with a regular expression, lines wait in a queue
// while the worker (`regexWorker.ts`) matches a batch, and a filter set meanwhile drops
// what the old one had not written (the kept lines hold them: the new filter shows them).
import * as l10n from '@vscode/l10n';
import { withoutControls } from '../../shared/core/terminalLines';
import { KeptLines } from './keptLines';
import { paintLine } from './logColors';
import { describeFilter, lineMatcher, type LineMatch, type LogFilter } from './logFilter';
import { RegexDisposedError, RegexTooSlowError, WorkerRegex } from './regexWorker';

/** Clears the screen and the scrollback, and homes the cursor. */
export const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';
/** Lines queued for the worker beyond which the stream waits (the tail is not read meanwhile). */
const QUEUE_HIGH = 5000;

export interface LogViewOptions {
  /** Text for the terminal, escapes included (lines end in \r\n). */
  write(text: string): void;
  /** One of the view's own remarks, as a notice line. */
  notice(text: string): void;
  /** The filter was dropped by the view itself (an expression too slow): the terminal's name follows. */
  filterDropped?(): void;
  /** Lines kept at most. */
  keep: number;
  /**
   * Lines the terminal can hold (its scrollback and screen): a re-render paints only the last
   * this many of the lines that pass (the terminal would drop the others unseen); all are counted.
   */
  screenLines?(): number;
  regex?: { budgetMs?: number; batchLines?: number };
}

/** What a new filter found among the kept lines. */
export interface FilterResult {
  shown: number;
  kept: number;
}

export class LogView {
  private readonly kept: KeptLines;
  private current: LogFilter | undefined;
  private sync: ((line: string) => LineMatch) | undefined;
  /** The worker of the regular expressions: started for the first one, kept while expressions follow each other. */
  private worker: WorkerRegex | undefined;
  /** The current filter when it is an expression (its lines go through the worker). */
  private regex: { source: string; flags: string } | undefined;
  /** Bumped by each filter change: work of an older filter writes nothing. */
  private generation = 0;
  /** Lines waiting for the worker, oldest first. */
  private queue: string[] = [];
  /** The worker's queue being drained (a re-render first, when the filter just changed). */
  private draining: Promise<void> | undefined;

  constructor(private readonly opts: LogViewOptions) {
    this.kept = new KeptLines(opts.keep);
  }

  get filter(): LogFilter | undefined {
    return this.current;
  }

  get keptCount(): number {
    return this.kept.size;
  }

  /** A line from the stream. A promise when the stream should wait before the next (the worker is behind). */
  push(raw: string): Promise<void> | undefined {
    const line = withoutControls(raw);
    this.kept.push(line);
    if (this.regex && this.worker) {
      this.queue.push(line);
      this.draining ??= this.drain(this.generation, this.worker, this.regex);
      return this.queue.length > QUEUE_HIGH ? this.draining : undefined;
    }
    const ranges = this.sync ? this.sync(line) : [];
    if (ranges) this.opts.write(`${paintLine(line, ranges)}\r\n`);
    return undefined;
  }

  /**
   * Shows the kept lines again under `filter` (none: all of them), and every new line
   * through it. Resolves once they are shown; undefined if the filter was replaced
   * meanwhile, or dropped (an expression too slow: the terminal says so).
   */
  async setFilter(filter: LogFilter | undefined): Promise<FilterResult | undefined> {
    const gen = ++this.generation;
    this.regex = undefined;
    this.queue = [];
    this.draining = undefined;
    this.current = filter;
    this.sync = undefined;
    const lines = this.kept.all();
    if (filter?.kind !== 'regex') {
      this.coolRegex();
      const matcher = filter && lineMatcher(filter);
      this.sync = matcher;
      return this.render(lines, matcher ? lines.map(matcher) : lines.map(() => []));
    }
    const regex = { source: filter.source, flags: filter.flags };
    // A worker still busy with the expression before (maybe a slow one) cannot be interrupted: a fresh one.
    if (this.worker?.busy) this.worker.dispose();
    const worker = this.warmRegex();
    this.regex = regex;
    let result: FilterResult | undefined;
    const render = async () => {
      const matches = await worker.match(regex.source, regex.flags, lines);
      if (gen === this.generation) result = this.render(lines, matches);
    };
    this.draining = this.drain(gen, worker, regex, render);
    await this.draining;
    return result;
  }

  /** Starts the expressions' worker ahead of need (while the user types one); `coolRegex` lets it go if none came. */
  warmRegex(): WorkerRegex {
    if (!this.worker || this.worker.stopped) this.worker = new WorkerRegex(this.opts.regex);
    return this.worker;
  }

  /** Stops the expressions' worker unless an expression is the filter. */
  coolRegex(): void {
    if (this.regex) return;
    this.worker?.dispose();
    this.worker = undefined;
  }

  /** The lines to save: every kept one, or those the filter shows. */
  async linesToSave(onlyShown: boolean): Promise<string[]> {
    const lines = this.kept.all();
    if (!onlyShown || !this.current) return lines;
    const regex = this.regex;
    const matches = regex && this.worker ? await this.worker.match(regex.source, regex.flags, lines) : lines.map(this.sync ?? (() => []));
    return lines.filter((_l, i) => matches[i]);
  }

  /** Forget the kept lines (the terminal was cleared). */
  clear(): void {
    this.kept.clear();
  }

  /** A new number of lines to keep (the setting changed). */
  keep(max: number): void {
    this.kept.resize(max);
  }

  dispose(): void {
    this.generation++;
    this.regex = undefined;
    this.coolRegex();
    this.queue = [];
  }

  /** The worker's queue, batch after batch, until empty (after `first`, a re-render). */
  private async drain(gen: number, worker: WorkerRegex, regex: { source: string; flags: string }, first?: () => Promise<void>): Promise<void> {
    try {
      await first?.();
      while (gen === this.generation && this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        const matches = await worker.match(regex.source, regex.flags, batch);
        if (gen !== this.generation) return;
        let out = '';
        batch.forEach((line, i) => {
          const ranges = matches[i];
          if (ranges) out += `${paintLine(line, ranges)}\r\n`;
        });
        if (out) this.opts.write(out);
      }
    } catch (e) {
      if (gen !== this.generation || e instanceof RegexDisposedError) return;
      // Too slow (or the worker failed): the filter goes, every kept line comes back, and the terminal says why.
      const why = e instanceof RegexTooSlowError ? l10n.t('it took longer than {0} ms on a batch of lines', e.budgetMs) : (e as Error).message;
      const dropped = this.current;
      await this.setFilter(undefined);
      this.opts.notice(l10n.t('filter removed: the {0} was stopped ({1}). A simpler expression, or a text filter, avoids this.', dropped ? describeFilter(dropped) : '', why));
      this.opts.filterDropped?.();
      return;
    } finally {
      if (gen === this.generation) this.draining = undefined;
    }
  }

  private render(lines: readonly string[], matches: readonly LineMatch[]): FilterResult {
    let shown = 0;
    for (const m of matches) if (m) shown++;
    const room = Math.max(1, this.opts.screenLines?.() ?? Infinity);
    let skip = Math.max(0, shown - room);
    let out = CLEAR_SCREEN;
    lines.forEach((line, i) => {
      const ranges = matches[i];
      if (!ranges) return;
      if (skip > 0) return void skip--;
      out += `${paintLine(line, ranges)}\r\n`;
    });
    this.opts.write(out);
    const kept = lines.length;
    const filter = this.current;
    if (!filter) this.opts.notice(l10n.t('filter cleared: every kept line is shown ({0}), and every new one', kept));
    else if (!kept) this.opts.notice(l10n.t('filter: {0} — no lines yet; the lines that match will appear as they come', describeFilter(filter)));
    else if (!shown) this.opts.notice(l10n.t('filter: {0} — nothing matches (kept lines: {1}); the lines that match will appear as they come', describeFilter(filter), kept));
    else this.opts.notice(l10n.t('filter: {0} — matches: {1} of {2} kept lines; new lines are filtered as they come', describeFilter(filter), shown, kept));
    if (shown > room) this.opts.notice(l10n.t('the terminal holds the last {0} of them (its scrollback); Save Logs… writes them all', room));
    return { shown, kept };
  }
}
