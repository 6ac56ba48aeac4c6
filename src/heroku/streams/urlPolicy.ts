import * as l10n from '@vscode/l10n';
// Which stream URLs may be opened directly (log sessions' `logplex_url`, builds' and
// releases' `output_stream_url`). They are pre-signed: the token is in the query, and
// they are fetched without credentials, never through Membrane's proxy. The caller
// passes only URLs that came from a Heroku API response; this module checks the rest:
// - `https` to any host;
// - plain `http` only to a loopback address (the sandbox's local server);
// - nothing else (no `file:`, no credentials in the URL).
// Every log line names the URL through `describeStreamUrl`, which drops the query.

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

/** The URL as logs may show it: scheme, host and path; the token-bearing query masked. */
export function describeStreamUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    return l10n.t('(not a URL)');
  }
}
