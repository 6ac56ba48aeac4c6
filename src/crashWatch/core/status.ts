// The crash watch's status in words, plain Node: the status-bar text (short, with an icon),
// the screen reader's name (the state in words, starting with the words shown) and one
// line per app for the tooltip and the click's pick.
import * as l10n from '@vscode/l10n';
import { stateSummary } from '../../dynos/core/format';
import { isCrashed, type AppHealth } from './health';

export type WatchKind = 'none' | 'paused' | 'checking' | 'up' | 'crashed' | 'unread';

export interface WatchLook {
  kind: WatchKind;
  /** The status-bar text (codicons allowed). */
  text: string;
  /** The accessible name: the words shown first, then the state in full. */
  label: string;
  /** How many dynos are crashed now, across the watched apps. */
  crashed: number;
}

/** The look of the whole watch. `paused`: Heroku is not connected, so nothing is read. */
export function watchLook(apps: readonly AppHealth[], paused: boolean): WatchLook {
  const crashed = apps.reduce((n, a) => n + (a.dynos ?? []).filter(isCrashed).length, 0);
  const n = apps.length;
  const ofApps = n === 1 ? l10n.t('in 1 watched app') : l10n.t('in {0} watched apps', n);
  const shown = (kind: WatchKind, icon: string, words: string, state: string): WatchLook => ({ kind, text: `$(${icon}) ${words}`, label: l10n.t('{0}: {1}', words, state), crashed });
  if (!n) return shown('none', 'eye', l10n.t('Dynos: none watched'), l10n.t('the crash watch is on, and no app is chosen'));
  if (paused) return shown('paused', 'debug-pause', l10n.t('Dynos: paused'), l10n.t('the crash watch waits until Heroku is connected'));
  if (crashed) {
    const where = apps.flatMap((a) => (a.dynos ?? []).filter(isCrashed).map((d) => l10n.t('{0} of {1}', d.name, a.ref.app)));
    return shown('crashed', 'error', crashed === 1 ? l10n.t('1 crashed') : l10n.t('{0} crashed', crashed), crashed === 1 ? l10n.t('1 dyno crashed, {0}', where.join(', ')) : l10n.t('{0} dynos crashed: {1}', crashed, where.join(', ')));
  }
  const unread = apps.filter((a) => a.problem).length;
  if (unread) return shown('unread', 'warning', l10n.t('Dynos: not read'), unread === 1 ? l10n.t('no dyno crashed that was read; 1 app could not be read') : l10n.t('no dyno crashed that was read; {0} apps could not be read', unread));
  if (apps.some((a) => a.observedAt === undefined)) return shown('checking', 'pulse', l10n.t('Dynos: checking'), l10n.t('reading the dynos {0}', ofApps));
  return shown('up', 'pass', l10n.t('Dynos: all up'), l10n.t('no dyno crashed {0}', ofApps));
}

/** One app's state in a line: its crashed dynos by name, else its dynos' states. */
export function appLine(a: AppHealth): string {
  if (a.problem) return l10n.t('could not be read: {0}', a.problem);
  if (!a.dynos) return l10n.t('not read yet');
  if (!a.dynos.length) return l10n.t('no dynos');
  const crashed = a.dynos.filter(isCrashed).map((d) => d.name);
  const others = stateSummary(a.dynos.filter((d) => !isCrashed(d)).map((d) => d.state));
  if (!crashed.length) return a.dynos.every((d) => d.state === 'up') ? (a.dynos.length === 1 ? l10n.t('its dyno is up') : l10n.t('all {0} dynos up', a.dynos.length)) : others;
  return others ? l10n.t('{0} crashed · {1}', crashed.join(', '), others) : l10n.t('{0} crashed', crashed.join(', '));
}

/** The notification's words for news of one app. */
export function newsMessage(app: string, dynos: ReadonlyArray<{ name: string }>, first: boolean, account?: string): string {
  const names = dynos.map((d) => d.name).join(', ');
  const where = account ? l10n.t('{0} ({1})', app, account) : app;
  if (first) return dynos.length === 1 ? l10n.t('Dyno {0} of {1} is crashed.', names, where) : l10n.t('Dynos {0} of {1} are crashed.', names, where);
  return dynos.length === 1 ? l10n.t('Dyno {0} of {1} crashed.', names, where) : l10n.t('Dynos {0} of {1} crashed.', names, where);
}
