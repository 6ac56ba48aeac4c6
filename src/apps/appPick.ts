// The app a command acts on, and the account it is in: the tree node it was started
// from, else the shared app QuickPick (every app of every ready account, the workspace's
// linked apps first, saying to which folder, each marked with its account when there are several; searchable by name, team,
// region and account).
import * as vscode from 'vscode';
import { accountLabels, type Account, type AccountsDeps } from '../accounts/accounts';
import { herokuOf } from '../explorer/node';
import type { HerokuClient } from '../heroku/client';
import type { App } from '../heroku/schemas';
import { prompts } from '../shared/prompts';
import { appOf } from './appNode';
import { appDescription } from './core/format';
import * as l10n from '@vscode/l10n';

/** Which app of which account: what explorer reloads and per-app memories are keyed by. */
export interface AppRef {
  name: string;
  connectionId: string;
}

/** An app by name, and the client of its account. */
export interface AppClient extends AppRef {
  heroku: HerokuClient;
}

/** An app, with the account (connection) it was found in: the same name in two accounts is two targets. */
export interface AppTarget extends AppClient {
  app: App;
}

export interface AppPickItem extends vscode.QuickPickItem {
  app: App;
  target: AppTarget;
}

/** What commands need to find their app. */
export interface AppTargetDeps extends AccountsDeps {
  /** Apps linked to the workspace's folders: listed first. */
  workspaceApps(): ReadonlySet<string>;
  /** What a pick row says of a linked app ("linked to api"). */
  linkNote?(app: string): string | undefined;
}

/** Which apps a pick lists first, and what their rows say of them. */
export interface FirstApps {
  workspaceApps?: ReadonlySet<string>;
  /** The words a first app's row starts its description with (else "this workspace"). */
  linkNote?(app: string): string | undefined;
}

export function appTarget(app: App, account: Account): AppTarget {
  return { app, name: app.name, connectionId: account.status.connectionId, heroku: account.heroku };
}

/** Every app of these accounts, to pick one. */
export async function pickApp(accounts: Account[], opts: FirstApps & { title: string; signal?: AbortSignal }): Promise<AppTarget | undefined> {
  const items = await appItems(accounts, opts);
  const pick = await prompts.showQuickPick(items, { title: opts.title, placeHolder: appPlaceholder(accounts), matchOnDescription: true });
  return pick?.target;
}

/** What a pick of apps says it offers. */
export function appPlaceholder(accounts: readonly Account[]): string {
  return accounts.length > 1 ? l10n.t(`Choose a Heroku app ({0} accounts)`, accounts.length) : l10n.t('Choose a Heroku app');
}

/**
 * The pick's rows: every app of these accounts (their lists read in parallel), the
 * workspace's first and starred, each marked with its account when there are several.
 */
export async function appItems(accounts: Account[], opts: FirstApps & { signal?: AbortSignal }): Promise<AppPickItem[]> {
  const [lists, labels] = await Promise.all([
    Promise.all(accounts.map(async (account) => (await account.heroku.listApps({ signal: opts.signal })).map((app) => appTarget(app, account)))),
    accountLabels(accounts, opts.signal),
  ]);
  const several = accounts.length > 1;
  const ws = opts.workspaceApps ?? new Set<string>();
  // The first apps in the set's own order (a folder's link before its last deploy), then by name.
  const order = [...ws];
  const rank = (name: string) => (ws.has(name) ? order.indexOf(name) : order.length);
  return lists
    .flat()
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name) || (labels.get(a.connectionId) ?? '').localeCompare(labels.get(b.connectionId) ?? ''))
    .map((target) => {
      const { app } = target;
      const first = ws.has(app.name);
      return {
        label: l10n.t(`{0} {1}`, first ? '$(star-full)' : app.maintenance ? '$(tools)' : '$(cloud)', app.name),
        description: [first ? (opts.linkNote?.(app.name) ?? l10n.t('this workspace')) : '', several ? `$(account) ${labels.get(target.connectionId)}` : '', appDescription(app)].filter(Boolean).join(' · '),
        app,
        target,
      };
    });
}

/** The app of a tree node, with its account; undefined when the node is not inside an app. */
export function targetOfNode(node: unknown): AppTarget | undefined {
  const fromNode = appOf(node);
  if (!fromNode) return undefined;
  return { app: fromNode.app, name: fromNode.name, connectionId: fromNode.ctx.connectionId, heroku: herokuOf(fromNode.ctx) };
}

/** The command's app: the node's, or the user's pick (undefined: they cancelled). */
export async function targetApp(node: unknown, title: string, deps: AppTargetDeps, signal?: AbortSignal): Promise<AppTarget | undefined> {
  return targetOfNode(node) ?? pickApp(await deps.accounts(), { title, workspaceApps: deps.workspaceApps(), linkNote: deps.linkNote, signal });
}

/** A pick among an app's resources (dynos, releases, process types). */
export async function pickOne<T>(items: T[], toItem: (t: T) => vscode.QuickPickItem, title: string): Promise<T | undefined> {
  const entries = items.map((t) => ({ ...toItem(t), value: t }));
  const pick = await prompts.showQuickPick(entries, { title, matchOnDescription: true });
  return pick?.value;
}
