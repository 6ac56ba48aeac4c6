// The `act` transport of Membrane's current agent documentation:
//   membrane act --connectionId=<id> --api '{"method","path","body","headers","query"}' --json
//   membrane act --connectionId=<id> --key=<actionKey>|--id=<actionId> --input='<json>' --json
// Every answer is `{output, actionRunId}`; what `output` holds for `--api` is not
// documented, so both the `{status, headers, body}` envelope and the bare body are read.

import { runJson, type CallOptions } from './invoke';
import { isRecord, unwrapActionOutput } from './envelopes';
import type { CliRunner } from './runner';
import { fillPathParams, readProxyOutput, type ActionRunOutput, type MembraneApi, type ProxyRequest, type ProxyResponse, type RequestOptions } from './api';

/** Membrane action ids are 24 hex digits; anything else is an action key. */
const ACTION_ID = /^[0-9a-f]{24}$/;

export class ActApi implements MembraneApi {
  readonly transport = 'act' as const;

  constructor(private readonly runner: CliRunner) {}

  async runAction(connectionId: string, selector: string, input: unknown, opts: CallOptions = {}): Promise<ActionRunOutput> {
    const which = ACTION_ID.test(selector) ? `--id=${selector}` : `--key=${selector}`;
    const args = ['act', `--connectionId=${connectionId}`, which, `--input=${JSON.stringify(input ?? {})}`];
    return unwrapActionOutput(await runJson(this.runner, args, opts));
  }

  async request(connectionId: string, req: ProxyRequest, opts: RequestOptions = {}): Promise<ProxyResponse> {
    const api: Record<string, unknown> = { method: req.method, path: fillPathParams(req.path, req.pathParams) };
    if (req.body !== undefined) api.body = req.body;
    if (req.headers && Object.keys(req.headers).length) api.headers = req.headers;
    if (req.query && Object.keys(req.query).length) api.query = req.query;
    const args = ['act', `--connectionId=${connectionId}`, `--api=${JSON.stringify(api)}`, '--json'];
    const r = await this.runner.run(args, opts);
    return readProxyOutput('act', r, opts, (v) => (isRecord(v) && 'output' in v && 'actionRunId' in v ? v.output : v));
  }
}
