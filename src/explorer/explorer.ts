// The two views (Apps, Pipelines): their providers, the name filter, the workspace's own
// apps, reloads after mutations (only the data they change), and opt-in auto-reload that
// pauses while the views are hidden. Words: "reload" drops cached Heroku data and reads
// it again; "redraw" only shows the nodes again.
import * as vscode from 'vscode';
import type { AppData } from '../heroku/cacheKeys';
import type { HerokuClient } from '../heroku/client';
import { AppNode } from '../apps/appNode';
import { appRoots } from '../apps/appRoots';
import { herokuAppsOfGitConfig } from '../apps/core/format';
import { PipelineNode, pipelineRoots } from '../pipelines/nodes';
import { CategoryNode } from './categoryNode';
import type { ExplorerContext, Node } from './node';
import { NodeTreeProvider } from './treeProvider';

export interface ExplorerDeps {
  heroku(): HerokuClient | undefined;
  /** Seconds between automatic reloads; 0 = off. */
  autoRefreshSeconds(): number;
  /** The account's email, once known. */
  onAccount?(email: string): void;
}

export const MIN_AUTO_REFRESH_SECONDS = 60;

export class Explorer implements vscode.Disposable {
  readonly apps: NodeTreeProvider;
  readonly pipelines: NodeTreeProvider;
  readonly appsView: vscode.TreeView<Node>;
  readonly pipelinesView: vscode.TreeView<Node>;
  filter = '';
  readonly ctx: ExplorerContext;
  private workspaceAppNames = new Set<string>();
  private readonly tracked = new Map<string, Set<AppNode>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ExplorerDeps) {
    this.ctx = {
      heroku: deps.heroku,
      workspaceApps: () => this.workspaceAppNames,
      releasesShown: new Map(),
      track: (app) => this.track(app),
    };
    this.apps = new NodeTreeProvider(() => this.appsRoots());
    this.pipelines = new NodeTreeProvider(() => {
      this.scheduleAutoReload();
      return pipelineRoots(this.ctx);
    });
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
    );
    void this.detectWorkspaceApps();
  }

  /** Everything again from Heroku (the views' Refresh, auto-reload, a new connection). */
  reloadAll(): void {
    this.deps.heroku()?.forgetAll();
    this.tracked.clear();
    this.ctx.releasesShown.clear();
    this.apps.redraw();
    this.pipelines.redraw();
  }

  /** A collapsed app or category stops its loads in flight: nobody is watching them. */
  collapsed(node: Node): void {
    if (node instanceof AppNode) node.abortLoads();
    else if (node instanceof CategoryNode) node.abortLoad();
  }

  /** One node again from Heroku: its data is reloaded, its siblings untouched. */
  async reloadNode(node: Node): Promise<void> {
    const heroku = this.deps.heroku();
    if (node instanceof CategoryNode) {
      heroku?.forget(node.app.name, node.key);
      await this.reloadCategory(node);
      return;
    }
    if (node instanceof AppNode) {
      heroku?.forget(node.name);
      for (const c of node.categories) c.reset();
    } else if (node instanceof PipelineNode) {
      heroku?.forgetAccount('pipelines', 'apps');
    }
    this.providerOf(node).redraw(node);
  }

  /**
   * After a mutation (whose write already made the Heroku layer forget what it changed):
   * reload these categories of the app wherever it is shown; `appInfo` redraws the views
   * from their roots, for a change the app's own line shows (maintenance, a new release).
   */
  async reloadAppData(appName: string, data: AppData[], appInfo = false): Promise<void> {
    const reloads: Promise<void>[] = [];
    for (const app of this.tracked.get(appName) ?? []) {
      for (const key of data) {
        const category = app.category(key);
        if (category) reloads.push(this.reloadCategory(category));
      }
    }
    await Promise.all(reloads);
    if (appInfo) {
      this.tracked.delete(appName);
      this.apps.redraw();
      this.pipelines.redraw();
    }
  }

  /** Load first, then redraw: the category's summary is right as soon as it is shown. */
  private async reloadCategory(category: CategoryNode<unknown>): Promise<void> {
    category.reset();
    await category.load();
    this.providerOf(category).redraw(category);
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.appsView.message = this.filter ? `Filtered by name: "${this.filter}"` : undefined;
    void vscode.commands.executeCommand('setContext', 'herokuMembrane.appsFiltered', Boolean(this.filter));
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
    let nodes = this.tracked.get(node.name);
    if (!nodes) this.tracked.set(node.name, (nodes = new Set()));
    nodes.add(node);
  }

  private providerOf(node: Node): NodeTreeProvider {
    return node.id.startsWith('pipeline:') ? this.pipelines : this.apps;
  }

  private appsRoots(): Promise<Node[]> {
    const heroku = this.deps.heroku();
    if (heroku) {
      this.scheduleAutoReload();
      void heroku.account().then((a) => this.deps.onAccount?.(a.email), () => undefined);
    }
    return appRoots(this.ctx, this.filter);
  }

  private scheduleAutoReload(): void {
    const seconds = this.deps.autoRefreshSeconds();
    const visible = this.appsView.visible || this.pipelinesView.visible;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!seconds || !visible) return;
    this.timer = setInterval(() => this.reloadAll(), Math.max(MIN_AUTO_REFRESH_SECONDS, seconds) * 1000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
