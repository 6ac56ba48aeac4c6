'use strict';
// Source uploads, as Heroku's `POST /sources` hands them out: a pre-signed `put_url` and
// `get_url` pair on the sandbox's stream server, S3-like. A token file under
// `<home>/sources/` holds the signature and expiry; the server stores the uploaded blob
// beside it, and answers a wrong signature, an expired URL or a refusal knob with S3's
// 403 XML. The archive reader here is the sandbox's own (plain ustar and pax headers), so
// what the extension packs is checked by code that did not write it.

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const zlib = require('node:zlib');
const { writeAtomic } = require('./store');

const DIR = 'sources';
const LAST = 'last-upload.json';

const tokenFile = (home, token) => path.join(home, DIR, `${token}.json`);
const blobFile = (home, token) => path.join(home, DIR, `${token}.blob`);

/** A new source: its token file, and the URLs Heroku would return. */
function createSource(home, port, ttlMs) {
  const token = crypto.randomBytes(16).toString('hex');
  const signature = crypto.randomBytes(20).toString('hex');
  fs.mkdirSync(path.join(home, DIR), { recursive: true });
  writeAtomic(tokenFile(home, token), JSON.stringify({ signature, expiresAt: Date.now() + ttlMs }));
  const expires = Math.max(1, Math.round(ttlMs / 1000));
  const url = `http://127.0.0.1:${port}/${DIR}/${token}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=${expires}&X-Amz-Signature=${signature}`;
  return { get_url: url, put_url: url };
}

/** S3's answer to a refused request. */
function s3Error(res, status, code, message) {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Why a request to a source URL is refused (an S3 code and message), or undefined. */
function refusal(home, token, url) {
  let source;
  try {
    source = JSON.parse(fs.readFileSync(tokenFile(home, token), 'utf8'));
  } catch {
    return ['NoSuchKey', 'The specified key does not exist.', 404];
  }
  if (url.searchParams.get('X-Amz-Signature') !== source.signature) return ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.', 403];
  if (Date.now() > source.expiresAt) return ['AccessDenied', 'Request has expired', 403];
  return undefined;
}

/** `PUT` stores the body (streamed to disk, never held whole); `GET` serves it back. */
function handleSource(home, token, url, req, res, knobs) {
  const refused = refusal(home, token, url);
  if (refused) return s3Error(res, refused[2], refused[0], refused[1]);
  if (req.method === 'GET') {
    if (!fs.existsSync(blobFile(home, token))) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    return void fs.createReadStream(blobFile(home, token)).pipe(res);
  }
  if (req.method !== 'PUT') return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (knobs.MEMBRANE_SANDBOX_UPLOAD_REFUSE) {
    req.resume();
    return s3Error(res, 403, 'AccessDenied', 'Access Denied');
  }
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared)) {
    req.resume();
    return s3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const partial = `${blobFile(home, token)}.part`;
  const out = fs.createWriteStream(partial);
  // A client that goes away mid-upload destroys the file stream: its error is expected, not a crash.
  out.on('error', () => undefined);
  let received = 0;
  req.on('data', (chunk) => (received += chunk.length));
  req.pipe(out);
  // A client that goes away mid-upload leaves nothing behind (S3 keeps no partial object).
  req.on('aborted', () => {
    out.destroy();
    fs.rmSync(partial, { force: true });
  });
  out.on('finish', () => {
    if (received !== declared) {
      fs.rmSync(partial, { force: true });
      return s3Error(res, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.');
    }
    fs.renameSync(partial, blobFile(home, token));
    writeAtomic(path.join(home, LAST), JSON.stringify({ token, bytes: received, at: new Date().toISOString() }));
    res.writeHead(200, { ETag: `"${crypto.createHash('md5').update(token).digest('hex')}"` });
    res.end();
  });
}

/** The blob a `get_url` of this sandbox names, or undefined when it names none. */
function blobOfUrl(home, rawUrl) {
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  const m = new RegExp(`^/${DIR}/([0-9a-f]{32})$`).exec(url.pathname);
  if (!m || refusal(home, m[1], url)) return undefined;
  try {
    return fs.readFileSync(blobFile(home, m[1]));
  } catch {
    return undefined;
  }
}

/** The last uploaded archive's bytes (for `membrane sandbox last-archive`). */
function lastUpload(home) {
  try {
    const { token } = JSON.parse(fs.readFileSync(path.join(home, LAST), 'utf8'));
    return fs.readFileSync(blobFile(home, token));
  } catch {
    return undefined;
  }
}

/**
 * The entries of a .tar.gz: `{path, type: file|directory|symlink|other, size, mode, linkpath}`.
 * Throws when the bytes are not a gzipped tar.
 */
function listTarGz(bytes) {
  const tar = zlib.gunzipSync(bytes);
  const entries = [];
  let pax = {};
  let longName;
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (!validChecksum(header)) throw new Error(`not a tar archive (bad header checksum at byte ${offset})`);
    const field = (start, len) => header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const flag = field(156, 1) || '0';
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (flag === 'x') {
      pax = parsePax(body.toString('utf8'));
      continue;
    }
    if (flag === 'g') continue;
    if (flag === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    const prefix = field(345, 155);
    const name = pax.path || longName || (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const type = flag === '0' || flag === '7' ? 'file' : flag === '5' ? 'directory' : flag === '2' ? 'symlink' : 'other';
    entries.push({ path: name.replace(/^\.\/(?=.)/, ''), type, size, mode: parseInt(field(100, 8).trim() || '0', 8), linkpath: pax.linkpath || field(157, 100) || undefined });
    pax = {};
    longName = undefined;
  }
  return entries;
}

function validChecksum(header) {
  const stored = parseInt(header.subarray(148, 156).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum === stored;
}

/** Pax records: `<len> key=value\n`. */
function parsePax(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

module.exports = { createSource, handleSource, blobOfUrl, lastUpload, listTarGz };
