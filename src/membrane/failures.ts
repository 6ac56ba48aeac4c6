// A failed (or failure-carrying) Membrane CLI call, read from its output and classified
// into the error taxonomy of errors.ts: not logged in, connection not ready, rate
// limited, Heroku's own API error, or the CLI's message. The wording and exit codes are
// not documented, so the patterns below accept every plausible variant.
import { extractJson, findLastIndex, isRecord } from './envelopes';
import { redactText } from './redact';
import { ApiError, CommandFailedError, ConnectionNotReadyError, MembraneError, NotLoggedInError, RateLimitedError } from './errors';
import * as l10n from '@vscode/l10n';


export interface CliFailure {
  type?: string;
  key?: string;
  message: string;
  status?: number;
  data?: unknown;
  /** Set when the failure carries the vendor's (Heroku's) own response. */
  heroku?: { status?: number; id?: string; message: string };
}

/**
 * What a CLI error says: JSON on stdout, then JSON on stderr (`{type,key,message}` or
 * `{error, message}`), else the last non-empty stderr line, else stdout.
 */
export function readFailure(stdout: string, stderr: string): CliFailure {
  for (const text of [stdout, stderr]) {
    const read = extractJson(text);
    if (read.ok) {
      const f = failureFromJson(read.value);
      if (f) return f;
    }
  }
  // Text: from the last `Error:` line to the end (messages can span lines), else the last line.
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const errorLine = findLastIndex(lines, (l) => /^error:/i.test(l));
  const text = errorLine >= 0 ? lines.slice(errorLine).join('\n') : lines.pop();
  // Stdout is data, not a message: say how much there was, quote none of it.
  const message = text ? redactText(text) : stdout.trim() ? l10n.t(`no error message ({0} bytes on stdout)`, Buffer.byteLength(stdout)) : l10n.t('no message');
  return { message: message.replace(/^error:\s*/i, '').slice(0, 2000) };
}

function failureFromJson(v: unknown): CliFailure | undefined {
  if (!isRecord(v)) return undefined;
  const inner = isRecord(v.error) ? v.error : v;
  let message = typeof inner.message === 'string' ? inner.message : typeof v.error === 'string' && typeof v.message !== 'string' ? v.error : undefined;
  if (!message) return undefined;
  message = redactText(message);
  const status = typeof inner.status === 'number' ? inner.status : typeof inner.statusCode === 'number' ? inner.statusCode : undefined;
  return {
    type: typeof inner.type === 'string' ? inner.type : undefined,
    key: typeof inner.key === 'string' ? inner.key : typeof inner.code === 'string' ? inner.code : typeof v.error === 'string' ? v.error : undefined,
    message,
    status,
    data: inner.data,
    heroku: vendorResponse(inner),
  };
}

/**
 * Heroku's answer inside a Membrane error: `data.response {status, data: {id, message}}`
 * (the SDK's extractMembraneErrorData), or a bare Heroku error body `{id, message}`.
 */
function vendorResponse(e: Record<string, unknown>): CliFailure['heroku'] {
  const data = isRecord(e.data) ? e.data : undefined;
  const response = data && isRecord(data.response) ? data.response : undefined;
  if (response) {
    const body = isRecord(response.data) ? response.data : isRecord(response.body) ? response.body : {};
    const status = typeof response.status === 'number' ? response.status : undefined;
    const message = typeof body.message === 'string' ? body.message : typeof e.message === 'string' ? e.message : `HTTP ${status}`;
    return { status, id: typeof body.id === 'string' ? body.id : undefined, message };
  }
  return isHerokuErrorBody(e) ? { id: e.id as string, message: e.message as string } : undefined;
}

/** `{id, message}` and nothing Membrane-specific: the shape of every Heroku error body. */
export function isHerokuErrorBody(v: unknown): v is { id: string; message: string } {
  return isRecord(v) && typeof v.id === 'string' && typeof v.message === 'string' && !('type' in v) && Object.keys(v).length <= 3;
}

/** A JSON document printed with exit 0 that is really an error (`{type, message}` and no payload). */
export function errorInSuccess(value: unknown): CliFailure | undefined {
  if (!isRecord(value)) return undefined;
  if ('id' in value || 'items' in value || 'output' in value || 'status' in value) return undefined;
  if (typeof value.type === 'string' && typeof value.message === 'string') return failureFromJson(value);
  return undefined;
}

const AUTH_TEXT = /not (logged|signed) in|not[_ ]authenticated|please log ?in|login required|unauthori[sz]ed|\b401\b|(login|session|credentials?) (has )?expired/i;
const RATE_TEXT = /rate limit|too many requests|\b429\b/i;
const CONNECTION_TEXT = /connection (is )?(not ready|disconnected|defunct)|reconnect/i;
const CONNECTION_KEYS = new Set(['connection_is_defunct', 'access_token_expired', 'connection_disconnected']);

/** Map a CLI failure to the taxonomy. */
export function classifyFailure(command: string, exitCode: number | undefined, f: CliFailure): MembraneError {
  if (f.heroku) {
    if (f.heroku.status === 429 || f.heroku.id === 'rate_limit') return new RateLimitedError(f.heroku.message, undefined);
    return new ApiError(f.heroku.status, f.heroku.id, f.heroku.message, 'heroku');
  }
  const key = f.key?.toLowerCase();
  if ((key && CONNECTION_KEYS.has(key)) || f.type === 'connection') {
    // Heroku's own authorization lapsed: the connection needs the user again, not a new login.
    const id = isRecord(f.data) && typeof f.data.connectionId === 'string' ? f.data.connectionId : undefined;
    return new ConnectionNotReadyError(id, 'CLIENT_ACTION_REQUIRED', undefined, l10n.t(`{0} Reconnect Heroku.`, f.message));
  }
  if (key === 'not_authenticated' || f.status === 401 || AUTH_TEXT.test(f.message)) {
    return new NotLoggedInError(f.message);
  }
  if (key === 'rate_limit_exceeded' || f.status === 429 || (!key && RATE_TEXT.test(f.message))) return new RateLimitedError(f.message, undefined);
  if (!key && CONNECTION_TEXT.test(f.message)) return new ConnectionNotReadyError(undefined, 'UNKNOWN', undefined, l10n.t(`{0} Reconnect Heroku.`, f.message));
  if (f.status !== undefined || f.type || key) {
    return new ApiError(f.status, f.key, f.message, 'membrane');
  }
  return new CommandFailedError(command, exitCode, f.message);
}
