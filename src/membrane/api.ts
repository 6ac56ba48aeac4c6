// How the Heroku layer reaches Heroku: run a Membrane action, or send a request through
// the connection's proxy. One interface, so the newer `membrane act` surface
// (research/membrane-cli.md §3.7, S1b) can be added as another implementation
// without touching any caller.

import { ApiError, RateLimitedError, UnexpectedOutputError } from './errors';
import { isRecord, unwrapActionOutput, unwrapProxyResponse, type ActionRunOutput, type ProxyResponse } from './envelopes';
import { runJson, type CallOptions } from './invoke';
import { commandName, type CliRunner } from './runner';
import { classifyFailure, describeUnreadable, extractJson, isHerokuErrorBody, readFailure } from './envelopes';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ProxyRequest {
  method: HttpMethod;
  /** A path on the Heroku API (`/apps/{app}`) or a full URL. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string>;
  /** Values for `{name}` placeholders in `path`, filled in by Membrane. */
  pathParams?: Record<string, string>;
}

export interface RequestOptions extends CallOptions {
  /** Return 4xx/5xx responses instead of throwing (the Proxy Request command shows them). */
  allowErrorStatus?: boolean;
}

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

/** `action run` and `request` of the current CLI. */
export class CliApi implements MembraneApi {
  constructor(private readonly runner: CliRunner) {}

  async runAction(connectionId: string, selector: string, input: unknown, opts: CallOptions = {}): Promise<ActionRunOutput> {
    const args = ['action', 'run', selector, `--connectionId=${connectionId}`, `--input=${JSON.stringify(input ?? {})}`];
    return unwrapActionOutput(await runJson(this.runner, args, opts));
  }

  async request(connectionId: string, req: ProxyRequest, opts: RequestOptions = {}): Promise<ProxyResponse> {
    const args = ['request', connectionId, req.path, `--method=${req.method}`];
    for (const [k, v] of Object.entries(req.headers ?? {})) args.push(`--header=${k}: ${v}`);
    for (const [k, v] of Object.entries(req.query ?? {})) args.push(`--query=${k}=${v}`);
    for (const [k, v] of Object.entries(req.pathParams ?? {})) args.push(`--pathParam=${k}=${v}`);
    if (req.body !== undefined) args.push(`--data=${JSON.stringify(req.body)}`);
    args.push('--json');
    const r = await this.runner.run(args, opts);
    const read = extractJson(r.stdout);
    let response: ProxyResponse | undefined;
    if (read.ok) {
      let unwrapped = unwrapProxyResponse(read.value);
      // Body-only output of a failed call: Heroku's `{id, message}` is the error.
      if (!unwrapped.enveloped && isHerokuErrorBody(unwrapped.body)) {
        const status = STATUS_OF_HEROKU_ERROR_ID[unwrapped.body.id] ?? 400;
        unwrapped = { ...unwrapped, status, enveloped: r.exitCode !== 0 };
      }
      // A non-zero exit counts as a response only when the CLI printed the vendor's status.
      if (r.exitCode === 0 || unwrapped.enveloped) response = unwrapped;
    } else if (r.exitCode === 0) {
      if (!r.stdout.trim()) response = { status: 204, headers: {}, body: null, enveloped: false };
      else throw new UnexpectedOutputError('request', '(stdout)', describeUnreadable(r.stdout));
    }
    if (!response) throw classifyFailure(commandName(args), r.exitCode, readFailure(r.stdout, r.stderr));
    if (response.status >= 400 && !opts.allowErrorStatus) throw herokuError(response);
    return response;
  }
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
