// A finished or running build's output in a terminal: one pre-signed stream, read once
// to its end (a build's stream ends when the build does), coloured, then a closing line.
// Opened again, it reads a fresh URL and shows the whole output again.
import * as vscode from 'vscode';
import { streamLines } from '../heroku/streams/textStream';
import { colorBuildLine, noticeLine, withoutControls } from './core/logColors';

/** A buildpack's failure line: ` !     No default language could be detected…`. */
const FAILURE = /^ !\s+\S/;
import { TickWriter } from '../shared/core/tickWriter';
import * as l10n from '@vscode/l10n';

export interface OutputSource {
  /** Shown as the first line. */
  title: string;
  /** A fresh stream URL (read just before streaming: they are short-lived). */
  url(signal: AbortSignal): Promise<string | null | undefined>;
}

export class OutputTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  private readonly stream = new AbortController();
  private readonly writer = new TickWriter((out) => {
    this.writeEmitter.fire(out);
    this.onText?.(out);
  });

  private ended!: () => void;
  /** The first ` !` line of the output: what a failed build's message quotes. */
  firstFailure: string | undefined;
  /** Settles when the stream has ended, failed or been closed: whatever follows (a deploy's outcome) comes after. */
  readonly done = new Promise<void>((resolve) => (this.ended = resolve));

  constructor(
    private readonly source: OutputSource,
    private readonly onText?: (text: string) => void,
  ) {}

  open(): void {
    void this.run().finally(() => this.ended());
  }

  /** A closing line under the output (a deploy's outcome), already coloured. */
  writeLine(line: string): void {
    if (!this.stream.signal.aborted) this.write(line);
  }

  close(): void {
    this.stream.abort();
    this.writer.stop();
    this.ended();
  }

  private async run(): Promise<void> {
    this.write(noticeLine(this.source.title));
    try {
      const url = await this.source.url(this.stream.signal);
      if (!url) return this.write(noticeLine(l10n.t('Heroku gives no output stream for this one')));
      for await (const line of streamLines(url, { signal: this.stream.signal })) {
        if (this.firstFailure === undefined && FAILURE.test(line)) this.firstFailure = withoutControls(line).trim();
        this.write(colorBuildLine(line));
      }
      if (!this.stream.signal.aborted) this.write(noticeLine(l10n.t('end of output')));
    } catch (e) {
      if (!this.stream.signal.aborted) this.write(noticeLine(l10n.t(`the output could not be read: {0}`, (e as Error).message)));
    }
  }

  private write(line: string): void {
    this.writer.write(`${line}\r\n`);
  }
}
