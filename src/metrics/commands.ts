// Show Metrics: open (or reveal) an app's metrics panel, from an app node or the palette.
import { targetApp, type AppTarget, type AppTargetDeps } from '../apps/appPick';
import { UI, type CommandTable } from '../shared/commands';
import * as l10n from '@vscode/l10n';

export interface MetricsCommandDeps extends AppTargetDeps {
  /** Open (or reveal) the panel of an app; its code loads on first use. */
  openMetrics(app: AppTarget): Promise<unknown>;
}

export function metricsCommands(deps: MetricsCommandDeps): CommandTable {
  return {
    'herokuMembrane.showMetrics': {
      ...UI,
      run: async (_run, node) => {
        const app = await targetApp(node, l10n.t('Show Metrics'), deps);
        if (app) return deps.openMetrics(app);
      },
    },
  };
}
