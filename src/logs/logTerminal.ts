// A log stream in a terminal (a Pseudoterminal: no shell, nothing typed reaches a
// process). It streams only while open: closing the terminal aborts the stream and its
// connection. Lines are coloured and written in batches; a reconnect is a dim line,
// never a modal; the terminal's name says whether the stream is live.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import { tailLogs, type TailNotice } from '../heroku/streams/logTail';
import { colorLine, noticeLine } from './core/logColors';
import { describeTarget, logSessionBody, type AccountLogTarget } from './core/logTarget';
import { TickWriter } from '../shared/core/tickWriter';
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

export class LogTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly nameEmitter = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidChangeName = this.nameEmitter.event;
  private stream: AbortController | undefined;
  private readonly writer = new TickWriter((out) => {
    this.writeEmitter.fire(out);
    this.deps.onText?.(this.target.app, out);
  });
  private phase: Phase = 'connecting';
  private resumeWaiters: Array<() => void> = [];
  private pausedPhase: Phase | undefined;
  closed = false;

  constructor(
    private target: AccountLogTarget,
    private readonly deps: LogTerminalDeps,
  ) {}

  get app(): string {
    return this.target.app;
  }

  static nameFor(app: string, phase: Phase): string {
    const mark = phase === 'live' ? '●' : phase === 'paused' ? '‖' : phase === 'stopped' ? '■' : '◌';
    const title = l10n.t('Heroku logs: {0}', app);
    const label = phase === 'paused' ? l10n.t('paused') : phase === 'stopped' ? l10n.t('stopped') : phase === 'connecting' ? l10n.t('connecting') : phase === 'reconnecting' ? l10n.t('reconnecting') : '';
    return `${mark} ${title}${label ? ` (${label})` : ''}`;
  }

  open(): void {
    this.start();
  }

  close(): void {
    this.closed = true;
    this.writer.stop();
    this.stream?.abort();
    this.releasePause();
  }

  /** Show another filter of the same app in this terminal. */
  retarget(target: AccountLogTarget): void {
    this.stream?.abort();
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
    this.writeRaw('\x1b[2J\x1b[3J\x1b[H');
  }

  private start(): void {
    const ac = new AbortController();
    this.stream = ac;
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
    this.nameEmitter.fire(LogTerminal.nameFor(this.target.app, phase));
  }

  private notice(text: string): void {
    this.writeLine(noticeLine(text));
  }

  private writeLine(text: string): void {
    this.writeRaw(`${text}\r\n`);
  }

  private writeRaw(text: string): void {
    this.writer.write(text);
  }

  dispose(): void {
    this.close();
    this.writeEmitter.dispose();
    this.nameEmitter.dispose();
  }
}
