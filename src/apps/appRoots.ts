// An account's roots in the Apps view: one group per owner (or the apps themselves when
// they all have one owner), narrowed by the name filter. The workspace's linked apps are
// the group above them (src/workspace/workspaceGroup.ts).
import type { App } from '../heroku/schemas';
import { MessageNode, errorText, type ExplorerContext, type Node } from '../explorer/node';
import { AppNode, GroupNode } from './appNode';
import { ownerTeam } from './core/format';
import * as l10n from '@vscode/l10n';

export async function appRoots(ctx: ExplorerContext, filter: string): Promise<Node[]> {
  const heroku = ctx.heroku();
  if (!heroku) return [];
  let apps: App[];
  try {
    apps = await heroku.listApps();
  } catch (e) {
    return [new MessageNode(`${ctx.idPrefix}apps-error`, l10n.t(`Couldn't load apps: {0}`, errorText(e)), 'error')];
  }
  const needle = filter.toLowerCase();
  const shown = needle ? apps.filter((a) => a.name.toLowerCase().includes(needle)) : apps;
  if (!shown.length) return needle ? [new MessageNode(`${ctx.idPrefix}apps-none`, l10n.t(`No app name contains "{0}"`, filter), 'info')] : [];
  const sorted = [...shown].sort((a, b) => a.name.localeCompare(b.name));
  const groups = new Map<string, App[]>();
  for (const app of sorted) {
    const team = ownerTeam(app);
    groups.set(team, [...(groups.get(team) ?? []), app]);
  }
  // Personal ('') first, then the teams by name.
  const order = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  if (order.length === 1) return (groups.get(order[0]!) ?? []).map((a) => new AppNode(`${ctx.idPrefix}app:${a.name}`, a, ctx));
  return order.map((group) => new GroupNode(group, groups.get(group) ?? [], ctx));
}
