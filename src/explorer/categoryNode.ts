// A category under an app (Dynos, Add-ons, …): what it lists comes from its feature's
// CategorySpec. Its load can be stopped: collapsing or reloading the node aborts the
// CLI call in flight, so nobody waits for (or pays for) data no one is watching.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type { AppData } from '../heroku/cacheKeys';
import { contextValue } from './core/contextValues';
import { AppChildNode, Collapsed, MessageNode, errorText, herokuOf, treeItem, type AppParent, type ExplorerContext, type Node } from './node';
import * as l10n from '@vscode/l10n';

/** What a feature declares for its category under each app. */
export interface CategorySpec<T> {
  /** The app data it shows: also what is forgotten when the category is reloaded. */
  key: AppData;
  label: string;
  icon: string;
  load(heroku: HerokuClient, app: string, signal: AbortSignal): Promise<T[]>;
  toNode(app: AppParent, item: T): Node;
  /** The description beside the label once loaded (default: the count). */
  summary?(items: T[]): string;
  /** Loaded when the category itself is expanded, not in the app's first round (its calls cost more). */
  lazy?: boolean;
  /** Its id under the app, when not its key (another row shows the same data). */
  id?: string;
}

export type CategoryResult<T> = { ok: true; items: T[] } | { ok: false; error: string };

export class CategoryNode<T> extends AppChildNode {
  result: CategoryResult<T> | undefined;
  /** The load in flight, stopped when the node is collapsed or reloaded. */
  private loading: AbortController | undefined;
  /** Loaded by its own expansion (a lazy category), after VS Code drew its line: drawn again once. */
  private loadedLate = false;

  constructor(
    app: AppParent,
    readonly spec: CategorySpec<T>,
    private readonly ctx: ExplorerContext,
  ) {
    super(app, spec.id ?? spec.key);
  }

  get key(): AppData {
    return this.spec.key;
  }

  get label(): string {
    return this.spec.label;
  }

  async load(): Promise<void> {
    this.loading?.abort();
    const ac = new AbortController();
    this.loading = ac;
    try {
      const items = await this.spec.load(herokuOf(this.ctx), this.app.name, ac.signal);
      if (!ac.signal.aborted) this.result = { ok: true, items };
    } catch (e) {
      // A stopped load leaves no result: the next expand loads again.
      if (!ac.signal.aborted) this.result = { ok: false, error: errorText(e) };
    } finally {
      if (this.loading === ac) this.loading = undefined;
    }
  }

  /** Whether the category loaded after its line was drawn (once: the provider then draws it again). */
  override takeLateLoad(): boolean {
    const late = this.loadedLate;
    this.loadedLate = false;
    return late;
  }

  /** Stop the load in flight, if any (the user collapsed the node): its CLI call is killed. */
  abortLoad(): void {
    if (!this.loading) return;
    this.reset();
  }

  override collapsed(): void {
    this.abortLoad();
  }

  override forgetData(): void {
    this.ctx.heroku()?.forget(this.app.name, this.key);
  }

  /** Load first, then the caller redraws: the summary is right as soon as it is shown. */
  override async reloadData(): Promise<void> {
    this.reset();
    await this.load();
  }

  /** Forget the result (its cache entry was forgotten too): a load in flight is stopped first. */
  reset(): void {
    this.loading?.abort();
    this.loading = undefined;
    this.result = undefined;
    this.forgetChildren();
  }

  treeItem(): vscode.TreeItem {
    const r = this.result;
    return treeItem(this.label, Collapsed, {
      id: this.id,
      description: !r ? '' : r.ok ? (this.spec.summary ?? ((items: T[]) => String(items.length)))(r.items) : l10n.t('failed'),
      iconPath: r && !r.ok ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon(this.spec.icon),
      contextValue: contextValue.category(this.key),
    });
  }

  protected override async loadChildren(): Promise<Node[]> {
    if (!this.result) {
      await this.load();
      this.loadedLate = this.result !== undefined;
    }
    const r = this.result;
    if (!r) return []; // stopped while loading: the next expand loads again
    if (!r.ok) return [new MessageNode(`${this.id}/error`, l10n.t(`Couldn't load {0}: {1}`, this.label.toLowerCase(), r.error), 'error', this)];
    if (!r.items.length) return [new MessageNode(`${this.id}/empty`, l10n.t(`No {0}`, this.label.toLowerCase()), 'info')];
    return r.items.map((item) => this.spec.toNode(this.app, item));
  }
}
