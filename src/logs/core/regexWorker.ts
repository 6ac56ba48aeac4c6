// A user's regular expression, matched where it cannot hang the extension host: in a
// worker thread, with a time budget per batch of lines. JavaScript's expressions backtrack,
// and some (`(a+)+$`, `(.*a){20}`) take exponential or high-polynomial time on a line that
// almost matches; no check of the pattern's shape catches every such case, and a line
// cap alone only moves the threshold. A worker can be stopped wherever it is: when a batch
// overruns its budget the worker is terminated (V8 interrupts the expression) and the
// caller is told (`RegexTooSlowError`), so the cost is bounded whatever the expression.
// One worker serves any expression (compiled once, kept while the batches use it), so a
// refined expression needs no new thread; lines go in batches (one message per batch, not
// per line). Plain Node.
import { Worker } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import type { Range } from './logColors';
import { MAX_HIGHLIGHTS, type LineMatch } from './logFilter';

/** How long one batch may take before the worker is stopped. */
export const REGEX_BUDGET_MS = 1000;
/** Lines per batch: a budget per batch of this size is 2 ms a line on average, far above what any sane expression needs. */
export const REGEX_BATCH_LINES = 500;
/** How long the worker may take to start (a busy machine) before it counts as failed. */
const START_MS = 15_000;

export class RegexTooSlowError extends Error {
  constructor(readonly budgetMs: number) {
    super(l10n.t('The regular expression took longer than {0} ms on a batch of lines: it was stopped.', budgetMs));
  }
}

/** The worker was disposed of: what it still had to answer is not wanted any more. */
export class RegexDisposedError extends Error {}

/**
 * The worker's whole program. It runs from its source text (`toString()`), in a thread of
 * its own, so it uses nothing of this module's scope: no import, no helper, and no named
 * inner function (a bundler may wrap one in a helper of its own).
 */
function workerProgram(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const max = (threads.workerData as { max: number }).max;
  let key = '';
  let re = /$^/g;
  threads.parentPort!.on('message', (batch: { id: number; source: string; flags: string; lines: string[] }) => {
    if (`${batch.flags}/${batch.source}` !== key) {
      key = `${batch.flags}/${batch.source}`;
      re = new RegExp(batch.source, `${batch.flags}g`);
    }
    const matches: Array<number[] | null> = [];
    for (const line of batch.lines) {
      re.lastIndex = 0;
      let m = re.exec(line);
      if (!m) {
        matches.push(null);
        continue;
      }
      const ranges: number[] = [];
      while (m && ranges.length < max * 2) {
        ranges.push(m.index, m.index + m[0].length);
        if (m[0].length === 0) re.lastIndex = m.index + 1;
        m = re.exec(line);
      }
      matches.push(ranges);
    }
    threads.parentPort!.postMessage({ id: batch.id, matches });
  });
}

const PROGRAM = `(${workerProgram.toString()})()`;

interface Waiting {
  id: number;
  resolve(matches: Array<number[] | null>): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class WorkerRegex {
  private readonly worker: Worker;
  private readonly online: Promise<void>;
  private chain: Promise<unknown> = Promise.resolve();
  private waiting: Waiting | undefined;
  private failure: Error | undefined;
  private nextId = 1;
  /** `match` calls not settled yet. */
  private pending = 0;
  private readonly budgetMs: number;
  private readonly batchLines: number;

  /** Starts the worker (a few tens of milliseconds: start it before the expression is typed). */
  constructor(opts: { budgetMs?: number; batchLines?: number } = {}) {
    this.budgetMs = opts.budgetMs ?? REGEX_BUDGET_MS;
    this.batchLines = opts.batchLines ?? REGEX_BATCH_LINES;
    this.worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { max: MAX_HIGHLIGHTS },
      // A small heap: matching holds one batch of lines and their ranges.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    // Never what keeps a process alive (the tests', or a host shutting down).
    this.worker.unref();
    this.online = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(l10n.t('The regular expression worker did not start.'))), START_MS);
      timer.unref?.();
      this.worker.once('online', () => {
        clearTimeout(timer);
        resolve();
      });
      this.worker.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    this.online.catch((e: Error) => this.fail(e));
    this.worker.on('message', (m: { id: number; matches: Array<number[] | null> }) => {
      const w = this.waiting;
      if (!w || w.id !== m.id) return;
      this.waiting = undefined;
      clearTimeout(w.timer);
      w.resolve(m.matches);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', () => this.fail(new Error(l10n.t('The regular expression worker stopped.'))));
  }

  /** Whether lines are being matched or wait their turn (an older expression's, maybe a slow one). */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Whether it failed or was disposed of: it answers nothing more. */
  get stopped(): boolean {
    return this.failure !== undefined;
  }

  /** Each line's highlights under the expression (checked already: `parseRegex`), undefined for no match, in order. Calls run one after another. */
  match(source: string, flags: string, lines: readonly string[]): Promise<LineMatch[]> {
    this.pending++;
    const run = this.chain.then(() => this.run(source, flags, lines)).finally(() => this.pending--);
    this.chain = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    this.fail(new RegexDisposedError('disposed'));
  }

  private async run(source: string, flags: string, lines: readonly string[]): Promise<LineMatch[]> {
    await this.online;
    const out: LineMatch[] = [];
    for (let i = 0; i < lines.length; i += this.batchLines) {
      for (const flat of await this.post(source, flags, lines.slice(i, i + this.batchLines))) {
        if (!flat) {
          out.push(undefined);
          continue;
        }
        const ranges: Range[] = [];
        for (let k = 0; k + 1 < flat.length; k += 2) ranges.push([flat[k]!, flat[k + 1]!]);
        out.push(ranges);
      }
    }
    return out;
  }

  private post(source: string, flags: string, lines: string[]): Promise<Array<number[] | null>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(new RegexTooSlowError(this.budgetMs)), this.budgetMs);
      this.waiting = { id, resolve, reject, timer };
      this.worker.postMessage({ id, source, flags, lines });
    });
  }

  /** The first failure wins: the worker is terminated, whatever waits is told, and every later batch fails the same way. */
  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    const w = this.waiting;
    this.waiting = undefined;
    if (w) {
      clearTimeout(w.timer);
      w.reject(e);
    }
    void this.worker.terminate();
  }
}
