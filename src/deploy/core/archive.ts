// The source archive: the selected files as a tar stream (tar.ts: portable headers, no
// owner names or ids), gzipped at level 6 (zlib's default, and `git archive`'s) on
// libuv's thread pool, streamed to a temp file (readable by this user only: it is the
// whole source) with its SHA-256 computed on the way. The archive is never held in
// memory whole: the tar stream is made 1 MB at a time as gzip asks for it (a few blocks
// in flight), and each compressed chunk is hashed and written before more is asked for.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type TransformOptions } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';
import { BLOCK_BYTES, tarStream } from './tar';

export interface Archive {
  file: string;
  /** `SHA256:<hex>`, the form Heroku's build API takes. */
  checksum: string;
  bytes: number;
  entries: number;
}

export interface PackOptions {
  signal?: AbortSignal;
  /** Entries handed to the archive so far, of `total`. */
  onProgress?(done: number, total: number): void;
}

/** zlib's default level, which `git archive` uses too. */
const GZIP_LEVEL = 6;

export async function packArchive(root: string, files: readonly string[], outFile: string, opts: PackOptions = {}): Promise<Archive> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, next) {
      // The gzip header's OS byte as "unknown" (255), as `tar`'s portable mode wrote it: the archive does not depend on where it was made.
      if (bytes === 0 && chunk.length >= 10) chunk[9] = 255;
      hash.update(chunk);
      bytes += chunk.length;
      next(null, chunk);
    },
  });
  // Up to 4 blocks wait for the compressor, so the next ones are read while it works;
  // compressed output comes in chunks of up to 1 MB (zlib's default is 16 KB: a write each).
  // (zlib streams take a Transform's options; @types/node's ZlibOptions does not list them.)
  const gzipOptions: ZlibOptions & TransformOptions = { level: GZIP_LEVEL, chunkSize: BLOCK_BYTES, writableHighWaterMark: 4 * BLOCK_BYTES };
  const gzip = createGzip(gzipOptions);
  try {
    await pipeline(tarStream(root, files, opts.onProgress), gzip, tap, createWriteStream(outFile, { mode: 0o600 }), { signal: opts.signal });
  } catch (e) {
    await rm(outFile, { force: true });
    throw e;
  }
  return { file: outFile, checksum: `SHA256:${hash.digest('hex')}`, bytes, entries: files.length };
}
