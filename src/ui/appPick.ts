// The shared app QuickPick: every app the account can reach, the workspace's first,
// searchable by name, team and region. Used whenever a command runs without a tree node.
import * as vscode from 'vscode';
import type { HerokuClient } from '../heroku/client';
import type { App } from '../heroku/schemas';
import { appDescription } from '../explorer/format';
import { prompts } from './prompts';

export interface AppPickItem extends vscode.QuickPickItem {
  app: App;
}

export async function pickApp(heroku: HerokuClient, opts: { title: string; workspaceApps?: ReadonlySet<string> }): Promise<App | undefined> {
  const apps = await heroku.listApps();
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

/** A pick among an app's resources (dynos, releases, process types). */
export async function pickOne<T>(items: T[], toItem: (t: T) => vscode.QuickPickItem, title: string): Promise<T | undefined> {
  const entries = items.map((t) => ({ ...toItem(t), value: t }));
  const pick = await prompts.showQuickPick(entries, { title, matchOnDescription: true });
  return pick?.value;
}
