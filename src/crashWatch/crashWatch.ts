// The crash watch (on only when the user turns it on): a status-bar item with the watched
// apps' dyno health, and a notification offering Show Logs when a dyno crashes. Every dyno
// list an account's client reads is an observation (the tree's reads included); an app
// nothing was read of for a minute is read once, through its account's client (its cache,
// concurrency limit and rate-limit back-off). Nothing is read while Heroku is not
// connected, and nothing after dispose (the setting turned off).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { severalAccountsLabel, type ConnectionStatus } from '../connection/core/connectionState';
import type { HerokuClient } from '../heroku/client';
import type { Dyno } from '../heroku/schemas';
import type { AccountLogTarget } from '../logs/core/logTarget';
import { Disposable } from '../shared/core/disposable';
import { displayable, escapeMarkdown } from '../shared/core/text';
import { prompts } from '../shared/prompts';
import type { Settings } from '../shared/settings';
import { isCrashed, WatchHealth, type AppHealth, type CrashNews, type DynoSeen, type WatchMemory } from './core/health';
import { AppPoller } from '../shared/core/appPoller';
import { appLine, newsMessage, watchLook, type WatchLook } from './core/status';
import { resolveWatched, type WatchedRef } from './core/watchedApps';

export const CRASH_WATCH_ITEM_ID = 'herokuMembrane.crashWatch';
export const SHOW_CRASH_WATCH = 'herokuMembrane.showCrashWatch';

/** What the in-host tests see of the item. */
export interface CrashWatchShown {
  text: string;
  label: string;
  kind: WatchLook['kind'];
  tooltip: string;
}

export interface CrashWatchDeps {
  settings: Pick<Settings, 'current' | 'onDidChange'>;
  connection: {
    readonly status: ConnectionStatus;
    onDidChange(listener: (s: ConnectionStatus) => void): { dispose(): void };
    herokuFor(connectionId: string): HerokuClient | undefined;
  };
  showLogs(target: AccountLogTarget): void;
  log(level: 'info' | 'warn', message: string): void;
  /** What the watches knew of each app: kept by the composition root from one watch to the next. */
  memory: WatchMemory;
  /** Each look the item takes (the in-host tests' probe). */
  onShown?(shown: CrashWatchShown | undefined): void;
  /** The time now (tests move it). */
  now?(): number;
}

export class CrashWatch extends Disposable {
  readonly health: WatchHealth;
  private readonly item: vscode.StatusBarItem;
  private readonly followed = new Map<HerokuClient, { dispose(): void }>();
  private readonly poller: AppPoller;
  private readonly now: () => number;

  constructor(private readonly deps: CrashWatchDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.health = new WatchHealth({ memory: deps.memory });
    this.poller = new AppPoller({
      health: this.health,
      ready: () => this.ready,
      read: (ref, signal) => {
        const heroku = deps.connection.herokuFor(ref.connectionId);
        if (!heroku) return undefined;
        // Forgotten first: the cache would answer with what it read, however old. A view that
        // shows the dynos reads them again with it (one load, shared).
        heroku.forget(ref.app, 'dynos');
        return heroku.listDynos(ref.app, { signal });
      },
      changed: () => this.render(),
      log: (ref, problem) => deps.log('warn', `Crash watch: the dynos of ${ref.app} could not be read: ${problem}`),
      now: this.now,
    });
    this.item = this.register(vscode.window.createStatusBarItem(CRASH_WATCH_ITEM_ID, vscode.StatusBarAlignment.Left, 9));
    this.item.name = l10n.t('Heroku Crash Watch');
    this.item.command = SHOW_CRASH_WATCH;
    this.register(deps.settings.onDidChange((names) => names.has('crashWatchApps') && this.refresh()));
    this.register(deps.connection.onDidChange(() => this.refresh()));
    this.onDispose(() => {
      this.poller.dispose();
      for (const f of this.followed.values()) f.dispose();
      this.followed.clear();
      deps.onShown?.(undefined);
    });
    this.refresh();
  }

  /** Whether a poll is scheduled or running (the in-host tests' probe). */
  get polling(): boolean {
    return this.poller.busy;
  }

  /** Each watched app with its account's words (when there are several accounts), for the click's pick. */
  apps(): Array<{ health: AppHealth; account: string | undefined; line: string }> {
    return this.health.list().map((health) => ({ health, account: this.accountOf(health.ref.connectionId), line: appLine(health) }));
  }

  /** Where Show Logs goes for an app: its one crashed dyno, else the whole app. */
  logTarget(ref: WatchedRef, crashed: readonly DynoSeen[] = (this.health.get(ref)?.dynos ?? []).filter(isCrashed)): AccountLogTarget {
    const only = crashed.length === 1 ? crashed[0] : undefined;
    // A Fir dyno's name (web-848cd4f64d-pvpr2) has no dot: its logs are asked for by process type.
    const fir = only !== undefined && !only.name.includes('.');
    return { app: ref.app, connectionId: ref.connectionId, lines: 100, ...(only ? { dyno: fir ? only.type : only.name } : {}), ...(fir ? { fir } : {}) };
  }

  private get ready(): boolean {
    return this.deps.connection.status.kind === 'ready';
  }

  /** The watched apps, their accounts' clients followed (only those: a new CLI path makes new clients), the next poll set, the item drawn. */
  private refresh(): void {
    const status = this.deps.connection.status;
    this.health.setApps(resolveWatched(this.deps.settings.current.crashWatchApps, status.connectionId), this.now());
    const clients = new Set<HerokuClient>();
    if (this.ready) {
      for (const { ref } of this.health.list()) {
        const heroku = this.deps.connection.herokuFor(ref.connectionId);
        if (!heroku) continue;
        clients.add(heroku);
        if (!this.followed.has(heroku)) this.followed.set(heroku, heroku.onDidReadDynos((read) => this.observed(heroku.connectionId, read.app, read.dynos)));
      }
      for (const [heroku, sub] of this.followed) {
        if (clients.has(heroku)) continue;
        sub.dispose();
        this.followed.delete(heroku);
      }
    }
    this.poller.refresh();
    this.render();
  }

  private observed(connectionId: string, app: string, dynos: Dyno[]): void {
    const ref = { app, connectionId };
    if (this.isDisposed || !this.health.get(ref)) return;
    const news = this.health.observe(ref, dynos, this.now());
    this.render();
    this.poller.schedule();
    if (news) void this.tell(news);
  }

  private async tell(news: CrashNews): Promise<void> {
    this.deps.log('warn', `Crash watch: ${news.dynos.map((d) => d.name).join(', ')} of ${news.ref.app} ${news.first ? 'found crashed' : 'crashed'}.`);
    const show = l10n.t('Show Logs');
    const choice = await prompts.showWarningMessage(newsMessage(news.ref.app, news.dynos, news.first, this.accountOf(news.ref.connectionId)), show);
    if (choice === show) this.deps.showLogs(this.logTarget(news.ref, news.dynos));
  }

  /** An account's words when there are several (undefined with one). */
  private accountOf(connectionId: string): string | undefined {
    return severalAccountsLabel(this.deps.connection.status, connectionId);
  }

  private render(): void {
    if (this.isDisposed) return;
    const look = watchLook(this.health.list(), !this.ready);
    this.item.text = look.text;
    this.item.accessibilityInformation = { label: l10n.t('Heroku crash watch: {0}', look.label) };
    this.item.backgroundColor = look.kind === 'crashed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : look.kind === 'unread' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(`**${escapeMarkdown(l10n.t('Heroku crash watch'))}** — ${escapeMarkdown(look.label)}`);
    // The account's words and a failure's text come from elsewhere: shown as plain text, each kept apart.
    for (const a of this.apps()) md.appendMarkdown(`\n\n${escapeMarkdown(displayable(a.account ? l10n.t('{0} ({1})', a.health.ref.app, a.account) : a.health.ref.app))}: ${escapeMarkdown(displayable(a.line))}`);
    md.appendMarkdown('\n\n---\n\n' + escapeMarkdown(l10n.t('Click: the watched apps, their logs, and the watch itself')));
    this.item.tooltip = md;
    this.item.show();
    this.deps.onShown?.({ text: look.text, label: this.item.accessibilityInformation.label, kind: look.kind, tooltip: md.value });
  }
}
