// The unit tier's fake runner: the sandbox's own command logic (sandbox/lib/main.js
// `execute`) answers in this process, over the test's copy of a fixture world, so a
// call takes microseconds instead of a Node start-up. The contract tier runs the same
// tests against the real sandbox process through ExecaRunner.

import { CancelledError, TimedOutError, UnexpectedOutputError } from '../../src/membrane';
import { commandName, type CallLogEntry, type CliRunner, type RunOptions, type RunResult } from '../../src/membrane/runner';
import type { SpawnTarget } from '../../src/membrane/resolveBinary';

interface SandboxResult {
  exit: number;
  stdout: string;
  stderr: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const sandbox: { execute(argv: string[], env: Record<string, string | undefined>, o: { signal: AbortSignal }): Promise<SandboxResult> } = require('../../sandbox/lib/main.js');

export class InProcessRunner implements CliRunner {
  constructor(
    readonly target: SpawnTarget,
    private readonly env: Record<string, string>,
    private readonly defaults: { timeoutMs?: number; maxOutputBytes?: number } = {},
    private readonly onCall?: (entry: CallLogEntry) => void,
  ) {}

  async run(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const command = commandName(args);
    if (opts.signal?.aborted) throw new CancelledError(command);
    const timeoutMs = opts.timeoutMs ?? this.defaults.timeoutMs ?? 20_000;
    const maxBytes = opts.maxOutputBytes ?? this.defaults.maxOutputBytes ?? 64 * 1024 * 1024;
    const stop = new AbortController();
    let outcome: 'timeout' | 'cancelled' | undefined;
    const onAbort = () => {
      outcome ??= 'cancelled';
      stop.abort();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      outcome ??= 'timeout';
      stop.abort();
    }, timeoutMs);
    const started = performance.now();
    const stopped = new Promise<undefined>((resolve) => stop.signal.addEventListener('abort', () => resolve(undefined), { once: true }));
    try {
      const r = await Promise.race([sandbox.execute([...args], { ...process.env, ...this.env }, { signal: stop.signal }), stopped]);
      const durationMs = Math.round(performance.now() - started);
      const log = (o: CallLogEntry['outcome']) => this.onCall?.({ args: [...args], durationMs, exitCode: r?.exit, outcome: o, pid: undefined });
      if (!r || outcome) {
        log(outcome ?? 'cancelled');
        throw outcome === 'timeout' ? new TimedOutError(command, timeoutMs) : new CancelledError(command);
      }
      if (Buffer.byteLength(r.stdout) > maxBytes || Buffer.byteLength(r.stderr) > maxBytes) {
        log('too-large');
        throw new UnexpectedOutputError(command, '(stdout)', `output exceeded ${maxBytes} bytes and the CLI was stopped`);
      }
      log(r.exit === 0 ? 'ok' : 'exit');
      return { exitCode: r.exit, stdout: r.stdout, stderr: r.stderr, durationMs };
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      stop.abort();
    }
  }
}
