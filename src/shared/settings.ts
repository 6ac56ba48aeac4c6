// Typed, read-on-demand access to the extension's settings.
import * as vscode from 'vscode';
import type { ManagerSettings } from '../connection/core/connectionManager';
import type { TransportSetting } from '../membrane/transport';

/** Our settings' section: our own prefix, so the official Heroku extension's never collide. */
export const SECTION = 'herokuMembrane';

export type LogLevelSetting = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export function readSettings(): ManagerSettings & { logLevel: LogLevelSetting; autoRefreshSeconds: number; readOnlyRunsSkipQuestion: boolean } {
  const c = vscode.workspace.getConfiguration(SECTION);
  const seconds = c.get<number>('callTimeoutSeconds', 60);
  const clientName = c.get<string>('clientName', 'vscode');
  return {
    // `inspect` so that a workspace value can never choose the binary (the setting is
    // machine-scoped; this also guards forks that ignore `restrictedConfigurations`).
    cliPath: userValue(c.inspect<string>('cliPath')) ?? '',
    clientName: /^[A-Za-z0-9._-]{1,40}$/.test(clientName) ? clientName : 'vscode',
    connectionIdOverride: userValue(c.inspect<string>('connectionId')) ?? '',
    transport: transportSetting(userValue(c.inspect<string>('transport'))),
    callTimeoutMs: Math.max(5, Math.min(600, Number.isFinite(seconds) ? seconds : 60)) * 1000,
    logLevel: c.get<LogLevelSetting>('logLevel', 'info'),
    autoRefreshSeconds: Math.max(0, c.get<number>('autoRefreshSeconds', 0) || 0),
    readOnlyRunsSkipQuestion: c.get<boolean>('runAction.skipQuestionForReadOnly', false) === true,
  };
}

function transportSetting(v: string | undefined): TransportSetting {
  return v === 'act' || v === 'request' ? v : 'auto';
}

function userValue<T>(i: { globalValue?: T; defaultValue?: T } | undefined): T | undefined {
  return i?.globalValue ?? i?.defaultValue;
}

const CONNECTION_SETTINGS = ['cliPath', 'clientName', 'connectionId', 'callTimeoutSeconds', 'transport'];

export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return CONNECTION_SETTINGS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`));
}
