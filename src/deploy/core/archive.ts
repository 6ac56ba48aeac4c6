// The source archive: the selected files packed by `tar` (gzip, portable headers: no
// owner names or ids), streamed to a temp file (readable by this user only: it is the
// whole source) with its SHA-256 computed on the way. The
// archive is never held in memory whole: the tar stream is read chunk by chunk and each
// chunk is hashed and written before the next is asked for.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pack } from 'tar';

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

export async function packArchive(root: string, files: readonly string[], outFile: string, opts: PackOptions = {}): Promise<Archive> {
  const hash = createHash('sha256');
  let bytes = 0;
  let done = 0;
  const pack = new Pack({
    cwd: root,
    gzip: true,
    portable: true,
    // The list names every file: a directory entry must not pull in what the selection left out.
    noDirRecurse: true,
    // An unreadable file fails the packaging instead of being left out with a warning.
    strict: true,
    // Read each file in 1 MB pieces (tar's default is 16 MB per read): memory stays flat whatever the files' sizes.
    maxReadSize: 1024 * 1024,
    onWriteEntry: () => opts.onProgress?.(++done, files.length),
  });
  const tap = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      bytes += chunk.length;
      next(null, chunk);
    },
  });
  // The queue holds paths, not contents: each file is read when its turn comes.
  for (const f of files) pack.add(f);
  pack.end();
  try {
    await pipeline(Readable.from(pack), tap, createWriteStream(outFile, { mode: 0o600 }), { signal: opts.signal });
  } catch (e) {
    await rm(outFile, { force: true });
    throw e;
  }
  return { file: outFile, checksum: `SHA256:${hash.digest('hex')}`, bytes, entries: files.length };
}
