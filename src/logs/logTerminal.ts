// A log stream in a terminal (a Pseudoterminal: no shell, nothing typed reaches a
// process). It streams only while open: closing the terminal aborts the stream and its
// connection (the base, `StreamTerminal`, owns that, the batched writes and the probe).
// What is its own: what it shows of the lines (`core/logView.ts`: the last N kept, a
// filter on our side with its matches highlighted, lines coloured after the Heroku CLI),
// a reconnect a notice line, never a modal; the terminal's name says whether the stream
// is live and which filter is on; pause, and another session target of the same app.
import type { HerokuClient } from '../heroku/client';
import { tailLogs, type TailNotice } from '../heroku/streams/logTail';
import { StreamTerminal } from '../shared/streamTerminal';
import { filterLabel, type LogFilter } from './core/logFilter';
import { CLEAR_SCREEN, LogView, type FilterResult } from './core/logView';
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
  /** How many lines a terminal keeps for filters and Save Logs (the setting; default 5,000). */
  keptLines?(): number;
  /** The terminals' scrollback (VS Code's setting; default 1,000): what a re-render needs to paint at most, with the screen's rows. */
  scrollback?(): number;
  /** A terminal's filter changed (set, cleared, or dropped by the view). */
  filterChanged?(): void;
}

type Phase = 'connecting' | 'live' | 'reconnecting' | 'paused' | 'stopped';

export const DEFAULT_KEPT_LINES = 5000;

export class LogTerminal extends StreamTerminal {
  /** The current session target's tail (a retarget ends it and starts another). */
  private tail: AbortController | undefined;
  private phase: Phase = 'connecting';
  private resumeWaiters: Array<() => void> = [];
  private pausedPhase: Phase | undefined;
  private readonly view: LogView;

  constructor(
    private target: AccountLogTarget,
    private readonly deps: LogTerminalDeps,
  ) {
    super((text) => this.deps.onText?.(this.target.app, text));
    this.view = new LogView({
      write: (text) => this.write(text),
      notice: (text) => this.notice(text),
      filterDropped: () => this.filterChanged(),
      keep: deps.keptLines?.() ?? DEFAULT_KEPT_LINES,
      screenLines: () => (deps.scrollback?.() ?? 1000) + (this.dimensions?.rows ?? 50),
    });
    this.onDispose(() => this.view.dispose());
  }

  get app(): string {
    return this.target.app;
  }

  get connectionId(): string {
    return this.target.connectionId;
  }

  static nameFor(app: string, phase: Phase, filter?: LogFilter): string {
    const mark = phase === 'live' ? '●' : phase === 'paused' ? '‖' : phase === 'stopped' ? '■' : '◌';
    const title = l10n.t('Heroku logs: {0}', app);
    const label = phase === 'paused' ? l10n.t('paused') : phase === 'stopped' ? l10n.t('stopped') : phase === 'connecting' ? l10n.t('connecting') : phase === 'reconnecting' ? l10n.t('reconnecting') : '';
    const name = `${mark} ${title}${label ? ` (${label})` : ''}`;
    return filter ? l10n.t('{0} — filter: {1}', name, filterLabel(filter)) : name;
  }

  get name(): string {
    return LogTerminal.nameFor(this.target.app, this.phase, this.view.filter);
  }

  protected stream(): void {
    this.start();
  }

  protected override stopped(): void {
    this.tail?.abort();
    this.releasePause();
    this.view.dispose();
  }

  /** Show another session target of the same app in this terminal (the kept lines and the filter stay). */
  retarget(target: AccountLogTarget): void {
    this.tail?.abort();
    this.releasePause();
    this.target = target;
    // Not open yet: `open` starts the stream of this target. Closed: no stream may start again.
    if (this.tail && !this.closed) this.start();
  }

  get isPaused(): boolean {
    return this.phase === 'paused';
  }

  /** Hold the stream where it is (the connection is not read meanwhile), or let it go on. */
  togglePause(): void {
    if (this.phase === 'paused') {
      this.setPhase(this.pausedPhase ?? 'live');
      this.notice(l10n.t('resumed'));
      this.releasePause();
    } else if (this.phase !== 'stopped') {
      this.pausedPhase = this.phase;
      this.setPhase('paused');
      this.notice(l10n.t('paused: the stream waits until you resume'));
    }
  }

  /** Clears the screen and forgets the kept lines (a new filter or Save Logs starts from what comes next). */
  clear(): void {
    this.view.clear();
    this.write(CLEAR_SCREEN);
  }

  get filter(): LogFilter | undefined {
    return this.view.filter;
  }

  get keptCount(): number {
    return this.view.keptCount;
  }

  /** Narrow what is shown (undefined: everything): the kept lines are shown again through it, then every new one. */
  async setFilter(filter: LogFilter | undefined): Promise<FilterResult | undefined> {
    const shown = this.view.setFilter(filter);
    this.filterChanged();
    return shown;
  }

  /** The kept lines as plain text (no escapes): all of them, or those the filter shows. */
  linesToSave(onlyShown: boolean): Promise<string[]> {
    return this.view.linesToSave(onlyShown);
  }

  /** The kept lines (for the filter's choices: the dynos seen). */
  keptLines(): Promise<string[]> {
    return this.view.linesToSave(false);
  }

  keep(max: number): void {
    this.view.keep(max);
  }

  /** A regular expression is being typed: its worker starts meanwhile (`done`: typed or not, the worker stays only if used). */
  preparingRegex(done: boolean): void {
    if (done) this.view.coolRegex();
    else this.view.warmRegex();
  }

  private filterChanged(): void {
    this.rename(this.name);
    this.deps.filterChanged?.();
  }

  private start(): void {
    const ac = new AbortController();
    this.tail = ac;
    const target = this.target;
    this.setPhase('connecting');
    this.notice(l10n.t('showing {0}', describeTarget(target)));
    void tailLogs(
      {
        openSession: async (signal) => (await (await this.deps.heroku(target.connectionId)).createLogSession(target.app, logSessionBody(target), { signal })).logplex_url,
        remember: Math.max(target.lines, 100),
        onLine: (line) => {
          const behind = this.view.push(line);
          return this.phase === 'paused' ? new Promise<void>((r) => this.resumeWaiters.push(r)) : behind;
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
      if (n.attempt > 1) this.notice(l10n.t('reconnected'));
    } else if (n.kind === 'reconnecting') {
      if (this.phase !== 'paused') this.setPhase('reconnecting');
      this.notice(l10n.t('reconnecting ({0})', n.reason));
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
    this.rename(this.name);
  }
}
