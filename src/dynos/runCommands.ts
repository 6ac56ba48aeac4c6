// Heroku: Run Command on a One-off Dyno… (a terminal attached to the dyno) and Run
// Detached… (the dyno runs alone; its logs can be opened). The command defaults to
// `bash`, the account's recent commands first (kept in the extension's state per
// connection, never in settings, never one that carries a value, and clearable); the
// size offers the app's formation sizes first. Either run starts a billed dyno, so it is
// asked first, naming the account when there are several.
import * as vscode from 'vscode';
import { confirmWrite } from '../accounts/confirmWrite';
import { pickOne, targetApp, type AppRef, type AppTarget, type AppTargetDeps } from '../apps/appPick';
import type { HerokuClient } from '../heroku/client';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { RecentCommands, clearRecentCommands } from './core/recentCommands';
import { RunTerminal, type RunTerminalDeps } from './runTerminal';
import * as l10n from '@vscode/l10n';

export interface RunCommandDeps extends AppTargetDeps, Omit<RunTerminalDeps, 'onDynosChanged' | 'heroku'> {
  memory: vscode.Memento;
  /** Opens the app's logs filtered to one dyno (Live logs). */
  showDynoLogs(app: AppRef, dyno: string): void;
}

export function runCommands(deps: RunCommandDeps): CommandTable {
  /** The command to run: the account's recent ones first, `bash`, or a new one typed. */
  const askCommand = async (recent: RecentCommands, app: string, title: string): Promise<string | undefined> => {
    const remembered = recent.list();
    const items = [...new Set([...remembered, 'bash'])].map((c) => ({ label: c, description: c === 'bash' && !remembered.includes('bash') ? l10n.t('an interactive shell') : l10n.t('recent'), command: c }));
    const pick = await prompts.showQuickPick([...items, { label: l10n.t('$(edit) Another command…'), description: l10n.t('e.g. rails db:migrate, python manage.py shell'), command: '' }], { title: l10n.t(`{0} — {1}`, title, app), placeHolder: l10n.t('The command to run on a one-off dyno') });
    if (!pick) return undefined;
    if (pick.command) return pick.command;
    const typed = await prompts.showInputBox({ title: l10n.t(`{0} — {1}`, title, app), prompt: l10n.t('The command (run on the dyno, never on this machine)'), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : l10n.t('A command, e.g. bash')) });
    return typed?.trim() || undefined;
  };

  /** The size: the app's formation sizes first, then every other. */
  const askSize = async (heroku: HerokuClient, app: string, title: string): Promise<string | undefined> => {
    const [formation, sizes] = await Promise.all([heroku.listFormation(app), heroku.listDynoSizes().catch(() => [] as Array<{ name: string }>)]);
    const used = [...new Set(formation.map((f) => f.size))];
    const all = [...used, ...sizes.map((s) => s.name).filter((n) => !used.includes(n))];
    if (!all.length) all.push('Basic');
    return pickOne(all, (s) => ({ label: s, description: used.includes(s) ? l10n.t(`used by {0}`, formation.filter((f) => f.size === s).map((f) => f.type).join(', ')) : '' }), l10n.t(`{0} — {1}: dyno size`, title, app));
  };

  /** The question before a dyno starts: what runs where, and what it costs. */
  const confirmRun = (at: AppTarget, command: string, size: string, detached: boolean): Promise<boolean> =>
    confirmWrite(deps, {
      connectionId: at.connectionId,
      ...(detached
        ? { message: l10n.t('Run "{0}" detached on {1}?', command, at.name), detail: l10n.t("This starts a one-off {0} dyno, billed while it runs. Its output goes only to the app's logs.", size), confirm: l10n.t('Run Detached') }
        : { message: l10n.t('Run "{0}" on {1}?', command, at.name), detail: l10n.t('This starts a one-off {0} dyno attached to a terminal here, billed while it runs.', size), confirm: l10n.t('Run') }),
    });

  return {
    'herokuMembrane.runOneOff': {
      ...UI,
      run: async (_run, node) => {
        const at = await targetApp(node, l10n.t('Run Command'), deps);
        if (!at) return;
        const app = at.name;
        const recent = await RecentCommands.open(deps.memory, at.connectionId);
        const command = await askCommand(recent, app, l10n.t('Run Command'));
        if (!command) return;
        const size = await askSize(at.heroku, app, l10n.t('Run Command'));
        if (!size || !(await confirmRun(at, command, size, false))) return;
        await recent.remember(command);
        const spec = { app, command, size };
        const pty = new RunTerminal(spec, { ...deps, heroku: async () => at.heroku, onDynosChanged: () => at.heroku.forget(app, 'dynos') });
        vscode.window.createTerminal({ name: RunTerminal.nameFor(spec), pty, iconPath: new vscode.ThemeIcon('terminal') }).show();
      },
    },

    'herokuMembrane.runDetached': {
      ...WORK,
      run: async (run, node) => {
        const at = await targetApp(node, l10n.t('Run Detached'), deps);
        if (!at) return;
        const app = at.name;
        const recent = await RecentCommands.open(deps.memory, at.connectionId);
        const command = await askCommand(recent, app, l10n.t('Run Detached'));
        if (!command) return;
        const { heroku } = at;
        const size = await askSize(heroku, app, l10n.t('Run Detached'));
        if (!size || !(await confirmRun(at, command, size, true))) return;
        await recent.remember(command);
        const { name } = await run.busy(l10n.t(`Starting "{0}" on {1}…`, command, app), (signal) => heroku.createDyno(app, { command, attach: false, size }, { signal }));
        const SHOW = l10n.t('Show Logs');
        const pick = await prompts.showInformationMessage(l10n.t(`{0}: {1} is running "{2}" detached. Its output goes to the app's logs.`, app, name, command), SHOW);
        if (pick === SHOW) deps.showDynoLogs(at, name);
      },
    },

    'herokuMembrane.clearRecentCommands': {
      ...UI,
      run: async () => {
        await clearRecentCommands(deps.memory);
        void prompts.showInformationMessage(l10n.t('The recent one-off dyno commands are cleared.'));
      },
    },
  };
}
