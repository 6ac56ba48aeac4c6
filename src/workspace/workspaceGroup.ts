// "This workspace": the Apps view's first root, across accounts. Each linked app is found
// in whichever account can see it (a real app node: the same children and menus as
// elsewhere, its row naming the folder and the account when it matters); a linked app
// no account can see is a row that says so, with Unlink.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { AppNode } from '../apps/appNode';
import { appDescription } from '../apps/core/format';
import { contextValue } from '../explorer/core/contextValues';
import { Expanded, Node, None, accessibleName, errorText, herokuOf, treeItem, type ExplorerContext } from '../explorer/node';
import type { App } from '../heroku/schemas';
import { displayable, escapeMarkdown } from '../shared/core/text';
import type { WorkspaceLink, WorkspaceLinks } from './links';

/** A ready account as the group reads it: its context in the view, and how rows name it (undefined with one account). */
export interface GroupAccount {
  ctx: ExplorerContext;
  label: string | undefined;
}

/** The group, or undefined when nothing is linked (or nothing linked matches the name filter). */
export function workspaceGroup(links: WorkspaceLinks, accounts: GroupAccount[], filter: string): WorkspaceGroupNode | undefined {
  const needle = filter.toLowerCase();
  const shown = links.links().filter((l) => l.app.includes(needle));
  return shown.length ? new WorkspaceGroupNode(links, shown, accounts) : undefined;
}

export class WorkspaceGroupNode extends Node {
  constructor(
    private readonly links: WorkspaceLinks,
    readonly shown: readonly WorkspaceLink[],
    private readonly accounts: GroupAccount[],
  ) {
    super('workspace');
  }

  treeItem(): vscode.TreeItem {
    const n = this.shown.length;
    const label = l10n.t('This workspace');
    const description = n === 1 ? l10n.t('1 linked app') : l10n.t('{0} linked apps', n);
    return treeItem(label, Expanded, {
      id: this.id,
      description,
      tooltip: l10n.t('The apps linked to the folders of this workspace: by their git remotes, or by Link Folder to App…'),
      iconPath: new vscode.ThemeIcon('root-folder'),
      contextValue: contextValue.workspaceGroup(),
      accessibilityInformation: { label: l10n.t('{0} group, {1}', label, description) },
    });
  }

  /** Each account's app list (cached) is read in parallel; a link is shown once per account that sees its app. */
  protected override async loadChildren(): Promise<Node[]> {
    const lists = await Promise.all(
      this.accounts.map(async (a) => {
        try {
          return { a, apps: await herokuOf(a.ctx).listApps() };
        } catch (e) {
          return { a, apps: [] as App[], error: errorText(e) };
        }
      }),
    );
    const failed = lists.find((l) => l.error)?.error;
    return this.shown.flatMap((link): Node[] => {
      const seen = lists.flatMap(({ a, apps }) => apps.filter((app) => app.name === link.app).map((app) => ({ a, app })));
      const folder = this.links.namesFolder(link) ? this.links.folderLabel(link) : undefined;
      const key = `${this.id}/${link.folder.toString()}`;
      if (!seen.length) return [new MissingLinkNode(`${key}/missing:${link.app}`, link, this.links.folderLabel(link), failed)];
      return seen.map(({ a, app }) => new LinkedAppNode(`${key}/${a.ctx.connectionId}/app:${app.name}`, app, a.ctx, link, { folder, account: a.label, folderName: this.links.folderLabel(link) }));
    });
  }
}

/** A linked app, found in an account: an app node whose row names its link. */
export class LinkedAppNode extends AppNode {
  constructor(
    id: string,
    app: App,
    ctx: ExplorerContext,
    readonly link: WorkspaceLink,
    private readonly shows: { folder: string | undefined; account: string | undefined; folderName: string },
  ) {
    super(id, app, ctx);
  }

  override treeItem(): vscode.TreeItem {
    const item = super.treeItem();
    const { folder, account, folderName } = this.shows;
    const own = appDescription(this.app);
    item.description = [folder ? l10n.t('linked to {0}', folder) : '', account ?? '', own].filter(Boolean).join(' · ');
    const linked = l10n.t('{0}, linked to folder {1}', this.app.name, folderName);
    item.accessibilityInformation = { label: accessibleName(account ? l10n.t('{0}, account {1}', linked, account) : linked, own || undefined) };
    if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n${linkSourceText(this.link, folderName, escapeMarkdown)}`);
    item.contextValue = contextValue.linkedApp(item.contextValue ?? '');
    return item;
  }
}

/** A linked app no ready account can see (a typo, another account, a deleted app). */
export class MissingLinkNode extends Node {
  constructor(
    id: string,
    readonly link: WorkspaceLink,
    private readonly folderName: string,
    private readonly failure: string | undefined,
  ) {
    super(id);
  }

  treeItem(): vscode.TreeItem {
    const why = this.failure ? l10n.t('not found; an account could not be read: {0}', this.failure) : l10n.t('no account you are connected to can see this app');
    return treeItem(this.link.app, None, {
      id: this.id,
      description: l10n.t('linked to {0} · {1}', this.folderName, why),
      tooltip: `${l10n.t('{0}: {1}.', this.link.app, why)}\n${linkSourceText(this.link, this.folderName)}`,
      iconPath: new vscode.ThemeIcon('question'),
      contextValue: contextValue.missingLink(),
      accessibilityInformation: { label: l10n.t('{0}, linked to folder {1}, {2}', this.link.app, this.folderName, why) },
    });
  }
}

/** Where a link comes from, in words: the remote's name on one line; `escape` for a Markdown tooltip (a remote's or a folder's name is text, never Markdown). */
export function linkSourceText(link: WorkspaceLink, folderName: string, escape: (text: string) => string = (text) => text): string {
  const folder = escape(displayable(folderName));
  return link.source.kind === 'remote' ? l10n.t('Linked to folder {0} by its git remote "{1}".', folder, escape(displayable(link.source.remote))) : l10n.t("Linked to folder {0} in that folder's settings.", folder);
}
