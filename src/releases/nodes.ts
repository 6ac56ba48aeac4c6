// The Releases and Builds categories of an app, and their nodes. Releases show the
// newest RELEASE_PAGE first; "Load more releases…" raises how many.
import * as vscode from 'vscode';
import type { Build, Release } from '../heroku/schemas';
import { CategoryNode, type CategorySpec } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { AppResourceNode, Node, None, themeIcon, treeItem, type ExplorerContext, type AppParent } from '../explorer/node';
import { RELEASE_PAGE, buildDescription, buildIcon, buildLabel, releaseDescription, releaseIcon } from './core/format';
import * as l10n from '@vscode/l10n';

export class ReleaseNode extends AppResourceNode<Release> {
  constructor(app: AppParent, release: Release) {
    super(app, `release:${release.version}`, release);
  }

  get release(): Release {
    return this.resource;
  }

  jsonTitle(): string {
    return `${this.app.name} v${this.release.version}`;
  }

  treeItem(): vscode.TreeItem {
    const r = this.release;
    return treeItem(`v${r.version}`, None, {
      id: this.id,
      description: releaseDescription(r),
      tooltip: `v${r.version} · ${r.status}${r.current ? ' · current' : ''}\n${r.description}\n${r.user?.email ?? ''} · ${r.created_at ?? ''}`,
      iconPath: themeIcon(releaseIcon(r)),
      contextValue: contextValue.release(r.status, Boolean(r.current), Boolean(r.output_stream_url)),
    });
  }
}

export class ReleasesNode extends CategoryNode<Release> {
  private readonly shown: () => number;

  constructor(app: AppParent, ctx: ExplorerContext) {
    const shown = () => ctx.releasesShown.get(app.name) ?? RELEASE_PAGE;
    super(
      app,
      {
        key: 'releases',
        label: l10n.t('Releases'),
        icon: 'history',
        // One more than shown tells whether "load more" is needed.
        load: (heroku, name, signal) => heroku.latestReleases(name, shown() + 1, { signal }),
        toNode: (owner, release) => new ReleaseNode(owner, release),
        summary: (releases) => {
          const current = releases.find((r) => r.current);
          return current ? l10n.t(`current v{0}`, current.version) : releases.length ? l10n.t(`latest v{0}`, releases[0]!.version) : '0';
        },
      },
      ctx,
    );
    this.shown = shown;
  }

  protected override async loadChildren(): Promise<Node[]> {
    const kids = await super.loadChildren();
    if (this.result?.ok && this.result.items.length > this.shown()) return [...kids.slice(0, this.shown()), new LoadMoreNode(this)];
    return kids;
  }
}

export class LoadMoreNode extends Node {
  constructor(readonly releases: ReleasesNode) {
    super(`${releases.id}/more`);
  }

  treeItem(): vscode.TreeItem {
    return treeItem(l10n.t('Load more releases…'), None, {
      id: this.id,
      iconPath: themeIcon('ellipsis'),
      contextValue: contextValue.loadMore(),
      command: { command: 'herokuMembrane.loadMoreReleases', title: l10n.t('Load More'), arguments: [this] },
    });
  }
}

export class BuildNode extends AppResourceNode<Build> {
  constructor(app: AppParent, build: Build) {
    super(app, `build:${build.id}`, build);
  }

  jsonTitle(): string {
    return `${this.app.name} build ${buildLabel(this.resource)}`;
  }

  treeItem(): vscode.TreeItem {
    const b = this.resource;
    return treeItem(buildLabel(b), None, {
      id: this.id,
      description: buildDescription(b),
      tooltip: buildLabel(b),
      iconPath: themeIcon(buildIcon(b.status)),
      contextValue: contextValue.build(b.status),
    });
  }
}

export const BUILDS: CategorySpec<Build> = {
  key: 'builds',
  // A getter: read when shown, after the bundle is configured (module constants are built earlier).
  get label() {
    return l10n.t('Builds');
  },
  icon: 'package',
  // Newest first, as the other lists of the tree.
  load: (heroku, app, signal) => heroku.listBuilds(app, { signal }).then((builds) => [...builds].reverse()),
  toNode: (app, build) => new BuildNode(app, build),
};
