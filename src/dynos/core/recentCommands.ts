// The one-off dyno commands offered again, kept per Membrane connection: a command names
// an account's apps and data, so one account's list is never shown in another's pick.
// A command that carries a value someone would not want written down (an inline
// `NAME=value`, a URL with credentials, a password or token flag, anything the log's
// redaction would mask, a long token-like word) is never stored: the state file is plain
// text on disk.
import { redactText } from '../../membrane/redact';

/** Where the extension keeps state (VS Code's globalState, or a test's map). */
export interface CommandMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void> | void;
  keys(): readonly string[];
}

const KEY = 'run.recentCommands';
const KEEP = 10;

// `NAME=value` as a word of its own: an inline environment assignment (`FOO=bar cmd`, `env FOO=bar cmd`).
const INLINE_ASSIGNMENT = /(^|[\s;&|(])[A-Za-z_][A-Za-z0-9_]*=\S/;
// `scheme://user[:password]@host`: credentials in a URL.
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s/@]+@/i;
// `--password x`, `--token=x`, `--api-key`, `-H "Authorization: …"`, `Bearer x`.
const SECRET_FLAG = /(^|\s)--?[\w-]*(password|passwd|pwd|token|secret|api[-_]?key|auth|credential)[\w-]*(=|\s|$)|\bauthorization\s*:|\bbearer\s+\S/i;

// A long word of letters and digits (a key, a token, a hash): a value, whatever the flag before it.
const TOKEN_LIKE = /(^|[\s=:'"])(?=[\w+-]*\d)(?=[\w+-]*[A-Za-z])[\w+-]{32,}/;

/** True when `command` carries a value that must not be written down. */
export function carriesSecret(command: string): boolean {
  return [INLINE_ASSIGNMENT, URL_CREDENTIALS, SECRET_FLAG, TOKEN_LIKE].some((r) => r.test(command)) || redactText(command) !== command;
}

export class RecentCommands {
  private readonly key: string;

  private constructor(
    private readonly memory: CommandMemory,
    connectionId: string,
  ) {
    this.key = `${KEY}:${connectionId}`;
  }

  /**
   * A connection's list. The list all accounts once shared is dropped, not moved to one
   * of them: it may hold the very commands that are no longer stored.
   */
  static async open(memory: CommandMemory, connectionId: string): Promise<RecentCommands> {
    if (memory.get(KEY) !== undefined) await memory.update(KEY, undefined);
    return new RecentCommands(memory, connectionId);
  }

  /** This connection's commands, most recent first. */
  list(): string[] {
    const stored = this.memory.get<unknown[]>(this.key) ?? [];
    return stored.filter((c): c is string => typeof c === 'string' && !carriesSecret(c));
  }

  /** Puts `command` first, unless it carries a value (then nothing is stored). */
  async remember(command: string): Promise<void> {
    if (carriesSecret(command)) return;
    await this.memory.update(this.key, [command, ...this.list().filter((c) => c !== command)].slice(0, KEEP));
  }
}

/** Every connection's list, and the one list all accounts once shared. */
export async function clearRecentCommands(memory: CommandMemory): Promise<void> {
  for (const key of memory.keys()) if (key === KEY || key.startsWith(`${KEY}:`)) await memory.update(key, undefined);
}
