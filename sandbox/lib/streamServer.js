'use strict';
// The sandbox's stream server: the one long-lived part of the sandbox, because a CLI
// call is a process that ends and streams do not. The CLI starts it on demand (bound to
// 127.0.0.1, a free port), records its port and pid in the sandbox home, and several
// calls share it; it exits by itself once idle. It serves log sessions
// (`GET /sessions/<token>`): the app's log file, history first, then followed, with
// router lines generated while a stream is open, and the faults tests ask for; build and
// release output (`GET /builds/<token>`); and source uploads (`PUT|GET /sources/<token>`).

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const { readKnobs } = require('./knobs');
const { logLine, logFile, appendLines, matches } = require('./logs');
const { sleepSync, writeAtomic } = require('./store');
const net = require('node:net');
const tls = require('node:tls');
const { handleSource } = require('./sources');
const { ensureCertificate } = require('./tls');
const { DynoShell } = require('./dynoShell');
const { cancelMarker } = require('./builds');

const STATE = 'stream-server.json';
const POLL_MS = 50;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running server's port, starting one when there is none (called from a CLI call, synchronously). */
function ensureStreamServer(home, env) {
  return ensureStreamServerState(home, env).port;
}

/** The last knobs read well: a pointer file caught mid-write (a test rewriting it) must not stop the server. */
let lastKnobs;
function serverKnobs() {
  try {
    lastKnobs = readKnobs();
  } catch {
    lastKnobs ??= readKnobs({ ...process.env, MEMBRANE_SANDBOX_CONFIG: '' });
  }
  return lastKnobs;
}

const TOUCH = 'stream-server.touch';

/** A CLI call just handed out a URL on this server: it must not exit before that URL is used. */
function recentlyTouched(home, withinMs) {
  try {
    return Date.now() - fs.statSync(path.join(home, TOUCH)).mtimeMs < withinMs;
  } catch {
    return false;
  }
}

/** The running server's ports ({port, tlsPort}), starting one when there is none. */
function ensureStreamServerState(home, env) {
  const stateFile = path.join(home, STATE);
  const running = readState(stateFile);
  fs.writeFileSync(path.join(home, TOUCH), String(Date.now()));
  if (running && isAlive(running.pid)) return running;
  fs.rmSync(stateFile, { force: true });
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'membrane'), 'sandbox', 'stream-server'], {
    detached: true,
    stdio: 'ignore',
    env: { ...env, MEMBRANE_SANDBOX_HOME: home },
  });
  child.unref();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = readState(stateFile);
    if (state && state.pid === child.pid) return state;
    if (Date.now() > deadline) throw new Error('sandbox: the stream server did not start within 10 s');
    sleepSync(20);
  }
}

function readState(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A new log session (what `POST /apps/{app}/log-sessions` creates): its token file and its URL. */
function createLogSession(home, env, app, options) {
  const port = ensureStreamServer(home, env);
  const token = crypto.randomBytes(16).toString('hex');
  const dir = path.join(home, 'log-sessions');
  fs.mkdirSync(dir, { recursive: true });
  const session = {
    app,
    dyno: options.dyno || '',
    source: options.source || '',
    lines: Math.max(0, Math.min(1500, Number(options.lines ?? 100) || 0)),
    tail: options.tail !== false,
    createdAt: Date.now(),
  };
  writeAtomic(path.join(dir, `${token}.json`), JSON.stringify(session));
  return `http://127.0.0.1:${port}/sessions/${token}?srv=${Date.now()}`;
}

/**
 * An output stream (a build's, a release phase's): a token file holding its lines, and its
 * URL on the server. `timing` ({buildId, startAt, durationMs}): a running build's output,
 * each line sent when the build reaches it, cut short when the build is cancelled.
 */
function createOutputStream(home, env, appName, lines, timing) {
  const port = ensureStreamServer(home, env);
  const token = crypto.randomBytes(16).toString('hex');
  const dir = path.join(home, 'build-streams');
  fs.mkdirSync(dir, { recursive: true });
  writeAtomic(path.join(dir, `${token}.json`), JSON.stringify({ app: appName, lines, ...timing }));
  return `http://127.0.0.1:${port}/builds/${token}`;
}

function createBuildStream(home, env, appName, build) {
  return createOutputStream(home, env, appName, buildOutput(build));
}

/** What the slug compiler printed for a build, as Heroku's Node.js buildpack prints it. */
function buildOutput(build) {
  const stack = (build.stack && build.stack.name) || 'heroku-24';
  const version = (build.source_blob && build.source_blob.version) || build.id;
  const lines = [
    `-----> Building on the ${stack[0].toUpperCase()}${stack.slice(1)} stack`,
    '-----> Using buildpack: heroku/nodejs',
    '-----> Node.js app detected',
    '-----> Creating runtime environment',
    '       NODE_ENV=production',
    '-----> Installing binaries',
    '       engines.node (package.json):   20.x',
    '       Resolving node version 20.x...',
    '       Downloading and installing node 20.19.0...',
    '-----> Installing dependencies',
    '       Installing node modules (package-lock.json)',
    `       added 412 packages in 9.8s`,
    '-----> Build',
    '       Running build',
  ];
  if (build.status === 'failed') {
    lines.push('       npm ERR! code ELIFECYCLE', '       npm ERR! errno 1', '-----> Build failed', '       We\'re sorry this build is failing! You can troubleshoot common issues here:', '       https://devcenter.heroku.com/articles/troubleshooting-node-deploys', ' !     Push rejected, failed to compile Node.js app.');
  } else {
    lines.push('-----> Caching build', '-----> Pruning devDependencies', '-----> Build succeeded!', '-----> Discovering process types', '       Procfile declares types -> web, worker', '-----> Compressing...', '       Done: 48.2M', '-----> Launching...', `       Released (commit ${String(version).slice(0, 7)})`);
  }
  return lines;
}

// ---- the server process -----------------------------------------------------------

function serve(home) {
  const timers = [];
  let open = 0;
  let idleTimer;
  const idleMs = () => Number(serverKnobs().MEMBRANE_SANDBOX_STREAM_IDLE_MS) || 60_000;
  const armIdle = () => {
    clearTimeout(idleTimer);
    if (open === 0) idleTimer = setTimeout(() => (recentlyTouched(home, idleMs()) ? armIdle() : shutdown()), idleMs());
  };
  const server = http.createServer((req, res) => {
    open++;
    clearTimeout(idleTimer);
    res.on('close', () => {
      open--;
      // Streams' ends, for tests (an upload records its PUT instead).
      if (req.method === 'GET') appendEvent(home, `closed ${req.url.split('?')[0]}`);
      armIdle();
    });
    handleRequest(home, req, res);
  });
  const stateFile = path.join(home, STATE);
  const shutdown = () => {
    const state = readState(stateFile);
    if (state && state.pid === process.pid) fs.rmSync(stateFile, { force: true });
    server.close();
    for (const t of timers) clearInterval(t);
    process.exit(0);
  };
  // The rendezvous endpoint (one-off dynos): TLS on another port, with the sandbox's own
  // certificate, over a TCP server of its own so that a cut can reset the TCP connection.
  const secureContext = tls.createSecureContext(tlsOptions(home));
  const tlsServer = net.createServer((raw) => {
    open++;
    clearTimeout(idleTimer);
    raw.on('error', () => undefined);
    raw.on('close', () => {
      open--;
      armIdle();
    });
    attachDyno(home, new tls.TLSSocket(raw, { isServer: true, secureContext }), raw, serverKnobs());
  });
  server.listen(0, '127.0.0.1', () => {
    tlsServer.listen(0, '127.0.0.1', () => {
      writeAtomic(stateFile, JSON.stringify({ port: server.address().port, tlsPort: tlsServer.address().port, pid: process.pid }));
      armIdle();
    });
  });
  // Detached one-off dynos run here, on their own (the CLI call that made them has ended).
  timers.push(setInterval(() => runDetached(home), 200));
  process.on('SIGTERM', shutdown);
}

/** Connections the server saw end, for tests ("closing the terminal closes the connection"). */
function appendEvent(home, text) {
  fs.appendFileSync(path.join(home, 'stream-events.log'), `${new Date().toISOString()} ${text}\n`);
}

function handleRequest(home, req, res) {
  const knobs = serverKnobs();
  const url = new URL(req.url, 'http://127.0.0.1');
  const build = /^\/builds\/([0-9a-f]{32})$/.exec(url.pathname);
  if (req.method === 'GET' && build) return streamBuild(home, build[1], url, knobs, res);
  const source = /^\/sources\/([0-9a-f]{32})$/.exec(url.pathname);
  if (source) {
    appendEvent(home, `${req.method} ${url.pathname}`);
    return handleSource(home, source[1], url, req, res, knobs);
  }
  const m = /^\/sessions\/([0-9a-f]{32})$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) return void res.writeHead(404).end('Not found');
  const file = path.join(home, 'log-sessions', `${m[1]}.json`);
  let session;
  try {
    session = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return void res.writeHead(404).end('Unknown session');
  }
  // As Logplex: a session can be connected to for a while after its creation (403 after),
  // and a connected stream is closed by the server after a longer while.
  const connectWithin = Number(knobs.MEMBRANE_SANDBOX_LOG_SESSION_TTL_MS) || 300_000;
  if (Date.now() - session.createdAt > connectWithin) return void res.writeHead(403).end('Session expired');
  appendEvent(home, `opened ${url.pathname}`);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  const streamFor = Number(knobs.MEMBRANE_SANDBOX_LOG_STREAM_MAX_MS) || 3_600_000;
  streamSession(home, session, knobs, res, () => fs.rmSync(file, { force: true }), streamFor);
}

/**
 * A build's output. A finished one's: line by line (MEMBRANE_SANDBOX_LOG_DRIP_MS apart),
 * then the stream ends. A running one's: each line when the build reaches it (spread over
 * its duration), ended early by a cancel; MEMBRANE_SANDBOX_BUILD_STREAM_DROP_AFTER cuts
 * the connection after that many lines, as a network drop would.
 */
function streamBuild(home, token, url, knobs, res) {
  let stream;
  try {
    stream = JSON.parse(fs.readFileSync(path.join(home, 'build-streams', `${token}.json`), 'utf8'));
  } catch {
    return void res.writeHead(404).end('Unknown build stream');
  }
  appendEvent(home, `opened ${url.pathname}`);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  const dripMs = Number(knobs.MEMBRANE_SANDBOX_LOG_DRIP_MS) || 0;
  const dropAfter = Number(knobs.MEMBRANE_SANDBOX_BUILD_STREAM_DROP_AFTER) || 0;
  const n = stream.lines.length;
  const dueAt = (i) => (stream.startAt === undefined ? 0 : stream.startAt + (stream.durationMs * (i + 1)) / (n + 1));
  const cancelled = () => stream.buildId !== undefined && fs.existsSync(cancelMarker(home, stream.buildId));
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (cancelled()) return void res.end(' !     Build was cancelled\n');
    while (i < n && dueAt(i) <= Date.now()) {
      const line = `${stream.lines[i++]}\n`;
      // Cut once that line is on the wire, as a network drop after it would.
      if (dropAfter && i >= dropAfter) return void res.write(line, () => res.socket?.destroy());
      res.write(line);
      if (dripMs) return void setTimeout(next, dripMs);
    }
    if (i >= n) return void res.end();
    setTimeout(next, Math.min(POLL_MS, Math.max(1, dueAt(i) - Date.now())));
  };
  next();
}

function streamSession(home, session, knobs, res, expire, streamFor) {
  const logPath = logFile(home, session.app);
  const dropAfter = Number(knobs.MEMBRANE_SANDBOX_LOG_DROP_AFTER) || 0;
  const dripMs = Number(knobs.MEMBRANE_SANDBOX_LOG_DRIP_MS) || 0;
  const cutChunks = knobs.MEMBRANE_SANDBOX_LOG_CHUNKING === 'split';
  const l11Every = Number(knobs.MEMBRANE_SANDBOX_LOG_L11_EVERY) || 0;
  const routerMs = Number(knobs.MEMBRANE_SANDBOX_ROUTER_MS) || 0;
  const heartbeatMs = Number(knobs.MEMBRANE_SANDBOX_LOG_HEARTBEAT_MS) || 0;
  let sent = 0;
  /** Live lines sent (history excluded): what MEMBRANE_SANDBOX_LOG_DROP_AFTER counts. */
  let liveSent = 0;
  let historyLeft = 0;
  let closed = false;
  const queue = [];
  let writing = false;
  const timers = [];

  const stop = () => {
    if (closed) return;
    closed = true;
    for (const t of timers) clearInterval(t);
    res.end();
  };
  res.on('close', () => {
    closed = true;
    for (const t of timers) clearInterval(t);
  });

  const pump = async () => {
    if (writing) return;
    writing = true;
    while (queue.length && !closed) {
      const line = queue.shift();
      if (cutChunks) {
        const half = Math.floor(line.length / 2);
        res.write(line.slice(0, half));
        await new Promise((r) => setTimeout(r, 5));
        if (closed) break;
        res.write(`${line.slice(half)}\n`);
      } else {
        res.write(`${line}\n`);
      }
      sent++;
      if (historyLeft > 0) historyLeft--;
      else liveSent++;
      if (l11Every && sent % l11Every === 0) res.write(`${logLine('heroku', 'logplex', `Error L11 (Tail buffer overflow) -> This tail session dropped ${l11Every} messages since ${new Date().toISOString()}`)}\n`);
      if (dropAfter && liveSent >= dropAfter) {
        // The connection drops mid-stream, as a network cut would.
        res.socket?.destroy();
        closed = true;
        break;
      }
      if (dripMs) await new Promise((r) => setTimeout(r, dripMs));
    }
    writing = false;
  };

  const push = (lines) => {
    for (const l of lines) if (matches(l, session)) queue.push(l);
    void pump();
  };

  // History first.
  let offset = 0;
  const readNew = () => {
    let text = '';
    try {
      const fd = fs.openSync(logPath, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        if (size > offset) {
          const buf = Buffer.alloc(size - offset);
          fs.readSync(fd, buf, 0, buf.length, offset);
          const end = buf.lastIndexOf(0x0a) + 1; // whole lines only
          text = buf.subarray(0, end).toString('utf8');
          offset += end;
        }
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    return text ? text.split('\n').filter(Boolean) : [];
  };
  const history = readNew().filter((l) => matches(l, session));
  const replay = session.lines ? history.slice(-session.lines) : [];
  historyLeft = replay.length;
  push(replay);
  if (!session.tail) {
    const finish = setInterval(() => {
      if (!queue.length && !writing) {
        clearInterval(finish);
        stop();
      }
    }, POLL_MS);
    timers.push(finish);
    return;
  }
  timers.push(setInterval(() => push(readNew()), POLL_MS));
  if (routerMs) timers.push(setInterval(() => appendLines(home, session.app, [routerLine(session.app)]), routerMs));
  if (heartbeatMs) timers.push(setInterval(() => !closed && res.write('\0'), heartbeatMs));
  timers.push(
    setTimeout(() => {
      expire();
      stop();
    }, streamFor),
  );
}

const PATHS = ['/', '/api/orders', '/api/orders/1187', '/api/users/42', '/health', '/assets/app.js', '/login', '/search?q=shoes&page=2'];
/** [value, weight]: a busy app's spread, mostly fast successes, some redirects and client errors, a few server errors. */
const METHODS = [['GET', 70], ['POST', 15], ['PUT', 4], ['PATCH', 4], ['DELETE', 3], ['HEAD', 4]];
const STATUSES = [[200, 58], [201, 6], [204, 4], [301, 2], [302, 4], [304, 7], [401, 2], [403, 1], [404, 6], [422, 2], [429, 1], [500, 4], [502, 1], [503, 2]];
/** Time spent, as [lowest, highest] ms ranges with weights: fast, slow, very slow, and (rarely) past 5 s. */
const SERVICE_MS = [[[2, 99], 55], [[100, 499], 25], [[500, 4999], 15], [[5000, 29000], 5]];
const CONNECT_MS = [[[0, 0], 60], [[1, 5], 32], [[6, 150], 7], [[151, 1500], 1]];
/** The router's own errors, each as Heroku logs it. */
const ROUTER_ERRORS = [
  { code: 'H12', desc: 'Request timeout', service: 30000 },
  { code: 'H13', desc: 'Connection closed without response' },
  { code: 'H10', desc: 'App crashed', noDyno: true },
  { code: 'H27', desc: 'Client Request Interrupted', status: 499 },
];

function weighted(list) {
  let r = Math.random() * list.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of list) if ((r -= w) < 0) return value;
  return list[list.length - 1][0];
}

const between = ([lo, hi]) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** A router line as Heroku writes it: realistic spreads of methods, statuses, connect and service times, and now and then an H error. */
function routerLine(appName) {
  const method = weighted(METHODS);
  const p = PATHS[Math.floor(Math.random() * PATHS.length)];
  const dyno = `web.${1 + Math.floor(Math.random() * 2)}`;
  const request = `method=${method} path="${p}" host=${appName}.herokuapp.com request_id=${crypto.randomUUID()} fwd="203.0.113.${1 + Math.floor(Math.random() * 250)}"`;
  const error = Math.random() < 0.04 ? ROUTER_ERRORS[Math.floor(Math.random() * ROUTER_ERRORS.length)] : undefined;
  if (error && error.noDyno) return logLine('heroku', 'router', `at=error code=${error.code} desc="${error.desc}" ${request} dyno= connect= service= status=503 bytes= protocol=https`);
  const connect = between(weighted(CONNECT_MS));
  const service = error ? error.service || between(weighted(SERVICE_MS)) : between(weighted(SERVICE_MS));
  if (error) return logLine('heroku', 'router', `at=error code=${error.code} desc="${error.desc}" ${request} dyno=${dyno} connect=${connect}ms service=${service}ms status=${error.status || 503} bytes=0 protocol=https`);
  const status = weighted(STATUSES);
  const bytes = status === 204 || status === 304 ? 0 : 200 + Math.floor(Math.random() * 48000);
  return logLine('heroku', 'router', `at=info ${request} dyno=${dyno} connect=${connect}ms service=${service}ms status=${status} bytes=${bytes} protocol=https`);
}

// ---- one-off dynos: the rendezvous ----------------------------------------------------

function tlsOptions(home) {
  const f = ensureCertificate(home);
  return { cert: fs.readFileSync(f.cert), key: fs.readFileSync(f.key) };
}

const sessionDir = (home) => path.join(home, 'rendezvous');

/** A one-off dyno's session (what `POST /apps/{app}/dynos` recorded), by its secret. */
function readSession(home, secret) {
  if (!/^[0-9a-f]{32}$/.test(secret)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(sessionDir(home), `${secret}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The dyno's session has ended: its record goes from the Dynos list, its log says so. */
function endSession(home, secret, session, status) {
  fs.writeFileSync(path.join(sessionDir(home), `${secret}.ended`), String(status));
  appendLines(home, session.app, [logLine('heroku', session.dyno, `Process exited with status ${status}`), logLine('heroku', session.dyno, 'State changed from up to complete')]);
}

/**
 * Heroku's rendezvous: the client sends the secret and `\r\n`; the server answers a
 * handshake line, then the socket is the dyno's terminal both ways.
 */
function attachDyno(home, socket, raw, knobs) {
  let buffered = '';
  let shell;
  socket.on('error', () => undefined);
  socket.on('data', (chunk) => {
    if (shell) return void shell.input(chunk.toString('utf8'));
    buffered += chunk.toString('utf8');
    const end = buffered.indexOf('\r\n');
    if (end < 0) return;
    const secret = buffered.slice(0, end);
    const rest = buffered.slice(end + 2);
    const session = readSession(home, secret);
    if (!session || fs.existsSync(path.join(sessionDir(home), `${secret}.ended`))) {
      appendEvent(home, 'rendezvous refused (unknown secret)');
      return void socket.destroy();
    }
    appendEvent(home, `rendezvous opened ${session.dyno}`);
    socket.on('close', () => {
      appendEvent(home, `rendezvous closed ${session.dyno}`);
      if (!shell || shell.ended) return;
      endSession(home, secret, session, 129);
      shell.hangup?.();
    });
    // Knob: the dyno never comes up (no handshake ever).
    if (knobs.MEMBRANE_SANDBOX_RUN_NEVER_UP) return void (shell = { input: () => undefined });
    const dropMs = Number(knobs.MEMBRANE_SANDBOX_RUN_DROP_MS) || 0;
    // A cut, not an end: the TCP connection is reset, as a network failure would.
    if (dropMs) setTimeout(() => raw.resetAndDestroy(), dropMs);
    socket.write('rendezvous\r\n');
    shell = new DynoShell(
      {
        write: (text) => socket.write(text),
        end: (status) => {
          endSession(home, secret, session, status);
          socket.end();
        },
      },
      { config: session.config || {}, files: session.files || [], dyno: session.dyno },
    );
    void shell.start(session.command);
    if (rest) void shell.input(rest);
  });
}

/** Detached dynos not started yet: run each, its output going to the app's log. */
function runDetached(home) {
  let names;
  try {
    names = fs.readdirSync(sessionDir(home)).filter((n) => n.endsWith('.json'));
  } catch {
    return;
  }
  for (const name of names) {
    const secret = name.slice(0, -5);
    const file = path.join(sessionDir(home), name);
    const session = readSession(home, secret);
    if (!session || !session.detached || session.started) continue;
    writeAtomic(file, JSON.stringify({ ...session, started: true }));
    let pending = '';
    const shell = new DynoShell(
      {
        write: (text) => {
          pending += text.replace(/\r/g, '');
          const lines = pending.split('\n');
          pending = lines.pop();
          appendLines(home, session.app, lines.map((l) => logLine('app', session.dyno, l)));
        },
        end: (status) => endSession(home, secret, session, status),
      },
      { config: session.config || {}, files: session.files || [], dyno: session.dyno },
    );
    void shell.start(session.command);
  }
}

module.exports = { ensureStreamServerState, ensureStreamServer, createLogSession, createBuildStream, createOutputStream, serve, appendEvent, routerLine };
