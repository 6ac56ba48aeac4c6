'use strict';
// The sandbox "dyno": a small interpreter, never a shell. It runs nothing on the host. It
// reads the dyno's command as sh would (`shellSyntax.js`) and knows `echo`, `env` (the
// app's config vars, values masked as `heroku run env` shows them here), `ls` (the files of
// the app's last sandbox build), `exit N`, `sleep N`, `true`/`false`, `eval`, `bash -c`,
// `$?`; `bash` (an interactive prompt) and `rails console` / `python` (prompts that echo).
// It behaves as a real shell where the extension depends on it: `exit` ends the shell it
// runs in (nothing after it runs, and the session closes), a subshell's `exit` ends only
// the subshell, and nothing here knows about the Heroku CLI's exit-status marker. The
// session is a TTY: keystrokes are echoed; Ctrl-C interrupts (ending a non-interactive
// command and the shell running it, as SIGINT does), Ctrl-D ends an interactive program.
const { ShellSyntaxError, expand, parse } = require('./shellSyntax');

/** `exit N` unwinding to the (sub)shell it ends. */
class Exit {
  constructor(status) {
    this.status = status;
  }
}
/** Ctrl-C (SIGINT) unwinding to the interactive program that catches it, or ending the session. */
class Interrupt {}
/** The connection went: everything stops. */
class Hangup {}

const EOF = Symbol('EOF');
const INTR = Symbol('INTR');
const HUP = Symbol('HUP');

class DynoShell {
  /**
   * `io.write(text)` sends to the client; `io.end(status)` closes the session.
   * `ctx`: {config, files, dyno}.
   */
  constructor(io, ctx) {
    this.io = io;
    this.ctx = ctx;
    this.status = 0;
    this.ended = false;
    this.line = ''; // what is being typed
    this.typed = []; // lines (or EOF) typed ahead, not read yet
    this.reader = undefined; // a program waiting for a line
    this.sleeping = undefined; // wakes a sleep early, with why
  }

  /** Runs the dyno's command (what `POST /dynos` was given), as `sh -c` would; the session ends with it. */
  async start(command) {
    let status;
    try {
      status = await this.shell(command);
    } catch (e) {
      if (e instanceof Hangup) return;
      if (!(e instanceof Interrupt)) throw e;
      status = 130;
    }
    this.finish(status);
  }

  out(text) {
    if (!this.ended) this.io.write(text.replace(/\n/g, '\r\n'));
  }

  finish(status) {
    if (this.ended) return;
    this.ended = true;
    this.io.end(status);
  }

  /** The client went away (SIGHUP): a sleep or a prompt stops waiting, nothing more is written. */
  hangup() {
    this.ended = true;
    this.sleeping?.(new Hangup());
    this.reader?.(HUP);
  }

  /** A shell (the dyno's, `bash -c`, a subshell): runs `script`, and `exit` ends it with its status. */
  async shell(script) {
    try {
      // A new shell starts with `$?` 0; a subshell (a parsed list) inherits it.
      if (typeof script === 'string') this.status = 0;
      await this.runList(typeof script === 'string' ? this.parsed(script) : script);
      return this.status;
    } catch (e) {
      if (e instanceof Exit) return (this.status = e.status);
      throw e;
    }
  }

  /** The script's commands; a syntax error runs none of them (status 2). */
  parsed(script) {
    try {
      return parse(script);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      this.out(`bash: ${e.message}\n`);
      this.status = 2;
      return [];
    }
  }

  async runList(list) {
    for (const { op, node } of list) {
      if ((op === '&&' && this.status !== 0) || (op === '||' && this.status === 0)) continue;
      this.status = node.subshell ? await this.shell(node.subshell) : await this.run(node.words.map((w) => expand(w, this.status)));
    }
  }

  /** One simple command; its status. */
  async run([name, ...args]) {
    switch (name) {
      case undefined:
        return this.status;
      case 'echo':
        if (args[0] === '-n') this.out(args.slice(1).join(' '));
        else this.out(`${args.join(' ')}\n`);
        return 0;
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'env':
        for (const [k, v] of Object.entries(this.ctx.config)) this.out(`${k}=${mask(v)}\n`);
        this.out(`DYNO=${this.ctx.dyno}\nPORT=5000\nHOME=/app\n`);
        return 0;
      case 'ls':
        this.out(`${(this.ctx.files.length ? this.ctx.files : ['Procfile', 'package.json']).join('\n')}\n`);
        return 0;
      case 'sleep':
        await this.sleep(Math.min(Number(args[0]) || 0, 600));
        return 0;
      case 'exit':
        throw new Exit(args.length ? (/^\d+$/.test(args[0]) ? Number(args[0]) & 255 : 2) : this.status);
      case 'eval':
        this.status = 0;
        await this.runList(this.parsed(args.join(' ')));
        return this.status;
      case 'bash':
      case 'sh':
        if (!args.length) return this.interactive();
        if (args[0] === '-c') return this.shell(args[1] ?? '');
        this.out(`${name}: ${args[0]}: No such file or directory\n`);
        return 127;
      case 'rails':
      case 'python':
      case 'irb':
        if (name === 'rails' && args[0] !== 'console' && args[0] !== 'c') break;
        return this.repl(name);
      default:
        break;
    }
    this.out(`bash: ${name}: command not found\n`);
    return 127;
  }

  sleep(seconds) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, seconds * 1000);
      this.sleeping = (why) => {
        clearTimeout(timer);
        this.sleeping = undefined;
        reject(why);
      };
    });
  }

  /** An interactive bash: a prompt per line; `exit` or Ctrl-D ends it; Ctrl-C drops the line or stops its command. */
  async interactive() {
    for (;;) {
      this.out('~ $ ');
      const line = await this.readLine();
      if (line === HUP) throw new Hangup();
      if (line === EOF) {
        this.out('exit\n');
        return this.status;
      }
      if (line === INTR) {
        this.status = 130;
        continue;
      }
      try {
        await this.runList(this.parsed(line));
      } catch (e) {
        if (e instanceof Exit) return e.status;
        if (!(e instanceof Interrupt)) throw e;
        this.status = 130;
      }
    }
  }

  /** `rails console` / `python`: a prompt that echoes what it is given; `exit`, `quit` or Ctrl-D end it. */
  async repl(name) {
    this.out(name === 'python' ? 'Python 3.12.7 (main) [GCC 12.2.0] on linux\n' : 'Loading production environment (Rails 7.2.1)\n');
    const prompt = name === 'python' ? '>>> ' : 'irb(main):001:0> ';
    for (;;) {
      this.out(prompt);
      const line = await this.readLine();
      if (line === HUP) throw new Hangup();
      if (line === EOF) this.out('\n');
      if (line === EOF || (typeof line === 'string' && /^(exit|quit|exit\(\))$/.test(line.trim()))) return 0;
      if (typeof line === 'string' && line.trim()) this.out(`=> ${JSON.stringify(line.trim())}\n`);
    }
  }

  /** The next line typed (or EOF, INTR, HUP). */
  readLine() {
    if (this.ended) return Promise.resolve(HUP);
    if (this.typed.length) return Promise.resolve(this.typed.shift());
    return new Promise((resolve) => {
      this.reader = (line) => {
        this.reader = undefined;
        resolve(line);
      };
    });
  }

  /** A typed line (or EOF) to the program reading, or kept until one reads. */
  deliver(line) {
    if (this.reader) this.reader(line);
    else this.typed.push(line);
  }

  /** Keystrokes from the client, through a TTY's line discipline: echoed, edited, Ctrl-C and Ctrl-D as signals. */
  async input(data) {
    for (const ch of data) {
      if (this.ended) return;
      if (ch === '\u0003') {
        this.out('^C\n');
        this.line = '';
        this.typed = [];
        this.interrupt();
      } else if (ch === '\u0004') {
        if (!this.line) this.deliver(EOF);
      } else if (ch === '\r' || ch === '\n') {
        this.out('\n');
        const line = this.line;
        this.line = '';
        this.deliver(line);
      } else if (ch === '\u007f') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.out('\b \b');
        }
      } else if (ch >= ' ') {
        // (other controls, arrows' escapes among them, are not echoed)
        this.line += ch;
        this.out(ch);
      }
    }
  }

  /** SIGINT to the foreground: a sleep stops (the Interrupt unwinds to a prompt, or ends the session); a prompt drops its line. */
  interrupt() {
    if (this.sleeping) this.sleeping(new Interrupt());
    else if (this.reader) this.reader(INTR);
    else this.finish(130);
  }
}

/** How `env` shows a value here: its first characters, then stars. */
function mask(value) {
  const v = String(value);
  return v.length <= 4 ? '****' : `${v.slice(0, 4)}${'*'.repeat(Math.min(12, v.length - 4))}`;
}

module.exports = { DynoShell };
