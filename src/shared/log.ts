// The "Heroku" LogOutputChannel. Everything written here has passed the redaction
// helper; `herokuMembrane.logLevel` filters below VS Code's own level control.
import * as vscode from 'vscode';
import { Disposable } from './core/disposable';
import { redactText } from '../membrane/redact';
import type { CallLogEntry } from '../membrane/runner';
import type { LogLevelSetting } from './settings';

const ORDER: LogLevelSetting[] = ['trace', 'debug', 'info', 'warn', 'error'];

export class Log extends Disposable {
  readonly channel = this.register(vscode.window.createOutputChannel('Heroku', { log: true }));

  constructor(private readonly level: () => LogLevelSetting) {
    super();
  }

  /** Whether a line of that level is written now (`herokuMembrane.logLevel`, read at each line). */
  on(l: LogLevelSetting): boolean {
    return ORDER.indexOf(l) >= ORDER.indexOf(this.level());
  }

  error(m: string): void {
    if (this.on('error')) this.channel.error(redactText(m));
  }
  warn(m: string): void {
    if (this.on('warn')) this.channel.warn(redactText(m));
  }
  info(m: string): void {
    if (this.on('info')) this.channel.info(redactText(m));
  }
  debug(m: string): void {
    if (this.on('debug')) this.channel.debug(redactText(m));
  }

  /** One line per CLI call: command (already redacted), exit code, duration. */
  call(e: CallLogEntry): void {
    const line = `membrane ${e.args.join(' ')} → ${e.outcome === 'ok' || e.outcome === 'exit' ? `exit ${e.exitCode}` : e.outcome} in ${e.durationMs} ms`;
    if (e.outcome === 'ok') this.info(line);
    else this.warn(line);
  }

  show(): void {
    this.channel.show(true);
  }
}
