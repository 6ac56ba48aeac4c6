// Chunks of a text stream to complete lines. Chunks do not align with lines (nor with
// UTF-8 characters), Logplex sends NUL bytes as heartbeats, and lines may end in \r\n.

import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut: a stream that never sends a newline cannot grow memory without bound. */
export const MAX_LINE_CHARS = 64 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  /** The complete lines this chunk finishes, without their line ends and heartbeats. */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk)).replace(/\0/g, '');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    const lines = parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    while (this.partial.length > MAX_LINE_CHARS) {
      lines.push(this.partial.slice(0, MAX_LINE_CHARS));
      this.partial = this.partial.slice(MAX_LINE_CHARS);
    }
    return lines;
  }

  /** The last line, if the stream ended without a newline after it. */
  end(): string | undefined {
    const rest = (this.partial + this.decoder.end()).replace(/\0/g, '').replace(/\r$/, '');
    this.partial = '';
    return rest ? rest : undefined;
  }
}
