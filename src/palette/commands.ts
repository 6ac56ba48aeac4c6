// The palette's commands: Run Action and Proxy Request (their code loads on first use:
// the endpoint catalogue stays out of activation). From an app node, the app is prefilled.
import { targetOfNode } from '../apps/appPick';
import { WORK, type CommandTable } from '../shared/commands';
import type { ProxyRequest } from './proxyRequest';
import type { RunAction } from './runAction';

export interface PaletteCommandDeps {
  runAction(): Promise<RunAction>;
  proxyRequest(): Promise<ProxyRequest>;
}

export function paletteCommands(deps: PaletteCommandDeps): CommandTable {
  return {
    'herokuMembrane.runAction': { ...WORK, run: async (run, node) => (await deps.runAction()).run(run, targetOfNode(node)) },
    'herokuMembrane.proxyRequest': { ...WORK, run: async (run, node) => (await deps.proxyRequest()).run(run, targetOfNode(node)) },
  };
}
