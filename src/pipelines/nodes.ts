// The Pipelines view: each pipeline, its stages in Heroku's order, and the apps of each
// stage (full app nodes, as in the Apps view).
import * as vscode from 'vscode';
import type { App, Pipeline, ReviewApp } from '../heroku/schemas';
import { AppNode } from '../apps/appNode';
import { contextValue } from '../explorer/core/contextValues';
import { Collapsed, Expanded, MessageNode, Node, None, accessibleName, errorText, herokuOf, treeItem, type ExplorerContext } from '../explorer/node';
import * as l10n from '@vscode/l10n';

export const STAGES = ['review', 'development', 'staging', 'production'] as const;

/** The view's roots: every pipeline by name, or one message node. */
export async function pipelineRoots(ctx: ExplorerContext): Promise<Node[]> {
  const heroku = ctx.heroku();
  if (!heroku) return [];
  try {
    const pipelines = await heroku.listPipelines();
    if (!pipelines.length) return [new MessageNode(`${ctx.idPrefix}pipelines-none`, l10n.t('No pipelines in this account'), 'info')];
    return [...pipelines].sort((a, b) => a.name.localeCompare(b.name)).map((p) => new PipelineNode(p, ctx));
  } catch (e) {
    return [new MessageNode(`${ctx.idPrefix}pipelines-error`, l10n.t(`Couldn't load pipelines: {0}`, errorText(e)), 'error')];
  }
}

export class PipelineNode extends Node {
  constructor(
    readonly pipeline: Pipeline,
    readonly ctx: ExplorerContext,
  ) {
    super(`${ctx.idPrefix}pipeline:${pipeline.id}`);
  }

  /** Its Refresh: the account's pipelines and apps are read again. */
  override forgetData(): void {
    this.ctx.heroku()?.forgetAccount('pipelines', 'apps');
  }

  treeItem(): vscode.TreeItem {
    return treeItem(this.pipeline.name, Collapsed, { id: this.id, iconPath: new vscode.ThemeIcon('rocket'), contextValue: contextValue.pipeline() });
  }

  protected override async loadChildren(): Promise<Node[]> {
    try {
      const heroku = herokuOf(this.ctx);
      const [couplings, apps] = await Promise.all([heroku.listPipelineCouplings(this.pipeline.id), heroku.listApps()]);
      const byId = new Map(apps.map((a) => [a.id, a]));
      return STAGES.map((stage) => {
        const stageApps = couplings.filter((c) => c.stage === stage).map((c) => byId.get(c.app.id)).filter((a): a is App => Boolean(a));
        return new StageNode(this, stage, stageApps, this.ctx);
      });
    } catch (e) {
      return [new MessageNode(`${this.id}/error`, l10n.t(`Couldn't load the pipeline: {0}`, errorText(e)), 'error', this)];
    }
  }
}

export class StageNode extends Node {
  constructor(
    readonly pipeline: PipelineNode,
    readonly stage: string,
    private readonly apps: App[],
    private readonly ctx: ExplorerContext,
  ) {
    super(`${pipeline.id}/stage:${stage}`);
  }

  treeItem(): vscode.TreeItem {
    return treeItem(this.stage[0]!.toUpperCase() + this.stage.slice(1), this.apps.length ? Expanded : None, {
      id: this.id,
      description: this.apps.length ? `${this.apps.length}` : l10n.t('none'),
      iconPath: new vscode.ThemeIcon(STAGE_ICONS[this.stage] ?? 'tools'),
      contextValue: contextValue.stage(this.stage),
    });
  }

  protected override async loadChildren(): Promise<Node[]> {
    if (this.stage !== 'review' || !this.apps.length) return this.apps.map((a) => new AppNode(`${this.id}/app:${a.name}`, a, this.ctx));
    // Review apps: their pull request and branch, from the pipeline's review-app list.
    try {
      const reviewApps = await herokuOf(this.ctx).listReviewApps(this.pipeline.pipeline.id);
      return this.apps.map((a) => {
        const r = reviewApps.find((x) => x.app?.id === a.id);
        return r ? new ReviewAppNode(`${this.id}/app:${a.name}`, a, r, this.ctx) : new AppNode(`${this.id}/app:${a.name}`, a, this.ctx);
      });
    } catch (e) {
      return [new MessageNode(`${this.id}/error`, l10n.t(`Couldn't load the review apps: {0}`, errorText(e)), 'error', this), ...this.apps.map((a) => new AppNode(`${this.id}/app:${a.name}`, a, this.ctx))];
    }
  }
}

/** A review app: an app (every app command works on it) shown by its pull request and branch. */
export class ReviewAppNode extends AppNode {
  constructor(
    id: string,
    app: App,
    readonly reviewApp: ReviewApp,
    ctx: ExplorerContext,
  ) {
    super(id, app, ctx);
  }

  override treeItem(): vscode.TreeItem {
    const item = super.treeItem();
    const r = this.reviewApp;
    item.label = `${r.pr_number ? `#${r.pr_number} ` : ''}${r.branch ?? this.app.name}`;
    item.description = [r.status, this.app.name].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: accessibleName(l10n.t('review app {0}', item.label), item.description) };
    item.iconPath = new vscode.ThemeIcon('git-pull-request');
    item.contextValue = `${item.contextValue}+review`;
    return item;
  }
}

const STAGE_ICONS: Record<string, string> = { production: 'flame', staging: 'beaker', review: 'git-pull-request', development: 'tools' };
