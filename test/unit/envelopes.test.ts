// Parsers against the fixtures in test/fixtures/membrane/ and every envelope variant.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyFailure, errorInSuccess, readFailure } from '../../src/membrane/failures';
import {
  extractJson,
  parseWith,
  requireJson,
  unwrapActionOutput,
  unwrapList,
  unwrapProxyResponse,
} from '../../src/membrane/envelopes';
import {
  ActionSchema,
  ApiError,
  CommandFailedError,
  ConnectionNotReadyError,
  ConnectionSchema,
  NotLoggedInError,
  RateLimitedError,
  UnexpectedOutputError,
  connectionErrorMessage,
  connectionState,
} from '../../src/membrane';

const FIX = path.join(__dirname, '..', 'fixtures', 'membrane');
const fixture = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');
const json = (name: string) => JSON.parse(fixture(name));

describe('fixtures of research §7', () => {
  it('reads every connection state fixture', () => {
    const cases: Array<[string, string]> = [
      ['ensure-ready.json', 'READY'],
      ['ensure-building.json', 'BUILDING'],
      ['client-action-connect.json', 'CLIENT_ACTION_REQUIRED'],
      ['client-action-provide-input.json', 'CLIENT_ACTION_REQUIRED'],
      ['setup-failed.json', 'SETUP_FAILED'],
    ];
    for (const [file, state] of cases) {
      const c = parseWith('connection get', ConnectionSchema, json(file));
      assert.equal(connectionState(c), state, file);
      assert.equal(c.id, '6750c2a1f3b9d84e21a7c5e0');
    }
    const connect = parseWith('x', ConnectionSchema, json('client-action-connect.json'));
    assert.equal(connect.clientAction?.type, 'connect');
    assert.match(connect.clientAction?.uiUrl ?? '', /^https:\/\/ui\.getmembrane\.com\//);
    assert.match(connect.clientAction?.agentInstructions ?? '', /uiUrl/);
    const input = parseWith('x', ConnectionSchema, json('client-action-provide-input.json'));
    assert.equal(input.clientAction?.uiUrl, undefined);
    assert.match(connectionErrorMessage(parseWith('x', ConnectionSchema, json('setup-failed.json'))) ?? '', /Connector build failed/);
  });

  it('reads the connection list, Heroku among its integrations', () => {
    const items = unwrapList('connection list', json('connection-list.json')).map((c) => parseWith('x', ConnectionSchema, c));
    assert.deepEqual(items.map((c) => c.name), ['Heroku', 'Slack']);
    assert.deepEqual(items.map((c) => (c.integrationKey ?? c.integration?.key ?? c.key)?.toLowerCase()), ['heroku', 'slack']);
  });

  it('reads the action list with input schemas', () => {
    const actions = unwrapList('action list', json('action-list.json')).map((a) => parseWith('x', ActionSchema, a));
    assert.deepEqual(actions.map((a) => a.key), ['list-apps', 'get-app', 'list-dynos']);
    assert.deepEqual(actions[1]?.inputSchema?.required, ['appIdOrName']);
  });

  it('unwraps action run and act output', () => {
    const run = unwrapActionOutput(json('action-run-list-apps.json'));
    assert.equal(run.actionRunId, '6750c4aaf3b9d84e21a7c6f9');
    assert.equal((run.output as Array<{ name: string }>)[0]?.name, 'my-demo-api');
    const act = unwrapActionOutput(json('act-account.json'));
    assert.equal((act.output as { email: string }).email, 'dev@example.com');
  });

  it('unwraps the proxy envelope, the bare body and the forwarded vendor error', () => {
    const env = unwrapProxyResponse(json('request-config-vars-1.json'));
    assert.equal(env.status, 200);
    assert.equal(env.enveloped, true);
    assert.equal(env.headers['ratelimit-remaining'], '4499');
    assert.equal((env.body as Record<string, string>).NODE_ENV, 'production');
    const bare = unwrapProxyResponse(json('request-config-vars-2.json'));
    assert.equal(bare.enveloped, false);
    assert.equal((bare.body as Record<string, string>).NODE_ENV, 'production');
    const err = unwrapProxyResponse(json('request-config-vars-3.json'));
    assert.equal(err.status, 404);
    assert.deepEqual(err.body, { id: 'not_found', message: "Couldn't find that app." });
  });

  it('classifies the Membrane error objects', () => {
    const kinds = [1, 2, 3, 4].map((i) => classifyFailure('x', 1, readFailure(fixture(`membrane-errors-${i}.json`), '')));
    assert.ok(kinds[0] instanceof NotLoggedInError);
    assert.ok(kinds[1] instanceof ApiError);
    assert.equal((kinds[1] as ApiError).id, 'not_found');
    assert.ok(kinds[2] instanceof ConnectionNotReadyError);
    assert.equal((kinds[2] as ConnectionNotReadyError).connectionId, '6750c2a1f3b9d84e21a7c5e0');
    assert.ok(kinds[3] instanceof RateLimitedError);
  });

  it('reads the login transcripts', () => {
    assert.match(fixture('login-transcripts-1.txt'), /https:\/\/console\.getmembrane\.com\/cli-auth\?/);
    const failure = readFailure('', fixture('login-transcripts-3.txt'));
    assert.equal(failure.message, 'Invalid or expired authorization code');
    assert.ok(classifyFailure('login complete', 1, failure) instanceof CommandFailedError);
  });
});

describe('extractJson', () => {
  it('reads clean JSON, JSON between noise lines, and JSON after an inline prefix', () => {
    assert.deepEqual(extractJson('{"a":1}'), { ok: true, value: { a: 1 } });
    assert.deepEqual(extractJson('DEPRECATED: x\n[1,2]\nDone in 1s\n'), { ok: true, value: [1, 2] });
    assert.deepEqual(extractJson('npx: installed 1 in 2s {"a":{"b":[1]}} trailing'), { ok: true, value: { a: { b: [1] } } });
    assert.deepEqual(extractJson('(node) warn {not json}\n{\n  "x": "y"\n}\n'), { ok: true, value: { x: 'y' } });
  });
  it('refuses garbage, empty and truncated output', () => {
    assert.equal(extractJson('').ok, false);
    assert.equal(extractJson('%%% garbage').ok, false);
    assert.equal(extractJson('{"items": [ {"id": "a"}, {"id": ').ok, false);
  });
  it('names the command when stdout is not JSON', () => {
    assert.throws(() => requireJson('connection list', 'oops'), (e: unknown) => e instanceof UnexpectedOutputError && /connection list/.test(e.message));
  });
  it('quotes nothing of unreadable output: "not JSON, N bytes"', () => {
    const secretish = 'DATABASE_URL=postgres://admin:hunter2@db/x SECRET_KEY=abc';
    assert.throws(() => requireJson('request', secretish), (e: unknown) => {
      assert.ok(e instanceof UnexpectedOutputError);
      assert.equal(e.detail, `not JSON, ${secretish.length} bytes`);
      assert.ok(!/DATABASE_URL|hunter2|SECRET/.test(e.message), e.message);
      return true;
    });
  });
  it('a failure with nothing on stderr quotes none of stdout', () => {
    const f = readFailure('API_TOKEN=abc123 and more', '');
    assert.equal(f.message, 'no error message (25 bytes on stdout)');
    assert.ok(!readFailure('', 'Error: bad input {"SECRET":"hunter2"}').message.includes('hunter2'));
  });
});

describe('unwrapping', () => {
  it('accepts {items}, a bare array, and names the field otherwise', () => {
    assert.deepEqual(unwrapList('x', { items: [1] }), [1]);
    assert.deepEqual(unwrapList('x', [2]), [2]);
    assert.throws(() => unwrapList('action list', { things: [] }), (e: unknown) => e instanceof UnexpectedOutputError && e.field === 'items' && e.command === 'action list');
  });
  it('accepts {output} and the bare result', () => {
    assert.deepEqual(unwrapActionOutput({ output: null, actionRunId: 'r' }), { output: null, actionRunId: 'r' });
    assert.deepEqual(unwrapActionOutput([1]), { output: [1] });
  });
  it('accepts {status, headers, data} as the proxy envelope, and lower-cases headers', () => {
    const r = unwrapProxyResponse({ status: 206, headers: { 'Next-Range': 'id ]x..; max=200' }, data: [] });
    assert.equal(r.status, 206);
    assert.equal(r.headers['next-range'], 'id ]x..; max=200');
  });
  it('names the failing field of an item', () => {
    assert.throws(
      () => parseWith('connection list', ConnectionSchema, { name: 'no id' }, 'items.0'),
      (e: unknown) => e instanceof UnexpectedOutputError && e.field === 'items.0.id',
    );
  });
});

describe('failures', () => {
  it('prefers JSON on stdout, then JSON on stderr, then the last stderr line, never stdout', () => {
    assert.equal(readFailure('{"message":"from stdout"}', '{"message":"from stderr"}').message, 'from stdout');
    assert.equal(readFailure('', 'noise\n{"type":"bad_request","message":"from stderr"}').message, 'from stderr');
    assert.equal(readFailure('', 'line one\nError: the real reason\n').message, 'the real reason');
    assert.equal(readFailure('only stdout', '').message, 'no error message (11 bytes on stdout)');
    assert.equal(readFailure('', '').message, 'no message');
  });
  it('reads the other plugin\'s {error, message} and a CONNECTION_DISCONNECTED code', () => {
    const f = readFailure('{"error":"not_connected","message":"Run membrane connect"}', '');
    assert.equal(f.key, 'not_connected');
    const d = classifyFailure('request', 1, readFailure('{"code":"CONNECTION_DISCONNECTED","message":"Reconnect"}', ''));
    assert.ok(d instanceof ConnectionNotReadyError);
  });
  it('classifies auth text, 401 and rate limits', () => {
    assert.ok(classifyFailure('x', 1, { message: 'You are not logged in' }) instanceof NotLoggedInError);
    assert.ok(classifyFailure('x', 1, { message: 'Request failed with status code 401' }) instanceof NotLoggedInError);
    assert.ok(classifyFailure('x', 1, { message: 'Your session has expired' }) instanceof NotLoggedInError);
    assert.ok(classifyFailure('x', 1, { message: 'slow down', status: 429 }) instanceof RateLimitedError);
    assert.ok(classifyFailure('x', 1, { message: 'boom' }) instanceof CommandFailedError);
  });
  it('keeps Heroku\'s status, id and message from an action-run error', () => {
    const e = classifyFailure('action run', 1, readFailure(JSON.stringify({ type: 'action_run', message: 'x', data: { response: { status: 403, data: { id: 'two_factor', message: 'Two-factor required.' } } } }), ''));
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 403);
    assert.equal(e.id, 'two_factor');
    assert.equal(e.source, 'heroku');
    assert.equal(e.apiMessage, 'Two-factor required.');
  });
  it('spots an error printed with exit 0, and leaves payloads alone', () => {
    assert.ok(errorInSuccess({ type: 'bad_request', message: 'nope' }));
    assert.equal(errorInSuccess({ id: 'x', type: 'connector', message: 'hi' }), undefined);
    assert.equal(errorInSuccess({ items: [] }), undefined);
  });
});
