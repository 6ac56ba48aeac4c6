// Typed, read-on-demand access to the extension's settings.
import * as vscode from 'vscode';
import type { ManagerSettings } from './connection/connectionManager';

export type LogLevelSetting = 'error' | 'warn' | 'info' | 'debug' | 'trace';

export function readSettings(): ManagerSettings & { logLevel: LogLevelSetting; autoRefreshSeconds: number } {
  const c = vscode.workspace.getConfiguration('heroku');
  const seconds = c.get<number>('membrane.callTimeoutSeconds', 60);
  const clientName = c.get<string>('membrane.clientName', 'vscode');
  return {
    // `inspect` so that a workspace value can never choose the binary (the setting is
    // machine-scoped; this also guards forks that ignore `restrictedConfigurations`).
    cliPath: userValue(c.inspect<string>('membrane.cliPath')) ?? '',
    clientName: /^[A-Za-z0-9._-]{1,40}$/.test(clientName) ? clientName : 'vscode',
    connectionIdOverride: userValue(c.inspect<string>('membrane.connectionId')) ?? '',
    callTimeoutMs: Math.max(5, Math.min(600, Number.isFinite(seconds) ? seconds : 60)) * 1000,
    logLevel: c.get<LogLevelSetting>('log.level', 'info'),
    autoRefreshSeconds: Math.max(0, c.get<number>('explorer.autoRefreshSeconds', 0) || 0),
  };
}

function userValue<T>(i: { globalValue?: T; defaultValue?: T } | undefined): T | undefined {
  return i?.globalValue ?? i?.defaultValue;
}

export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('heroku.membrane');
}
