// A log stream in a terminal (a Pseudoterminal: no shell, nothing typed reaches a
// process). It streams only while open: closing the terminal aborts the stream and its
// connection (the base, `StreamTerminal`, owns that, the batched writes and the probe).
// What is its own: lines coloured, a reconnect a dim line, never a modal; the terminal's
// name says whether the stream is live; pause, and another filter of the same app.
import type { HerokuClient } from '../heroku/client';
import { tailLogs, type TailNotice } from '../heroku/streams/logTail';
import { StreamTerminal } from '../shared/streamTerminal';
import { colorLine } from './core/logColors';
import { describeTarget, logSessionBody, type AccountLogTarget } from './core/logTarget';
import * as l10n from '@vscode/l10n';

export interface LogTerminalDeps {
  /** The client of the account the stream is in. */
  heroku(connectionId: string): Promise<HerokuClient>;
  log(message: string): void;
  /** Told of every text written (the in-host tests' probe). */
  onText?(app: string, text: string): void;
  /** A log stream was opened (the walkthrough's "try logs" step). */
  onOpened?(): void;
}

type Phase = 'connecting' | 'live' | 'reconnecting' | 'paused' | 'stopped';

export class LogTerminal extends StreamTerminal {
  /** The current filter's tail (a retarget ends it and starts another). */
  private tail: AbortController | undefined;
  private phase: Phase = 'connecting';
  private resumeWaiters: Array<() => void> = [];
  private pausedPhase: Phase | undefined;

  constructor(
    private target: AccountLogTarget,
    private readonly deps: LogTerminalDeps,
  ) {
    super((text) => this.deps.onText?.(this.target.app, text));
  }

  get app(): string {
    return this.target.app;
  }

  static nameFor(app: string, phase: Phase): string {
    const mark = phase === 'live' ? '●' : phase === 'paused' ? '‖' : phase === 'stopped' ? '■' : '◌';
    const title = l10n.t('Heroku logs: {0}', app);
    const label = phase === 'paused' ? l10n.t('paused') : phase === 'stopped' ? l10n.t('stopped') : phase === 'connecting' ? l10n.t('connecting') : phase === 'reconnecting' ? l10n.t('reconnecting') : '';
    return `${mark} ${title}${label ? ` (${label})` : ''}`;
  }

  protected stream(): void {
    this.start();
  }

  protected override stopped(): void {
    this.tail?.abort();
    this.releasePause();
  }

  /** Show another filter of the same app in this terminal. */
  retarget(target: AccountLogTarget): void {
    this.tail?.abort();
    this.releasePause();
    this.target = target;
    this.start();
  }

  get isPaused(): boolean {
    return this.phase === 'paused';
  }

  /** Hold the stream where it is (the connection is not read meanwhile), or let it go on. */
  togglePause(): void {
    if (this.phase === 'paused') {
      this.setPhase(this.pausedPhase ?? 'live');
      this.notice('resumed');
      this.releasePause();
    } else if (this.phase !== 'stopped') {
      this.pausedPhase = this.phase;
      this.setPhase('paused');
      this.notice(l10n.t('paused: the stream waits until you resume'));
    }
  }

  clear(): void {
    this.write('\x1b[2J\x1b[3J\x1b[H');
  }

  private start(): void {
    const ac = new AbortController();
    this.tail = ac;
    const target = this.target;
    this.setPhase('connecting');
    this.notice(`showing ${describeTarget(target)}`);
    void tailLogs(
      {
        openSession: async (signal) => (await (await this.deps.heroku(target.connectionId)).createLogSession(target.app, logSessionBody(target), { signal })).logplex_url,
        remember: Math.max(target.lines, 100),
        onLine: (line) => {
          this.writeLine(colorLine(line));
          return this.phase === 'paused' ? new Promise<void>((r) => this.resumeWaiters.push(r)) : undefined;
        },
        onNotice: (n) => this.onNotice(n),
      },
      ac.signal,
    ).then(
      () => undefined,
      (e: unknown) => {
        if (ac.signal.aborted) return;
        this.setPhase('stopped');
        this.notice(l10n.t(`stopped: {0} Run "Heroku: Show Logs" again to retry.`, (e as Error).message));
        this.deps.log(`Log stream of ${target.app} stopped: ${(e as Error).message}`);
      },
    );
  }

  private onNotice(n: TailNotice): void {
    if (n.kind === 'connected') {
      if (this.phase !== 'paused') this.setPhase('live');
      if (n.attempt > 1) this.notice('reconnected');
    } else if (n.kind === 'reconnecting') {
      if (this.phase !== 'paused') this.setPhase('reconnecting');
      this.notice(`reconnecting (${n.reason})`);
      this.deps.log(`Log stream of ${this.target.app}: reconnecting (${n.reason}).`);
    }
  }

  private releasePause(): void {
    const waiters = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const w of waiters) w();
  }

  private setPhase(phase: Phase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.rename(LogTerminal.nameFor(this.target.app, phase));
  }
}
