'use strict';
// The sandbox "dyno": a small interpreter, never a shell. It runs nothing on the host. It
// knows `echo`, `env` (the app's config vars, values masked as `heroku run env` shows
// them here), `ls` (the files of the app's last sandbox build), `exit N`, `sleep N`,
// `true`/`false`, `&&` and `;`, `$?`; `bash` (an interactive prompt) and `rails console` /
// `python` (prompts that echo). Ctrl-C interrupts as a shell does; Ctrl-D ends an
// interactive session. The exit-status marker Heroku's CLI appends is honoured.

const MARKER = '\uFFFF heroku-command-exit-status:';

class DynoShell {
  /**
   * `io.write(text)` sends to the client; `io.end(status)` closes the session.
   * `ctx`: {config, files, dyno, tty}.
   */
  constructor(io, ctx) {
    this.io = io;
    this.ctx = ctx;
    this.status = 0;
    this.line = '';
    this.mode = undefined; // 'bash' | 'repl' while interactive
    this.ended = false;
    this.sleeping = undefined;
  }

  /** Runs the dyno's command (what `POST /dynos` was given). */
  async start(command) {
    this.wantsMarker = command.includes(MARKER);
    await this.runScript(command, true);
    if (!this.mode) this.finish();
  }

  out(text) {
    if (!this.ended) this.io.write(text.replace(/\n/g, '\r\n'));
  }

  /** The end: the marker the CLI's wrapper asked for (when the script did not reach it), then the socket closes. */
  finish() {
    if (this.ended) return;
    if (this.wantsMarker && !this.markerPrinted) this.out(`${MARKER} ${this.status}\n`);
    this.ended = true;
    this.io.end(this.status);
  }

  /** A script: statements joined by `;` and `&&`; `exit` stops it (the marker still reports the status). */
  async runScript(script, topLevel) {
    for (const { text, op } of split(script)) {
      // Entering an interactive program stops the top-level script (it resumes nowhere: the session is the program).
      if (this.ended || (topLevel && this.mode)) return;
      if (op === '&&' && this.status !== 0) continue;
      // `exit N` stops the script; `finish` still reports the status, as the CLI's wrapper would.
      if (await this.run(text.trim(), topLevel)) return;
    }
  }

  /** One statement; true when it ends the script. */
  async run(statement, topLevel) {
    const [name, ...args] = words(statement.replace(/\$\?/g, String(this.status)));
    switch (name) {
      case undefined:
        return false;
      case 'echo':
        this.out(`${args.join(' ')}\n`);
        // The CLI's marker reports the status; it does not change it.
        if (statement.includes(MARKER)) this.markerPrinted = true;
        else this.status = 0;
        return false;
      case 'true':
        this.status = 0;
        return false;
      case 'false':
        this.status = 1;
        return false;
      case 'env':
        for (const [k, v] of Object.entries(this.ctx.config)) this.out(`${k}=${mask(v)}\n`);
        this.out(`DYNO=${this.ctx.dyno}\nPORT=5000\nHOME=/app\n`);
        this.status = 0;
        return false;
      case 'ls':
        this.out(`${(this.ctx.files.length ? this.ctx.files : ['Procfile', 'package.json']).join('\n')}\n`);
        this.status = 0;
        return false;
      case 'sleep': {
        const seconds = Math.min(Number(args[0]) || 0, 600);
        const interrupted = await new Promise((resolve) => {
          const timer = setTimeout(() => resolve(false), seconds * 1000);
          this.sleeping = () => {
            clearTimeout(timer);
            resolve(true);
          };
        });
        this.sleeping = undefined;
        this.status = interrupted ? 130 : 0;
        return interrupted && topLevel;
      }
      case 'exit':
        this.status = Number(args[0]) || 0;
        if (this.mode === 'bash' && !topLevel) this.mode = undefined;
        return true;
      case 'bash':
      case 'sh':
        if (args.length) return false;
        this.mode = 'bash';
        this.prompt();
        return false;
      case 'rails':
      case 'python':
      case 'irb':
        if (name === 'rails' && args[0] !== 'console' && args[0] !== 'c') break;
        this.mode = 'repl';
        this.repl = name === 'python' ? '>>> ' : 'irb(main):001:0> ';
        this.out(name === 'python' ? 'Python 3.12.7 (main) [GCC 12.2.0] on linux\n' : 'Loading production environment (Rails 7.2.1)\n');
        this.prompt();
        return false;
      default:
        break;
    }
    if (statement.includes(MARKER)) return false;
    this.out(`bash: ${name}: command not found\n`);
    this.status = 127;
    return false;
  }

  prompt() {
    this.out(this.mode === 'repl' ? this.repl : `~ $ `);
  }

  /** Keystrokes from the client (a TTY: echoed back, as a terminal line discipline does). */
  async input(data) {
    for (const ch of data) {
      if (this.ended) return;
      if (ch === '\u0003') {
        // Ctrl-C: interrupts a sleep, or drops the line being typed.
        if (this.sleeping) this.sleeping();
        this.out('^C\n');
        this.line = '';
        if (this.mode) this.prompt();
        else if (!this.sleeping) this.finish();
        continue;
      }
      if (!this.mode) continue; // a non-interactive command reads no input
      if (ch === '\u0004' && !this.line) {
        this.out('exit\n');
        this.mode = undefined;
        this.finish();
        return;
      }
      if (ch === '\r' || ch === '\n') {
        this.out('\n');
        const line = this.line;
        this.line = '';
        await this.submit(line);
        continue;
      }
      if (ch === '\u007f') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.out('\b \b');
        }
        continue;
      }
      if (ch < ' ') continue; // other controls (arrows' escapes) are not echoed
      this.line += ch;
      this.out(ch);
    }
  }

  async submit(line) {
    if (this.mode === 'repl') {
      if (/^(exit|quit|exit\(\))$/.test(line.trim())) {
        this.mode = undefined;
        this.status = 0;
        return this.finish();
      }
      if (line.trim()) this.out(`=> ${JSON.stringify(line.trim())}\n`);
      return this.prompt();
    }
    await this.runScript(line, false);
    if (!this.mode) return this.finish();
    this.prompt();
  }
}

/** `a && b; c` → [{text: 'a'}, {text: 'b', op: '&&'}, {text: 'c', op: ';'}], quotes respected. */
function split(script) {
  const parts = [];
  let cur = '';
  let op;
  let quote;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ';' || (ch === '&' && script[i + 1] === '&')) {
      parts.push({ text: cur, op });
      op = ch === ';' ? ';' : '&&';
      if (ch === '&') i++;
      cur = '';
    } else cur += ch;
  }
  parts.push({ text: cur, op });
  return parts.filter((p) => p.text.trim());
}

/** Words, with quotes removed. */
function words(statement) {
  return [...statement.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** How `env` shows a value here: its first characters, then stars. */
function mask(value) {
  const v = String(value);
  return v.length <= 4 ? '****' : `${v.slice(0, 4)}${'*'.repeat(Math.min(12, v.length - 4))}`;
}

module.exports = { DynoShell, MARKER, split };
