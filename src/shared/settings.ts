// The extension's settings, typed, in one place. Each feature reads `settings.current`
// when it needs a value (so a value is never stale) and subscribes to `onDidChange`, which
// names the settings that changed, to apply its own at once: nothing waits for a reload.
import * as vscode from 'vscode';
import type { TransportSetting } from '../membrane/transport';
import { Disposable } from './core/disposable';
import { readWatchedApps, type WatchedApp } from '../crashWatch/core/watchedApps';

/** Our settings' section: our own prefix, so the official Heroku extension's never collide. */
export const SECTION = 'herokuMembrane';

export type LogLevelSetting = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface SettingValues {
  cliPath: string;
  clientName: string;
  connectionIdOverride: string;
  transport: TransportSetting;
  callTimeoutMs: number;
  logLevel: LogLevelSetting;
  autoRefreshSeconds: number;
  readOnlyRunsSkipQuestion: boolean;
  /** How many lines each log terminal keeps for its filters and Save Logs. */
  logsKeptLines: number;
  /** Whether the crash watch reads the watched apps' dynos (off by default). */
  crashWatchEnabled: boolean;
  /** The apps the crash watch follows (at most MAX_WATCHED_APPS). */
  crashWatchApps: WatchedApp[];
  /** Whether a new release of a workspace app that this window did not make is told (off by default). */
  teammateDeploysEnabled: boolean;
  /** Whether the AI agent's write tools are registered (each write still asks first). */
  agentToolsAllowWrites: boolean;
}

export type SettingName = keyof SettingValues;

/** Each value's key under the section (package.json's `contributes.configuration`). */
export const SETTING_KEYS: Record<SettingName, string> = {
  cliPath: 'cliPath',
  clientName: 'clientName',
  connectionIdOverride: 'connectionId',
  transport: 'transport',
  callTimeoutMs: 'callTimeoutSeconds',
  logLevel: 'logLevel',
  autoRefreshSeconds: 'autoRefreshSeconds',
  readOnlyRunsSkipQuestion: 'runAction.skipQuestionForReadOnly',
  logsKeptLines: 'logs.keptLines',
  crashWatchEnabled: 'crashWatch.enabled',
  crashWatchApps: 'crashWatch.apps',
  teammateDeploysEnabled: 'teammateDeploys.enabled',
  agentToolsAllowWrites: 'agentTools.allowWrites',
};

/** The settings a change of which makes the connection be checked again. */
export const CONNECTION_SETTINGS: readonly SettingName[] = ['cliPath', 'clientName', 'connectionIdOverride', 'transport', 'callTimeoutMs'];

export class Settings extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<ReadonlySet<SettingName>>());
  /** Fires with the names of the settings that changed (never empty). */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const names = new Set((Object.keys(SETTING_KEYS) as SettingName[]).filter((n) => e.affectsConfiguration(`${SECTION}.${SETTING_KEYS[n]}`)));
        if (names.size) this.changed.fire(names);
      }),
    );
  }

  /** Every value as it is now, checked and clamped. */
  get current(): SettingValues {
    return readSettings();
  }

  /** Changes a user setting (the CLI's path chosen in a dialog, "don't ask again"). */
  async update(name: 'cliPath' | 'readOnlyRunsSkipQuestion', value: string | boolean): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(SETTING_KEYS[name], value, vscode.ConfigurationTarget.Global);
  }

  /** Changes the crash watch in the user's settings (the only ones it reads: a repository's never hold another account's apps). */
  async updateCrashWatch(values: { enabled?: boolean; apps?: WatchedApp[] }): Promise<void> {
    const c = vscode.workspace.getConfiguration(SECTION);
    for (const [name, value] of [['crashWatchApps', values.apps], ['crashWatchEnabled', values.enabled]] as const) {
      if (value !== undefined) await c.update(SETTING_KEYS[name], value, vscode.ConfigurationTarget.Global);
    }
  }
}

function readSettings(): SettingValues {
  const c = vscode.workspace.getConfiguration(SECTION);
  const seconds = c.get<number>('callTimeoutSeconds', 60);
  const clientName = c.get<string>('clientName', 'vscode');
  const level = c.get<string>('logLevel', 'info');
  return {
    // `inspect` so that a workspace value can never choose the binary (the setting is
    // machine-scoped; this also guards forks that ignore `restrictedConfigurations`).
    cliPath: userValue(c.inspect<string>('cliPath')) ?? '',
    clientName: /^[A-Za-z0-9._-]{1,40}$/.test(clientName) ? clientName : 'vscode',
    connectionIdOverride: userValue(c.inspect<string>('connectionId')) ?? '',
    transport: transportSetting(userValue(c.inspect<string>('transport'))),
    callTimeoutMs: Math.max(5, Math.min(600, Number.isFinite(seconds) ? seconds : 60)) * 1000,
    logLevel: (['error', 'warn', 'info', 'debug', 'trace'] as const).find((l) => l === level) ?? 'info',
    autoRefreshSeconds: Math.max(0, c.get<number>('autoRefreshSeconds', 0) || 0),
    readOnlyRunsSkipQuestion: c.get<boolean>('runAction.skipQuestionForReadOnly', false) === true,
    logsKeptLines: clamp(c.get<number>('logs.keptLines', 5000), 100, 100_000, 5000),
    // The user's only (application-scoped): a cloned repository cannot start the watch's reads.
    crashWatchEnabled: userValue(c.inspect<boolean>('crashWatch.enabled')) === true,
    crashWatchApps: readWatchedApps(userValue(c.inspect<unknown>('crashWatch.apps')) ?? []),
    // The user's only: a cloned repository cannot start reading its apps' releases.
    teammateDeploysEnabled: userValue(c.inspect<boolean>('teammateDeploys.enabled')) === true,
    // The user's only too: a cloned repository cannot turn the agent's writes back on.
    agentToolsAllowWrites: userValue(c.inspect<boolean>('agentTools.allowWrites')) !== false,
  };
}

function clamp(n: number | undefined, min: number, max: number, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(min, Math.min(max, Math.floor(n))) : fallback;
}

function transportSetting(v: string | undefined): TransportSetting {
  return v === 'act' || v === 'request' ? v : 'auto';
}

function userValue<T>(i: { globalValue?: T; defaultValue?: T } | undefined): T | undefined {
  return i?.globalValue ?? i?.defaultValue;
}
