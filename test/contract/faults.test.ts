// Every sandbox fault gives a typed, actionable error; cancellation and timeouts leave
// no child process; the identity check rejects a program that is not Membrane.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancelledError,
  CliCrashedError,
  CliMissingError,
  CommandFailedError,
  ConnectionNotReadyError,
  ExecaRunner,
  NotLoggedInError,
  TimedOutError,
  UnexpectedOutputError,
  WrongBinaryError,
  checkIdentity,
  connectionState,
} from '../../src/membrane';
import { CONNECTION_ID, isAlive, makeSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitUntil } from '../helpers/wait';

const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));
function box(knobs: Record<string, string>, opts: { timeoutMs?: number; maxOutputBytes?: number } = {}) {
  const b = makeSandbox({ knobs, ...opts });
  boxes.push(b);
  return b;
}

describe('faults', () => {
  it('hang: the call times out and the child is killed', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'hang' }, { timeoutMs: 1500 });
    await assert.rejects(b.client.listConnections(), (e: unknown) => e instanceof TimedOutError && e.command === 'connection list');
    const pid = b.calls.at(-1)?.pid;
    assert.ok(pid);
    assert.equal(b.calls.at(-1)?.outcome, 'timeout');
    assert.equal(isAlive(pid), false);
  });

  it('garbage: unexpected output naming the command', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'garbage' });
    await assert.rejects(b.client.ensureConnection(), (e: unknown) => e instanceof UnexpectedOutputError && e.command === 'connection ensure' && e.field === '(stdout)');
  });

  it('truncated JSON: unexpected output, never a half-read list', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'truncated', MEMBRANE_SANDBOX_FAULT_COMMAND: 'connection list' });
    await assert.rejects(b.client.listConnections(), UnexpectedOutputError);
    await b.client.ensureConnection();
    await assert.doesNotReject(b.api.request(CONNECTION_ID, { method: 'GET', path: '/account' }));
  });

  it('non-zero exit with a JSON error, and with text only', async () => {
    const json = box({ MEMBRANE_SANDBOX_FAULT: 'exit-json' });
    await assert.rejects(json.client.listConnections(), (e: unknown) => /Sandbox fault: internal error/.test((e as Error).message));
    const text = box({ MEMBRANE_SANDBOX_FAULT: 'exit-text' });
    await assert.rejects(text.client.listConnections(), (e: unknown) => e instanceof CommandFailedError && e.exitCode === 2 && e.cliMessage === 'sandbox fault: something went wrong');
  });

  it('auth expired mid-session: calls work, then report "not logged in" until the next login', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'auth-expired', MEMBRANE_SANDBOX_FAULT_AFTER: '2' });
    await b.client.ensureConnection();
    await b.api.request(CONNECTION_ID, { method: 'GET', path: '/account' });
    await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps' }), NotLoggedInError);
    await assert.rejects(b.client.listConnections(), NotLoggedInError);
  });

  it('10 MB of output is read whole within the default bound, and refused past a smaller one', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'huge', MEMBRANE_SANDBOX_FAULT_COMMAND: 'connection ensure' });
    const c = await b.client.ensureConnection();
    assert.equal(connectionState(c), 'READY');
    assert.ok(((c as Record<string, unknown>).sandboxPadding as string).length >= 10 * 1024 * 1024);
    const small = box({ MEMBRANE_SANDBOX_FAULT: 'huge', MEMBRANE_SANDBOX_FAULT_COMMAND: 'connection ensure' }, { maxOutputBytes: 1024 * 1024 });
    await assert.rejects(small.client.ensureConnection(), (e: unknown) => e instanceof UnexpectedOutputError && /exceeded 1048576 bytes/.test(e.message));
    const pid = small.calls.at(-1)?.pid;
    assert.ok(pid && !isAlive(pid));
  });

  it('a missing binary is CliMissingError', async () => {
    const runner = new ExecaRunner({ file: '/nonexistent/membrane', prefixArgs: [], env: {}, display: '/nonexistent/membrane' });
    await assert.rejects(runner.run(['--version']), (e: unknown) => e instanceof CliMissingError && e.reason === 'no such file');
  });
});

describe('cancellation', () => {
  it('aborting a call kills the child: its PID is gone afterwards', async () => {
    const b = box({ MEMBRANE_SANDBOX_FAULT: 'hang' });
    const ac = new AbortController();
    const pending = b.client.listConnections({ signal: ac.signal });
    // Abort once the sandbox process is inside its hang (it counts the fault first).
    await waitUntil(() => {
      try {
        return JSON.parse(fs.readFileSync(path.join(b.home, 'session.json'), 'utf8')).faultCalls >= 1;
      } catch {
        return false;
      }
    }, 'the CLI to be hanging');
    ac.abort();
    await assert.rejects(pending, CancelledError);
    const pid = b.calls.at(-1)?.pid;
    assert.ok(pid);
    assert.equal(b.calls.at(-1)?.outcome, 'cancelled');
    assert.equal(isAlive(pid), false);
  });

  it('an already aborted signal starts nothing', async () => {
    const b = box({});
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(b.client.listConnections({ signal: ac.signal }), CancelledError);
    assert.equal(b.callLog().length, 0);
  });
});

describe('waiting for the connection', () => {
  it('BUILDING → CLIENT_ACTION_REQUIRED → READY, reporting each change, after the browser step', async () => {
    const b = box({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_BUILD_MS: '100' });
    const first = await b.client.ensureConnection();
    assert.equal(connectionState(first), 'BUILDING');
    const seen: string[] = [];
    const ready = await b.client.waitForConnection(first.id, {
      pollIntervalMs: 100,
      onUpdate: (c) => {
        seen.push(connectionState(c));
        if (c.clientAction) {
          assert.equal(c.clientAction.type, 'connect');
          assert.match(c.clientAction.uiUrl ?? '', /^https:\/\/ui\.getmembrane\.com\//);
          // The user finishes the browser step; the next poll sees it.
          void b.cli(['sandbox', 'complete-client-action']);
        }
      },
    });
    assert.equal(connectionState(ready), 'READY');
    assert.deepEqual(seen, ['CLIENT_ACTION_REQUIRED', 'READY']);
    const gets = b.callLog().filter((c) => c.command === 'connection get');
    assert.ok(gets.every((g) => g.argv.includes('--wait') && g.argv.some((a) => /^--timeout=\d+$/.test(a))));
  });

  it('SETUP_FAILED ends the wait with the error text', async () => {
    const b = box({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,SETUP_FAILED', MEMBRANE_SANDBOX_BUILD_MS: '50' });
    const c = await b.client.ensureConnection();
    await assert.rejects(b.client.waitForConnection(c.id, { pollIntervalMs: 50 }), (e: unknown) => {
      assert.ok(e instanceof ConnectionNotReadyError);
      assert.equal(e.state, 'SETUP_FAILED');
      assert.match(e.message, /Connector build failed/);
      return true;
    });
  });

  it('the wait is cancellable while the user has not finished the browser step', async () => {
    const b = box({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY' });
    const c = await b.client.ensureConnection();
    const ac = new AbortController();
    // Cancel as soon as the first poll has answered (the user is still in the browser).
    const waiting = b.client.waitForConnection(c.id, { signal: ac.signal, pollIntervalMs: 200, onUpdate: () => ac.abort() });
    await assert.rejects(waiting, CancelledError);
    for (const call of b.calls) assert.equal(isAlive(call.pid ?? 0), false);
  });

  it('the polls knob ends the browser step by itself', async () => {
    const b = box({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'CLIENT_ACTION_REQUIRED,READY', MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS: '2' });
    const c = await b.client.ensureConnection();
    assert.equal(connectionState(await b.client.waitForConnection(c.id, { pollIntervalMs: 50 })), 'READY');
  });
});

describe('identity check', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-membrane-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fake = (name: string, script: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/usr/bin/env node\n${script}\n`, { mode: 0o755 });
    return new ExecaRunner({ file, prefixArgs: [], env: {}, display: file });
  };

  it('rejects the Amazon-Ads plugin that also calls itself membrane', async () => {
    const runner = fake('ads', `const a=process.argv[2]; if(a==='--version'){console.log('membrane 2.4.0')} else {console.log('Membrane - Amazon Ads for Claude and Codex\\n\\nCommands:\\n  connect\\n  connect complete\\n  credentials\\n  disconnect\\n  catalog\\n  hook')}`);
    await assert.rejects(checkIdentity(runner), (e: unknown) => e instanceof WrongBinaryError && /Amazon-Ads plugin/.test(e.message));
  });

  it('rejects a program without a version, and one whose help lacks the commands', async () => {
    await assert.rejects(checkIdentity(fake('nover', `process.exit(3)`)), (e: unknown) => e instanceof WrongBinaryError && /exited with 3/.test(e.message));
    await assert.rejects(checkIdentity(fake('other', `console.log(process.argv[2]==='--version'?'1.0.0':'usage: other [files]')`)), (e: unknown) => e instanceof WrongBinaryError && /"connection"/.test(e.message));
  });
});

describe('process trees, crashes and what error texts may carry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-membrane-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const SECRET_ARGS = ['request', CONNECTION_ID, '/apps/x/config-vars', '--method=PATCH', '--data={"SECRET":"hunter2"}'];
  const program = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text, { mode: 0o755 });
    return file;
  };
  const runnerFor = (file: string, timeoutMs = 20_000) => new ExecaRunner({ file, prefixArgs: [], env: {}, display: file }, { timeoutMs });

  it('a timeout ends a wrapper and the grandchild that holds its stdout, at the deadline', async () => {
    const pidFile = path.join(dir, 'grandchild.pid');
    // A shell wrapper that starts node without exec: the grandchild inherits stdout and never ends.
    const wrapper = program('wrapper', `#!/bin/sh\n"${process.execPath}" -e 'require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1e9)'\necho never\n`);
    const t0 = Date.now();
    await assert.rejects(runnerFor(wrapper, 1_000).run(['connection', 'list']), TimedOutError);
    const took = Date.now() - t0;
    // Deadline + SIGKILL grace + pipe grace at most, never the grandchild's lifetime.
    assert.ok(took < 10_000, `run() returned after ${took} ms`);
    const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
    await waitUntil(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`);
  });

  it('a cancel ends the whole tree too', async () => {
    const pidFile = path.join(dir, 'grandchild2.pid');
    const wrapper = program('wrapper2', `#!/bin/sh\n"${process.execPath}" -e 'require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1e9)'\n`);
    const ac = new AbortController();
    const call = runnerFor(wrapper).run(['connection', 'list'], { signal: ac.signal });
    const grandchild = await waitUntil(() => fs.existsSync(pidFile) && Number(fs.readFileSync(pidFile, 'utf8')), 'the grandchild to start');
    ac.abort();
    await assert.rejects(call, CancelledError);
    await waitUntil(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`);
  });

  it('a CLI killed by a signal is a crash, and the message carries no command line or payload', async () => {
    const crashing = program('crash', `#!/usr/bin/env node\nprocess.kill(process.pid, 'SIGKILL');\n`);
    await assert.rejects(runnerFor(crashing).run(SECRET_ARGS), (e: unknown) => {
      assert.ok(e instanceof CliCrashedError, String(e));
      assert.equal(e.signal, 'SIGKILL');
      assert.doesNotMatch(e.message, /hunter2|SECRET|--data|config-vars/);
      assert.doesNotMatch(e.message, /not found|install it/i);
      return true;
    });
  });

  it('a missing or non-executable CLI names the problem, never the command line', async () => {
    await assert.rejects(runnerFor(path.join(dir, 'absent')).run(SECRET_ARGS), (e: unknown) => e instanceof CliMissingError && /no such file/.test(e.message) && !/hunter2|--data/.test(e.message));
    const notExec = path.join(dir, 'not-exec');
    fs.writeFileSync(notExec, 'plain text', { mode: 0o644 });
    await assert.rejects(runnerFor(notExec).run(SECRET_ARGS), (e: unknown) => e instanceof CliMissingError && /permission denied/.test(e.message) && !/hunter2|--data/.test(e.message));
  });
});
