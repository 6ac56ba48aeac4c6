// Heroku: Show Logs (an app, a dyno or a process type; from the tree or the palette),
// and for a log terminal (the one a terminal menu was opened on, else the one picked when
// several are open): Filter Logs…, Clear Log Filter, Save Logs…, pause/resume and clear.
// One terminal per app, reused when asked again; nothing streams until the user asks.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../shared/core/disposable';
import { pickOne, targetApp, targetOfNode, type AppTargetDeps } from '../apps/appPick';
import { deployableFolderHolding } from '../configVars/exportPlace';
import { DynoNode, FormationNode } from '../dynos/nodes';
import { UI, type CommandTable } from '../shared/commands';
import { contextKeys } from '../shared/contextKeys';
import { prompts } from '../shared/prompts';
import type { Settings } from '../shared/settings';
import type { App } from '../heroku/schemas';
import { describeFilter, dynosIn, LOG_SOURCES, parseRegex, sourceLabel, type LogFilter, type LogSource } from './core/logFilter';
import type { AccountLogTarget, LogTarget } from './core/logTarget';
import { LogTerminal, type LogTerminalDeps } from './logTerminal';
import * as l10n from '@vscode/l10n';

export type LogCommandDeps = AppTargetDeps;

interface OpenLogs {
  terminal: vscode.Terminal;
  pty: LogTerminal;
}

/**
 * The open log terminals, one per app of an account, and the context keys their menus
 * read: whether the active terminal is one (and filtered), whether any is open (and filtered).
 */
export class LogTerminals extends Disposable {
  private readonly open = new Map<string, OpenLogs>();
  private readonly deps: LogTerminalDeps;

  constructor(deps: LogTerminalDeps, settings: Pick<Settings, 'current' | 'onDidChange'>) {
    super();
    this.deps = {
      keptLines: () => settings.current.logsKeptLines,
      scrollback: () => vscode.workspace.getConfiguration('terminal.integrated').get<number>('scrollback', 1000),
      ...deps,
      filterChanged: () => (deps.filterChanged?.(), this.updateKeys()),
    };
    this.register(
      vscode.window.onDidCloseTerminal((t) => {
        for (const [key, entry] of this.open) {
          if (entry.terminal !== t) continue;
          // Closed before its pty opened, a terminal may never hear close(): its stream stops all the same.
          entry.pty.close();
          this.open.delete(key);
        }
        this.updateKeys();
      }),
    );
    this.register(vscode.window.onDidChangeActiveTerminal(() => this.updateKeys()));
    this.register(
      settings.onDidChange((names) => {
        if (!names.has('logsKeptLines')) return;
        for (const { pty } of this.open.values()) pty.keep(settings.current.logsKeptLines);
      }),
    );
    // Closing each terminal's stream stops its log session.
    this.onDispose(() => {
      for (const { pty } of this.open.values()) pty.close();
    });
  }

  /** The app's log terminal (reused when open), narrowed by `filter` when one is given (an error code's click). */
  show(target: AccountLogTarget, filter?: LogFilter): vscode.Terminal {
    this.deps.onOpened?.();
    const key = `${target.connectionId}\n${target.app}`;
    const existing = this.open.get(key);
    if (existing && !existing.pty.closed) {
      existing.pty.retarget(target);
      if (filter) void existing.pty.setFilter(filter);
      existing.terminal.show();
      return existing.terminal;
    }
    const pty = new LogTerminal(target, this.deps);
    if (filter) void pty.setFilter(filter);
    const terminal = vscode.window.createTerminal({ name: LogTerminal.nameFor(target.app, 'connecting'), pty, iconPath: new vscode.ThemeIcon('output') });
    this.open.set(key, { terminal, pty });
    terminal.show();
    this.updateKeys();
    return terminal;
  }

  /** The log stream of the active terminal, if it is one of ours. */
  active(): LogTerminal | undefined {
    return this.ptyOf(vscode.window.activeTerminal);
  }

  /** The log stream shown in `terminal` (a terminal menu's argument), if it is one of ours. */
  ptyOf(terminal: unknown): LogTerminal | undefined {
    for (const entry of this.open.values()) if (entry.terminal === terminal && !entry.pty.closed) return entry.pty;
    return undefined;
  }

  /** The open log terminals, the active one first. */
  list(): OpenLogs[] {
    const active = vscode.window.activeTerminal;
    return [...this.open.values()].filter((e) => !e.pty.closed).sort((a, b) => Number(b.terminal === active) - Number(a.terminal === active));
  }

  private updateKeys(): void {
    const all = this.list();
    const active = this.active();
    contextKeys.set('herokuMembrane.logTerminalsOpen', all.length > 0);
    contextKeys.set('herokuMembrane.logsFiltered', all.some((e) => e.pty.filter));
    contextKeys.set('herokuMembrane.logTerminalActive', !!active);
    contextKeys.set('herokuMembrane.activeLogsFiltered', !!active?.filter);
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

  /**
   * Which log terminal a command is for: the one its terminal menu was opened on, else the
   * only one open, else the user's pick (the active one first). `which` narrows the choice.
   */
  const logsFor = async (arg: unknown, title: string, which: (pty: LogTerminal) => boolean = () => true): Promise<LogTerminal | undefined> => {
    const fromMenu = terminals.ptyOf(arg);
    if (fromMenu) return fromMenu;
    const open = terminals.list().filter((e) => which(e.pty));
    if (open.length === 1) return open[0]!.pty;
    if (!open.length) {
      void prompts.showInformationMessage(terminals.list().length ? l10n.t('No Heroku log terminal is filtered.') : l10n.t('No Heroku log terminal is open: open one with "Heroku: Show Logs".'));
      return undefined;
    }
    const active = vscode.window.activeTerminal;
    const picked = await pickOne(open, (e) => ({ label: e.terminal.name, description: e.terminal === active ? l10n.t('active') : undefined }), title);
    return picked?.pty;
  };

  return {
    'herokuMembrane.showLogs': {
      ...UI,
      run: async (_run, node) => {
        const target = await targetOf(node);
        if (target) terminals.show(target);
      },
    },
    'herokuMembrane.toggleLogsPause': { ...UI, run: async (_run, arg) => (await logsFor(arg, l10n.t('Pause or Resume Logs: which terminal')))?.togglePause() },
    'herokuMembrane.clearLogs': { ...UI, run: async (_run, arg) => (await logsFor(arg, l10n.t('Clear Logs: which terminal')))?.clear() },
    'herokuMembrane.filterLogs': {
      ...UI,
      run: async (_run, arg) => {
        const pty = await logsFor(arg, l10n.t('Filter Logs: which terminal'));
        if (!pty) return;
        const filter = await askFilter(pty);
        if (filter !== undefined) await pty.setFilter(filter ?? undefined);
      },
    },
    'herokuMembrane.clearLogFilter': {
      ...UI,
      run: async (_run, arg) => {
        const pty = await logsFor(arg, l10n.t('Clear Log Filter: which terminal'), (p) => !!p.filter);
        if (pty?.filter) await pty.setFilter(undefined);
      },
    },
    'herokuMembrane.saveLogs': { ...UI, run: async (_run, arg) => saveLogs(await logsFor(arg, l10n.t('Save Logs: which terminal'))) },
  };
}

type FilterChoice = vscode.QuickPickItem & { choice: LogFilter['kind'] | 'clear' };

/** The user's filter; null to clear it; undefined when they changed their mind. */
async function askFilter(pty: LogTerminal): Promise<LogFilter | null | undefined> {
  const title = l10n.t('Filter Logs — {0}', pty.app);
  const current = pty.filter;
  const kinds: FilterChoice[] = [
    { choice: 'text', label: l10n.t('$(search) Text…'), description: l10n.t('lines that contain it, in any case') },
    { choice: 'regex', label: l10n.t('$(regex) Regular expression…'), description: l10n.t('JavaScript syntax; /…/i ignores case') },
    { choice: 'dyno', label: l10n.t('$(server-process) Process type or dyno…'), description: l10n.t('web, worker, web.1, …') },
    { choice: 'source', label: l10n.t('$(list-filter) Source…'), description: l10n.t('app output, Heroku system lines, router, API') },
    { choice: 'errors', label: l10n.t('$(error) Errors only'), description: l10n.t('at=error, 5xx, H, R and L error codes, crashes, failed builds') },
    ...(current ? [{ choice: 'clear', label: l10n.t('$(clear-filter) Clear the filter'), description: l10n.t('show every kept line again') } as FilterChoice] : []),
  ];
  const placeHolder = current ? l10n.t('Now: {0}. Narrow the log by…', describeFilter(current)) : l10n.t('Narrow the log by…');
  const kind = await prompts.showQuickPick(kinds, { title, placeHolder });
  if (!kind) return undefined;
  switch (kind.choice) {
    case 'clear':
      return null;
    case 'errors':
      return { kind: 'errors' };
    case 'text': {
      const text = await prompts.showInputBox({
        title,
        prompt: l10n.t('Show the lines that contain this text (in any case); it is highlighted in them.'),
        value: current?.kind === 'text' ? current.text : '',
        validateInput: (v) => (v ? undefined : l10n.t('Type the text to look for.')),
      });
      return text ? { kind: 'text', text } : undefined;
    }
    case 'regex': {
      // The worker that will match it starts while the expression is typed.
      pty.preparingRegex(false);
      const input = await prompts.showInputBox({
        title,
        prompt: l10n.t('A JavaScript regular expression, e.g. status=5\\d\\d|H1[0-9]; write /…/i to ignore case. Matches are highlighted.'),
        value: current?.kind === 'regex' ? `/${current.source}/${current.flags}` : '',
        validateInput: (v) => {
          const parsed = parseRegex(v);
          return 'problem' in parsed ? parsed.problem : undefined;
        },
      });
      const parsed = input ? parseRegex(input) : undefined;
      if (!parsed || 'problem' in parsed) {
        pty.preparingRegex(true);
        return undefined;
      }
      return { kind: 'regex', ...parsed };
    }
    case 'dyno': {
      const { types, dynos } = dynosIn(await pty.keptLines());
      const OTHER = l10n.t('$(edit) Another…');
      const items: vscode.QuickPickItem[] = [
        ...types.map((t) => ({ label: t, description: l10n.t('process type') })),
        ...dynos.map((d) => ({ label: d, description: l10n.t('dyno') })),
        { label: OTHER, description: l10n.t('type a process type or a dyno name') },
      ];
      const picked = await prompts.showQuickPick(items, { title, placeHolder: l10n.t('Which process type or dyno (the ones seen in the kept lines are listed)') });
      if (!picked) return undefined;
      if (picked.label !== OTHER) return { kind: 'dyno', dyno: picked.label };
      const typed = await prompts.showInputBox({
        title,
        prompt: l10n.t('A process type (web: web.1, web.2, and Fir web-… dynos) or one dyno (web.1)'),
        validateInput: (v) => (/^[\w.-]{1,100}$/.test(v.trim()) ? undefined : l10n.t('A process type or dyno name: letters, digits, ".", "-" and "_".')),
      });
      return typed?.trim() ? { kind: 'dyno', dyno: typed.trim() } : undefined;
    }
    case 'source': {
      const picked = await pickOne<LogSource>([...LOG_SOURCES], (s) => ({ label: sourceLabel(s), description: SOURCE_HINTS()[s] }), title);
      return picked && { kind: 'source', source: picked };
    }
  }
}

const SOURCE_HINTS = (): Record<LogSource, string> => ({
  app: l10n.t("app[web.1], app[worker.1], …: your processes' own lines"),
  heroku: l10n.t('heroku[web.1], …: restarts, state changes, scaling, memory errors'),
  router: l10n.t('heroku[router]: requests, statuses, service times'),
  api: l10n.t('app[api]: deploys, releases, config changes'),
});

/**
 * The kept lines (or only those the filter shows), as plain text, to a file the user
 * chooses in a save dialog (never an untitled editor, which hot exit would back up). Logs
 * can hold secrets: the dialog proposes the home folder, and a place a Deploy would upload
 * (in a workspace folder, not ignored by git) is asked about first, as the .env export does.
 */
async function saveLogs(pty: LogTerminal | undefined): Promise<void> {
  if (!pty) return;
  if (!pty.keptCount) return void prompts.showInformationMessage(l10n.t('The log terminal of {0} holds no lines yet: nothing to save.', pty.app));
  let onlyShown = false;
  if (pty.filter) {
    const shown = { label: l10n.t('The lines the filter shows'), description: describeFilter(pty.filter), only: true };
    const all = { label: l10n.t('Every kept line'), description: l10n.t('{0} lines, as they came', pty.keptCount), only: false };
    const pick = await prompts.showQuickPick([shown, all], { title: l10n.t('Save Logs — {0}', pty.app), placeHolder: l10n.t('Which lines to save') });
    if (!pick) return;
    onlyShown = pick.only;
  }
  const lines = await pty.linesToSave(onlyShown);
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const target = await prompts.showSaveDialog({
    title: l10n.t('Save the logs of {0} (they may hold secrets: keep the file out of version control)', pty.app),
    saveLabel: l10n.t('Save'),
    defaultUri: vscode.Uri.file(path.join(os.homedir(), `${pty.app}-logs-${stamp}.log`)),
    filters: { [l10n.t('Log files')]: ['log', 'txt'], [l10n.t('All files')]: ['*'] },
  });
  if (!target) return;
  const deployable = await deployableFolderHolding(target);
  if (deployable) {
    const ANYWAY = l10n.t('Save Anyway');
    const answer = await prompts.confirm(
      l10n.t('Save the logs of {0} into the workspace folder {1}?', pty.app, deployable.name),
      { modal: true, detail: l10n.t('git does not ignore {0}: a Deploy of {1} would upload it, and a commit would publish it. Logs can hold secrets (tokens in URLs, e-mails, request data). Choose a place outside the workspace, or add the file to .gitignore first.', path.basename(target.fsPath), deployable.name) },
      ANYWAY,
    );
    if (answer !== ANYWAY) return;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8'));
  const where = target.scheme === 'file' ? target.fsPath : target.toString();
  void prompts.showInformationMessage(lines.length === 1 ? l10n.t('Saved 1 line of the logs of {0} to {1}.', pty.app, where) : l10n.t('Saved {0} lines of the logs of {1} to {2}.', lines.length, pty.app, where));
}
