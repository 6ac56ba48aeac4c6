// Running one CLI command and turning its exit into data or a typed error. Shared by
// the client (login, connections, actions) and the API transport (action run, request).

import { commandName, type CliRunner, type RunOptions, type RunResult } from './runner';
import { requireJson } from './envelopes';
import { classifyFailure, errorInSuccess, readFailure } from './failures';

export type CallOptions = Pick<RunOptions, 'signal' | 'timeoutMs'>;

/** Run; a non-zero exit becomes the classified error. */
export async function runOk(runner: CliRunner, args: string[], opts: CallOptions = {}): Promise<RunResult> {
  const r = await runner.run(args, opts);
  if (r.exitCode !== 0) throw classifyFailure(commandName(args), r.exitCode, readFailure(r.stdout, r.stderr));
  return r;
}

/** Run with `--json` appended last (so no boolean flag swallows a positional) and parse stdout. */
export async function runJson(runner: CliRunner, args: string[], opts: CallOptions = {}): Promise<unknown> {
  const withJson = [...args, '--json'];
  const r = await runOk(runner, withJson, opts);
  const value = requireJson(commandName(args), r.stdout);
  const hidden = errorInSuccess(value);
  if (hidden) throw classifyFailure(commandName(args), 0, hidden);
  return value;
}
