// A finished or running build's output in a terminal: one pre-signed stream, read once
// to its end (a build's stream ends when the build does), coloured, then a closing line.
// Opened again, it reads a fresh URL and shows the whole output again. The base
// (`StreamTerminal`) owns the terminal's life, the batched writes and the probe.
import { streamLines } from '../heroku/streams/textStream';
import { StreamTerminal } from '../shared/streamTerminal';
import { colorBuildLine, withoutControls } from './core/logColors';
import * as l10n from '@vscode/l10n';

/** A buildpack's failure line: ` !     No default language could be detected…`. */
const FAILURE = /^ !\s+\S/;

export interface OutputSource {
  /** Shown as the first line. */
  title: string;
  /** A fresh stream URL (read just before streaming: they are short-lived). */
  url(signal: AbortSignal): Promise<string | null | undefined>;
}

export class OutputTerminal extends StreamTerminal {
  private ended!: () => void;
  /** The first ` !` line of the output: what a failed build's message quotes. */
  firstFailure: string | undefined;
  /** Settles when the stream has ended, failed or been closed: whatever follows (a deploy's outcome) comes after. */
  readonly done = new Promise<void>((resolve) => (this.ended = resolve));

  constructor(
    private readonly source: OutputSource,
    onText?: (text: string) => void,
  ) {
    super(onText);
  }

  /** A closing line under the output (a deploy's outcome), already coloured. */
  override writeLine(line: string): void {
    super.writeLine(line);
  }

  protected async stream(signal: AbortSignal): Promise<void> {
    this.notice(this.source.title);
    try {
      const url = await this.source.url(signal);
      if (!url) return this.notice(l10n.t('Heroku gives no output stream for this one'));
      for await (const line of streamLines(url, { signal })) {
        if (this.firstFailure === undefined && FAILURE.test(line)) this.firstFailure = withoutControls(line).trim();
        this.writeLine(colorBuildLine(line));
      }
      this.notice(l10n.t('end of output'));
    } catch (e) {
      this.notice(l10n.t(`the output could not be read: {0}`, (e as Error).message));
    } finally {
      this.ended();
    }
  }

  protected override stopped(): void {
    this.ended();
  }
}
