// One pre-signed text stream, read as lines: opened with Node's own HTTP client (no
// credentials, not through Membrane), checked against the URL policy, and read chunk by
// chunk as the consumer asks: the socket is paused while the consumer is busy, so a slow
// consumer holds at most one chunk's lines, never a growing buffer.
import * as http from 'node:http';
import * as https from 'node:https';
import { LineSplitter } from './lineSplitter';
import { checkStreamUrl, describeStreamUrl } from './urlPolicy';
import * as l10n from '@vscode/l10n';

/** `gone`: the session is unknown or expired (Heroku's 403/404): open a new one. `failed`: anything else. */
export class StreamError extends Error {
  constructor(
    readonly kind: 'gone' | 'failed',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Called on every chunk received, heartbeats included (the caller's idle timer). */
  onData?(): void;
}

/**
 * The stream's lines, until it ends (a build's output) or the signal aborts (the
 * generator then just returns). A refused URL throws StreamUrlRefusedError; an HTTP
 * error or a dropped connection throws StreamError.
 */
export async function* streamLines(rawUrl: string, opts: StreamOptions = {}): AsyncGenerator<string, void, undefined> {
  const url = checkStreamUrl(rawUrl);
  if (opts.signal?.aborted) return;
  const response = await open(url, opts.signal);
  if (!response) return;
  // Errors reach the loop below through the iterator; a cancel after the loop ended must not be an unhandled one.
  response.on('error', () => undefined);
  const where = describeStreamUrl(rawUrl);
  if (response.statusCode !== 200) {
    response.resume();
    const status = response.statusCode ?? 0;
    throw new StreamError(status === 403 || status === 404 ? 'gone' : 'failed', l10n.t(`The stream {0} answered HTTP {1}.`, where, status), status);
  }
  const splitter = new LineSplitter();
  try {
    for await (const chunk of response) {
      opts.onData?.();
      for (const line of splitter.push(chunk as Buffer)) yield line;
    }
  } catch (e) {
    if (opts.signal?.aborted) return;
    throw new StreamError('failed', l10n.t(`The stream {0} was cut: {1}`, where, (e as Error).message));
  } finally {
    response.destroy();
  }
  if (opts.signal?.aborted) return;
  const last = splitter.end();
  if (last !== undefined) yield last;
}

/**
 * The response, or undefined when the signal aborted first. A cancel destroys the
 * request and its response without an error object (Node's own `signal` option would
 * destroy the socket with an AbortError that no listener can catch once the response
 * has ended).
 */
function open(url: URL, signal: AbortSignal | undefined): Promise<http.IncomingMessage | undefined> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(url, { headers: { Accept: 'text/plain', 'User-Agent': 'heroku-membrane-vscode' } }, (response) => {
      if (signal?.aborted) response.destroy();
      resolve(signal?.aborted ? undefined : response);
    });
    const stop = () => {
      request.destroy();
      resolve(undefined);
    };
    signal?.addEventListener('abort', stop, { once: true });
    request.on('close', () => signal?.removeEventListener('abort', stop));
    request.on('error', (e) => {
      if (signal?.aborted) resolve(undefined);
      else reject(new StreamError('failed', l10n.t(`The stream {0} could not be opened: {1}`, describeStreamUrl(url.href), e.message)));
    });
  });
}
