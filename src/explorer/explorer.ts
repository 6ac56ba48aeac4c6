// The two views (Apps, Pipelines): their providers, the name filter, the workspace's own
// app, targeted refresh after mutations, and opt-in auto-refresh that pauses while the
// views are hidden.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type * as S from '../heroku/schemas';
import * as F from './format';
import { AppNode, CategoryNode, GroupNode, MessageNode, Node, PipelineNode, errorText, type ExplorerContext } from './nodes';

class NodeProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<Node[]> | undefined;

  constructor(private readonly loadRoots: () => Promise<Node[]>) {}

  getTreeItem(n: Node): vscode.TreeItem {
    return n.treeItem();
  }

  getChildren(n?: Node): Promise<Node[]> {
    if (n) return n.children();
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  getParent(n: Node): Node | undefined {
    return n.parent;
  }

  refresh(n?: Node): void {
    if (n) {
      n.forgetChildren();
      this.emitter.fire(n);
    } else {
      this.roots = undefined;
      this.emitter.fire(undefined);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export interface ExplorerDeps {
  heroku(): HerokuClient | undefined;
  /** Seconds between automatic refreshes; 0 = off. */
  autoRefreshSeconds(): number;
  /** The account's email, once known. */
  onAccount?(email: string): void;
}

export const MIN_AUTO_REFRESH_SECONDS = 60;

export class Explorer implements vscode.Disposable {
  readonly apps: NodeProvider;
  readonly pipelines: NodeProvider;
  readonly appsView: vscode.TreeView<Node>;
  readonly pipelinesView: vscode.TreeView<Node>;
  filter = '';
  private workspaceAppNames = new Set<string>();
  private readonly tracked = new Map<string, Set<AppNode>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly ctx: ExplorerContext;

  constructor(private readonly deps: ExplorerDeps) {
    this.ctx = {
      heroku: deps.heroku,
      workspaceApps: () => this.workspaceAppNames,
      releasesShown: new Map(),
      track: (app) => this.track(app),
    };
    this.apps = new NodeProvider(() => this.appRoots());
    this.pipelines = new NodeProvider(() => this.pipelineRoots());
    this.appsView = vscode.window.createTreeView('herokuMembrane.apps', { treeDataProvider: this.apps, showCollapseAll: true });
    this.pipelinesView = vscode.window.createTreeView('herokuMembrane.pipelines', { treeDataProvider: this.pipelines, showCollapseAll: true });
    for (const view of [this.appsView, this.pipelinesView]) this.disposables.push(view.onDidCollapseElement((e) => this.collapsed(e.element)));
    this.disposables.push(
      this.apps,
      this.pipelines,
      this.appsView,
      this.pipelinesView,
      this.appsView.onDidChangeVisibility(() => this.scheduleAutoRefresh()),
      this.pipelinesView.onDidChangeVisibility(() => this.scheduleAutoRefresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.detectWorkspaceApps().then(() => this.apps.refresh())),
    );
    void this.detectWorkspaceApps();
  }

  /** Everything again from Heroku (the view-title Refresh). */
  refreshAll(): void {
    this.deps.heroku()?.forgetAll();
    this.tracked.clear();
    this.ctx.releasesShown.clear();
    this.apps.refresh();
    this.pipelines.refresh();
  }

  /** A collapsed app or category stops its loads in flight: nobody is watching them. */
  collapsed(node: Node): void {
    if (node instanceof AppNode) node.abortLoads();
    else if (node instanceof CategoryNode) node.abortLoad();
  }

  /** One node again: its data is reloaded, its siblings untouched. */
  async refreshNode(node: Node): Promise<void> {
    const h = this.deps.heroku();
    if (node instanceof CategoryNode) {
      h?.forget(node.app.name, node.key);
      await this.reloadCategory(node);
      return;
    } else if (node instanceof AppNode) {
      h?.forget(node.name);
      for (const c of node.categories) if (c instanceof CategoryNode) c.reset();
    } else if (node instanceof PipelineNode) {
      h?.forgetAccount('pipelines', 'apps');
    }
    this.providerOf(node).refresh(node);
  }

  /** After a mutation: reload these categories of the app wherever it is shown. */
  async refreshApp(appName: string, keys: string[], appInfo = false): Promise<void> {
    const reloads: Promise<void>[] = [];
    for (const app of this.tracked.get(appName) ?? []) {
      for (const key of keys) {
        const c = app.category(key);
        if (c) reloads.push(this.reloadCategory(c));
      }
    }
    await Promise.all(reloads);
    if (appInfo) {
      this.tracked.delete(appName);
      this.apps.refresh();
      this.pipelines.refresh();
    }
  }

  /** Load first, then redraw: the category's summary is right as soon as it is shown. */
  private async reloadCategory(c: CategoryNode<unknown>): Promise<void> {
    c.reset();
    await c.load();
    this.providerOf(c).refresh(c);
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    this.appsView.message = this.filter ? `Filtered by name: "${this.filter}"` : undefined;
    void vscode.commands.executeCommand('setContext', 'herokuMembrane.appsFiltered', Boolean(this.filter));
    this.apps.refresh();
  }

  /** Apps named by `git.heroku.com/<app>.git` / `heroku.com:<app>.git` remotes of the workspace. */
  async detectWorkspaceApps(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config'));
        for (const app of F.herokuAppsOfGitConfig(new TextDecoder().decode(bytes))) names.add(app);
      } catch {
        // Not a git repository, or a worktree: nothing to mark.
      }
    }
    this.workspaceAppNames = names;
    return names;
  }

  /** Every app node as it is created (an app may be shown in both views). */
  private track(node: AppNode): void {
    let set = this.tracked.get(node.name);
    if (!set) this.tracked.set(node.name, (set = new Set()));
    set.add(node);
  }

  private providerOf(node: Node): NodeProvider {
    return node.id.startsWith('pipeline:') ? this.pipelines : this.apps;
  }

  private async appRoots(): Promise<Node[]> {
    const h = this.deps.heroku();
    if (!h) return [];
    this.scheduleAutoRefresh();
    void h.account().then((a) => this.deps.onAccount?.(a.email), () => undefined);
    let apps: S.App[];
    try {
      apps = await h.listApps();
    } catch (e) {
      return [new MessageNode('apps-error', `Couldn't load apps: ${errorText(e)}`, 'error')];
    }
    const needle = this.filter.toLowerCase();
    const shown = needle ? apps.filter((a) => a.name.toLowerCase().includes(needle)) : apps;
    if (!shown.length) return needle ? [new MessageNode('apps-none', `No app name contains "${this.filter}"`, 'info')] : [];
    const sorted = [...shown].sort((a, b) => a.name.localeCompare(b.name));
    const mine = sorted.filter((a) => this.workspaceAppNames.has(a.name));
    const rest = sorted.filter((a) => !this.workspaceAppNames.has(a.name));
    const groups = new Map<string, S.App[]>();
    for (const a of rest) {
      const g = F.ownerGroup(a);
      groups.set(g, [...(groups.get(g) ?? []), a]);
    }
    const order = [...groups.keys()].sort((a, b) => (a === 'Personal' ? -1 : b === 'Personal' ? 1 : a.localeCompare(b)));
    const top: Node[] = mine.map((a) => new AppNode(`app:${a.name}`, a, this.ctx));
    const nodes =
      order.length === 1 && !mine.length
        ? (groups.get(order[0]!) ?? []).map((a) => new AppNode(`app:${a.name}`, a, this.ctx))
        : [...top, ...order.map((g) => new GroupNode(g, groups.get(g) ?? [], this.ctx))];
    return nodes;
  }

  private async pipelineRoots(): Promise<Node[]> {
    const h = this.deps.heroku();
    if (!h) return [];
    try {
      const pipelines = await h.listPipelines();
      if (!pipelines.length) return [new MessageNode('pipelines-none', 'No pipelines in this account', 'info')];
      return [...pipelines].sort((a, b) => a.name.localeCompare(b.name)).map((p) => new PipelineNode(p, this.ctx));
    } catch (e) {
      return [new MessageNode('pipelines-error', `Couldn't load pipelines: ${errorText(e)}`, 'error')];
    }
  }

  private scheduleAutoRefresh(): void {
    const seconds = this.deps.autoRefreshSeconds();
    const visible = this.appsView.visible || this.pipelinesView.visible;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!seconds || !visible) return;
    this.timer = setInterval(() => this.refreshAll(), Math.max(MIN_AUTO_REFRESH_SECONDS, seconds) * 1000);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
