// The base of every terminal the extension writes into (live logs, build and release
// output, a one-off dyno): a Pseudoterminal with no shell behind it, showing a stream.
// It owns what they all do alike, so each subclass keeps only what is its own:
// - the events VS Code listens to: text written, the name changed, closed from our side;
// - the life: `open` starts the subclass's `stream(signal, dimensions)`; closing the
//   terminal (or disposing it) aborts that signal, and nothing written afterwards is sent;
// - text written before VS Code opened the terminal is kept and sent on open, first and
//   in order (VS Code drops events fired before `open`);
// - writes gathered once per tick (`TickWriter`), each batch also told to the in-host
//   tests' probe (`onText`);
// - the size: the latest dimensions, and `resized` when they change;
// - the extension's own lines: notices (dim) and outcomes (a green or red banner);
// - a stream that fails while the terminal is open ends on its outcome line (`failed`).
import * as vscode from 'vscode';
import { Disposable } from './core/disposable';
import { noticeLine, outcomeLine } from './core/terminalLines';
import { TickWriter } from './core/tickWriter';

export abstract class StreamTerminal extends Disposable implements vscode.Pseudoterminal {
  private readonly writeEmitter = this.register(new vscode.EventEmitter<string>());
  private readonly nameEmitter = this.register(new vscode.EventEmitter<string>());
  private readonly closeEmitter = this.register(new vscode.EventEmitter<number | void>());
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidChangeName = this.nameEmitter.event;
  readonly onDidClose = this.closeEmitter.event;

  private readonly life = new AbortController();
  private readonly writer = new TickWriter((out) => {
    this.writeEmitter.fire(out);
    this.onText?.(out);
  });
  private opened = false;
  /** What was written before `open`. */
  private early = '';
  private size: vscode.TerminalDimensions | undefined;

  /** `onText` is told every batch written (the in-host tests' probe). */
  constructor(private readonly onText?: (text: string) => void) {
    super();
    // Registered last, so let go first: the stream stops before its emitters go.
    this.onDispose(() => this.close());
  }

  /** What the terminal shows: the subclass writes into it until `signal` aborts (the terminal closed). */
  protected abstract stream(signal: AbortSignal, dimensions: vscode.TerminalDimensions | undefined): Promise<void> | void;

  /** The terminal closed: let go of what the signal does not end by itself (a socket, waiters). */
  protected stopped(): void {}

  /** The terminal's size changed (after `open`'s). */
  protected resized(_dimensions: vscode.TerminalDimensions): void {}

  /** `stream` failed while the terminal was open: by default, its message as a red outcome line. */
  protected failed(error: Error): void {
    this.outcome(false, error.message);
  }

  get closed(): boolean {
    return this.life.signal.aborted;
  }

  /** Aborted when the terminal closes. */
  protected get signal(): AbortSignal {
    return this.life.signal;
  }

  /** The latest size VS Code gave, if any. */
  protected get dimensions(): vscode.TerminalDimensions | undefined {
    return this.size;
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    if (this.opened || this.closed) return;
    this.opened = true;
    this.size = dimensions;
    if (this.early) this.writer.write(this.early);
    this.early = '';
    const signal = this.life.signal;
    let streaming: Promise<void> | void;
    try {
      streaming = this.stream(signal, dimensions);
    } catch (e) {
      streaming = Promise.reject(e);
    }
    void Promise.resolve(streaming).catch((e: unknown) => {
      if (!signal.aborted) this.failed(e as Error);
    });
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    const was = this.size;
    this.size = dimensions;
    if (this.opened && (was?.columns !== dimensions.columns || was?.rows !== dimensions.rows)) this.resized(dimensions);
  }

  close(): void {
    if (this.closed) return;
    this.writer.stop();
    this.early = '';
    this.life.abort();
    this.stopped();
  }

  /** Text as it is (a stream's own bytes, escapes included); dropped once the terminal closed. */
  protected write(text: string): void {
    if (this.closed) return;
    if (this.opened) this.writer.write(text);
    else this.early += text;
  }

  /** One line, already coloured. */
  protected writeLine(line: string): void {
    this.write(`${line}\r\n`);
  }

  /** The extension's own remark (connecting, paused, end of output), dim. */
  protected notice(text: string): void {
    this.writeLine(noticeLine(text));
  }

  /** How it ended, as a banner after a blank line (the stream's last line may be unfinished). */
  protected outcome(ok: boolean, text: string): void {
    this.write(`\r\n${outcomeLine(ok, text)}\r\n`);
  }

  /**
   * The terminal's tab name, once the stream is under way: when the terminal becomes ready
   * (just after `open`), VS Code sets the tab back to the name `createTerminal` was given,
   * so a name set before then does not stay (give the first name there).
   */
  protected rename(name: string): void {
    if (this.opened && !this.closed) this.nameEmitter.fire(name);
  }

  /** Closes the terminal from our side (`code` is the exit code VS Code shows, if any). */
  protected exit(code?: number): void {
    if (this.opened && !this.closed) this.closeEmitter.fire(code);
  }
}
