// Commands on dynos and process types: restart, stop, scale, resize. From their nodes,
// or the palette (the app, then the dyno or process type, is picked).
import type { Formation } from '../heroku/schemas';
import { pickOne, targetApp, targetOfNode, type AppClient, type AppTargetDeps } from '../apps/appPick';
import { writeAfterAsking } from '../accounts/confirmWrite';
import { WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { DYNO_SIZES, dynoCommand, resizeEffect, scaleEffect } from './core/format';
import { DynoNode, FormationNode } from './nodes';
import * as l10n from '@vscode/l10n';

export type DynoCommandDeps = AppTargetDeps;

export function dynoCommands(deps: DynoCommandDeps): CommandTable {
  const dynoTarget = async (node: unknown, title: string): Promise<{ app: string; at: AppClient; dyno: string } | undefined> => {
    const fromNode = node instanceof DynoNode ? targetOfNode(node) : undefined;
    if (node instanceof DynoNode && fromNode) return { app: fromNode.name, at: fromNode, dyno: node.dyno.name };
    const at = await targetApp(node, title, deps);
    if (!at) return undefined;
    const app = at.name;
    const dynos = await at.heroku.listDynos(app);
    if (!dynos.length) return void prompts.showInformationMessage(l10n.t(`{0} has no dynos.`, app));
    const dyno = await pickOne(dynos, (d) => ({ label: d.name, description: `${d.state} · ${d.size ?? ''} · ${dynoCommand(d) ?? ''}` }), `${title} — ${app}`);
    return dyno && { app, at, dyno: dyno.name };
  };

  const formationTarget = async (node: unknown, title: string): Promise<{ app: string; at: AppClient; formation: Formation } | undefined> => {
    const fromNode = node instanceof FormationNode ? targetOfNode(node) : undefined;
    if (node instanceof FormationNode && fromNode) return { app: fromNode.name, at: fromNode, formation: node.formation };
    const at = await targetApp(node, title, deps);
    if (!at) return undefined;
    const app = at.name;
    const formation = await at.heroku.listFormation(app);
    if (!formation.length) return void prompts.showInformationMessage(l10n.t(`{0} has no process types.`, app));
    const picked = await pickOne(formation, (f) => ({ label: f.type, description: `${f.quantity} × ${f.size}` }), `${title} — ${app}`);
    return picked && { app, at, formation: picked };
  };

  return {
    'herokuMembrane.restartDyno': {
      ...WORK,
      run: async (run, node) => {
        const t = await dynoTarget(node, l10n.t('Restart Dyno'));
        if (!t) return;
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Restart {0} on {1}?`, t.dyno, t.app), detail: l10n.t('Its process is stopped and started again: requests it is serving may fail, and a one-off dyno ends for good.'), confirm: l10n.t('Restart Dyno') , busy: l10n.t(`Restarting {0} on {1}…`, t.dyno, t.app), work: (signal) => t.at.heroku.restartDyno(t.app, t.dyno, { signal }) });
      },
    },
    'herokuMembrane.restartAllDynos': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Restart All Dynos'), deps);
        if (!at) return;
        const app = at.name;
        await writeAfterAsking(deps, run, { connectionId: at.connectionId, message: l10n.t(`Restart every dyno of {0}? Requests in flight may fail while they restart.`, app), confirm: l10n.t('Restart All') , busy: l10n.t(`Restarting all dynos of {0}…`, app), work: (signal) => at.heroku.restartAllDynos(app, { signal }) });
      },
    },
    'herokuMembrane.stopDyno': {
      ...WORK,
      run: async (run, node) => {
        const t = await dynoTarget(node, l10n.t('Stop Dyno'));
        if (!t) return;
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Stop {0} on {1}? A dyno of a scaled process type is started again by Heroku; to keep it down, scale the process type.`, t.dyno, t.app), confirm: l10n.t('Stop Dyno') , busy: l10n.t(`Stopping {0} on {1}…`, t.dyno, t.app), work: (signal) => t.at.heroku.stopDyno(t.app, t.dyno, { signal }) });
      },
    },

    'herokuMembrane.scaleFormation': {
      ...WORK,
      run: async (run, node) => {
        const t = await formationTarget(node, l10n.t('Scale Process Type'));
        if (!t) return;
        const { type, quantity, size } = t.formation;
        const value = await prompts.showInputBox({
          title: l10n.t(`Scale {0} on {1}`, type, t.app),
          prompt: l10n.t(`Number of {0} dynos (now {1} × {2}). 0 stops the process type.`, type, quantity, size),
          value: String(quantity),
          validateInput: (v) => (/^\d{1,3}$/.test(v.trim()) ? undefined : l10n.t('A whole number from 0 to 999.')),
        });
        if (value === undefined || Number(value) === quantity) return;
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Scale {0} on {1} from {2} to {3}?`, type, t.app, quantity, Number(value)), detail: scaleEffect(quantity, Number(value), size), confirm: l10n.t('Scale') , busy: l10n.t(`Scaling {0} on {1} to {2}…`, type, t.app, value), work: (signal) => t.at.heroku.updateFormation(t.app, type, { quantity: Number(value) }, { signal }) });
      },
    },
    'herokuMembrane.resizeFormation': {
      ...WORK,
      run: async (run, node) => {
        const t = await formationTarget(node, l10n.t('Change Dyno Size'));
        if (!t) return;
        const { type } = t.formation;
        const size = await pickOne(DYNO_SIZES, (s) => ({ label: s, description: s === t.formation.size ? l10n.t('current') : undefined }), l10n.t(`Dyno size for {0} on {1}`, type, t.app));
        if (!size || size === t.formation.size) return;
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Change {0} on {1} from {2} to {3}?`, type, t.app, t.formation.size, size), detail: resizeEffect(t.formation.quantity, t.formation.size, size), confirm: l10n.t('Change Size') , busy: l10n.t(`Resizing {0} on {1} to {2}…`, type, t.app, size), work: (signal) => t.at.heroku.updateFormation(t.app, type, { size }, { signal }) });
      },
    },
  };
}

