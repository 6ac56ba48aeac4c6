// How dynos and process types read in the tree. Plain Node: unit-tested without VS Code.
import type { Dyno } from '../../heroku/schemas';
import { withoutExitMarker } from '../../heroku/streams/exitMarker';
import { timeAgo, type IconSpec } from '../../shared/core/text';
import * as l10n from '@vscode/l10n';

/** The sizes offered by Change Dyno Size, smallest first. */
export const DYNO_SIZES = ['Eco', 'Basic', 'Standard-1X', 'Standard-2X', 'Performance-M', 'Performance-L'];

export function dynoIcon(state: string): IconSpec {
  switch (state) {
    case 'up':
      return { icon: 'pass-filled', color: 'testing.iconPassed' };
    case 'starting':
    case 'restarting':
      return { icon: 'loading~spin' };
    case 'crashed':
      return { icon: 'error', color: 'errorForeground' };
    case 'idle':
      return { icon: 'circle-outline' };
    case 'down':
      return { icon: 'debug-stop', color: 'disabledForeground' };
    default:
      return { icon: 'question' };
  }
}

/** What a dyno runs, as the user typed it (a one-off dyno's exit-status wrapper taken off). */
export function dynoCommand(dyno: Dyno): string | undefined {
  return dyno.command ? withoutExitMarker(dyno.command) : undefined;
}

export function dynoDescription(dyno: Dyno, now = Date.now()): string {
  return [dyno.state, dynoCommand(dyno), dyno.size, timeAgo(dyno.updated_at ?? dyno.created_at, now)].filter(Boolean).join(' · ');
}

/** Counts by state, e.g. "2 up · 1 crashed". */
export function stateSummary(states: string[]): string {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(' · ');
}

/** What a resize does and costs, for its question (sizes compared by their place in DYNO_SIZES, cheapest first). */
export function resizeEffect(quantity: number, from: string, to: string): string {
  const [a, b] = [DYNO_SIZES.indexOf(from), DYNO_SIZES.indexOf(to)];
  const cost = a < 0 || b < 0 ? l10n.t('Check the price of {0} on Heroku before you continue.', to) : b > a ? l10n.t('{0} costs more than {1}: each dyno is billed at the new rate from now on.', to, from) : l10n.t('{0} costs less than {1}, and has less memory and CPU.', to, from);
  const restart =
    quantity === 0 ? l10n.t('No dyno of this type runs now: the size applies when it is scaled up.') : quantity === 1 ? l10n.t('Heroku applies it at once: the running dyno restarts on the new size.') : l10n.t('Heroku applies it at once: the {0} running dynos restart on the new size.', quantity);
  return `${restart}\n${cost}`;
}

/** What a scale does, for its question. */
export function scaleEffect(from: number, to: number, size: string): string {
  if (to === 0) return l10n.t('Every dyno of this type stops, and nothing starts it again until it is scaled up.');
  if (to > from) return to - from === 1 ? l10n.t('One more {0} dyno starts at once, billed while it runs.', size) : l10n.t('{0} more {1} dynos start at once, each billed while it runs.', to - from, size);
  return from - to === 1 ? l10n.t('One dyno stops at once; requests it is serving may fail.') : l10n.t('{0} dynos stop at once; requests they are serving may fail.', from - to);
}
