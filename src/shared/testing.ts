// What the in-host tests observe that a user never needs: the messages sent to each
// config-vars page, the text of each JSON document, and each command run with the
// arguments VS Code handed over. Product classes only emit events;
// these probes record them, and only from the moment a test first asks for `testing`,
// so a user's session records nothing.
import type * as vscode from 'vscode';
import type { Outbound } from '../configVars/core/protocol';
import type { CrashWatchShown } from '../crashWatch/crashWatch';
import type { Outbound as MetricsOutbound } from '../metrics/core/protocol';

export interface TestingApi {
  /** The last message of a type sent to an app's config-vars page, by its latest panel (what the page shows). */
  lastPosted<T extends Outbound['type']>(app: string, type: T): Extract<Outbound, { type: T }> | undefined;
  /** The text of a JSON document the extension opened. */
  documentText(uri: vscode.Uri): string | undefined;
  /** Everything written to an app's log terminal (ANSI colours included), since recording began. */
  terminalText(app: string): string;
  /** Whether an unsaved config-vars draft is kept for the app (of that connection; default: the leading one). */
  hasStoredDraft(app: string, connectionId?: string): Promise<boolean>;
  /** Every command of the table run since recording began (newest last), with the arguments VS Code handed over. */
  commandRuns(): ReadonlyArray<CommandRunRecord>;
  /** What the crash watch's status-bar item shows now (undefined: the watch is off). */
  crashWatch(): CrashWatchShown | undefined;
  /** What the teammate-deploy watch watches and the newest version it saw of each app (undefined: it is off). */
  teammateDeploys(): TeammateDeploysShown | undefined;
  /** Forgets what the watches (crash watch, teammate deploys) knew of each app: a test's fresh sandbox world is another Heroku. */
  forgetCrashWatch(): void;
  /** The last message of a type sent to an app's metrics page. */
  lastMetricsPosted<T extends MetricsOutbound['type']>(app: string, type: T): Extract<MetricsOutbound, { type: T }> | undefined;
  /** How many messages of a type were sent to an app's metrics pages since recording began (a load is one `busy`). */
  metricsPostCount(app: string, type: MetricsOutbound['type']): number;
  /** The multi-file diffs opened (`vscode.changes`) since recording began, newest last: title and each file's [label, left, right]. */
  changesShown(): ReadonlyArray<ChangesShown>;
}

export interface ChangesShown {
  title: string;
  files: ReadonlyArray<[string, string | undefined, string | undefined]>;
}

export interface TeammateDeploysShown {
  /** The apps watched, by name, after the latest refresh. */
  watching: string[];
  /** The newest version seen of each app (its baseline). */
  seen: Record<string, number>;
}

export interface CommandRunRecord {
  command: string;
  args: readonly unknown[];
}

export class TestProbes {
  private recording = false;
  private readonly posted = new Map<string, Outbound>();
  /** The panel whose messages are recorded per app: a new panel starts a new record. */
  private readonly panels = new Map<string, object>();
  private readonly documents = new Map<string, string>();
  private readonly terminals = new Map<string, string>();
  private readonly commands: CommandRunRecord[] = [];
  private crashWatchShown: CrashWatchShown | undefined;
  private teammateShown: TeammateDeploysShown | undefined;
  private readonly metricsPosted = new Map<string, MetricsOutbound>();
  private readonly metricsCounts = new Map<string, number>();
  private readonly changes: ChangesShown[] = [];

  constructor(
    private readonly storedDraft: (app: string, connectionId?: string) => Promise<boolean>,
    private readonly forgetCrashWatch: () => void,
  ) {}

  readonly onPosted = (app: string, message: Outbound, panel: object): void => {
    if (!this.recording) return;
    if (this.panels.get(app) !== panel) {
      this.panels.set(app, panel);
      for (const key of [...this.posted.keys()]) if (key.startsWith(`${app}\n`)) this.posted.delete(key);
    }
    this.posted.set(`${app}\n${message.type}`, message);
  };

  readonly onMetricsPosted = (app: string, message: MetricsOutbound): void => {
    if (!this.recording) return;
    const key = `${app}\n${message.type}`;
    this.metricsPosted.set(key, message);
    this.metricsCounts.set(key, (this.metricsCounts.get(key) ?? 0) + 1);
  };

  readonly onShown = (uri: vscode.Uri, text: string): void => {
    if (this.recording) this.documents.set(uri.toString(), text);
  };

  readonly onTerminalText = (app: string, text: string): void => {
    if (this.recording) this.terminals.set(app, ((this.terminals.get(app) ?? '') + text).slice(-1_000_000));
  };

  readonly onCommand = (command: string, args: readonly unknown[]): void => {
    if (!this.recording) return;
    this.commands.push({ command, args });
    if (this.commands.length > 1000) this.commands.shift();
  };

  readonly onChangesShown = (title: string, files: ReadonlyArray<readonly [vscode.Uri, vscode.Uri | undefined, vscode.Uri | undefined]>): void => {
    if (this.recording) this.changes.push({ title, files: files.map(([label, left, right]) => [label.toString(), left?.toString(), right?.toString()]) });
  };

  readonly onCrashWatchShown = (shown: CrashWatchShown | undefined): void => {
    if (this.recording) this.crashWatchShown = shown;
  };

  /** The teammate-deploy watch's apps (undefined: it ended), and each look's newest version. */
  readonly onTeammateWatching = (apps: readonly string[] | undefined): void => {
    if (this.recording) this.teammateShown = apps && { watching: [...apps], seen: this.teammateShown?.seen ?? {} };
  };

  readonly onTeammateLook = (app: string, newest: number | undefined): void => {
    if (this.recording && this.teammateShown && newest !== undefined) this.teammateShown.seen[app] = newest;
  };

  /** The tests' view; asking for it starts the recording. */
  api(): TestingApi {
    this.recording = true;
    return {
      lastPosted: <T extends Outbound['type']>(app: string, type: T) => this.posted.get(`${app}\n${type}`) as Extract<Outbound, { type: T }> | undefined,
      documentText: (uri) => this.documents.get(uri.toString()),
      hasStoredDraft: (app, connectionId) => this.storedDraft(app, connectionId),
      terminalText: (app) => this.terminals.get(app) ?? '',
      commandRuns: () => [...this.commands],
      crashWatch: () => this.crashWatchShown,
      teammateDeploys: () => this.teammateShown && { watching: [...this.teammateShown.watching], seen: { ...this.teammateShown.seen } },
      forgetCrashWatch: () => this.forgetCrashWatch(),
      lastMetricsPosted: <T extends MetricsOutbound['type']>(app: string, type: T) => this.metricsPosted.get(`${app}\n${type}`) as Extract<MetricsOutbound, { type: T }> | undefined,
      metricsPostCount: (app, type) => this.metricsCounts.get(`${app}\n${type}`) ?? 0,
      changesShown: () => [...this.changes],
    };
  }
}
