// One-off dynos' plain-Node parts: the attach address, the exit-status marker (split
// across chunks), the rendezvous handshake against a local TLS server with a certificate
// the client is given, and the sandbox's dyno interpreter.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { RendezvousError, parseAttachUrl, describeRendezvous } from '../../src/heroku/streams/rendezvous';
import { ExitMarkerFilter, exitNonce, withExitMarker } from '../../src/heroku/streams/exitMarker';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is plain CommonJS
const { DynoShell } = require('../../sandbox/lib/dynoShell.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rendezvous-unit-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The sandbox dyno given `script` as its command, then `keys` typed; what it wrote, and its status once it ended. */
async function runShell(script: string, keys: string[] = []): Promise<{ out: string; status: number | undefined }> {
  let out = '';
  let status: number | undefined;
  const shell = new DynoShell({ write: (t: string) => (out += t), end: (s: number) => (status = s) }, { config: { SECRET_KEY: 'abcdefghijkl' }, files: ['Procfile', 'app.py'], dyno: 'run.1234' });
  const settled = () => new Promise((r) => setImmediate(r)); // the shell has done what it can, and waits
  void shell.start(script);
  for (const k of keys) {
    await settled();
    await shell.input(k);
  }
  await settled();
  return { out, status };
}

/** `command` run as the extension runs it (wrapped with a fresh marker) on the sandbox dyno, its output read through the marker filter in one chunk or a character at a time. */
async function oneOff(command: string, opts: { keys?: string[]; chunks?: 'one' | 'chars' } = {}): Promise<{ shown: string; status: number | undefined }> {
  const nonce = exitNonce();
  const { out } = await runShell(withExitMarker(command, nonce), opts.keys);
  const filter = new ExitMarkerFilter(nonce);
  const shown = (opts.chunks === 'chars' ? [...out] : [out]).map((c) => filter.push(c)).join('') + filter.end();
  return { shown, status: filter.status };
}

describe('one-off dynos', () => {
  it('attach addresses: rendezvous only; http(s) named as the SSH path; the secret never described', () => {
    assert.deepEqual(parseAttachUrl('rendezvous://rendezvous.runtime.heroku.com:5000/abc123'), { host: 'rendezvous.runtime.heroku.com', port: 5000, secret: 'abc123' });
    assert.throws(() => parseAttachUrl('https://attach.heroku.com/x'), (e: Error) => e instanceof RendezvousError && /SSH-style attach/.test(e.message));
    assert.throws(() => parseAttachUrl('rendezvous://host:5000/'), /incomplete/);
    assert.equal(describeRendezvous('rendezvous://h:5000/secret-token'), 'rendezvous://h:5000/…');
  });

  it('the exit marker is removed from the output, even split across chunks, and its status kept; a fresh nonce per run', () => {
    const nonce = exitNonce();
    assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.notEqual(exitNonce(), nonce);
    const f = new ExitMarkerFilter(nonce);
    const text = `hello\r\n\uFFFF heroku-command-exit-status ${nonce}: 3\r\n`;
    let shown = '';
    for (const ch of text) shown += f.push(ch);
    shown += f.end();
    assert.equal(shown, 'hello\r\n');
    assert.equal(f.status, 3);
    const g = new ExitMarkerFilter(nonce);
    assert.equal(g.push('no marker here\r\n') + g.end(), 'no marker here\r\n');
    assert.equal(g.status, undefined);
  });

  it("output cannot fake the exit status: the Heroku CLI's marker (or one with another nonce) printed by the command, then a cut, gives no status (finding 10)", () => {
    const nonce = randomBytes(16).toString('hex');
    const fake = `\uFFFF heroku-command-exit-status: 0\r\n\uFFFF heroku-command-exit-status ${randomBytes(16).toString('hex')}: 0\r\n`;
    for (const chunks of [[fake], [...fake]]) {
      const f = new ExitMarkerFilter(nonce);
      const shown = chunks.map((c) => f.push(c)).join('') + f.end();
      assert.equal(f.status, undefined);
      assert.equal(shown, fake, 'shown as the output it is');
    }
  });

  it('output cannot hide the exit status: a U+FFFF (or a marker-like line) before the real marker, in the same chunk or split (finding 10)', async () => {
    for (const chunks of ['one', 'chars'] as const) {
      assert.deepEqual(await oneOff('echo "a\uFFFFb \uFFFF heroku-command-exit-status: 0"; false', { chunks }), { shown: 'a\uFFFFb \uFFFF heroku-command-exit-status: 0\r\n', status: 1 }, chunks);
      assert.deepEqual(await oneOff('echo -n "\uFFFF"; echo -n "\uFFFF heroku"; true', { chunks }), { shown: '\uFFFF\uFFFF heroku', status: 0 }, chunks);
    }
  });

  it('the sandbox dyno is a shell where it matters: exit ends it, nothing after it runs; a subshell\'s exit ends only the subshell; quotes, comments, eval, bash -c, syntax errors', async () => {
    assert.deepEqual(await runShell('echo hello && exit 3; echo after'), { out: 'hello\r\n', status: 3 });
    assert.deepEqual(await runShell('( echo in && exit 4; echo no ); echo "after $?"'), { out: 'in\r\nafter 4\r\n', status: 0 });
    assert.deepEqual(await runShell(`( eval 'echo "it'\\''s" "$?" # a comment' ); echo '$?' $?`), { out: "it's 0\r\n$? 0\r\n", status: 0 });
    assert.deepEqual(await runShell('false || bash -c "exit 5"; echo $?'), { out: '5\r\n', status: 0 });
    const e = await runShell('echo ( ; echo never');
    assert.match(e.out, /^bash: syntax error near unexpected token .*\r\n$/);
    assert.equal(e.status, 2);
  });

  it('the sandbox dyno: env masks values; an interactive bash runs two commands; Ctrl-C and unknown commands as a shell', async () => {
    assert.match((await runShell('env')).out, /^SECRET_KEY=abcd\*{8}\r\nDYNO=run\.1234\r\n/);
    const b = await oneOff('bash', { keys: ['echo one\r', 'ls\r', 'exit\r'] });
    assert.deepEqual(b, { shown: '~ $ echo one\r\none\r\n~ $ ls\r\nProcfile\r\napp.py\r\n~ $ exit\r\n', status: 0 });
    const c = await runShell('bash', ['sleep 5', '\u0003', 'exit 2\r']);
    assert.match(c.out, /\^C\r\n~ \$ exit 2/);
    assert.equal(c.status, 2);
    const d = await runShell('sleep 5; echo never', ['\u0003']);
    assert.deepEqual(d, { out: '^C\r\n', status: 130 }, 'Ctrl-C ends a non-interactive command and the shell running it');
    assert.deepEqual(await oneOff('rm -rf /'), { shown: 'bash: rm: command not found\r\n', status: 127 });
  });

  it('a command that exits still reports its status, and one with a comment runs and reports (finding 16): the shell ends only the wrapped command', async () => {
    assert.deepEqual(await oneOff('echo hello && exit 3'), { shown: 'hello\r\n', status: 3 });
    assert.deepEqual(await oneOff('echo "it\'s" # a note'), { shown: "it's\r\n", status: 0 });
    assert.deepEqual(await oneOff('bash', { keys: ['echo $?\r', 'exit 2\r'] }), { shown: '~ $ echo $?\r\n0\r\n~ $ exit 2\r\n', status: 2 });
    assert.deepEqual(await oneOff('python', { keys: ['1 + 1\r', '\u0004'] }), { shown: 'Python 3.12.7 (main) [GCC 12.2.0] on linux\r\n>>> 1 + 1\r\n=> "1 + 1"\r\n>>> \r\n', status: 0 });
  });

  it('the sandbox certificate is made by openssl for 127.0.0.1', () => {
    const home = path.join(tmp, 'home');
    const cert = execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'sandbox', 'bin', 'membrane'), 'sandbox', 'tls-cert'], { env: { ...process.env, MEMBRANE_SANDBOX_HOME: home }, encoding: 'utf8' }).trim();
    assert.match(fs.readFileSync(cert, 'utf8'), /BEGIN CERTIFICATE/);
  });
});

describe('a wrapped command shown to the user', () => {
  it('the Dynos view shows the command as typed, quotes and all, not the exit-status wrapper', async () => {
    const { dynoDescription } = await import('../../src/dynos/core/format');
    for (const command of ['rake db:migrate', "echo 'it''s' \"x\" && exit 3", "bash -c 'a'\\''b' # note \\"]) {
      const wrapped = withExitMarker(command, exitNonce());
      const shown = dynoDescription({ name: 'run.1', state: 'up', command: wrapped, size: 'Basic' } as never, 0);
      assert.equal(shown.split(' · ')[1], command);
      assert.doesNotMatch(shown, /heroku-command-exit-status|\uFFFF/);
    }
    assert.equal(dynoDescription({ name: 'web.1', state: 'up', command: 'npm start' } as never, 0).split(' · ')[1], 'npm start', 'other commands as they are');
  });
});
