// A source archive's upload: `PUT` of a file to the pre-signed `put_url` that `POST
// /sources` returned, directly (no credentials, not through Membrane), as Heroku's own
// tools send it: `Content-Length` and an empty `Content-Type` (the URL's signature covers
// it). The file is streamed from disk; progress counts the bytes the socket took. The URL
// policy is the streams' one (https, or http to loopback), and errors name the URL
// without its signature.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { checkStreamUrl, describeStreamUrl } from './urlPolicy';
import * as l10n from '@vscode/l10n';

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?(sent: number, total: number): void;
}

/** Resolves when the storage answered 2xx; a cancel rejects with an AbortError and sends nothing more. */
export async function uploadFile(rawUrl: string, file: string, opts: UploadOptions = {}): Promise<void> {
  const url = checkStreamUrl(rawUrl);
  const total = (await stat(file)).size;
  const where = describeStreamUrl(rawUrl);
  if (opts.signal?.aborted) throw abortError();
  await new Promise<void>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'PUT',
      headers: { 'Content-Length': String(total), 'Content-Type': '', 'User-Agent': 'heroku-membrane-vscode' },
    });
    const body = createReadStream(file);
    let sent = 0;
    let settled = false;
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', stop);
      if (e) {
        body.destroy();
        request.destroy();
        reject(e);
      } else resolve();
    };
    const stop = () => finish(abortError());
    opts.signal?.addEventListener('abort', stop, { once: true });
    body.on('data', (chunk) => {
      sent += chunk.length;
      opts.onProgress?.(sent, total);
    });
    body.on('error', (e) => finish(new UploadError(l10n.t(`The archive could not be read: {0}`, e.message))));
    request.on('error', (e) => finish(new UploadError(l10n.t(`The upload to {0} failed: {1}`, where, e.message))));
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        // An error body is a short XML document; keep at most 16 KB of it.
        if (size < 16_384) chunks.push(c);
        size += c.length;
      });
      res.on('error', (e) => finish(new UploadError(l10n.t(`The upload to {0} failed: {1}`, where, e.message))));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return finish();
        finish(new UploadError(describeRefusal(status, Buffer.concat(chunks).toString('utf8')), status));
      });
    });
    body.pipe(request);
  });
}

/** What the storage's refusal means for the user (S3 answers `<Error><Code>…</Code><Message>…</Message></Error>`). */
export function describeRefusal(status: number, body: string): string {
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1];
  const said = [code, message].filter(Boolean).join(': ');
  const what = said ? l10n.t('The upload was refused (HTTP {0}, {1}).', status, said) : l10n.t('The upload was refused (HTTP {0}).', status);
  if (status === 403 && /expired/i.test(message ?? '')) return l10n.t(`{0} Heroku's upload URLs are valid for a short time: deploy again for a fresh one.`, what);
  if (status === 403) return l10n.t(`{0} The upload URL was not accepted: deploy again for a fresh one.`, what);
  return l10n.t(`{0} Nothing was built; deploy again.`, what);
}

function abortError(): Error {
  return Object.assign(new Error(l10n.t('The upload was cancelled.')), { name: 'AbortError' });
}
