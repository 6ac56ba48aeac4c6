'use strict';
// The apps' logs in the sandbox: one append-only file per app under the sandbox home
// (`logs/<app>.log`), in Logplex's line format. The Heroku handlers record what an
// operation logs (a restart's state changes, a scale, a config change, a release); the
// CLI appends those lines after the world is written; the stream server tails the files.

const fs = require('node:fs');
const path = require('node:path');

/** `2026-11-29T10:00:00.123456+00:00 app[web.1]: message`, as Logplex prints it. */
function logLine(source, dyno, message, at = new Date()) {
  const iso = at.toISOString().replace(/\.(\d{3})Z$/, (_m, ms) => `.${ms}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}+00:00`);
  return `${iso} ${source}[${dyno}]: ${message}`;
}

/** What a line says about itself: `source` (app, heroku), `dyno` (web.1, router, api). */
function parseLine(line) {
  const m = /^\S+ ([a-z]+)\[([^\]]+)\]: /.exec(line);
  return m ? { source: m[1], dyno: m[2] } : { source: '', dyno: '' };
}

function logFile(home, appName) {
  return path.join(home, 'logs', `${appName}.log`);
}

function appendLines(home, appName, lines) {
  if (!lines.length) return;
  fs.mkdirSync(path.join(home, 'logs'), { recursive: true });
  fs.appendFileSync(logFile(home, appName), lines.map((l) => `${l}\n`).join(''));
}

/** Lines an operation logged while the world was being changed, written once it is saved. */
class PendingLogs {
  constructor() {
    this.byApp = new Map();
  }

  add(appName, source, dyno, message) {
    const list = this.byApp.get(appName) || [];
    list.push(logLine(source, dyno, message));
    this.byApp.set(appName, list);
  }

  flush(home) {
    for (const [app, lines] of this.byApp) appendLines(home, app, lines);
    this.byApp.clear();
  }
}

/** Whether a line passes a session's filters (`source`: app | heroku; `dyno`: web.1 or a process type, web). */
function matches(line, session) {
  const { source, dyno } = parseLine(line);
  if (session.source && session.source !== source) return false;
  if (session.dyno) {
    if (session.dyno.includes('.')) return dyno === session.dyno;
    return dyno === session.dyno || dyno.startsWith(`${session.dyno}.`);
  }
  return true;
}

module.exports = { logLine, parseLine, logFile, appendLines, PendingLogs, matches };
