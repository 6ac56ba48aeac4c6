// The explorer's nodes: one small class per kind, each making its TreeItem and its
// children. Ids are stable and hierarchical (expansion survives a refresh); contextValue
// follows `heroku.<kind>[+flag…]`, matched by regex in package.json.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type { AppData } from '../heroku/cacheKeys';
import type * as S from '../heroku/schemas';
import { isMembraneError, notConnectedError } from '../membrane/errors';
import * as F from './format';

export interface ExplorerContext {
  heroku(): HerokuClient | undefined;
  /** Apps named by the workspace's git remotes. */
  workspaceApps(): ReadonlySet<string>;
  /** How many releases to show per app ("load more" raises it). */
  releasesShown: Map<string, number>;
  /** Told of every app node created, for targeted refreshes. */
  track(app: AppNode): void;
}

export const RELEASE_PAGE = F.RELEASE_PAGE;

export abstract class Node {
  parent: Node | undefined;
  private cached: Promise<Node[]> | undefined;

  constructor(readonly id: string) {}

  abstract treeItem(): vscode.TreeItem;

  protected loadChildren(): Promise<Node[]> | Node[] {
    return [];
  }

  /** Children are kept until the node is refreshed. */
  children(): Promise<Node[]> {
    this.cached ??= Promise.resolve(this.loadChildren()).then((kids) => {
      for (const k of kids) k.parent = this;
      return kids;
    });
    return this.cached;
  }

  forgetChildren(): void {
    this.cached = undefined;
  }
}

function item(label: string, state: vscode.TreeItemCollapsibleState, props: Partial<vscode.TreeItem> = {}): vscode.TreeItem {
  return Object.assign(new vscode.TreeItem(label, state), props);
}

function icon(spec: { icon: string; color?: string }): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.icon, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

const None = vscode.TreeItemCollapsibleState.None;
const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const Expanded = vscode.TreeItemCollapsibleState.Expanded;

/** An error or an empty state, inside the tree (never a thrown getChildren). */
export class MessageNode extends Node {
  constructor(
    id: string,
    readonly message: string,
    readonly kind: 'error' | 'info',
    private readonly retry?: Node,
  ) {
    super(id);
  }

  treeItem(): vscode.TreeItem {
    return item(this.message, None, {
      id: this.id,
      iconPath: new vscode.ThemeIcon(this.kind === 'error' ? 'error' : 'info', this.kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined),
      contextValue: this.kind === 'error' ? 'heroku.error' : 'heroku.message',
      tooltip: this.message,
      command: this.retry && this.kind === 'error' ? { command: 'herokuMembrane.refreshNode', title: 'Retry', arguments: [this.retry] } : undefined,
    });
  }
}

export function errorText(e: unknown): string {
  return isMembraneError(e) || e instanceof Error ? e.message : String(e);
}

// ---- groups and apps -----------------------------------------------------------------

export class GroupNode extends Node {
  constructor(
    readonly label: string,
    private readonly apps: S.App[],
    private readonly ctx: ExplorerContext,
  ) {
    super(`group:${label}`);
  }

  treeItem(): vscode.TreeItem {
    return item(this.label, Expanded, { id: this.id, description: `${this.apps.length} app${this.apps.length === 1 ? '' : 's'}`, iconPath: new vscode.ThemeIcon(this.label === 'Personal' ? 'account' : 'organization'), contextValue: 'heroku.group' });
  }

  protected override loadChildren(): Node[] {
    return this.apps.map((a) => new AppNode(`${this.id}/app:${a.name}`, a, this.ctx));
  }
}

export class AppNode extends Node {
  readonly categories: Node[];

  constructor(
    id: string,
    public app: S.App,
    private readonly ctx: ExplorerContext,
  ) {
    super(id);
    const name = app.name;
    const h = () => ctx.heroku();
    this.categories = [
      new ReleasesNode(this, ctx),
      category(this, 'dynos', 'Dynos', 'server-process', (signal) => need(h()).listDynos(name, { signal }), (d: S.Dyno) => new DynoNode(this, d), (ds) => F.stateSummary(ds.map((d) => d.state))),
      category(this, 'formation', 'Formation', 'layers', (signal) => need(h()).listFormation(name, { signal }), (f: S.Formation) => new LeafNode(this, `formation:${f.type}`, f.type, `${f.quantity} × ${f.size}`, 'symbol-class', 'heroku.formation', f, f.command ?? undefined)),
      category(this, 'addons', 'Add-ons', 'extensions', (signal) => need(h()).listAddons(name, { signal }), (a: S.Addon) => new LeafNode(this, `addon:${a.id}`, a.addon_service?.name ?? a.name, [a.plan?.name?.split(':')[1] ?? a.plan?.name, a.state].filter(Boolean).join(' · '), a.state === 'provisioned' ? 'package' : 'loading~spin', `heroku.addon+${a.state ?? 'unknown'}`, a, a.name)),
      category(this, 'domains', 'Domains', 'globe', (signal) => need(h()).listDomains(name, { signal }), (d: S.Domain) => new LeafNode(this, `domain:${d.id}`, d.hostname, F.domainDescription(d), d.acm_status === 'failed' || d.status === 'failed' ? 'warning' : 'globe', `heroku.domain+${d.kind}`, d)),
      category(this, 'builds', 'Builds', 'package', (signal) => need(h()).listBuilds(name, { signal }).then((bs) => [...bs].reverse()), (b: S.Build) => new LeafNode(this, `build:${b.id}`, F.buildLabel(b), [b.status, b.source_blob?.version_description, b.user?.email, F.timeAgo(b.created_at)].filter(Boolean).join(' · '), F.buildIcon(b.status), `heroku.build+${b.status}`, b)),
      category(this, 'collaborators', 'Collaborators', 'person', (signal) => need(h()).listCollaborators(name, { signal }), (c: S.Collaborator) => new LeafNode(this, `collaborator:${c.id}`, c.user.email, [c.role, (c.permissions ?? []).map((p) => p.name).join(', ')].filter(Boolean).join(' · '), 'person', 'heroku.collaborator', c)),
      new ConfigVarsNode(this),
    ];
    ctx.track(this);
  }

  get name(): string {
    return this.app.name;
  }

  treeItem(): vscode.TreeItem {
    const a = this.app;
    const inWorkspace = this.ctx.workspaceApps().has(a.name);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`$(cloud) **${escapeMd(a.name)}**${inWorkspace ? ' — this workspace' : ''}\n\n`);
    for (const [k, v] of [
      ['Owner', a.team?.name ? `team ${a.team.name}` : a.owner?.email],
      ['Region', a.region?.name],
      ['Stack', a.stack?.name],
      ['Maintenance', a.maintenance ? 'on' : 'off'],
      ['URL', a.web_url],
      ['Released', a.released_at ? `${F.timeAgo(a.released_at)} (${a.released_at})` : undefined],
      ['Id', a.id],
    ] as const) {
      if (v) tip.appendMarkdown(`${k}: ${escapeMd(v)}  \n`);
    }
    return item(a.name, Collapsed, {
      id: this.id,
      description: [inWorkspace ? 'this workspace' : '', F.appDescription(a)].filter(Boolean).join(' · '),
      tooltip: tip,
      iconPath: new vscode.ThemeIcon(a.maintenance ? 'tools' : inWorkspace ? 'star-full' : 'cloud', a.maintenance ? new vscode.ThemeColor('editorWarning.foreground') : undefined),
      contextValue: `heroku.app${a.maintenance ? '+maintenance' : ''}${inWorkspace ? '+workspace' : ''}`,
    });
  }

  /** All categories load in one parallel round; each failure stays in its own node. */
  protected override async loadChildren(): Promise<Node[]> {
    await Promise.all(this.categories.map((c) => (c instanceof CategoryNode ? c.load() : undefined)));
    return this.categories;
  }

  /** Collapsed: stop every category load still in flight. */
  abortLoads(): void {
    for (const c of this.categories) if (c instanceof CategoryNode) c.abortLoad();
  }

  category(key: string): CategoryNode<unknown> | undefined {
    return this.categories.find((c): c is CategoryNode<unknown> => c instanceof CategoryNode && c.key === key);
  }
}

/** The app a node belongs to (the node itself, or the app above a category or leaf). */
export function appOf(node: unknown): AppNode | undefined {
  if (node instanceof AppNode) return node;
  if (node instanceof Node && 'app' in node && (node as { app: unknown }).app instanceof AppNode) return (node as { app: AppNode }).app;
  return undefined;
}

function need(h: HerokuClient | undefined): HerokuClient {
  if (!h) throw notConnectedError();
  return h;
}

export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+|<>~&!]/g, '\\$&');
}

// ---- categories ----------------------------------------------------------------------

export class CategoryNode<T> extends Node {
  result: { ok: true; items: T[] } | { ok: false; error: string } | undefined;

  constructor(
    readonly app: AppNode,
    readonly key: AppData,
    readonly label: string,
    private readonly iconId: string,
    private readonly fetch: (signal: AbortSignal) => Promise<T[]>,
    private readonly toNode: (t: T) => Node,
    private readonly summary: (items: T[]) => string = (items) => String(items.length),
  ) {
    super(`${app.id}/${key}`);
  }

  /** The load in flight, stopped when the node is collapsed or reloaded. */
  private loading: AbortController | undefined;

  async load(): Promise<void> {
    this.loading?.abort();
    const ac = new AbortController();
    this.loading = ac;
    try {
      const items = await this.fetch(ac.signal);
      if (!ac.signal.aborted) this.result = { ok: true, items };
    } catch (e) {
      // A stopped load leaves no result: the next expand loads again.
      if (!ac.signal.aborted) this.result = { ok: false, error: errorText(e) };
    } finally {
      if (this.loading === ac) this.loading = undefined;
    }
  }

  /** Stop the load in flight, if any (the user collapsed the node): its CLI call is killed. */
  abortLoad(): void {
    if (!this.loading) return;
    this.loading.abort();
    this.loading = undefined;
    this.result = undefined;
    this.forgetChildren();
  }

  treeItem(): vscode.TreeItem {
    const r = this.result;
    return item(this.label, Collapsed, {
      id: this.id,
      description: !r ? '' : r.ok ? this.summary(r.items) : 'failed',
      iconPath: r && !r.ok ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(this.iconId),
      contextValue: `heroku.category+${this.key}`,
    });
  }

  protected override async loadChildren(): Promise<Node[]> {
    if (!this.result) await this.load();
    const r = this.result!;
    if (!r.ok) return [new MessageNode(`${this.id}/error`, `Couldn't load ${this.label.toLowerCase()}: ${r.error}`, 'error', this)];
    if (!r.items.length) return [new MessageNode(`${this.id}/empty`, `No ${this.label.toLowerCase()}`, 'info')];
    return r.items.map(this.toNode);
  }

  /** Reload from Heroku (after the cache entry was invalidated): a load in flight is stopped first. */
  reset(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.result = undefined;
    this.forgetChildren();
  }
}

function category<T>(app: AppNode, key: AppData, label: string, iconId: string, fetch: (signal: AbortSignal) => Promise<T[]>, toNode: (t: T) => Node, summary?: (items: T[]) => string): Node {
  return new CategoryNode<T>(app, key, label, iconId, fetch, toNode, summary);
}

export class ReleasesNode extends CategoryNode<S.Release> {
  constructor(app: AppNode, ctx: ExplorerContext) {
    const shown = () => ctx.releasesShown.get(app.name) ?? RELEASE_PAGE;
    super(
      app,
      'releases',
      'Releases',
      'history',
      // One more than shown tells whether "load more" is needed.
      (signal) => need(ctx.heroku()).latestReleases(app.name, shown() + 1, { signal }),
      (r) => new ReleaseNode(app, r),
      (rs) => {
        const current = rs.find((r) => r.current);
        return current ? `current v${current.version}` : rs.length ? `latest v${rs[0]!.version}` : '0';
      },
    );
    this.shown = shown;
  }

  private readonly shown: () => number;

  protected override async loadChildren(): Promise<Node[]> {
    const kids = await super.loadChildren();
    if (this.result?.ok && this.result.items.length > this.shown()) {
      return [...kids.slice(0, this.shown()), new LoadMoreNode(this)];
    }
    return kids;
  }
}

export class LoadMoreNode extends Node {
  constructor(readonly releases: ReleasesNode) {
    super(`${releases.id}/more`);
  }

  treeItem(): vscode.TreeItem {
    return item('Load more releases…', None, { id: this.id, iconPath: new vscode.ThemeIcon('ellipsis'), contextValue: 'heroku.loadMore', command: { command: 'herokuMembrane.loadMoreReleases', title: 'Load More', arguments: [this] } });
  }
}

export class ConfigVarsNode extends Node {
  constructor(readonly app: AppNode) {
    super(`${app.id}/config`);
  }

  treeItem(): vscode.TreeItem {
    return item('Config Vars', None, {
      id: this.id,
      iconPath: new vscode.ThemeIcon('symbol-key'),
      description: 'open editor',
      tooltip: 'Edit config vars in a safe editor (values masked, conflict-checked saves).',
      contextValue: 'heroku.configVars',
      command: { command: 'herokuMembrane.openConfigVars', title: 'Open Config Vars', arguments: [this] },
    });
  }
}

// ---- leaves --------------------------------------------------------------------------

export class ReleaseNode extends Node {
  constructor(
    readonly app: AppNode,
    readonly release: S.Release,
  ) {
    super(`${app.id}/release:${release.version}`);
  }

  treeItem(): vscode.TreeItem {
    const r = this.release;
    return item(`v${r.version}`, None, {
      id: this.id,
      description: F.releaseDescription(r),
      tooltip: `v${r.version} · ${r.status}${r.current ? ' · current' : ''}\n${r.description}\n${r.user?.email ?? ''} · ${r.created_at ?? ''}`,
      iconPath: icon(F.releaseIcon(r)),
      contextValue: `heroku.release+${r.status}${r.current ? '+current' : ''}`,
    });
  }
}

export class DynoNode extends Node {
  constructor(
    readonly app: AppNode,
    readonly dyno: S.Dyno,
  ) {
    super(`${app.id}/dyno:${dyno.name}`);
  }

  treeItem(): vscode.TreeItem {
    const d = this.dyno;
    return item(d.name, None, {
      id: this.id,
      description: F.dynoDescription(d),
      tooltip: `${d.name} — ${d.state}\n${d.command ?? ''}\n${d.size ?? ''} · release v${d.release?.version ?? '?'} · since ${d.updated_at ?? d.created_at ?? '?'}`,
      iconPath: icon(F.dynoIcon(d.state)),
      contextValue: `heroku.dyno+${d.state}`,
    });
  }
}

/** A resource shown as one line: formation, add-on, domain, build, collaborator. */
export class LeafNode extends Node {
  constructor(
    readonly app: AppNode,
    key: string,
    private readonly label: string,
    private readonly description: string,
    private readonly iconSpec: string | { icon: string; color?: string },
    readonly contextValue: string,
    readonly resource: unknown,
    private readonly tip?: string,
  ) {
    super(`${app.id}/${key}`);
  }

  treeItem(): vscode.TreeItem {
    return item(this.label, None, {
      id: this.id,
      description: this.description,
      tooltip: this.tip ? `${this.label} — ${this.tip}` : this.label,
      iconPath: typeof this.iconSpec === 'string' ? new vscode.ThemeIcon(this.iconSpec) : icon(this.iconSpec),
      contextValue: this.contextValue,
    });
  }
}

// ---- pipelines -----------------------------------------------------------------------

export const STAGES = ['review', 'development', 'staging', 'production'] as const;

export class PipelineNode extends Node {
  constructor(
    readonly pipeline: S.Pipeline,
    private readonly ctx: ExplorerContext,
  ) {
    super(`pipeline:${pipeline.id}`);
  }

  treeItem(): vscode.TreeItem {
    return item(this.pipeline.name, Collapsed, { id: this.id, iconPath: new vscode.ThemeIcon('rocket'), contextValue: 'heroku.pipeline' });
  }

  protected override async loadChildren(): Promise<Node[]> {
    const h = need(this.ctx.heroku());
    try {
      const [couplings, apps] = await Promise.all([h.listPipelineCouplings(this.pipeline.id), h.listApps()]);
      const byId = new Map(apps.map((a) => [a.id, a]));
      return STAGES.map((stage) => {
        const stageApps = couplings.filter((c) => c.stage === stage).map((c) => byId.get(c.app.id)).filter((a): a is S.App => Boolean(a));
        return new StageNode(this, stage, stageApps, this.ctx);
      });
    } catch (e) {
      return [new MessageNode(`${this.id}/error`, `Couldn't load the pipeline: ${errorText(e)}`, 'error', this)];
    }
  }
}

export class StageNode extends Node {
  constructor(
    readonly pipeline: PipelineNode,
    readonly stage: string,
    private readonly apps: S.App[],
    private readonly ctx: ExplorerContext,
  ) {
    super(`${pipeline.id}/stage:${stage}`);
  }

  treeItem(): vscode.TreeItem {
    return item(this.stage[0]!.toUpperCase() + this.stage.slice(1), this.apps.length ? Expanded : None, {
      id: this.id,
      description: this.apps.length ? `${this.apps.length}` : 'none',
      iconPath: new vscode.ThemeIcon(this.stage === 'production' ? 'flame' : this.stage === 'staging' ? 'beaker' : this.stage === 'review' ? 'git-pull-request' : 'tools'),
      contextValue: `heroku.stage+${this.stage}`,
    });
  }

  protected override loadChildren(): Node[] {
    return this.apps.map((a) => new AppNode(`${this.id}/app:${a.name}`, a, this.ctx));
  }
}
