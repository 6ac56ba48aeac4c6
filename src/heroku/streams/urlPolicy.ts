import * as l10n from '@vscode/l10n';
// Which stream URLs may be opened directly (log sessions' `logplex_url`, builds' and
// releases' `output_stream_url`). They are pre-signed: the token is in the query or the
// path, and they are fetched without credentials, never through Membrane's proxy. The caller
// passes only URLs that came from a Heroku API response; this module checks the rest:
// - `https` to any host;
// - plain `http` only to a loopback address (the sandbox's local server);
// - nothing else (no `file:`, no credentials in the URL).
// Every log line names the URL through `describeStreamUrl`, which drops the query and
// the path's ids (a log session's id is its secret).

export class StreamUrlRefusedError extends Error {
  constructor(readonly reason: string) {
    super(l10n.t(`A stream URL was refused: {0}. Heroku streams are https; only a local sandbox may use plain http.`, reason));
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The URL to open, or StreamUrlRefusedError saying why not. */
export function checkStreamUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StreamUrlRefusedError(l10n.t('it is not a URL'));
  }
  if (url.username || url.password) throw new StreamUrlRefusedError(l10n.t('it carries credentials'));
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  if (url.protocol === 'http:') throw new StreamUrlRefusedError(l10n.t(`plain http to {0}, which is not this machine`, url.hostname));
  throw new StreamUrlRefusedError(l10n.t('the {0} scheme', url.protocol.replace(/:$/, '')));
}

// A run of id characters this long is taken for a secret: a Logplex session id
// (`/sessions/<uuid>`), a hex or base64 token. Short segments (`/streams/4f`, `ab.log`) stay.
const OPAQUE_RUN = /[A-Za-z0-9+=_~%-]{16,}/g;

/** The URL as logs and terminals may show it: scheme, host, and the path with its long opaque runs as `…`; the query masked. */
export function describeStreamUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname.replace(OPAQUE_RUN, '…')}${url.search ? '?…' : ''}`;
  } catch {
    return l10n.t('(not a URL)');
  }
}
