'use strict';
// One step of `npm test`: a program run without a shell in its own process group, its
// output passed through, and a watchdog. When the step outlives its limit, the watchdog
// says which step hung, kills the whole group (a test runner's children and their
// children too) and the step fails, so a hang costs minutes, never CI's whole limit.
const { spawn } = require('node:child_process');

const KILL_GRACE_MS = 5_000;

/**
 * Runs `file args` and resolves `{ ok, code, signal, hung, seconds }`. `limitMs` is the
 * watchdog; `log` receives the step's status lines (default: console.log).
 */
function runStep(name, file, args, { cwd, env, limitMs, log = console.log, stdio = 'inherit' } = {}) {
  const t0 = Date.now();
  log(`\n=== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, stdio, detached: process.platform !== 'win32' });
    let hung = false;
    let killTimer;
    const killGroup = (sig) => {
      try {
        if (process.platform === 'win32') spawn('taskkill', ['/pid', String(child.pid), '/T', '/F']);
        else process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const watchdog = limitMs
      ? setTimeout(() => {
          hung = true;
          log(`=== ${name}: HUNG — no end after ${Math.round(limitMs / 1000)}s; killing its process group (pid ${child.pid})`);
          killGroup('SIGTERM');
          killTimer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
        }, limitMs)
      : undefined;
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      clearTimeout(killTimer);
      // Whatever the step left behind in its group goes with it.
      killGroup('SIGKILL');
      const ok = code === 0 && !hung;
      const seconds = (Date.now() - t0) / 1000;
      log(`=== ${name}: ${ok ? 'ok' : hung ? 'FAILED (hung, killed)' : `FAILED (exit ${code ?? signal})`} in ${seconds.toFixed(1)}s`);
      resolve({ ok, code, signal, hung, seconds });
    };
    child.on('error', (e) => {
      log(`=== ${name}: could not start ${file}: ${e.message}`);
      finish(null, null);
    });
    child.on('exit', finish);
  });
}

module.exports = { runStep };
