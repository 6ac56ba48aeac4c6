// Heroku: Show Logs (an app, a dyno or a process type; from the tree or the palette),
// and pause/resume and clear for the active log terminal. One terminal per app, reused
// when asked again; nothing streams until the user asks.
import * as vscode from 'vscode';
import { Disposable } from '../shared/core/disposable';
import { pickOne, targetApp, targetOfNode, type AppTargetDeps } from '../apps/appPick';
import { DynoNode, FormationNode } from '../dynos/nodes';
import { UI, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import type { App } from '../heroku/schemas';
import type { AccountLogTarget, LogTarget } from './core/logTarget';
import { LogTerminal, type LogTerminalDeps } from './logTerminal';
import * as l10n from '@vscode/l10n';

export type LogCommandDeps = AppTargetDeps;

/** The open log terminals, one per app of an account. */
export class LogTerminals extends Disposable {
  private readonly open = new Map<string, { terminal: vscode.Terminal; pty: LogTerminal }>();

  constructor(private readonly deps: LogTerminalDeps) {
    super();
    this.register(
      vscode.window.onDidCloseTerminal((t) => {
        for (const [key, entry] of this.open) if (entry.terminal === t) this.open.delete(key);
      }),
    );
    // Closing each terminal's stream stops its log session.
    this.onDispose(() => {
      for (const { pty } of this.open.values()) pty.close();
    });
  }

  show(target: AccountLogTarget): vscode.Terminal {
    this.deps.onOpened?.();
    const key = `${target.connectionId}\n${target.app}`;
    const existing = this.open.get(key);
    if (existing && !existing.pty.closed) {
      existing.pty.retarget(target);
      existing.terminal.show();
      return existing.terminal;
    }
    const pty = new LogTerminal(target, this.deps);
    const terminal = vscode.window.createTerminal({ name: LogTerminal.nameFor(target.app, 'connecting'), pty, iconPath: new vscode.ThemeIcon('output') });
    this.open.set(key, { terminal, pty });
    terminal.show();
    return terminal;
  }

  /** The log stream of the active terminal, if it is one of ours. */
  active(): LogTerminal | undefined {
    const t = vscode.window.activeTerminal;
    for (const entry of this.open.values()) if (entry.terminal === t) return entry.pty;
    return undefined;
  }
}

function isFir(app: App): boolean {
  return app.generation?.name === 'fir';
}

interface Preset extends vscode.QuickPickItem {
  target?: Omit<LogTarget, 'app'>;
  chooseDyno?: true;
}

export function logCommands(deps: LogCommandDeps, terminals: LogTerminals): CommandTable {
  /** Which logs: a dyno or process type from its node, else the user's pick of presets. */
  const targetOf = async (node: unknown): Promise<AccountLogTarget | undefined> => {
    const connectionId = targetOfNode(node)?.connectionId;
    if (node instanceof DynoNode && connectionId) return { app: node.app.name, connectionId, dyno: node.dyno.name, lines: 100, fir: isFir(node.app.app) };
    if (node instanceof FormationNode && connectionId) return { app: node.app.name, connectionId, dyno: node.formation.type, lines: 100, fir: isFir(node.app.app) };
    const picked = await targetApp(node, l10n.t('Show Logs'), deps);
    if (!picked) return undefined;
    const app = picked.name;
    const fir = isFir(picked.app);
    const presets: Preset[] = [
      { label: l10n.t('$(output) All logs'), description: l10n.t('the last 100 lines, then live'), target: { lines: 100 } },
      { label: l10n.t('$(code) App output only'), description: l10n.t("your processes' own lines"), target: { source: 'app', lines: 100 } },
      { label: l10n.t('$(server-process) Heroku system lines'), description: l10n.t('restarts, state changes, scaling, releases'), target: { source: 'heroku', lines: 100 } },
      { label: l10n.t('$(globe) Router only'), description: l10n.t('requests, statuses, service times'), target: { source: 'heroku', dyno: 'router', lines: 100 } },
      { label: l10n.t('$(filter) One dyno or process type…'), chooseDyno: true },
      { label: l10n.t('$(history) All logs with more history'), description: l10n.t('the last 1,500 lines (the most Heroku keeps), then live'), target: { lines: 1500 } },
    ];
    const pick = await prompts.showQuickPick(presets, { title: l10n.t(`Show Logs — {0}`, app), placeHolder: l10n.t('What to show (then live, until the terminal is closed)') });
    if (!pick) return undefined;
    if (pick.target) return { app, connectionId: picked.connectionId, ...pick.target, fir };
    const { heroku } = picked;
    const [formation, dynos] = await Promise.all([heroku.listFormation(app), heroku.listDynos(app)]);
    const choices = [...formation.map((f) => ({ name: f.type, detail: l10n.t(`process type: {0} × {1}`, f.quantity, f.size) })), ...dynos.map((d) => ({ name: d.name, detail: l10n.t(`dyno: {0}`, d.state) }))];
    if (!choices.length) return void prompts.showInformationMessage(l10n.t(`{0} has no dynos or process types to filter by.`, app));
    const choice = await pickOne(choices, (c) => ({ label: c.name, description: c.detail }), l10n.t(`Show Logs — {0}: which dyno or process type`, app));
    return choice && { app, connectionId: picked.connectionId, dyno: choice.name, lines: 100, fir };
  };

  const activeLogs = () => {
    const pty = terminals.active();
    if (!pty) void prompts.showInformationMessage(l10n.t('No Heroku log terminal is active: open one with "Heroku: Show Logs".'));
    return pty;
  };

  return {
    'herokuMembrane.showLogs': {
      ...UI,
      run: async (_run, node) => {
        const target = await targetOf(node);
        if (target) terminals.show(target);
      },
    },
    'herokuMembrane.toggleLogsPause': { ...UI, run: () => activeLogs()?.togglePause() },
    'herokuMembrane.clearLogs': { ...UI, run: () => activeLogs()?.clear() },
  };
}
