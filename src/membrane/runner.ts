// The one place that starts the Membrane CLI: execa with an argument array and never a
// shell, a timeout, AbortSignal cancellation, bounded output and no colour. A timeout or
// a cancel kills the whole process tree (a process group on POSIX, `taskkill /T` on
// Windows) and never waits on a descendant that still holds stdout. Spawn problems,
// crashes, timeouts, cancellation and oversized output become typed errors; a non-zero
// exit is returned for the client to classify. No error text carries the command line
// or raw output (they can hold secrets).

import { CancelledError, CliCrashedError, CliMissingError, TimedOutError, UnexpectedOutputError } from './errors';
import { redactArgs } from './redact';
import type { SpawnTarget } from './resolveBinary';
import * as l10n from '@vscode/l10n';

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
  outcome: 'ok' | 'exit' | 'timeout' | 'cancelled' | 'missing' | 'crashed' | 'too-large';
  pid: number | undefined;
}

export interface CliRunner {
  readonly target: SpawnTarget;
  run(args: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** After SIGTERM to the tree: how long before SIGKILL, and how long before we stop waiting for its pipes. */
const KILL_GRACE_MS = 2_000;
const PIPE_GRACE_MS = 1_000;

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
      maxBuffer,
      // Its own process group on POSIX, so a timeout or a cancel can end every descendant.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stripFinalNewline: false,
      env: { NO_COLOR: '1', FORCE_COLOR: '0', TERM: 'dumb', ...this.target.env, ...this.defaults.env },
    });

    // Our own reasons to stop the tree: the deadline or the caller's signal.
    let stoppedFor: 'timeout' | 'cancelled' | undefined;
    let release: () => void = () => {};
    const abandoned = new Promise<'abandoned'>((resolve) => (release = () => resolve('abandoned')));
    const timers: NodeJS.Timeout[] = [];
    const stop = (why: 'timeout' | 'cancelled') => {
      if (stoppedFor) return;
      stoppedFor = why;
      killTree(sub.pid, 'SIGTERM');
      timers.push(setTimeout(() => killTree(sub.pid, 'SIGKILL'), KILL_GRACE_MS));
      // A descendant outside the group (or a stuck pipe) must not keep this call open.
      timers.push(setTimeout(release, KILL_GRACE_MS + PIPE_GRACE_MS));
    };
    const onAbort = () => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(setTimeout(() => stop('timeout'), timeoutMs));

    let r: Awaited<typeof sub> | undefined;
    try {
      const settled = await Promise.race([sub, abandoned]);
      if (settled === 'abandoned') {
        sub.stdout?.destroy();
        sub.stderr?.destroy();
      } else {
        r = settled;
      }
    } finally {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    }
    // A cancel or timeout may leave a grandchild that outlived SIGTERM: make sure.
    if (stoppedFor) killTree(sub.pid, 'SIGKILL');
    const durationMs = Math.round(performance.now() - started);
    const log = (outcome: CallLogEntry['outcome']) =>
      this.onCall?.({ args: redactArgs(args), durationMs, exitCode: r?.exitCode, outcome, pid: sub.pid });

    if (stoppedFor === 'cancelled') {
      log('cancelled');
      throw new CancelledError(command);
    }
    if (stoppedFor === 'timeout') {
      log('timeout');
      throw new TimedOutError(command, timeoutMs);
    }
    if (!r) throw new CancelledError(command); // unreachable: only our own stop abandons the call
    if (r.isMaxBuffer) {
      killTree(sub.pid, 'SIGKILL');
      log('too-large');
      throw new UnexpectedOutputError(command, '(stdout)', l10n.t(`output exceeded {0} bytes and the CLI was stopped`, maxBuffer));
    }
    if (r.exitCode === undefined && r.signal) {
      log('crashed');
      throw new CliCrashedError(command, r.signal);
    }
    if (r.exitCode === undefined) {
      // Never started: ENOENT / EACCES / not a valid executable. Only the error code is
      // kept: execa's own message repeats the whole command line.
      log('missing');
      throw new CliMissingError(this.target.display, spawnProblem(r.code));
    }
    log(r.exitCode === 0 ? 'ok' : 'exit');
    return { exitCode: r.exitCode, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), durationMs };
  }
}

function spawnProblem(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return l10n.t('no such file');
    case 'EACCES':
      return l10n.t('permission denied (is it executable?)');
    case 'ENOEXEC':
      return l10n.t('not a program this system can run');
    default:
      return code ? l10n.t(`could not be started ({0})`, code) : l10n.t('could not be started');
  }
}

/** Signal the child and every descendant in its group; on Windows, `taskkill /T /F`. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    if (process.platform === 'win32') {
      void loadExeca().then(({ execa }) => execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, windowsHide: true }));
    } else {
      process.kill(-pid, signal);
    }
  } catch {
    // Already gone.
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
