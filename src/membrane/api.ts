// How the Heroku layer reaches Heroku: run a Membrane action, or send a request through
// the connection's proxy. One interface, two transports of the CLI behind it:
// `request <connId> <path> …` (requestApi.ts) and the newer
// `act --connectionId=<id> --api '{method,path,…}'` (actApi.ts); transport.ts chooses.

import { ApiError, RateLimitedError, UnexpectedOutputError } from './errors';
import { describeUnreadable, extractJson, isRecord, unwrapProxyResponse, type ActionRunOutput, type ProxyResponse } from './envelopes';
import { isHerokuErrorBody } from './failures';
import { classifyFailure, readFailure } from './failures';
import type { CallOptions } from './invoke';
import type { RunResult } from './runner';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ProxyRequest {
  method: HttpMethod;
  /** A path on the Heroku API (`/apps/{app}`) or a full URL. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  /** Values for `{name}` placeholders in `path`. */
  pathParams?: Record<string, string>;
}

export interface RequestOptions extends CallOptions {
  /** Return 4xx/5xx responses instead of throwing (the Proxy Request command shows them). */
  allowErrorStatus?: boolean;
}

export type TransportName = 'act' | 'request';

export interface MembraneApi {
  runAction(connectionId: string, selector: string, input: unknown, opts?: CallOptions): Promise<ActionRunOutput>;
  request(connectionId: string, req: ProxyRequest, opts?: RequestOptions): Promise<ProxyResponse>;
}

export type { ActionRunOutput, ProxyResponse };

// When only the body is printed, the status is inferred from Heroku's documented error ids.
const STATUS_OF_HEROKU_ERROR_ID: Record<string, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  two_factor: 403,
  not_found: 404,
  invalid_params: 422,
  rate_limit: 429,
  internal_server_error: 500,
  unavailable: 503,
};

/**
 * A proxied call's output as a response: the `{status, headers, body}` envelope or the
 * bare body (the expected case for `request`), `unwrap` first peeling a transport's own
 * wrapper (act's `{output}`). A non-zero exit without the vendor's status is the CLI's
 * own failure, classified.
 */
export function readProxyOutput(command: string, r: RunResult, opts: RequestOptions, unwrap: (v: unknown) => unknown = (v) => v): ProxyResponse {
  const read = extractJson(r.stdout);
  let response: ProxyResponse | undefined;
  if (read.ok) {
    let unwrapped = unwrapProxyResponse(unwrap(read.value));
    // Body-only output of a failed call: Heroku's `{id, message}` is the error.
    if (!unwrapped.enveloped && isHerokuErrorBody(unwrapped.body)) {
      const status = STATUS_OF_HEROKU_ERROR_ID[unwrapped.body.id] ?? 400;
      unwrapped = { ...unwrapped, status, enveloped: r.exitCode !== 0 };
    }
    // A non-zero exit counts as a response only when the CLI printed the vendor's status.
    if (r.exitCode === 0 || unwrapped.enveloped) response = unwrapped;
  } else if (r.exitCode === 0) {
    if (!r.stdout.trim()) response = { status: 204, headers: {}, body: null, enveloped: false };
    else throw new UnexpectedOutputError(command, '(stdout)', describeUnreadable(r.stdout));
  }
  if (!response) throw classifyFailure(command, r.exitCode, readFailure(r.stdout, r.stderr));
  if (response.status >= 400 && !opts.allowErrorStatus) throw herokuError(response);
  return response;
}

/** `{name}` placeholders filled in, each value encoded (for transports without path parameters). */
export function fillPathParams(path: string, params: Record<string, string> | undefined): string {
  if (!params) return path;
  // Own values only: a placeholder such as {constructor} must not find Object.prototype's.
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) && params[name] !== undefined ? encodeURIComponent(params[name] as string) : whole));
}

/** Heroku's `{id, message}` error body as a typed error (429 → RateLimitedError). */
export function herokuError(res: ProxyResponse): ApiError | RateLimitedError {
  const body = isRecord(res.body) ? res.body : {};
  const message = typeof body.message === 'string' ? body.message : typeof res.body === 'string' && res.body ? res.body : `HTTP ${res.status}`;
  if (res.status === 429) {
    const retry = Number(res.headers['retry-after']);
    return new RateLimitedError(message, Number.isFinite(retry) ? retry : undefined);
  }
  return new ApiError(res.status, typeof body.id === 'string' ? body.id : undefined, message, 'heroku');
}
