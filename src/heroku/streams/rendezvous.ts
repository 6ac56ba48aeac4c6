// A one-off dyno's terminal: Heroku's rendezvous protocol over TLS, as the Heroku CLI
// speaks it. The `attach_url` (`rendezvous://host:port/secret`) comes from `POST
// /apps/{app}/dynos`; the client connects with TLS (the certificate checked as Node
// checks any: never disabled), writes the secret and `\r\n`, drops the first line it
// receives (a handshake), and from then on the socket is the dyno's terminal both ways.
// The secret is never logged: `describeRendezvous` names the host and port only.
import * as tls from 'node:tls';
import * as l10n from '@vscode/l10n';

export class RendezvousError extends Error {}

export interface RendezvousTarget {
  host: string;
  port: number;
  secret: string;
}

/** The attach URL's parts, or a RendezvousError saying why it cannot be used. */
export function parseAttachUrl(raw: string): RendezvousTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RendezvousError(l10n.t('The dyno gave no usable attach address.'));
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    throw new RendezvousError(l10n.t('This dyno offers only an SSH-style attach (an http(s) address), which this extension does not support: use the Heroku CLI for it.'));
  }
  if (url.protocol !== 'rendezvous:') throw new RendezvousError(l10n.t(`The dyno's attach address uses {0}, not rendezvous.`, url.protocol.replace(/:$/, '')));
  const secret = url.pathname.replace(/^\//, '');
  const port = Number(url.port || 5000);
  if (!url.hostname || !secret || !Number.isInteger(port)) throw new RendezvousError(l10n.t('The dyno gave an incomplete attach address.'));
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, secret };
}

export function describeRendezvous(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return l10n.t('(not a URL)');
  }
}

export interface RendezvousSession {
  /** Keystrokes (and anything else) to the dyno. */
  write(data: string): void;
  /** Ends the session (the dyno's process gets a hangup). */
  close(): void;
}

export interface RendezvousHandlers {
  /** The dyno's output, handshake removed. */
  onData(text: string): void;
  /** The socket closed: `error` when it was cut rather than ended by the dyno. */
  onClose(error?: Error): void;
}

/** Connects, sends the secret, and resolves once the handshake line has arrived (or rejects: refused, timed out). */
export function connectRendezvous(attachUrl: string, handlers: RendezvousHandlers, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RendezvousSession> {
  const target = parseAttachUrl(attachUrl);
  const where = describeRendezvous(attachUrl);
  return new Promise((resolve, reject) => {
    let handshakeDone = false;
    let buffered = '';
    let failed: Error | undefined;
    const isIp = /^[\d.]+$|:/.test(target.host);
    const socket = tls.connect({ host: target.host, port: target.port, ...(isIp ? {} : { servername: target.host }) }, () => socket.write(`${target.secret}\r\n`));
    socket.setEncoding('utf8');
    const timer = setTimeout(() => fail(new RendezvousError(l10n.t(`The dyno did not come up: no answer from {0} within {1} s.`, where, Math.round((opts.timeoutMs ?? 60_000) / 1000)))), opts.timeoutMs ?? 60_000);
    const onAbort = () => fail(new RendezvousError(l10n.t('Stopped before the dyno came up.')));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    function fail(e: Error): void {
      failed ??= e;
      socket.destroy();
    }
    socket.on('data', (chunk: string) => {
      if (handshakeDone) return handlers.onData(chunk);
      buffered += chunk;
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      handshakeDone = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ write: (data) => void socket.write(data), close: () => socket.destroy() });
      const rest = buffered.slice(end + 1);
      if (rest) handlers.onData(rest);
    });
    socket.on('error', (e) => (failed ??= new RendezvousError(l10n.t(`The connection to the dyno ({0}) failed: {1}`, where, e.message))));
    socket.on('close', () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!handshakeDone) return reject(failed ?? new RendezvousError(l10n.t(`The dyno refused the connection ({0}): its session is unknown or over.`, where)));
      handlers.onClose(failed);
    });
  });
}
