// The app a command acts on: the tree node it was started from, else the shared app
// QuickPick (every app the account can reach, the workspace's first, searchable by
// name, team and region).
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type { App } from '../heroku/schemas';
import { prompts } from '../shared/prompts';
import { appOf } from './appNode';
import { appDescription } from './core/format';

export interface AppPickItem extends vscode.QuickPickItem {
  app: App;
}

/** What commands need to find their app. */
export interface AppTargetDeps {
  heroku(): Promise<HerokuClient>;
  /** Apps named by the workspace's git remotes: listed first. */
  workspaceApps(): ReadonlySet<string>;
}

export async function pickApp(heroku: HerokuClient, opts: { title: string; workspaceApps?: ReadonlySet<string>; signal?: AbortSignal }): Promise<App | undefined> {
  const apps = await heroku.listApps({ signal: opts.signal });
  const ws = opts.workspaceApps ?? new Set<string>();
  const items: AppPickItem[] = [...apps]
    .sort((a, b) => Number(ws.has(b.name)) - Number(ws.has(a.name)) || a.name.localeCompare(b.name))
    .map((app) => ({
      label: `${ws.has(app.name) ? '$(star-full)' : app.maintenance ? '$(tools)' : '$(cloud)'} ${app.name}`,
      description: appDescription(app),
      detail: ws.has(app.name) ? 'the app of this workspace' : undefined,
      app,
    }));
  const pick = await prompts.showQuickPick(items, { title: opts.title, placeHolder: 'Choose a Heroku app', matchOnDescription: true });
  return pick?.app;
}

/** The command's app: the node's, or the user's pick (undefined: they cancelled). */
export async function targetApp(node: unknown, title: string, deps: AppTargetDeps, signal?: AbortSignal): Promise<App | undefined> {
  const fromNode = appOf(node);
  if (fromNode) return fromNode.app;
  return pickApp(await deps.heroku(), { title, workspaceApps: deps.workspaceApps(), signal });
}

/** A pick among an app's resources (dynos, releases, process types). */
export async function pickOne<T>(items: T[], toItem: (t: T) => vscode.QuickPickItem, title: string): Promise<T | undefined> {
  const entries = items.map((t) => ({ ...toItem(t), value: t }));
  const pick = await prompts.showQuickPick(entries, { title, matchOnDescription: true });
  return pick?.value;
}
