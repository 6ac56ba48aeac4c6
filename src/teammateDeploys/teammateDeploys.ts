// Teammate deploys (on only when the user turns it on): a notification when a new release of
// one of the workspace's apps lands that this window did not make, with Show Release and
// Show Changes. Each app is watched in the first ready account that lists it. Every list of
// an app's latest releases an account's client reads is a look (the tree's included); an app
// nothing was read of for a minute is read once, through its account's client. Nothing is
// read while Heroku is not connected, and nothing after dispose (the setting turned off).
import * as l10n from '@vscode/l10n';
import { severalAccountsLabel, readyAccounts, type ConnectionStatus } from '../connection/core/connectionState';
import type { HerokuClient } from '../heroku/client';
import type { Release } from '../heroku/schemas';
import { RELEASE_PAGE } from '../releases/core/format';
import { AppPoller, type WatchedRef } from '../shared/core/appPoller';
import { Disposable } from '../shared/core/disposable';
import { prompts } from '../shared/prompts';
import { madeHere } from './core/madeHere';
import { newsMessage } from './core/news';
import { ReleaseLooks, type DeployNews, type LookMemory } from './core/releaseLooks';

/** Apps watched at most (the crash watch's budget: 60 reads an hour each, ten well within Heroku's 4,500 an hour). */
export const MAX_APPS = 10;

/** The releases a look reads: the Releases category's first page, so a view showing them shares the load. */
export const LOOK_COUNT = RELEASE_PAGE + 1;

export interface TeammateDeploysDeps {
  connection: {
    readonly status: ConnectionStatus;
    onDidChange(listener: (s: ConnectionStatus) => void): { dispose(): void };
    herokuFor(connectionId: string): HerokuClient | undefined;
  };
  /** The workspace's apps (by name, in any account). */
  workspaceApps(): ReadonlySet<string>;
  /** Fires when the workspace's apps may have changed. */
  onDidChangeWorkspaceApps(listener: () => void): { dispose(): void };
  /** When each app was read, kept by the composition root from one watch to the next. */
  memory: LookMemory;
  showRelease(ref: WatchedRef, release: Release): unknown;
  showChanges(ref: WatchedRef, release: Release): unknown;
  log(level: 'info' | 'warn', message: string): void;
  /** The apps watched after each refresh, undefined once disposed (the in-host tests' probe). */
  onWatching?(apps: readonly string[] | undefined): void;
  /** Each look: the newest version seen of an app (the in-host tests' probe). */
  onLook?(app: string, newest: number | undefined): void;
  now?(): number;
}

export class TeammateDeploys extends Disposable {
  readonly looks: ReleaseLooks;
  private readonly poller: AppPoller;
  private readonly followed = new Map<HerokuClient, { dispose(): void }>();
  /** Each account's e-mail, read once per watch (the account's own cached read). */
  private readonly emails = new Map<string, string | undefined>();
  private readonly now: () => number;
  /** Each refresh's number: only the latest one's apps are kept. */
  private refreshes = 0;

  constructor(private readonly deps: TeammateDeploysDeps) {
    super();
    this.now = deps.now ?? Date.now;
    this.looks = new ReleaseLooks(deps.memory);
    this.poller = new AppPoller({
      health: this.looks,
      ready: () => this.ready,
      read: (ref, signal) => deps.connection.herokuFor(ref.connectionId)?.latestReleasesAfresh(ref.app, LOOK_COUNT, { signal }),
      changed: () => undefined,
      log: (ref, problem) => deps.log('warn', `Teammate deploys: the releases of ${ref.app} could not be read: ${problem}`),
      now: this.now,
    });
    this.register(deps.connection.onDidChange(() => void this.refresh()));
    this.register(deps.onDidChangeWorkspaceApps(() => void this.refresh()));
    this.onDispose(() => {
      this.poller.dispose();
      for (const f of this.followed.values()) f.dispose();
      this.followed.clear();
      deps.onWatching?.(undefined);
    });
    void this.refresh();
  }

  /** Whether a poll is scheduled or running (the in-host tests' probe). */
  get polling(): boolean {
    return this.poller.busy;
  }

  private get ready(): boolean {
    return this.deps.connection.status.kind === 'ready';
  }

  /**
   * The workspace's apps, each in the first ready account that lists it; their clients
   * followed; the next poll set. While not connected the apps (and their baselines) stay and
   * nothing is read; an account whose app list cannot be read keeps its apps.
   */
  private async refresh(): Promise<void> {
    const turn = ++this.refreshes;
    if (!this.ready) return this.poller.refresh();
    const names = this.deps.workspaceApps();
    const refs: WatchedRef[] = [];
    const clients = new Set<HerokuClient>();
    const found = new Set<string>();
    for (const account of names.size ? readyAccounts(this.deps.connection.status) : []) {
      const heroku = this.deps.connection.herokuFor(account.connectionId);
      if (!heroku) continue;
      let apps: string[];
      try {
        apps = (await heroku.listApps()).map((a) => a.name);
      } catch (e) {
        this.deps.log('warn', `Teammate deploys: the apps of ${account.connectionId} could not be read: ${e instanceof Error ? e.message : String(e)}`);
        apps = this.looks.list().flatMap((a) => (a.ref.connectionId === account.connectionId ? [a.ref.app] : []));
      }
      const mine = apps.filter((app) => names.has(app) && !found.has(app)).slice(0, MAX_APPS - refs.length);
      if (!mine.length) continue;
      if (!this.emails.has(account.connectionId)) this.emails.set(account.connectionId, account.email ?? (await heroku.account().then((a) => a.email, () => undefined)));
      for (const app of mine) {
        found.add(app);
        refs.push({ app, connectionId: account.connectionId });
      }
      clients.add(heroku);
    }
    if (turn !== this.refreshes || this.isDisposed) return;
    this.looks.setApps(refs);
    for (const heroku of clients) {
      if (!this.followed.has(heroku)) this.followed.set(heroku, heroku.onDidReadReleases((read) => this.observed(heroku, read.app, read.releases)));
    }
    for (const [heroku, sub] of this.followed) {
      if (clients.has(heroku)) continue;
      sub.dispose();
      this.followed.delete(heroku);
    }
    this.poller.refresh();
    this.deps.onWatching?.(refs.map((r) => r.app));
  }

  private observed(heroku: HerokuClient, app: string, releases: Release[]): void {
    const ref = { app, connectionId: heroku.connectionId };
    if (this.isDisposed || !this.looks.get(ref)) return;
    const email = this.emails.get(ref.connectionId);
    const news = this.looks.observe(ref, releases, this.now(), (r) => madeHere(r, app, heroku.writes, email));
    this.poller.schedule();
    this.deps.onLook?.(app, this.looks.get(ref)?.baseline);
    if (news) void this.tell(news);
  }

  private async tell(news: DeployNews<Release>): Promise<void> {
    const { ref, latest } = news;
    this.deps.log('info', `Teammate deploys: ${news.count} new release(s) of ${ref.app}, latest v${latest.version}.`);
    const [SHOW_RELEASE, SHOW_CHANGES] = [l10n.t('Show Release'), l10n.t('Show Changes')];
    const choice = await prompts.showInformationMessage(newsMessage(news, severalAccountsLabel(this.deps.connection.status, ref.connectionId)), SHOW_RELEASE, SHOW_CHANGES);
    if (choice === SHOW_RELEASE) await this.deps.showRelease(ref, latest);
    else if (choice === SHOW_CHANGES) await this.deps.showChanges(ref, latest);
  }
}
