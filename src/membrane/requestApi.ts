// The `request` transport: `membrane request <connId> <path> --method … --json`. Its
// output is most likely the response body alone (the documented envelope is accepted
// too). `--json` is sent only with a JSON body: Membrane's per-app skills describe it as
// "send a JSON body and set Content-Type: application/json", not as an output switch.

import { runJson, type CallOptions } from './invoke';
import { unwrapActionOutput } from './envelopes';
import { commandName, type CliRunner } from './runner';
import { readProxyOutput, type ActionRunOutput, type MembraneApi, type ProxyRequest, type ProxyResponse, type RequestOptions } from './api';

export class RequestApi implements MembraneApi {
  readonly transport = 'request' as const;

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
    if (req.body !== undefined) args.push(`--data=${JSON.stringify(req.body)}`, '--json');
    const r = await this.runner.run(args, opts);
    return readProxyOutput(commandName(args), r, opts);
  }
}
