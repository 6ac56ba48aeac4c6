// The connection state machine in plain Node against the sandbox: states, the identity
// cache (CLI calls per window), login, expiry, cancellation. Every manager a test makes
// is disposed in `finally` (its poll stops), and tests wait for states, never for time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionManager, type ManagerDeps, type Memory } from '../../src/connection/core/connectionManager';
import type { ConnectionStatus } from '../../src/connection/core/connectionState';
import type { CliRunner, RunResult } from '../../src/membrane';
import { InProcessRunner } from '../helpers/inProcessRunner';
import { SANDBOX_BIN, makeSandbox, type SandboxMode, type TestSandbox } from '../helpers/sandbox';
import { waitForEvent, waitUntil } from '../helpers/wait';
import * as fs from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxWorlds = require('../../sandbox/lib/world.js') as { twoAccountsWorld(): unknown };
const SIDE = '6750c2a1f3b9d84e21a7c5f1';

function memory(): Memory & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: (k: string, v: unknown) => void data.set(k, v) };
}

/** In process, the sandbox answers for its own binary; any other program behaves as `/bin/true` (exit 0, silent). */
function inProcessRunners(box: TestSandbox): ManagerDeps['makeRunner'] {
  return (target, defaults, onCall) =>
    target.file === SANDBOX_BIN
      ? new InProcessRunner(target, box.env, defaults, onCall)
      : ({ target, run: async (): Promise<RunResult> => ({ exitCode: 0, stdout: '', stderr: '', durationMs: 0 }) } satisfies CliRunner);
}

export function connectionManagerSuite(mode: SandboxMode): void {
  async function withManager(
    knobs: Record<string, string>,
    body: (t: { box: TestSandbox; manager: ConnectionManager; mem: ReturnType<typeof memory>; seen: ConnectionStatus[]; commands: string[] }) => Promise<void>,
    cliPath = SANDBOX_BIN,
    extraDeps: Partial<ManagerDeps> = {},
  ): Promise<void> {
    const box = makeSandbox({ mode, knobs });
    // In process mode the manager spawns with the test process's environment: point the sandbox at this box.
    const savedEnv = { ...process.env };
    if (mode === 'process') {
      for (const k of Object.keys(process.env)) if (k.startsWith('MEMBRANE_SANDBOX_')) delete process.env[k];
      Object.assign(process.env, box.env);
    }
    const mem = memory();
    const seen: ConnectionStatus[] = [];
    const commands: string[] = [];
    const manager = new ConnectionManager({
      settings: () => ({ cliPath, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000 }),
      memory: mem,
      onCall: (e) => commands.push(e.args.filter((a) => !a.startsWith('-') || a === '--version' || a === '--help').slice(0, 2).join(' ')),
      pollIntervalMs: 50,
      makeRunner: mode === 'in-process' ? inProcessRunners(box) : undefined,
      ...extraDeps,
    });
    const sub = manager.onDidChange((s) => seen.push(s));
    try {
      await body({ box, manager, mem, seen, commands });
    } finally {
      sub.dispose();
      manager.dispose();
      if (mode === 'process') process.env = savedEnv;
      box.dispose();
    }
  }

  // The whole suite's limit (each test has the runner's own): in the contract tier every test
  // spawns the real sandbox CLI, and on a loaded 2-core machine the suite takes over a minute.
  describe('ConnectionManager', { timeout: 240_000 }, () => {
    it('checks identity once per binary: 4 CLI calls in the first window, 2 after (ensure and list, in parallel)', () =>
      withManager({}, async ({ box, manager, commands, mem }) => {
        assert.equal((await manager.recheck()).kind, 'ready');
        assert.deepEqual(commands.slice(0, 2), ['--version', '--help']);
        assert.deepEqual(commands.slice(2).sort(), ['connection ensure', 'connection list']);
        assert.equal(manager.status.cliVersion, '1.18.3');
        assert.equal(manager.status.connectionId, '6750c2a1f3b9d84e21a7c5e0');
        commands.length = 0;
        const second = new ConnectionManager({
          settings: () => ({ cliPath: SANDBOX_BIN, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000 }),
          memory: mem,
          onCall: () => commands.push('call'),
          makeRunner: mode === 'in-process' ? inProcessRunners(box) : undefined,
        });
        try {
          assert.equal((await second.recheck()).kind, 'ready');
          assert.equal(commands.length, 2);
        } finally {
          second.dispose();
        }
      }));

    // The budget (docs/ARCHITECTURE.md): a cold window shows the apps after the probe and one list.
    describe('the action catalogue, remembered per connection', () => {
      const CATALOG = 'heroku.actionCatalog.6750c2a1f3b9d84e21a7c5e0';
      /** Another window over the same memory and sandbox session, as VS Code starting again. */
      const nextWindow = (box: TestSandbox, mem: Memory) =>
        new ConnectionManager({
          settings: () => ({ cliPath: SANDBOX_BIN, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000 }),
          memory: mem,
          makeRunner: mode === 'in-process' ? inProcessRunners(box) : undefined,
        });
      /** What the sandbox recorded: its call counter (`membrane sandbox state`, which counts itself) and its call log. */
      const callsSoFar = async (box: TestSandbox) => (JSON.parse((await box.cli(['sandbox', 'state'])).stdout).session.calls as number) - 1;
      /** A first window that connected and listed the catalogue (remembered) and the apps. */
      const firstWindow = async (manager: ConnectionManager) => {
        assert.equal((await manager.recheck()).kind, 'ready');
        await manager.heroku!.warmUp();
        await manager.heroku!.listApps();
      };

      it('a cold window counts 3 CLI calls before its apps: connection ensure and list in parallel, then the apps (no action list)', () =>
        withManager({}, async ({ box, manager, mem }) => {
          await firstWindow(manager);
          assert.ok(mem.get(CATALOG), 'the catalogue is remembered');
          const counted = await callsSoFar(box);
          const logged = box.callLog().length;
          const second = nextWindow(box, mem);
          try {
            assert.equal((await second.recheck()).kind, 'ready');
            await second.heroku!.warmUp(); // as the views do when the connection turns ready: nothing to list
            assert.ok((await second.heroku!.listApps()).length > 0);
            assert.equal((await callsSoFar(box)) - counted - 1, 3, 'the sandbox counted 3 calls (besides one sandbox state)');
            const calls = box.callLog().slice(logged).filter((c) => c.command !== 'sandbox state');
            // The apps are one action run (`act` or `action run`, as the CLI offers).
            assert.deepEqual(calls.map((c) => c.command.replace(/^(act|action run)$/, 'the apps')).sort(), ['connection ensure', 'connection list', 'the apps']);
            // Two in series: the apps are read once the probe (its two calls at once) has answered.
            const ended = (c: { ts: string }) => Date.parse(c.ts);
            const run = calls.find((c) => !c.command.startsWith('connection'))!;
            const probeEnd = Math.max(...calls.filter((c) => c !== run).map(ended));
            assert.ok(ended(run) - run.ms >= probeEnd - 1, 'the apps follow the probe');
          } finally {
            second.dispose();
          }
        }));

      it('an old catalogue serves the first read at once and is listed again behind it', () =>
        withManager({}, async ({ box, manager, mem }) => {
          await firstWindow(manager);
          const old = mem.get<{ at: number; actions: unknown[] }>(CATALOG)!;
          mem.update(CATALOG, { ...old, at: Date.now() - 2 * 24 * 3600_000 });
          const logged = box.callLog().length;
          const second = nextWindow(box, mem);
          try {
            await second.recheck();
            await second.heroku!.warmUp();
            await second.heroku!.listApps();
            await waitUntil(() => mem.get<{ at: number }>(CATALOG)!.at > old.at, 'the catalogue listed again and remembered');
            const commands = box.callLog().slice(logged).map((c) => c.command);
            assert.deepEqual(commands.filter((c) => !c.startsWith('connection')).map((c) => c.replace(/^(act|action run)$/, 'the apps')).sort(), ['action list', 'the apps']);
          } finally {
            second.dispose();
          }
        }));

      it('a remembered action Membrane no longer knows: the catalogue is listed again and the read made once more', () =>
        withManager({}, async ({ box, manager, mem }) => {
          await firstWindow(manager);
          const kept = mem.get<{ at: number; actions: Array<{ id: string; key?: string }> }>(CATALOG)!;
          mem.update(CATALOG, { ...kept, actions: kept.actions.map((a) => (a.key === 'list-apps' ? { ...a, id: '000000000000000000000000' } : a)) });
          const second = nextWindow(box, mem);
          try {
            await second.recheck();
            assert.ok((await second.heroku!.listApps()).length > 0);
            assert.notEqual(mem.get<typeof kept>(CATALOG)!.actions.find((a) => a.key === 'list-apps')!.id, '000000000000000000000000');
          } finally {
            second.dispose();
          }
        }));
    });

    it('reports cliMissing with its reason', () =>
      withManager({}, async ({ manager }) => {
        const s = await manager.recheck();
        assert.equal(s.kind, 'cliMissing');
        assert.match(s.detail ?? '', /no such file/);
      }, '/nonexistent/membrane'));

    it('reports wrongBinary for a program that is not the Membrane CLI', () =>
      withManager({}, async ({ manager }) => {
        assert.equal((await manager.recheck()).kind, 'wrongBinary');
      }, '/bin/true'));

    it('logged out → login (URL opened, code asked) → ready', () =>
      withManager({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' }, async ({ manager }) => {
        assert.equal((await manager.recheck()).kind, 'loggedOut');
        const urls: string[] = [];
        const result = await manager.login({ openUrl: async (u) => (urls.push(u), true), askCode: async () => 'SANDBOX-1234' });
        assert.equal(result, 'ok');
        assert.equal(manager.status.kind, 'ready');
        assert.match(urls[0] ?? '', /^https:\/\/console\.getmembrane\.com\//);
        assert.equal(await manager.login({ openUrl: async () => true, askCode: async () => undefined }), 'cancelled');
      }));

    it('follows BUILDING and the browser step to READY, showing each state', () =>
      withManager({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_BUILD_MS: '50' }, async ({ manager, seen, box }) => {
        const sub = manager.onDidChange((s) => {
          if (s.kind === 'browserStep') void box.cli(['sandbox', 'complete-client-action']);
        });
        try {
          assert.equal((await manager.recheck()).kind, 'ready');
        } finally {
          sub.dispose();
        }
        const kinds = seen.map((s) => s.kind);
        assert.deepEqual(kinds.filter((k, i) => k !== kinds[i - 1]), ['checking', 'connecting', 'browserStep', 'ready']);
        assert.equal(seen.find((s) => s.kind === 'browserStep')?.clientAction?.type, 'connect');
      }));

    it('SETUP_FAILED → failed with the reason', () =>
      withManager({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'SETUP_FAILED' }, async ({ manager }) => {
        const s = await manager.recheck();
        assert.equal(s.kind, 'failed');
        assert.match(s.detail ?? '', /Connector build failed/);
      }));

    it('an expired login mid-session → loggedOut', () =>
      withManager({ MEMBRANE_SANDBOX_FAULT: 'auth-expired', MEMBRANE_SANDBOX_FAULT_COMMAND: 'action run', MEMBRANE_SANDBOX_TRANSPORTS: 'request' }, async ({ manager }) => {
        await manager.recheck();
        const heroku = manager.heroku;
        assert.ok(heroku);
        await assert.rejects(heroku.account());
        assert.equal(manager.status.kind, 'loggedOut');
      }));

    it('a connection that lapses right after every reconnect is retried with growing waits, then fails naming the error', () => {
      const waits: number[] = [];
      return withManager(
        { MEMBRANE_SANDBOX_FAULT: 'connection-defunct', MEMBRANE_SANDBOX_FAULT_COMMAND: 'act' },
        async ({ manager, commands }) => {
          // What the explorer does: every time the connection is ready, load again.
          const reload = manager.onDidChange((s) => {
            if (s.kind === 'ready') void manager.heroku?.account().catch(() => undefined);
          });
          try {
            const failed = waitForEvent(manager.onDidChange, (s) => s.kind === 'failed', 'the failed state');
            await manager.recheck();
            const s = await failed;
            assert.match(s.detail ?? '', /keeps lapsing.*3 attempts.*defunct/s);
            assert.deepEqual(waits, [1, 2, 3]);
            // Bounded: the probe, then per round one ensure, one list and one failing run (plus the catalogue once).
            assert.ok(commands.length <= 18, `${commands.length} CLI calls: ${commands.join(', ')}`);
            assert.equal(manager.status.kind, 'failed');
          } finally {
            reload.dispose();
          }
        },
        SANDBOX_BIN,
        { reconnectDelay: async (attempt) => void waits.push(attempt) },
      );
    });

    it('Heroku calls go through act when the CLI offers it, through request when not, or as the setting forces', async () => {
      const heroku = async (knobs: Record<string, string>, transport?: 'act' | 'request') => {
        let used: string[] = [];
        await withManager(
          knobs,
          async ({ manager, commands }) => {
            await manager.recheck();
            commands.length = 0;
            await manager.heroku!.account();
            used = [...new Set(commands)].sort();
          },
          SANDBOX_BIN,
          transport ? { settings: () => ({ cliPath: SANDBOX_BIN, clientName: 'vscode', connectionIdOverride: '', callTimeoutMs: 20_000, transport }) } : {},
        );
        return used;
      };
      // `action list` (the catalogue) is the same either way; the Heroku call itself differs.
      assert.deepEqual(await heroku({}), ['act', 'action list']);
      assert.deepEqual(await heroku({ MEMBRANE_SANDBOX_TRANSPORTS: 'request' }), ['action list', 'action run']);
      assert.deepEqual(await heroku({}, 'request'), ['action list', 'action run']);
    });

    it('a check the user stops ends in "failed", saying so: nothing follows the connection any more', () =>
      withManager({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY' }, async ({ manager }) => {
        const browserStep = waitForEvent(manager.onDidChange, (s) => s.kind === 'browserStep', 'the browser step');
        const stop = new AbortController();
        const first = manager.recheck({ signal: stop.signal });
        await browserStep;
        // Still polling in the browser step: the user's Cancel ends the probe.
        stop.abort();
        await first;
        assert.equal(manager.status.kind, 'failed');
        assert.match(manager.status.detail ?? '', /stopped the connection check/);
      }));

    it('several Heroku connections: the one ensure finds first, then the others listed; each has its own client', () =>
      withManager({}, async ({ box, manager }) => {
        fs.writeFileSync(box.worldFile, JSON.stringify(sandboxWorlds.twoAccountsWorld()));
        const s = await manager.recheck();
        assert.equal(s.kind, 'ready');
        assert.deepEqual(s.accounts?.map((a) => [a.connectionId, a.kind, a.name]), [
          ['6750c2a1f3b9d84e21a7c5e0', 'ready', 'Heroku'],
          [SIDE, 'ready', 'Heroku (side gig)'],
        ]);
        const first = manager.herokuFor('6750c2a1f3b9d84e21a7c5e0')!;
        const side = manager.herokuFor(SIDE)!;
        assert.notEqual(first, side, 'a client (cache, rate limit) per connection');
        assert.equal((await side.account()).email, 'alex@side-gig.io');
        assert.equal((await first.account()).email, 'alex@acme.dev');
      }));

    it('one account failing or waiting for the browser never holds up the other; the waiting one is followed to READY', () =>
      withManager({ MEMBRANE_SANDBOX_ACCOUNT_STATES: `${SIDE}=CLIENT_ACTION_REQUIRED` }, async ({ box, manager }) => {
        fs.writeFileSync(box.worldFile, JSON.stringify(sandboxWorlds.twoAccountsWorld()));
        const s = await manager.recheck();
        assert.equal(s.kind, 'ready', 'the check ends once the first account is ready');
        assert.equal(s.accounts?.[1]?.kind, 'browserStep');
        assert.match(s.accounts?.[1]?.clientAction?.uiUrl ?? '', new RegExp(`/connections/${SIDE}/`));
        assert.equal(manager.herokuFor(SIDE), undefined, 'no client until it is ready');
        const ready = waitForEvent(manager.onDidChange, (x) => x.accounts?.[1]?.kind === 'ready', 'the side account ready');
        await box.cli(['sandbox', 'complete-client-action', SIDE]);
        await ready;
        assert.ok(manager.herokuFor(SIDE));
      }));

    it('a connection list that fails costs only the other accounts: the first one connects', () =>
      withManager({ MEMBRANE_SANDBOX_FAULT: 'garbage', MEMBRANE_SANDBOX_FAULT_COMMAND: 'connection list' }, async ({ box, manager }) => {
        fs.writeFileSync(box.worldFile, JSON.stringify(sandboxWorlds.twoAccountsWorld()));
        const s = await manager.recheck();
        assert.equal(s.kind, 'ready');
        assert.deepEqual(s.accounts?.map((a) => a.connectionId), ['6750c2a1f3b9d84e21a7c5e0']);
        assert.equal(s.accountEmail, undefined);
      }));

    it('Add Another Heroku Account: a new connection through the browser step; Remove Account forgets it', () =>
      withManager({}, async ({ box, manager }) => {
        assert.equal((await manager.recheck()).accounts?.length, 1);
        const opened: string[] = [];
        const added = await manager.addAccount((action) => {
          opened.push(action.uiUrl ?? '');
          void box.cli(['sandbox', 'complete-client-action']);
        });
        assert.equal(added.kind, 'ready');
        assert.equal(opened.length, 1);
        assert.deepEqual(manager.status.accounts?.map((a) => a.kind), ['ready', 'ready']);
        assert.equal((await manager.herokuFor(added.connectionId)!.account()).email, 'alex@side-gig.io');
        await manager.removeAccount(added.connectionId);
        assert.deepEqual(manager.status.accounts?.map((a) => a.connectionId), ['6750c2a1f3b9d84e21a7c5e0']);
        assert.equal(manager.herokuFor(added.connectionId), undefined);
        assert.equal((await manager.recheck()).accounts?.length, 1, 'Membrane no longer lists it');
      }));

    it('a command started while the check runs waits for its answer (not for the browser step)', () =>
      withManager({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,READY' }, async ({ manager }) => {
        assert.equal(manager.status.kind, 'checking');
        const check = manager.recheck();
        const answered = await manager.whenChecked();
        assert.equal(answered.kind, 'ready');
        assert.ok(manager.requireHeroku(), 'the command gets its client');
        await check;
        // Settled already: answered at once.
        assert.equal((await manager.whenChecked()).kind, 'ready');
      }));
  });
}
