// The two views (Apps, Pipelines): their providers, one root per account when there are
// several, the name filter, the workspace's own apps, views that follow the data (what an
// account's cache forgets is read again where it is shown: only that data, of that
// account's app), and opt-in auto-reload that pauses while the views are hidden. Words:
// "reload" drops cached Heroku data and reads it again; "redraw" only shows the nodes again.
import * as vscode from 'vscode';
import { AccountNode } from '../accounts/accountNode';
import type { AccountStatus } from '../connection/core/connectionState';
import type { DataChange } from '../heroku/cacheKeys';
import type { HerokuClient } from '../heroku/client';
import type { AppRef } from '../apps/appPick';
import { AppNode } from '../apps/appNode';
import { appRoots } from '../apps/appRoots';
import { herokuAppsOfGitConfig } from '../apps/core/format';
import { PipelineNode, pipelineRoots } from '../pipelines/nodes';
import { CategoryNode } from './categoryNode';
import type { ExplorerContext, Node } from './node';
import { NodeTreeProvider } from './treeProvider';
import * as l10n from '@vscode/l10n';
import { contextKeys } from '../shared/contextKeys';
import { onReducedMotionChange } from '../shared/motion';
import type { Settings } from '../shared/settings';

/** An account as the views show it: its state, and its client when it is ready. */
export interface ExplorerAccount {
  status: AccountStatus;
  heroku: HerokuClient | undefined;
}

export interface ExplorerDeps {
  /** Every account of the current check (none while not connected). */
  accounts(): ExplorerAccount[];
  /** The settings: the seconds between automatic reloads (0 = off), applied as they change. */
  settings: Pick<Settings, 'current' | 'onDidChange'>;
  /** An account's e-mail, once read. */
  onAccount?(connectionId: string, email: string): void;
}

type ViewName = 'apps' | 'pipelines';

/** The context key the view's welcome reads: `loading`, `empty` or `shown` (package.json's viewsWelcome). */
export const viewStateKey = (view: ViewName) => `herokuMembrane.${view}View`;

export const MIN_AUTO_REFRESH_SECONDS = 60;

export class Explorer implements vscode.Disposable {
  readonly apps: NodeTreeProvider;
  readonly pipelines: NodeTreeProvider;
  readonly appsView: vscode.TreeView<Node>;
  readonly pipelinesView: vscode.TreeView<Node>;
  filter = '';
  /** One context per view and account, made on first use. */
  private readonly contexts = new Map<string, ExplorerContext>();
  /** Per account, how many releases each app shows (shared by both views). */
  private readonly releasesShown = new Map<string, Map<string, number>>();
  private workspaceAppNames = new Set<string>();
  private readonly tracked = new Map<string, Set<AppNode>>();
  /** The accounts' clients whose forgetting the views follow. */
  private readonly followed = new Map<HerokuClient, { dispose(): void }>();
  /** Reloads started by a data change, until they end (`settled`). */
  private readonly reloading = new Set<Promise<void>>();
  /** Per view, how many root loads began (only the latest tells the welcome its state). */
  private readonly rootLoads: Record<ViewName, number> = { apps: 0, pipelines: 0 };
  private timer: ReturnType<typeof setInterval> | undefined;
  /** How often the views reload by themselves now, in seconds (0: they don't). */
  autoReloadSeconds = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ExplorerDeps) {
    this.apps = new NodeTreeProvider(() => this.rootsTold('apps', (ctx) => appRoots(ctx, this.filter)));
    this.pipelines = new NodeTreeProvider(() => this.rootsTold('pipelines', pipelineRoots));
    this.appsView = vscode.window.createTreeView('herokuMembrane.apps', { treeDataProvider: this.apps, showCollapseAll: true });
    this.pipelinesView = vscode.window.createTreeView('herokuMembrane.pipelines', { treeDataProvider: this.pipelines, showCollapseAll: true });
    for (const view of [this.appsView, this.pipelinesView]) {
      this.disposables.push(
        view.onDidCollapseElement((e) => this.collapsed(e.element)),
        view.onDidChangeVisibility(() => this.scheduleAutoReload()),
      );
    }
    this.disposables.push(
      this.apps,
      this.pipelines,
      this.appsView,
      this.pipelinesView,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.detectWorkspaceApps().then(() => this.apps.redraw())),
      onReducedMotionChange(() => this.redrawAll()),
      deps.settings.onDidChange((names) => names.has('autoRefreshSeconds') && this.scheduleAutoReload()),
    );
    void this.detectWorkspaceApps();
  }

  /** Everything again from Heroku (the views' Refresh, auto-reload, a new connection). */
  reloadAll(): void {
    this.tracked.clear();
    this.contexts.clear();
    this.releasesShown.clear();
    for (const a of this.deps.accounts()) a.heroku?.forgetAll();
    this.redrawAll();
  }

  /** Both views again from their roots, from the cached data (accounts came or went, or changed state). */
  redrawAll(): void {
    this.apps.redraw();
    this.pipelines.redraw();
  }

  /** Apps named by the workspace's git remotes. */
  workspaceApps(): ReadonlySet<string> {
    return this.workspaceAppNames;
  }

  /** A collapsed app or category stops its loads in flight: nobody is watching them. */
  collapsed(node: Node): void {
    if (node instanceof AppNode) node.abortLoads();
    else if (node instanceof CategoryNode) node.abortLoad();
  }

  /** One node again from Heroku: its data is forgotten, which reloads it (its siblings untouched). */
  async reloadNode(node: Node): Promise<void> {
    if (node instanceof CategoryNode) node.app.ctx.heroku()?.forget(node.app.name, node.key);
    else if (node instanceof AppNode) node.ctx.heroku()?.forget(node.name);
    else if (node instanceof PipelineNode) node.ctx.heroku()?.forgetAccount('pipelines', 'apps');
    else if (node instanceof AccountNode) node.ctx.heroku()?.forgetAll();
    else this.providerOf(node).redraw(node);
    await this.settled();
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
          this.providerOf(app).redraw(app);
          continue;
        }
        for (const key of data) {
          const category = app.category(key);
          if (!category) continue;
          if (category.result) this.whileReloading(this.reloadCategory(category));
          else category.reset();
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

  /** Load first, then redraw: the category's summary is right as soon as it is shown. */
  private async reloadCategory(category: CategoryNode<unknown>): Promise<void> {
    category.reset();
    await category.load();
    this.providerOf(category).redraw(category);
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.appsView.message = this.filter ? l10n.t(`Filtered by name: "{0}"`, this.filter) : undefined;
    contextKeys.set('herokuMembrane.appsFiltered', Boolean(this.filter));
    this.apps.redraw();
  }

  /** Apps named by `git.heroku.com/<app>.git` / `heroku.com:<app>.git` remotes of the workspace. */
  async detectWorkspaceApps(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config'));
        for (const app of herokuAppsOfGitConfig(new TextDecoder().decode(bytes))) names.add(app);
      } catch {
        // Not a git repository, or a worktree: nothing to mark.
      }
    }
    this.workspaceAppNames = names;
    return names;
  }

  /** Every app node as it is created (an app may be shown in both views). */
  private track(node: AppNode): void {
    const key = trackKey({ connectionId: node.ctx.connectionId, name: node.name });
    let nodes = this.tracked.get(key);
    if (!nodes) this.tracked.set(key, (nodes = new Set()));
    nodes.add(node);
  }

  private providerOf(node: Node): NodeTreeProvider {
    // Every node id of the Pipelines view starts so (`pipeline:…`, or its account root's `pipelines-account:…`).
    return node.id.startsWith('pipeline') ? this.pipelines : this.apps;
  }

  /**
   * A view's roots, its welcome told whether they are loading, empty or shown: an empty
   * view says "no apps" only after a load that really returned none (the latest load wins).
   */
  private async rootsTold(view: ViewName, roots: (ctx: ExplorerContext) => Promise<Node[]>): Promise<Node[]> {
    const load = (this.rootLoads[view] += 1);
    contextKeys.set(viewStateKey(view), 'loading');
    try {
      const nodes = await this.roots(view, roots);
      if (load === this.rootLoads[view]) contextKeys.set(viewStateKey(view), nodes.length ? 'shown' : 'empty');
      return nodes;
    } catch (e) {
      if (load === this.rootLoads[view]) contextKeys.set(viewStateKey(view), 'empty');
      throw e;
    }
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
      return only.heroku ? roots(this.context(view, only.status.connectionId, '')) : [];
    }
    const emails = await Promise.all(accounts.map((a) => this.emailOf(a)));
    return accounts.map((a, i) => {
      const id = `${view === 'apps' ? 'account' : 'pipelines-account'}:${a.status.connectionId}`;
      return new AccountNode(id, { ...a.status, email: emails[i] }, this.context(view, a.status.connectionId, `${id}/`), roots);
    });
  }

  /** An account's e-mail (`GET /account`, cached per account), told to the connection; the last known one if the read fails. */
  private async emailOf(a: ExplorerAccount): Promise<string | undefined> {
    if (!a.heroku) return a.status.email;
    try {
      const email = (await a.heroku.account()).email;
      if (email !== a.status.email) this.deps.onAccount?.(a.status.connectionId, email);
      return email;
    } catch {
      return a.status.email; // the account's own roots show the error
    }
  }

  private context(view: ViewName, connectionId: string, idPrefix: string): ExplorerContext {
    const key = `${view}\n${connectionId}\n${idPrefix}`;
    let ctx = this.contexts.get(key);
    if (!ctx) {
      ctx = {
        connectionId,
        idPrefix,
        heroku: () => this.deps.accounts().find((a) => a.status.connectionId === connectionId)?.heroku,
        workspaceApps: () => this.workspaceAppNames,
        releasesShown: this.releasesShown.get(connectionId) ?? this.releasesShown.set(connectionId, new Map()).get(connectionId)!,
        track: (app) => this.track(app),
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

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of [...this.disposables, ...this.followed.values()]) d.dispose();
  }
}

function trackKey(ref: AppRef): string {
  return `${ref.connectionId}\n${ref.name}`;
}
