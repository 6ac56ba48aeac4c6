// The one place that starts the Membrane CLI: execa with an argument array and never a
// shell, a timeout, AbortSignal cancellation that kills the child, bounded output and
// no colour. It reports spawn problems, timeouts, cancellation and oversized output as
// typed errors; a non-zero exit is returned for the client to classify.

import { CancelledError, CliMissingError, TimedOutError, UnexpectedOutputError } from './errors';
import { redactArgs, redactText } from './redact';
import type { SpawnTarget } from './resolveBinary';

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Upper bound for stdout and stderr each; the child is killed past it. */
  maxOutputBytes?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CallLogEntry {
  /** Redacted argument vector, safe to log. */
  args: string[];
  durationMs: number;
  exitCode: number | undefined;
  outcome: 'ok' | 'exit' | 'timeout' | 'cancelled' | 'missing' | 'too-large';
  pid: number | undefined;
}

export interface CliRunner {
  readonly target: SpawnTarget;
  run(args: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

type ExecaModule = typeof import('execa');
let execaModule: Promise<ExecaModule> | undefined;
// Loaded on first use: keeps execa out of the extension's activation path.
const loadExeca = (): Promise<ExecaModule> => (execaModule ??= import('execa'));

export class ExecaRunner implements CliRunner {
  constructor(
    readonly target: SpawnTarget,
    private readonly defaults: { timeoutMs?: number; maxOutputBytes?: number; env?: Record<string, string> } = {},
    private readonly onCall?: (entry: CallLogEntry) => void,
  ) {}

  async run(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const command = commandName(args);
    if (opts.signal?.aborted) throw new CancelledError(command);
    const { execa } = await loadExeca();
    const timeoutMs = opts.timeoutMs ?? this.defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBuffer = opts.maxOutputBytes ?? this.defaults.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
    const started = performance.now();
    const sub = execa(this.target.file, [...this.target.prefixArgs, ...args], {
      shell: false,
      reject: false,
      stdin: 'ignore',
      timeout: timeoutMs,
      cancelSignal: opts.signal,
      maxBuffer,
      forceKillAfterDelay: 2_000,
      windowsHide: true,
      stripFinalNewline: false,
      env: { NO_COLOR: '1', FORCE_COLOR: '0', TERM: 'dumb', ...this.target.env, ...this.defaults.env },
    });
    const r = await sub;
    const durationMs = Math.round(performance.now() - started);
    const log = (outcome: CallLogEntry['outcome']) =>
      this.onCall?.({ args: redactArgs(args), durationMs, exitCode: r.exitCode, outcome, pid: sub.pid });

    if (r.isCanceled) {
      log('cancelled');
      throw new CancelledError(command);
    }
    if (r.timedOut) {
      log('timeout');
      throw new TimedOutError(command, timeoutMs);
    }
    if (r.isMaxBuffer) {
      log('too-large');
      throw new UnexpectedOutputError(command, '(stdout)', `output exceeded ${maxBuffer} bytes and the CLI was stopped`);
    }
    if (r.exitCode === undefined) {
      // Never started: ENOENT / EACCES / not a valid executable.
      log('missing');
      const reason = r.code ?? redactText(r.shortMessage ?? 'could not be started');
      throw new CliMissingError(this.target.display, reason);
    }
    log(r.exitCode === 0 ? 'ok' : 'exit');
    return { exitCode: r.exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), durationMs };
  }
}

/** The CLI sub-command for messages: `connection get`, `request`, … (no ids or payloads). */
export function commandName(args: readonly string[]): string {
  const words: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') || words.length === 2) break;
    if (words.length === 1 && !/^[a-z][a-z-]*$/.test(a)) break;
    words.push(a);
  }
  return words.join(' ') || args[0] || '';
}
