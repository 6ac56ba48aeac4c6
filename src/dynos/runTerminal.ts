// A one-off dyno in a terminal: "starting dyno…" at once, then the dyno's own terminal
// over the rendezvous socket (raw input, so Ctrl-C and arrows reach it), and on exit its
// status, coloured; the terminal stays open and readable. Closing it closes the socket.
// The base (`StreamTerminal`) owns the terminal's life, the batched writes and the probe.
import type * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import { ExitMarkerFilter, exitNonce, withExitMarker } from '../heroku/streams/exitMarker';
import { connectRendezvous, type RendezvousSession } from '../heroku/streams/rendezvous';
import { redactText } from '../membrane/redact';
import { StreamTerminal } from '../shared/streamTerminal';
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

export class RunTerminal extends StreamTerminal {
  private session: RendezvousSession | undefined;
  /** This run's exit marker (a fresh nonce: the output cannot fake or hide it). */
  private readonly nonce = exitNonce();
  private readonly marker = new ExitMarkerFilter(this.nonce);
  /** The exit status, once the dyno's process ended. */
  status: number | undefined;

  constructor(
    private readonly spec: RunSpec,
    private readonly deps: RunTerminalDeps,
  ) {
    super((text) => deps.onText?.(`run:${spec.app}`, text));
  }

  static nameFor(spec: RunSpec, dyno?: string): string {
    // The tab shows the command with its secrets masked (a DATABASE_URL=… typed inline).
    return l10n.t(`Heroku run: {0} {1} {2}`, spec.app, dyno ?? '', redactText(spec.command)).replace(/\s+/g, ' ').slice(0, 80);
  }

  /** Typed keys, raw (Ctrl-C and arrows reach the dyno). */
  handleInput(data: string): void {
    this.session?.write(data);
  }

  protected async stream(signal: AbortSignal, dimensions: vscode.TerminalDimensions | undefined): Promise<void> {
    const { app, command, size } = this.spec;
    this.notice(l10n.t('starting a {0} dyno for "{1}" on {2}…', size, command, app));
    const heroku = await this.deps.heroku();
    const env: Record<string, string> = { TERM: 'xterm-256color', ...(dimensions ? { COLUMNS: String(dimensions.columns), LINES: String(dimensions.rows) } : {}) };
    const dyno = await heroku.createDyno(app, { command: withExitMarker(command, this.nonce), attach: true, size, env, time_to_live: 3600 }, { signal });
    this.deps.onDynosChanged();
    this.rename(RunTerminal.nameFor(this.spec, dyno.name));
    this.notice(l10n.t('{0} is up: connecting', dyno.name));
    if (!dyno.attach_url) throw new Error(l10n.t('Heroku gave no attach address for this dyno.'));
    this.session = await connectRendezvous(dyno.attach_url, { onData: (t) => this.write(this.marker.push(t)), onClose: (e) => this.ended(dyno.name, e) }, { signal });
    if (signal.aborted) this.session.close();
  }

  protected override failed(error: Error): void {
    this.outcome(false, error.message);
    this.deps.log(`heroku run on ${this.spec.app} failed: ${error.message}`);
  }

  protected override stopped(): void {
    this.session?.close();
  }

  private ended(dyno: string, error: Error | undefined): void {
    this.write(this.marker.end());
    this.deps.onDynosChanged();
    if (this.closed) return;
    this.status = this.marker.status;
    if (this.status === undefined) {
      // A cut (an error) may leave the dyno running; a clean end says only what is known:
      // the dyno's side closed (Ctrl-C, a killed shell, the dyno stopped) and sent no status.
      const message = error
        ? l10n.t('The connection to {0} closed before the command finished, so no exit status came back: {1}. The dyno may still be running: stop it from the Dynos list if so.', dyno, error.message)
        : l10n.t('The connection to {0} closed without an exit status.', dyno);
      this.outcome(false, message);
    } else {
      this.outcome(this.status === 0, l10n.t('Process exited with status {0}', this.status));
    }
  }
}
