'use strict';
// Persistent state of the sandbox: the world file (Heroku data) and the session file
// (login, pending login, connection progress, call counter). Several sandbox processes
// may run at once, so every read-modify-write happens under a lock file and every
// write is atomic (write a temporary file, then rename over the old one).

const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_WORLD = path.join(__dirname, '..', 'worlds', 'default.json');
const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 15_000;

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(file, fn) {
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  let fd;
  for (;;) {
    try {
      fd = fs.openSync(lock, 'wx');
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      } catch {
        /* the holder just released it */
      }
      if (Date.now() > deadline) throw new Error(`sandbox: could not lock ${file} within ${LOCK_WAIT_MS} ms`);
      sleepSync(5 + Math.floor(Math.random() * 20));
    }
  }
  try {
    return fn();
  } finally {
    fs.closeSync(fd);
    fs.rmSync(lock, { force: true });
  }
}

function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT' && fallback !== undefined) return fallback();
    throw new Error(`sandbox: cannot read ${file}: ${e.message}`);
  }
}

class Store {
  constructor(knobs) {
    this.home = knobs.MEMBRANE_SANDBOX_HOME;
    fs.mkdirSync(this.home, { recursive: true });
    this.worldFile = knobs.MEMBRANE_SANDBOX_WORLD || path.join(this.home, 'world.json');
    this.sessionFile = path.join(this.home, 'session.json');
    this.knobs = knobs;
    if (!fs.existsSync(this.worldFile)) {
      withLock(this.worldFile, () => {
        if (!fs.existsSync(this.worldFile)) writeAtomic(this.worldFile, fs.readFileSync(DEFAULT_WORLD));
      });
    }
  }

  readWorld() {
    return readJson(this.worldFile);
  }

  /** Run fn(world) under the lock; the world is written back when fn returns normally. */
  updateWorld(fn) {
    return withLock(this.worldFile, () => {
      const world = readJson(this.worldFile);
      const result = fn(world);
      writeAtomic(this.worldFile, JSON.stringify(world));
      return result;
    });
  }

  freshSession() {
    return {
      loggedIn: !this.knobs.MEMBRANE_SANDBOX_LOGGED_OUT,
      pendingLogin: null,
      calls: 0,
      connection: null,
    };
  }

  updateSession(fn) {
    return withLock(this.sessionFile, () => {
      const session = readJson(this.sessionFile, () => this.freshSession());
      const result = fn(session);
      writeAtomic(this.sessionFile, JSON.stringify(session, null, 2));
      return result;
    });
  }
}

module.exports = { Store, DEFAULT_WORLD, writeAtomic, sleepSync };
