// How dynos and process types read in the tree. Plain Node: unit-tested without VS Code.
import type { Dyno } from '../../heroku/schemas';
import { timeAgo, type IconSpec } from '../../shared/core/text';

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

export function dynoDescription(dyno: Dyno, now = Date.now()): string {
  return [dyno.state, dyno.command, dyno.size, timeAgo(dyno.updated_at ?? dyno.created_at, now)].filter(Boolean).join(' · ');
}

/** Counts by state, e.g. "2 up · 1 crashed". */
export function stateSummary(states: string[]): string {
  const counts = new Map<string, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(' · ');
}
