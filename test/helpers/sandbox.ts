// A throwaway sandbox for one test: its own home (session), its own copy of a world,
// a call log, and a runner/client/API bound to that environment (the test process's
// own environment is never changed). Mode 'in-process' (the unit tier) answers through
// the sandbox's logic in this process; 'process' (the contract tier) spawns the real
// sandbox CLI for every call.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActApi, RequestApi, ExecaRunner, MembraneClient, type CallLogEntry, type CliRunner, type MembraneApi, type TransportName } from '../../src/membrane';
import { InProcessRunner } from './inProcessRunner';

export const REPO = path.resolve(__dirname, '..', '..');
export const SANDBOX_BIN = path.join(REPO, 'sandbox', 'bin', 'membrane');
export const DEFAULT_WORLD = path.join(REPO, 'sandbox', 'worlds', 'default.json');
export const CONNECTION_ID = '6750c2a1f3b9d84e21a7c5e0';

export type SandboxMode = 'in-process' | 'process';

export interface SandboxOptions {
  mode?: SandboxMode;
  /** The proxy transport `api` uses (default `request`). */
  transport?: TransportName;
  knobs?: Record<string, string>;
  /** A world file to copy (default: the default world). */
  world?: string;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

export interface TestSandbox {
  home: string;
  worldFile: string;
  env: Record<string, string>;
  runner: CliRunner;
  client: MembraneClient;
  api: MembraneApi;
  calls: CallLogEntry[];
  /** The sandbox's own call log (one entry per process). */
  callLog(): Array<{ command: string; argv: string[]; exit: number; /** when the call ended (ISO) and how long it took */ ts: string; ms: number }>;
   
  world(): any;
  /** Run the sandbox CLI directly (e.g. `sandbox complete-client-action`). */
  cli(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  dispose(): void;
}

export function makeSandbox(opts: SandboxOptions = {}): TestSandbox {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'membrane-sbx-'));
  const worldFile = path.join(home, 'world.json');
  fs.copyFileSync(opts.world ?? DEFAULT_WORLD, worldFile);
  const logFile = path.join(home, 'calls.jsonl');
  const env: Record<string, string> = {
    MEMBRANE_SANDBOX_HOME: home,
    // A stream server a test started (a log session) exits soon after the test stops using it.
    MEMBRANE_SANDBOX_STREAM_IDLE_MS: '3000',
    MEMBRANE_SANDBOX_ROUTER_MS: '0',
    MEMBRANE_SANDBOX_WORLD: worldFile,
    MEMBRANE_SANDBOX_CALL_LOG: logFile,
    ...opts.knobs,
  };
  const calls: CallLogEntry[] = [];
  const target = { file: SANDBOX_BIN, prefixArgs: [], env: {}, display: SANDBOX_BIN };
  const limits = { timeoutMs: opts.timeoutMs ?? 20_000, maxOutputBytes: opts.maxOutputBytes };
  const runner: CliRunner =
    (opts.mode ?? 'process') === 'in-process'
      ? new InProcessRunner(target, env, limits, (e) => calls.push(e))
      : new ExecaRunner(target, { env, ...limits }, (e) => calls.push(e));
  return {
    home,
    worldFile,
    env,
    runner,
    client: new MembraneClient(runner, 'vscode-tests'),
    api: opts.transport === 'act' ? new ActApi(runner) : new RequestApi(runner),
    calls,
    callLog: () =>
      fs.existsSync(logFile)
        ? fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
        : [],
    world: () => JSON.parse(fs.readFileSync(worldFile, 'utf8')),
    cli: async (args) => {
      const bare = opts.mode === 'in-process' ? new InProcessRunner(target, env) : new ExecaRunner(target, { env });
      return bare.run(args);
    },
    dispose: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

/** The dialect combinations every client test runs under. */
export const DIALECTS: Array<{ name: string; knobs: Record<string, string> }> = [
  { name: 'documented (items, output, envelope, json errors on stdout)', knobs: {} },
  {
    name: 'bare (array lists, bare action output, body-only requests, exit 0 on HTTP errors, text errors)',
    knobs: {
      MEMBRANE_SANDBOX_LIST_DIALECT: 'array',
      MEMBRANE_SANDBOX_RUN_DIALECT: 'bare',
      MEMBRANE_SANDBOX_REQUEST_DIALECT: 'body',
      MEMBRANE_SANDBOX_REQUEST_ERROR_EXIT: 'zero',
      MEMBRANE_SANDBOX_ERROR_DIALECT: 'text',
      MEMBRANE_SANDBOX_LOGIN_DIALECT: 'json',
    },
  },
  {
    name: 'noisy (noise lines around JSON, JSON errors on stderr, body-only requests with non-zero exit on HTTP errors)',
    knobs: { MEMBRANE_SANDBOX_NOISE: '1', MEMBRANE_SANDBOX_ERROR_DIALECT: 'json-stderr', MEMBRANE_SANDBOX_REQUEST_DIALECT: 'body' },
  },
];

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
