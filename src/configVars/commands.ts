// The config-vars editor's command: open (or reveal) an app's editor.
import { targetApp, type AppClient, type AppTargetDeps } from '../apps/appPick';
import { UI, type CommandTable } from '../shared/commands';
import * as l10n from '@vscode/l10n';

export interface ConfigVarsCommandDeps extends AppTargetDeps {
  /** Open (or reveal) the editor of an app; its code loads on first use. */
  openConfigVars(app: AppClient): Promise<unknown>;
}

export function configVarsCommands(deps: ConfigVarsCommandDeps): CommandTable {
  return {
    'herokuMembrane.openConfigVars': {
      ...UI,
      run: async (_run, node) => {
        const app = await targetApp(node, l10n.t('Edit Config Vars'), deps);
        if (app) return deps.openConfigVars(app);
      },
    },
  };
}
