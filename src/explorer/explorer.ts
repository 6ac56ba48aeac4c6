// The two views (Apps, Pipelines): their roots, one root per account when there are
// several, the name filter, the workspace's own apps, how they follow the connection and
// the data (what an account's cache forgets is read again where it is shown: only that
// data, of that account's app), and opt-in auto-reload that pauses while the views are
// hidden. What each view shows comes
// from the composition root (src/features.ts): the framework imports no feature.
// Words: "reload" drops cached Heroku data and reads it again; "redraw" only shows the
// nodes again.
import * as vscode from 'vscode';
import type { DataChange } from '../heroku/cacheKeys';
import type { HerokuClient } from '../heroku/client';
import type { AppParent, ExplorerContext, Node } from './node';
import type { NodeTreeProvider, NodeView } from './treeProvider';
import * as l10n from '@vscode/l10n';
import { contextKeys } from '../shared/contextKeys';
import { Disposable } from '../shared/core/disposable';
import { onReducedMotionChange } from '../shared/motion';
import type { Settings } from '../shared/settings';

/** An account as the views show it. */
export interface ExplorerAccount {
  connectionId: string;
  /** Its e-mail, when known. */
  email: string | undefined;
  /** Its client, when its connection is ready. */
  heroku: HerokuClient | undefined;
  /** Where its connection stands: when it changes, the views draw their roots again. */
  state: string;
}

export type ViewName = 'apps' | 'pipelines';

/** What a view shows for one account (under the account's root when there are several). */
export type ViewRoots = (ctx: ExplorerContext, filter: string) => Promise<Node[]>;

export interface ExplorerDeps {
  /** The two views, registered at activation; their providers ask `rootsOf`. */
  views: Record<ViewName, NodeView>;
  /** What each view shows for an account. */
  roots: Record<ViewName, ViewRoots>;
  /** The root that stands for an account when there are several, `children` below it. */
  accountRoot(account: ExplorerAccount, id: string, ctx: ExplorerContext, children: (ctx: ExplorerContext) => Promise<Node[]>): Node;
  /** Every account of the current check (none while not connected). */
  accounts(): ExplorerAccount[];
  /** The apps linked to the workspace's folders (by git remotes or by the user). */
  workspaceApps(): ReadonlySet<string>;
  /** Fires when those links change: the Apps view is drawn again. */
  onWorkspaceAppsChange?: vscode.Event<void>;
  /** The Apps view's first root, across the ready accounts (the workspace's group); undefined: none. */
  appsLead?(accounts: Array<{ account: ExplorerAccount; ctx: ExplorerContext }>, filter: string): Node | undefined;
  /** The rows a feature shows first under an app (the deployed code of a linked folder). */
  leadingRows?(app: AppParent): Node[];
  /** The settings: the seconds between automatic reloads (0 = off), applied as they change. */
  settings: Pick<Settings, 'current' | 'onDidChange'>;
  /** An account's e-mail, once read. */
  onAccount?(connectionId: string, email: string): void;
}

/** The context key the view's welcome reads: `loading`, `empty` or `shown` (package.json's viewsWelcome). */
export const viewStateKey = (view: ViewName) => `herokuMembrane.${view}View`;

export const MIN_AUTO_REFRESH_SECONDS = 60;

export class Explorer extends Disposable {
  readonly apps: NodeTreeProvider;
  readonly pipelines: NodeTreeProvider;
  readonly appsView: vscode.TreeView<Node>;
  readonly pipelinesView: vscode.TreeView<Node>;
  filter = '';
  /** One context per view and account, made on first use. */
  private readonly contexts = new Map<string, ExplorerContext>();
  /** Per account, how many releases each app shows (shared by both views). */
  private readonly releasesShown = new Map<string, Map<string, number>>();
  private readonly tracked = new Map<string, Set<AppParent>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** What the views were last drawn for: the connection ready or not, and its accounts' states. */
  private shown = { ready: false, accounts: '' };
  /** The accounts' clients whose forgetting the views follow. */
  private readonly followed = new Map<HerokuClient, { dispose(): void }>();
  /** Reloads started by a data change, until they end (`settled`). */
  private readonly reloading = new Set<Promise<void>>();
  /** Per view, how many root loads began (only the latest tells the welcome its state). */
  private readonly rootLoads: Record<ViewName, number> = { apps: 0, pipelines: 0 };
  /** How often the views reload by themselves now, in seconds (0: they don't). */
  autoReloadSeconds = 0;

  constructor(private readonly deps: ExplorerDeps) {
    super();
    ({ provider: this.apps, view: this.appsView } = deps.views.apps);
    ({ provider: this.pipelines, view: this.pipelinesView } = deps.views.pipelines);
    for (const view of [this.appsView, this.pipelinesView]) {
      this.register(view.onDidCollapseElement((e) => this.collapsed(e.element)));
      this.register(view.onDidChangeVisibility(() => this.scheduleAutoReload()));
    }
    if (deps.onWorkspaceAppsChange) this.register(deps.onWorkspaceAppsChange(() => this.apps.redraw()));
    this.register(onReducedMotionChange(() => this.redrawAll()));
    this.register(deps.settings.onDidChange((names) => names.has('autoRefreshSeconds') && this.scheduleAutoReload()));
    this.onDispose(() => {
      if (this.timer) clearInterval(this.timer);
      for (const f of this.followed.values()) f.dispose();
    });
  }

  /**
   * A view's roots (its provider asks): with one account its own roots, with several one
   * root per account. The view's welcome is told whether they are loading, empty or shown:
   * an empty view says "no apps" only after a load that really returned none (the latest
   * load wins).
   */
  async rootsOf(view: ViewName): Promise<Node[]> {
    const load = (this.rootLoads[view] += 1);
    contextKeys.set(viewStateKey(view), 'loading');
    try {
      const nodes = await this.roots(view, (ctx) => this.deps.roots[view](ctx, this.filter));
      if (load === this.rootLoads[view]) contextKeys.set(viewStateKey(view), nodes.length ? 'shown' : 'empty');
      return nodes;
    } catch (e) {
      if (load === this.rootLoads[view]) contextKeys.set(viewStateKey(view), 'empty');
      throw e;
    }
  }

  /**
   * The views follow the connection: filled when it becomes ready, emptied when it stops
   * being ready (the welcome views show), their roots drawn again when an account came,
   * went or changed state (e.g. finished its browser step). Each ready account's client
   * warms up then, so the first read a view makes is one CLI call.
   */
  connectionChanged(ready: boolean): void {
    const accounts = this.deps.accounts();
    const shape = accounts.map((a) => `${a.connectionId}:${a.state}`).join(',');
    if (ready !== this.shown.ready) {
      this.shown = { ready, accounts: shape };
      this.reloadAll();
    } else if (ready && shape !== this.shown.accounts) {
      this.shown.accounts = shape;
      this.redrawAll();
    } else {
      return;
    }
    if (ready) for (const a of accounts) void a.heroku?.warmUp();
  }

  /** Everything again from Heroku (the views' Refresh, auto-reload, a new connection). */
  reloadAll(): void {
    for (const a of this.deps.accounts()) a.heroku?.forgetAll();
    this.tracked.clear();
    this.contexts.clear();
    this.releasesShown.clear();
    this.redrawAll();
  }

  /** Both views again from their roots, from the cached data (accounts came or went, or changed state). */
  redrawAll(): void {
    this.apps.redraw();
    this.pipelines.redraw();
  }

  /** Apps linked to the workspace's folders. */
  workspaceApps(): ReadonlySet<string> {
    return this.deps.workspaceApps();
  }

  /** A collapsed node stops its loads in flight: nobody is watching them. */
  collapsed(node: Node): void {
    node.collapsed();
  }

  /** A node's own data read again and drawn (what it shows changed outside Heroku: a repository's HEAD); the command wrapper's `settled` waits for it. */
  reloadShown(node: Node): Promise<void> {
    const reload = this.reload(node);
    this.whileReloading(reload);
    return reload;
  }

  /** Whether a view shows the node now. */
  shows(node: Node): boolean {
    return this.apps.shows(node) || this.pipelines.shows(node);
  }

  /** One node again from Heroku: its data is forgotten, which reads it again where it is shown (its siblings untouched). */
  async reloadNode(node: Node): Promise<void> {
    node.forgetData();
    await this.settled();
    this.redraw(node);
  }

  /** Resolves once the views have read again what the latest data changes touched (the command wrapper waits for it). */
  async settled(): Promise<void> {
    while (this.reloading.size) await Promise.all([...this.reloading]);
  }

  /** Follows what an account's cache forgets (once per client). */
  private follow(heroku: HerokuClient): void {
    if (!this.followed.has(heroku)) this.followed.set(heroku, heroku.onDidForget((change) => this.dataChanged(heroku.connectionId, change)));
  }

  /**
   * The views follow the data: a category that shows forgotten data is read again (one
   * never opened is only reset), an app whose data all went is drawn afresh, and a
   * forgotten app list or pipeline list redraws the views from their roots.
   */
  private dataChanged(connectionId: string, change: DataChange): void {
    const ofAccount = (key: string) => key.startsWith(`${connectionId}\n`);
    const forgetTracked = () => {
      for (const key of [...this.tracked.keys()]) if (ofAccount(key)) this.tracked.delete(key);
    };
    if (change.all) {
      for (const [key, apps] of this.tracked) if (ofAccount(key)) for (const app of apps) for (const c of app.categories) c.reset();
      forgetTracked();
      this.redrawAll();
      return;
    }
    for (const [name, data] of change.apps) {
      for (const app of this.tracked.get(trackKey({ connectionId, name })) ?? []) {
        if (data === 'all') {
          for (const c of app.categories) c.reset();
          this.redraw(app);
          continue;
        }
        for (const key of data) {
          for (const category of app.categories.filter((c) => c.key === key)) {
            if (category.result) this.whileReloading(this.reload(category));
            else category.reset();
          }
        }
      }
    }
    if (change.account.has('apps')) {
      // The apps' own lines changed (maintenance, a new release): new app nodes, their categories read from the cache.
      forgetTracked();
      this.redrawAll();
    } else if (change.account.has('pipelines')) {
      this.pipelines.redraw();
    }
  }

  private whileReloading(reload: Promise<void>): void {
    this.reloading.add(reload);
    void reload.finally(() => this.reloading.delete(reload));
  }

  /** The node's own data read again, then the node drawn again in the view that shows it. */
  private async reload(node: Node): Promise<void> {
    await node.reloadData();
    this.redraw(node);
  }

  /** The node drawn again in the view that shows it (not shown yet: its next expand asks its children anew). */
  private redraw(node: Node): void {
    const provider = [this.apps, this.pipelines].find((p) => p.shows(node));
    if (provider) provider.redraw(node);
    else node.forgetChildren();
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.appsView.message = this.filter ? l10n.t(`Filtered by name: "{0}"`, this.filter) : undefined;
    contextKeys.set('herokuMembrane.appsFiltered', Boolean(this.filter));
    this.apps.redraw();
  }

  /** Every app node as it is created (an app may be shown in both views). */
  private track(node: AppParent): void {
    const key = trackKey({ connectionId: node.ctx.connectionId, name: node.name });
    let nodes = this.tracked.get(key);
    if (!nodes) this.tracked.set(key, (nodes = new Set()));
    nodes.add(node);
  }

  /**
   * A view's roots: with one account its own roots, as if there were no accounts; with
   * several one root per account, labelled by its e-mail (each account's `GET /account`
   * is read first, in parallel, so the roots never show a connection id for a moment).
   */
  private async roots(view: ViewName, roots: (ctx: ExplorerContext) => Promise<Node[]>): Promise<Node[]> {
    const accounts = this.deps.accounts();
    for (const a of accounts) if (a.heroku) this.follow(a.heroku);
    if (accounts.some((a) => a.heroku)) this.scheduleAutoReload();
    const only = accounts.length === 1 ? accounts[0] : undefined;
    if (only) {
      // One account: its e-mail (for the status bar) is read beside the apps, never before them.
      if (only.heroku) void this.emailOf(only);
      return only.heroku ? [...this.lead(view, accounts), ...(await roots(this.context(view, only.connectionId, '')))] : [];
    }
    const emails = await Promise.all(accounts.map((a) => this.emailOf(a)));
    const withEmails = accounts.map((a, i) => ({ ...a, email: emails[i] }));
    return [
      ...this.lead(view, withEmails),
      ...withEmails.map((a) => {
        const id = `${view === 'apps' ? 'account' : 'pipelines-account'}:${a.connectionId}`;
        return this.deps.accountRoot(a, id, this.context(view, a.connectionId, `${id}/`), roots);
      }),
    ];
  }

  /** The Apps view's first root across the ready accounts (the workspace's group), when there is one. */
  private lead(view: ViewName, accounts: ExplorerAccount[]): Node[] {
    if (view !== 'apps' || !this.deps.appsLead) return [];
    const ready = accounts.filter((a) => a.heroku).map((account) => ({ account, ctx: this.context(view, account.connectionId, 'workspace/') }));
    const node = ready.length ? this.deps.appsLead(ready, this.filter) : undefined;
    return node ? [node] : [];
  }

  /** An account's e-mail (`GET /account`, cached per account), told to the connection; the last known one if the read fails. */
  private async emailOf(a: ExplorerAccount): Promise<string | undefined> {
    if (!a.heroku) return a.email;
    try {
      const email = (await a.heroku.account()).email;
      if (email !== a.email) this.deps.onAccount?.(a.connectionId, email);
      return email;
    } catch {
      return a.email; // the account's own roots show the error
    }
  }

  private context(view: ViewName, connectionId: string, idPrefix: string): ExplorerContext {
    const key = `${view}\n${connectionId}\n${idPrefix}`;
    let ctx = this.contexts.get(key);
    if (!ctx) {
      ctx = {
        connectionId,
        idPrefix,
        heroku: () => this.deps.accounts().find((a) => a.connectionId === connectionId)?.heroku,
        workspaceApps: () => this.deps.workspaceApps(),
        releasesShown: this.releasesShown.get(connectionId) ?? this.releasesShown.set(connectionId, new Map()).get(connectionId)!,
        track: (app) => this.track(app),
        leadingRows: (app) => this.deps.leadingRows?.(app) ?? [],
      };
      this.contexts.set(key, ctx);
    }
    return ctx;
  }

  private scheduleAutoReload(): void {
    const seconds = this.deps.settings.current.autoRefreshSeconds;
    const visible = this.appsView.visible || this.pipelinesView.visible;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.autoReloadSeconds = 0;
    if (!seconds || !visible) return;
    this.autoReloadSeconds = Math.max(MIN_AUTO_REFRESH_SECONDS, seconds);
    this.timer = setInterval(() => this.reloadAll(), this.autoReloadSeconds * 1000);
  }
}

function trackKey(ref: { connectionId: string; name: string }): string {
  return `${ref.connectionId}\n${ref.name}`;
}
