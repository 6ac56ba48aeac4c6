// Is this program the Membrane integration CLI (@membranehq/cli)? Another product also
// installs a `membrane` command (an Amazon-Ads plugin; docs/ARCHITECTURE.md),
// so we check `--version` and `--help` once per binary before trusting it.

import { WrongBinaryError } from './errors';
import type { CliRunner } from './runner';
import type { TransportName } from './api';
import * as l10n from '@vscode/l10n';

export interface CliIdentity {
  version: string;
  /** The proxy commands its `--help` lists (`act`, `request`). */
  transports: TransportName[];
}

const IDENTITY_TIMEOUT_MS = 15_000;
// Commands of the integration CLI that the extension relies on.
const REQUIRED_COMMANDS = ['connection', 'action'];
const PROXY_COMMANDS = ['request', 'act'];

export async function checkIdentity(runner: CliRunner, signal?: AbortSignal): Promise<CliIdentity> {
  const version = await runner.run(['--version'], { signal, timeoutMs: IDENTITY_TIMEOUT_MS, maxOutputBytes: 64 * 1024 });
  const versionText = `${version.stdout}\n${version.stderr}`;
  const semver = versionText.match(/\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/);
  if (version.exitCode !== 0 || !semver?.[1]) {
    throw new WrongBinaryError(runner.target.display, version.exitCode !== 0 ? l10n.t('"--version" exited with {0}', version.exitCode) : l10n.t('"--version" printed no version number'));
  }
  const help = await runner.run(['--help'], { signal, timeoutMs: IDENTITY_TIMEOUT_MS, maxOutputBytes: 256 * 1024 });
  const helpText = `${help.stdout}\n${help.stderr}`;
  const problem = identityProblem(helpText);
  if (problem) throw new WrongBinaryError(runner.target.display, problem);
  return { version: semver[1], transports: offeredTransports(helpText) };
}

/** The proxy commands a help text lists, as commands (a line starting with the word). */
export function offeredTransports(helpText: string): TransportName[] {
  const commands = new Set((helpText.match(/^\s{0,8}([a-z][a-z-]*)\b/gm) ?? []).map((m) => m.trim()));
  return (['act', 'request'] as const).filter((t) => commands.has(t));
}

/** Why a `--help` text is not the integration CLI's, or undefined when it is. */
export function identityProblem(helpText: string): string | undefined {
  const words = new Set(helpText.toLowerCase().match(/[a-z][a-z-]*/g) ?? []);
  const missing = REQUIRED_COMMANDS.filter((c) => !words.has(c));
  if (!PROXY_COMMANDS.some((c) => words.has(c))) missing.push('request');
  if (missing.length === 0) return undefined;
  if (/amazon|ads? account|catalog/i.test(helpText)) {
    return l10n.t('it looks like the Membrane Amazon-Ads plugin, which also installs a "membrane" command');
  }
  return l10n.t(`its help does not list the commands {0}`, missing.map((m) => `"${m}"`).join(', '));
}
