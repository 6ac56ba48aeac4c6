// Commands on the views themselves: reload everything or one node, the name filter,
// and Show JSON for any resource node (or an app: the node's, or a picked one).
import type { App } from '../heroku/schemas';
import { UI, type CommandTable } from '../shared/commands';
import type { JsonDocuments } from '../shared/jsonDocuments';
import { prompts } from '../shared/prompts';
import type { Explorer } from './explorer';
import { AppResourceNode, Node } from './node';
import * as l10n from '@vscode/l10n';

export interface ViewCommandDeps {
  explorer: Explorer;
  json: JsonDocuments;
  /** The app of a node, or the one the user picks (src/apps/appPick.ts's targetApp). */
  targetApp(node: unknown, title: string): Promise<{ app: App } | undefined>;
}

export function viewCommands(deps: ViewCommandDeps): CommandTable {
  const { explorer, json } = deps;
  return {
    'herokuMembrane.refresh': { ...UI, run: () => explorer.reloadAll() },
    'herokuMembrane.refreshNode': { ...UI, run: async (_run, node) => (node instanceof Node ? explorer.reloadNode(node) : explorer.reloadAll()) },

    'herokuMembrane.filterApps': {
      ...UI,
      run: async () => {
        const text = await prompts.showInputBox({ title: l10n.t('Filter Heroku apps by name'), value: explorer.filter, placeHolder: l10n.t('Part of an app name (empty: show all)') });
        if (text !== undefined) explorer.setFilter(text);
      },
    },
    'herokuMembrane.clearFilter': { ...UI, run: () => explorer.setFilter('') },

    'herokuMembrane.showJson': {
      ...UI,
      run: async (_run, node) => {
        if (node instanceof AppResourceNode) return json.show(`${node.jsonTitle()}.json`, node.resource);
        const target = await deps.targetApp(node, l10n.t('Show App JSON'));
        // The app resource itself (not the target around it, which holds the account's client).
        if (target) return json.show(`${target.app.name}.json`, target.app);
      },
    },
  };
}
