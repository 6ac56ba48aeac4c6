// Apps in the tree: an owner group, an app and its categories (each from its feature),
// and `appOf`, which finds the app of any node a command was started from.
import * as vscode from 'vscode';
import type { AppData } from '../heroku/cacheKeys';
import type { App } from '../heroku/schemas';
import { CategoryNode } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { AppChildNode, Collapsed, Expanded, Node, treeItem, type ExplorerContext } from '../explorer/node';
import { ConfigVarsNode } from '../configVars/node';
import { DYNOS, FORMATION } from '../dynos/nodes';
import { BUILDS, ReleasesNode } from '../releases/nodes';
import { ADDONS, COLLABORATORS, DOMAINS } from '../resources/nodes';
import { ERRORS } from '../errors/nodes';
import { escapeMarkdown, timeAgo } from '../shared/core/text';
import { appDescription, ownerGroupLabel } from './core/format';
import * as l10n from '@vscode/l10n';

export class GroupNode extends Node {
  /** `team` is '' for the personal apps; the id stays English so it never changes with the display language. */
  constructor(
    readonly team: string,
    private readonly apps: App[],
    private readonly ctx: ExplorerContext,
  ) {
    super(`${ctx.idPrefix}group:${team ? `Team: ${team}` : 'Personal'}`);
  }

  get label(): string {
    return ownerGroupLabel(this.team);
  }

  treeItem(): vscode.TreeItem {
    const n = this.apps.length;
    return treeItem(this.label, Expanded, {
      id: this.id,
      description: n === 1 ? l10n.t('1 app') : l10n.t('{0} apps', n),
      iconPath: new vscode.ThemeIcon(this.team ? 'organization' : 'account'),
      contextValue: contextValue.group(),
    });
  }

  protected override loadChildren(): Node[] {
    return this.apps.map((a) => new AppNode(`${this.id}/app:${a.name}`, a, this.ctx));
  }
}

export class AppNode extends Node {
  /** In the order the tree shows them: the categories, then the config-vars entry. */
  readonly sections: Node[];

  constructor(
    id: string,
    public app: App,
    readonly ctx: ExplorerContext,
  ) {
    super(id);
    this.sections = [
      ...ctx.leadingRows(this),
      new ReleasesNode(this, ctx),
      new CategoryNode(this, DYNOS, ctx),
      new CategoryNode(this, FORMATION, ctx),
      new CategoryNode(this, ADDONS, ctx),
      new CategoryNode(this, DOMAINS, ctx),
      new CategoryNode(this, BUILDS, ctx),
      new CategoryNode(this, COLLABORATORS, ctx),
      new CategoryNode(this, ERRORS, ctx),
      new ConfigVarsNode(this),
    ];
    ctx.track(this);
  }

  get name(): string {
    return this.app.name;
  }

  get categories(): CategoryNode<unknown>[] {
    return this.sections.filter((c): c is CategoryNode<unknown> => c instanceof CategoryNode);
  }

  treeItem(): vscode.TreeItem {
    const a = this.app;
    const inWorkspace = this.ctx.workspaceApps().has(a.name);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`$(cloud) **${escapeMarkdown(a.name)}**${inWorkspace ? ` — ${l10n.t('this workspace')}` : ''}\n\n`);
    for (const [label, value] of [
      [l10n.t('Owner'), a.team?.name ? l10n.t('team {0}', a.team.name) : a.owner?.email],
      [l10n.t('Region'), a.region?.name],
      [l10n.t('Stack'), a.stack?.name],
      [l10n.t('Maintenance'), a.maintenance ? l10n.t('on') : l10n.t('off')],
      ['URL', a.web_url],
      [l10n.t('Released'), a.released_at ? `${timeAgo(a.released_at)} (${a.released_at})` : undefined],
      [l10n.t('Id'), a.id],
    ] as const) {
      if (value) tip.appendMarkdown(l10n.t('{0}: {1}', label, escapeMarkdown(value)) + '  \n');
    }
    return treeItem(a.name, Collapsed, {
      id: this.id,
      description: [inWorkspace ? l10n.t('this workspace') : '', appDescription(a)].filter(Boolean).join(' · '),
      tooltip: tip,
      iconPath: new vscode.ThemeIcon(a.maintenance ? 'tools' : inWorkspace ? 'star-full' : 'cloud', a.maintenance ? new vscode.ThemeColor('editorWarning.foreground') : undefined),
      contextValue: contextValue.app({ maintenance: Boolean(a.maintenance), workspace: inWorkspace }),
    });
  }

  /** All categories load in one parallel round; each failure stays in its own node. */
  protected override async loadChildren(): Promise<Node[]> {
    await Promise.all(this.categories.filter((c) => !c.spec.lazy).map((c) => c.load()));
    return this.sections;
  }

  /** Collapsed: stop every category load still in flight. */
  abortLoads(): void {
    for (const c of this.categories) c.abortLoad();
  }

  override collapsed(): void {
    this.abortLoads();
  }

  /** Its Refresh: everything cached of the app is read again, its categories included. */
  override forgetData(): void {
    this.ctx.heroku()?.forget(this.name);
    for (const c of this.categories) c.reset();
  }

  category(key: AppData): CategoryNode<unknown> | undefined {
    return this.categories.find((c) => c.key === key);
  }
}

/** The app a node belongs to: the node itself, or the app above a category or resource. */
export function appOf(node: unknown): AppNode | undefined {
  if (node instanceof AppNode) return node;
  if (node instanceof AppChildNode && node.app instanceof AppNode) return node.app;
  return undefined;
}
