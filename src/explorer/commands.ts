// Commands on the views themselves: reload everything or one node, the name filter,
// and Show JSON for any resource node (or a picked app).
import { targetApp, type AppTargetDeps } from '../apps/appPick';
import { UI, type CommandTable } from '../shared/commands';
import type { JsonDocuments } from '../shared/jsonDocuments';
import { prompts } from '../shared/prompts';
import type { Explorer } from './explorer';
import { AppResourceNode, Node } from './node';
import * as l10n from '@vscode/l10n';

export interface ViewCommandDeps extends AppTargetDeps {
  explorer: Explorer;
  json: JsonDocuments;
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
        const app = await targetApp(node, l10n.t('Show App JSON'), deps);
        if (app) return json.show(`${app.name}.json`, app);
      },
    },
  };
}
