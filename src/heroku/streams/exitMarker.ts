// A one-off dyno's exit status. The terminal is a byte stream with no side channel, so
// the command is sent with an `echo` of a marker line after it (as the Heroku CLI does),
// and the marker is taken out of the output. The marker carries a random nonce per run:
// the command's output (a file it prints, a log it tails) cannot know it, so it can
// neither fake a status nor hide the real one. Every U+FFFF in the output is a candidate,
// and each is checked, not only the first.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one run. */
export function exitNonce(): string {
  return randomBytes(16).toString('hex');
}

/** The marker line's start, before ` <status>\n`. */
function markerOf(nonce: string): string {
  return `\uFFFF heroku-command-exit-status ${nonce}:`;
}

/**
 * The command the dyno's shell runs: the user's in a subshell, then the marker with its
 * status. The Heroku CLI sends `cmd; echo marker $?`, where an `exit 3` in the command ends
 * the shell before the marker runs; in a subshell it ends only the subshell. The command is
 * one single-quoted `eval` argument, so a `#` comment or a trailing backslash in it cannot
 * swallow the `)`. A subshell shares the terminal: stdin stays the TTY, so interactive
 * programs stay interactive.
 */
export function withExitMarker(command: string, nonce: string): string {
  return `( eval ${shellQuote(command)} ); echo "${markerOf(nonce)} $?"`;
}

/** The user's command inside a dyno command `withExitMarker` wrote (what the Dynos view shows), else `command` as it is. */
export function withoutExitMarker(command: string): string {
  const m = /^\( eval '((?:[^']|'\\'')*)' \); echo "\uFFFF heroku-command-exit-status [0-9a-f]+: \$\?"$/.exec(command);
  return m ? m[1]!.replace(/'\\''/g, "'") : command;
}

/** `text` as one sh word: single-quoted, each `'` written as `'\''`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Removes this run's marker from the output (it may arrive split across chunks) and keeps the status it carried. */
export class ExitMarkerFilter {
  status: number | undefined;
  private held = '';
  private readonly marker: string;
  private readonly line: RegExp;

  constructor(nonce: string) {
    this.marker = markerOf(nonce);
    this.line = new RegExp(`^${this.marker} (\\d{1,3})\\r?\\n`);
  }

  push(text: string): string {
    let rest = this.held + text;
    this.held = '';
    let shown = '';
    for (let at = rest.indexOf('\uFFFF'); at >= 0; at = rest.indexOf('\uFFFF')) {
      const candidate = rest.slice(at);
      const m = this.line.exec(candidate);
      if (m) {
        this.status ??= Number(m[1]);
        shown += rest.slice(0, at);
        rest = candidate.slice(m[0].length);
      } else if (this.mayBecome(candidate)) {
        // Possibly the marker still arriving: held back (at most the marker line's length).
        this.held = candidate;
        return shown + rest.slice(0, at);
      } else {
        shown += rest.slice(0, at + 1);
        rest = rest.slice(at + 1);
      }
    }
    return shown + rest;
  }

  /** What is still held when the stream ends: shown, unless it is this run's marker cut short (no status from it). */
  end(): string {
    const rest = this.held;
    this.held = '';
    return rest.startsWith(this.marker) ? '' : rest;
  }

  /** Whether `text` (from a U+FFFF to the end of what arrived) is the start of the marker line. */
  private mayBecome(text: string): boolean {
    if (text.length <= this.marker.length) return this.marker.startsWith(text);
    return text.startsWith(this.marker) && /^ \d{0,3}\r?$/.test(text.slice(this.marker.length));
  }
}
