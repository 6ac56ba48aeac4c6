// The streaming module against a local HTTP server: lines out of arbitrary chunks,
// heartbeats, the URL policy, HTTP errors, cancellation, back-pressure, and a tail
// that reconnects without duplicating or losing a line.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LineSplitter, MAX_LINE_CHARS } from '../../src/heroku/streams/lineSplitter';
import { StreamError, streamLines } from '../../src/heroku/streams/textStream';
import { StreamUrlRefusedError, checkStreamUrl, describeStreamUrl } from '../../src/heroku/streams/urlPolicy';
import { tailLogs, type TailNotice } from '../../src/heroku/streams/logTail';
import { ReplayMemory } from '../../src/heroku/streams/replayMemory';
import { inspect } from 'node:util';
import { waitUntil } from '../helpers/wait';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A loopback server whose handler each test sets; `events` says when a client connection closes. */
async function server(): Promise<{ url: (path: string) => string; handle(h: Handler): void; events: EventEmitter; close(): Promise<void> }> {
  let handler: Handler = (_req, res) => res.end();
  const events = new EventEmitter();
  const s = http.createServer((req, res) => {
    req.socket.once('close', () => events.emit('closed', req.url));
    handler(req, res);
  });
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    handle: (h) => (handler = h),
    events,
    close: () => {
      s.closeAllConnections();
      return new Promise((r) => s.close(() => r()));
    },
  };
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('streams: line splitting', () => {
  it('joins lines across chunks, UTF-8 characters across chunks, drops NUL heartbeats and \\r', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('2026-11-29T10:00:00+00:00 app[web.1]: héllo\r\n\0\0second line\nthird', 'utf8');
    const inE = bytes.indexOf(Buffer.from('é')) + 1; // between the two bytes of é
    const inSecond = bytes.indexOf(Buffer.from('second')) + 3;
    assert.deepEqual(s.push(bytes.subarray(0, inE)), []);
    assert.deepEqual(s.push(bytes.subarray(inE, inSecond)), ['2026-11-29T10:00:00+00:00 app[web.1]: héllo']);
    assert.deepEqual(s.push(bytes.subarray(inSecond)), ['second line']);
    assert.equal(s.end(), 'third');
    assert.equal(s.end(), undefined);
  });

  it('a line that never ends is cut, so memory stays bounded', () => {
    const s = new LineSplitter();
    const lines = s.push('x'.repeat(MAX_LINE_CHARS * 2 + 5));
    assert.equal(lines.length, 2);
    assert.equal(s.end(), 'xxxxx');
  });
});

/** A Logplex session id: the secret in a log session's path. */
const SESSION = 'a72ef42d-5b1e-4c8a-9f3d-0e6b7c2a1d94';

describe('streams: URL policy', () => {
  it('https anywhere; http only to this machine; nothing else', () => {
    assert.equal(checkStreamUrl('https://logs.heroku.com/sessions/x?srv=1').hostname, 'logs.heroku.com');
    for (const ok of ['http://127.0.0.1:5000/x', 'http://localhost:1/x', 'http://[::1]:2/x']) assert.ok(checkStreamUrl(ok));
    for (const bad of ['http://logs.heroku.com/x', 'http://10.0.0.1/x', 'file:///etc/passwd', 'ftp://x/y', 'https://user:pw@logs.heroku.com/x', 'not a url']) {
      assert.throws(() => checkStreamUrl(bad), StreamUrlRefusedError, bad);
    }
  });

  it('logs show the URL without its token-bearing query', () => {
    assert.equal(describeStreamUrl('https://logs.heroku.com/sessions/abc?srv=123&sig=SECRET'), 'https://logs.heroku.com/sessions/abc?…');
    assert.ok(!describeStreamUrl('https://x/y?token=SECRET').includes('SECRET'));
  });

  it('logs show the URL without secrets in its path: long opaque segments (ids, tokens) become …', () => {
    assert.equal(describeStreamUrl(`https://logs.heroku.com/sessions/${SESSION}?srv=1`), 'https://logs.heroku.com/sessions/…?…');
    assert.equal(describeStreamUrl('https://logs.heroku.com/streams/a72ef42d9c0b4e51a72ef42d9c0b4e51'), 'https://logs.heroku.com/streams/…');
    assert.equal(describeStreamUrl('https://build-output.heroku.com/streams/4f/4f8aZ0x_Qk-9bYtR3mW7pLc2Vd+s=/logs/ab.log'), 'https://build-output.heroku.com/streams/4f/…/logs/ab.log');
    assert.equal(describeStreamUrl('https://s3.example.com/sources/8d3c7f2e-0b6a-4f7d-9a1e-5c2b4d6e8f00.tgz#x'), 'https://s3.example.com/sources/….tgz');
    assert.equal(describeStreamUrl('http://127.0.0.1:5000/logs/my-app'), 'http://127.0.0.1:5000/logs/my-app');
  });
});

describe('streams: one stream', () => {
  let srv: Awaited<ReturnType<typeof server>>;
  after(() => srv?.close());

  it('yields whole lines out of ragged chunks with heartbeats, and the last line without a newline', async () => {
    srv = await server();
    srv.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      for (const part of ['one\ntw', '\0', 'o\n\0thr', 'ee\nfour']) res.write(part);
      res.end();
    });
    assert.deepEqual(await collect(streamLines(srv.url('/s'))), ['one', 'two', 'three', 'four']);
  });

  it('a 404 or 403 means the session is gone; a 500 is a failure', async () => {
    for (const [status, kind] of [[404, 'gone'], [403, 'gone'], [500, 'failed']] as const) {
      srv.handle((_req, res) => res.writeHead(status).end('no'));
      await assert.rejects(collect(streamLines(srv.url('/s'))), (e: unknown) => e instanceof StreamError && e.kind === kind && e.status === status && !e.message.includes('?'));
    }
  });

  it('refuses plain http to another host before any connection', async () => {
    await assert.rejects(collect(streamLines('http://192.0.2.1/logs?token=x')), StreamUrlRefusedError);
  });

  it('a cancel mid-stream ends the generator quietly and closes the connection', async () => {
    srv.handle((_req, res) => {
      res.writeHead(200);
      res.write('first\n');
    });
    const ac = new AbortController();
    const closed = once(srv.events, 'closed');
    const seen: string[] = [];
    for await (const line of streamLines(srv.url('/live'), { signal: ac.signal })) {
      seen.push(line);
      ac.abort();
    }
    assert.deepEqual(seen, ['first']);
    await closed;
  });

  it('a slow consumer pauses the socket: the server is held back instead of the client buffering', async () => {
    const OFFERED = 64 * 1024 * 1024;
    let written = 0;
    srv.handle((_req, res) => {
      res.writeHead(200);
      const line = `${'x'.repeat(1023)}\n`;
      const pump = () => {
        while (written < OFFERED) {
          written += line.length;
          if (!res.write(line)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const lines = streamLines(srv.url('/fast'));
    assert.equal((await lines.next()).done, false);
    // The consumer reads no more. Wait until the server stops making progress (its socket is full).
    let last = -1;
    let still = 0;
    await waitUntil(() => {
      still = written === last ? still + 1 : 0;
      last = written;
      return still >= 10;
    }, 'the server to be held back');
    assert.ok(written < OFFERED / 4, `the client took ${written} bytes of ${OFFERED} while its consumer was busy`);
    await lines.return(undefined);
  });
});

describe('streams: the replay memory', () => {
  it('remembers the last lines as a multiset, oldest forgotten first', () => {
    const m = new ReplayMemory(3);
    for (const l of ['a', 'b', 'a']) m.add(l);
    assert.ok(m.has('a') && m.has('b') && !m.has('c'));
    m.add('c'); // forgets the first a; the second is still there
    assert.ok(m.has('a') && m.has('b') && m.has('c'));
    m.add('d'); // forgets b
    assert.ok(!m.has('b') && m.has('a'));
    m.add('e'); // forgets the second a
    assert.ok(!m.has('a') && m.has('c') && m.has('d') && m.has('e'));
  });

  it('holds no line text: each line costs a small fixed size, however long it is', () => {
    const m = new ReplayMemory(1500);
    const line = (i: number) => `SECRET-LINE-${i}-${'x'.repeat(64 * 1024)}`;
    for (let i = 0; i < 1500; i++) m.add(line(i));
    assert.ok(m.has(line(0)) && m.has(line(1499)) && !m.has(line(1500)));
    const held = inspect(m, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity, showHidden: true });
    assert.ok(!held.includes('SECRET-LINE') && !held.includes('xxxx'), 'no line text is kept');
    assert.ok(held.length < 1500 * 100, `${held.length} characters for 1,500 lines`);
  });
});

describe('streams: a live tail', () => {
  let srv: Awaited<ReturnType<typeof server>>;
  after(() => srv?.close());

  it('a dropped session is replaced; its replayed history is skipped; nothing is shown twice or lost', async () => {
    srv = await server();
    // Session 1 replays a, b, c and streams d, then drops. Session 2 replays b, c, d (d was seen)
    // plus e, written during the gap; then f live, then the test stops.
    const bodies: Record<string, string[]> = { '/s1': ['a', 'b', 'c', 'd'], '/s2': ['b', 'c', 'd', 'e', 'f'] };
    srv.handle((req, res) => {
      res.writeHead(200);
      res.end(bodies[req.url ?? '']!.map((l) => `${l}\n`).join(''));
    });
    const sessions = ['/s1', '/s2'];
    const ac = new AbortController();
    const shown: string[] = [];
    const notices: TailNotice[] = [];
    await tailLogs(
      {
        openSession: async () => srv.url(sessions.shift() ?? '/s2'),
        onLine: (l) => {
          shown.push(l);
          if (l === 'f') ac.abort();
        },
        onNotice: (n) => notices.push(n),
        sleep: async () => {},
      },
      ac.signal,
    );
    assert.deepEqual(shown, ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(notices.map((n) => n.kind), ['connected', 'reconnecting', 'connected']);
  });

  it('an expired session (404) opens a new one with a growing back-off; too many failures in a row stop with the reason', async () => {
    srv.handle((_req, res) => res.writeHead(404).end());
    const waits: number[] = [];
    const notices: TailNotice[] = [];
    await assert.rejects(
      tailLogs({ openSession: async () => srv.url('/expired'), onLine: () => {}, onNotice: (n) => notices.push(n), maxAttempts: 3, sleep: async (ms) => void waits.push(ms) }, new AbortController().signal),
      (e: unknown) => e instanceof StreamError && e.kind === 'gone',
    );
    assert.deepEqual(waits, [1000, 2000]);
    assert.equal(notices.at(-1)?.kind, 'stopped');
  });

  it("a reconnect's reason and a failure name the stream without its session id", async () => {
    srv.handle((_req, res) => res.writeHead(404).end());
    const notices: TailNotice[] = [];
    const failure = await tailLogs({ openSession: async () => srv.url(`/sessions/${SESSION}?srv=1`), onLine: () => {}, onNotice: (n) => notices.push(n), maxAttempts: 2, sleep: async () => {} }, new AbortController().signal).catch((e: Error) => e);
    const said = [...notices.map((n) => ('reason' in n ? n.reason : '')), (failure as Error).message].join('\n');
    assert.match(said, /sessions\/…/);
    assert.ok(!said.includes(SESSION.slice(0, 8)), said);
  });

  it('silence past the idle limit opens a new session', async () => {
    let opened = 0;
    srv.handle((_req, res) => {
      res.writeHead(200);
      if (opened === 1) res.write('quiet session\n'); // then nothing more: the idle limit ends it
      else res.end('next session\n');
    });
    const ac = new AbortController();
    const shown: string[] = [];
    const notices: TailNotice[] = [];
    await tailLogs(
      {
        openSession: async () => (opened++, srv.url(`/idle${opened}`)),
        onLine: (l) => {
          shown.push(l);
          if (l === 'next session') ac.abort();
        },
        onNotice: (n) => notices.push(n),
        idleMs: 200,
        sleep: async () => {},
      },
      ac.signal,
    );
    assert.deepEqual(shown, ['quiet session', 'next session']);
    assert.ok(notices.some((n) => n.kind === 'reconnecting' && n.reason === 'no data for a while'), JSON.stringify(notices));
  });

  it('a cancel while streaming ends the tail and closes the connection', async () => {
    srv.handle((_req, res) => {
      res.writeHead(200);
      res.write('line\n');
    });
    const ac = new AbortController();
    const closed = once(srv.events, 'closed');
    await tailLogs({ openSession: async () => srv.url('/cancel'), onLine: () => ac.abort() }, ac.signal);
    await closed;
  });
});
