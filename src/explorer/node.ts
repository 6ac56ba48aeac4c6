// The tree's building blocks: the Node base (children loaded once, kept until refreshed;
// what a collapse or a reload does to it), the in-tree message (errors and empty states
// are nodes, never a thrown getChildren), the base of every node under an app, and the
// TreeItem helpers the feature nodes share. No feature is imported: the features' nodes
// extend these, and the composition root hands the views their roots.
import * as vscode from 'vscode';
import type { AppData } from '../heroku/cacheKeys';
import type { HerokuClient } from '../heroku/client';
import type { App } from '../heroku/schemas';
import { isMembraneError, notConnectedError } from '../membrane/errors';
import type { IconSpec } from '../shared/core/text';
import type { CategoryNode } from './categoryNode';
import { contextValue } from './core/contextValues';
import * as l10n from '@vscode/l10n';
import { stillWhenReduced } from '../shared/motion';

/** What nodes need from the explorer that made them: one per account and view. */
export interface ExplorerContext {
  /** The account's Membrane connection: every node below shows that account's data. */
  connectionId: string;
  heroku(): HerokuClient | undefined;
  /** Put before every node id of this account (empty with one account): ids stay unique across accounts. */
  idPrefix: string;
  /** Apps linked to the workspace's folders (by git remotes or by the user). */
  workspaceApps(): ReadonlySet<string>;
  /** How many releases to show per app of this account ("load more" raises it). */
  releasesShown: Map<string, number>;
  /** Told of every app node created, for targeted refreshes. */
  track(app: AppParent): void;
  /** The rows shown first under an app, from the features that add some (the deployed code of a linked folder). */
  leadingRows(app: AppParent): Node[];
}

/**
 * An app in the tree, as the framework knows it: the node its categories and resources
 * hang under (the Apps feature makes it: src/apps/appNode.ts).
 */
export interface AppParent extends Node {
  readonly name: string;
  readonly app: App;
  readonly ctx: ExplorerContext;
  /** Its category that shows this data, if any: a change reloads only that. */
  category(key: AppData): CategoryNode<unknown> | undefined;
  /** All its categories (a change of all its data resets them). */
  readonly categories: CategoryNode<unknown>[];
}

/** The Heroku client of a node's load: a load that starts while disconnected fails with the usual message. */
export function herokuOf(ctx: ExplorerContext): HerokuClient {
  const heroku = ctx.heroku();
  if (!heroku) throw notConnectedError();
  return heroku;
}

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

  /** Collapsed by the user: stop the loads in flight that only its children wait for. */
  collapsed(): void {}

  /** Its Refresh: forget the cached Heroku data it shows, so that it is read again. */
  forgetData(): void {}

  /**
   * Whether it loaded after VS Code drew its line (once: the provider then draws it again).
   * A lazy category does (CategoryNode); the provider asks every node, and imports no class.
   */
  takeLateLoad(): boolean {
    return false;
  }

  /** Read its own data again before it is drawn again (a category: so its summary is right as soon as it shows). */
  async reloadData(): Promise<void> {}
}

/** A node inside an app (a category, a resource, the config-vars entry): commands find the app through it. */
export abstract class AppChildNode extends Node {
  constructor(
    readonly app: AppParent,
    key: string,
  ) {
    super(`${app.id}/${key}`);
  }
}

/** One Heroku resource of an app, shown as one line; Show JSON opens `resource`. */
export abstract class AppResourceNode<T> extends AppChildNode {
  constructor(
    app: AppParent,
    key: string,
    readonly resource: T,
  ) {
    super(app, key);
  }

  /** The JSON document's title, without the extension. */
  abstract jsonTitle(): string;
}

/** An error or an empty state, inside the tree. An error offers to load its node again. */
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
    return treeItem(this.message, None, {
      id: this.id,
      iconPath: new vscode.ThemeIcon(this.kind === 'error' ? 'error' : 'info', this.kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined),
      contextValue: contextValue.message(this.kind),
      tooltip: this.message,
      command: this.retry && this.kind === 'error' ? { command: 'herokuMembrane.refreshNode', title: l10n.t('Retry'), arguments: [this.retry] } : undefined,
    });
  }
}

export function errorText(e: unknown): string {
  return isMembraneError(e) || e instanceof Error ? e.message : String(e);
}

/**
 * A row of the tree. Its accessible name is its label and its description (the state a
 * sighted user reads beside the label: "failed", "2 × Standard-1X", "owner"): without
 * one, a screen reader reads a plain-text tooltip instead, and the state is lost.
 */
export function treeItem(label: string, state: vscode.TreeItemCollapsibleState, props: Partial<vscode.TreeItem> = {}): vscode.TreeItem {
  const item = Object.assign(new vscode.TreeItem(label, state), props);
  item.accessibilityInformation ??= { label: accessibleName(label, typeof item.description === 'string' ? item.description : undefined) };
  return item;
}

/** "label, description", the form VS Code itself reads a row in. */
export function accessibleName(label: string, description?: string): string {
  return description ? l10n.t('{0}, {1}', label, description) : label;
}

/** A row's icon (a spinning one still when the user asked for reduced motion). */
export function themeIcon(spec: IconSpec | string): vscode.ThemeIcon {
  if (typeof spec === 'string') return new vscode.ThemeIcon(stillWhenReduced(spec));
  return new vscode.ThemeIcon(stillWhenReduced(spec.icon), spec.color ? new vscode.ThemeColor(spec.color) : undefined);
}

export const None = vscode.TreeItemCollapsibleState.None;
export const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
export const Expanded = vscode.TreeItemCollapsibleState.Expanded;
