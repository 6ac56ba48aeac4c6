// A one-off dyno in a terminal: "starting dyno…" at once, then the dyno's own terminal
// over the rendezvous socket (raw input, so Ctrl-C and arrows reach it), and on exit its
// status, coloured; the terminal stays open and readable. Closing it closes the socket.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import { ExitMarkerFilter, exitNonce, withExitMarker } from '../heroku/streams/exitMarker';
import { connectRendezvous, type RendezvousSession } from '../heroku/streams/rendezvous';
import { noticeLine, outcomeLine } from '../logs/core/logColors';
import { redactText } from '../membrane/redact';
import * as l10n from '@vscode/l10n';

export interface RunSpec {
  app: string;
  command: string;
  size: string;
}

export interface RunTerminalDeps {
  /** The client of the app's account. */
  heroku(): Promise<HerokuClient>;
  /** The app's Dynos category is read again (the one-off dyno appears, then goes). */
  onDynosChanged(): void;
  /** Told of every text written (the in-host tests' probe), keyed `run:<app>`. */
  onText?(key: string, text: string): void;
  log(message: string): void;
}

export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  private readonly nameEmitter = new vscode.EventEmitter<string>();
  readonly onDidChangeName = this.nameEmitter.event;
  private session: RendezvousSession | undefined;
  private readonly stop = new AbortController();
  /** This run's exit marker (a fresh nonce: the output cannot fake or hide it). */
  private readonly nonce = exitNonce();
  private readonly marker = new ExitMarkerFilter(this.nonce);
  /** The exit status, once the dyno's process ended. */
  status: number | undefined;

  constructor(
    private readonly spec: RunSpec,
    private readonly deps: RunTerminalDeps,
  ) {}

  static nameFor(spec: RunSpec, dyno?: string): string {
    // The tab shows the command with its secrets masked (a DATABASE_URL=… typed inline).
    return l10n.t(`Heroku run: {0} {1} {2}`, spec.app, dyno ?? '', redactText(spec.command)).replace(/\s+/g, ' ').slice(0, 80);
  }

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    void this.start(dimensions);
  }

  handleInput(data: string): void {
    this.session?.write(data);
  }

  close(): void {
    this.stop.abort();
    this.session?.close();
  }

  private write(text: string): void {
    this.writeEmitter.fire(text);
    this.deps.onText?.(`run:${this.spec.app}`, text);
  }

  private async start(dimensions: vscode.TerminalDimensions | undefined): Promise<void> {
    const { app, command, size } = this.spec;
    this.write(`${noticeLine(l10n.t('starting a {0} dyno for "{1}" on {2}…', size, command, app))}\r\n`);
    try {
      const heroku = await this.deps.heroku();
      const env: Record<string, string> = { TERM: 'xterm-256color', ...(dimensions ? { COLUMNS: String(dimensions.columns), LINES: String(dimensions.rows) } : {}) };
      const dyno = await heroku.createDyno(app, { command: withExitMarker(command, this.nonce), attach: true, size, env, time_to_live: 3600 }, { signal: this.stop.signal });
      this.deps.onDynosChanged();
      this.nameEmitter.fire(RunTerminal.nameFor(this.spec, dyno.name));
      this.write(`${noticeLine(l10n.t('{0} is up: connecting', dyno.name))}\r\n`);
      if (!dyno.attach_url) throw new Error(l10n.t('Heroku gave no attach address for this dyno.'));
      this.session = await connectRendezvous(dyno.attach_url, { onData: (t) => this.write(this.marker.push(t)), onClose: (e) => this.ended(dyno.name, e) }, { signal: this.stop.signal });
      if (this.stop.signal.aborted) this.session.close();
    } catch (e) {
      if (this.stop.signal.aborted) return;
      this.write(`\r\n${outcomeLine(false, (e as Error).message)}\r\n`);
      this.deps.log(`heroku run on ${app} failed: ${(e as Error).message}`);
    }
  }

  private ended(dyno: string, error: Error | undefined): void {
    this.write(this.marker.end());
    this.deps.onDynosChanged();
    if (this.stop.signal.aborted) return;
    this.status = this.marker.status;
    if (this.status === undefined) {
      // A cut (an error) may leave the dyno running; a clean end says only what is known:
      // the dyno's side closed (Ctrl-C, a killed shell, the dyno stopped) and sent no status.
      const message = error
        ? l10n.t('The connection to {0} closed before the command finished, so no exit status came back: {1}. The dyno may still be running: stop it from the Dynos list if so.', dyno, error.message)
        : l10n.t('The connection to {0} closed without an exit status.', dyno);
      this.write(`\r\n${outcomeLine(false, message)}\r\n`);
    } else {
      this.write(`\r\n${outcomeLine(this.status === 0, l10n.t('Process exited with status {0}', this.status))}\r\n`);
    }
  }
}
