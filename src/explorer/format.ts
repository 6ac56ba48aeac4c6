// Pure presentation helpers for the explorer: ages, labels, state icons. No `vscode`,
// so they are unit-tested in plain Node.
import type { App, Build, Domain, Dyno, Release } from '../heroku/schemas';

/** Releases shown per app before "load more". */
export const RELEASE_PAGE = 30;

export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const units: Array<[number, string]> = [
    [60 * 60 * 24 * 365, 'y'],
    [60 * 60 * 24 * 30, 'mo'],
    [60 * 60 * 24, 'd'],
    [60 * 60, 'h'],
    [60, 'm'],
  ];
  for (const [size, unit] of units) if (s >= size) return `${Math.floor(s / size)}${unit} ago`;
  return 'just now';
}

/** Codicon id and theme colour id for a dyno state. */
export function dynoIcon(state: string): { icon: string; color?: string } {
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

export function buildIcon(status: string): { icon: string; color?: string } {
  if (status === 'succeeded') return { icon: 'check', color: 'testing.iconPassed' };
  if (status === 'failed') return { icon: 'x', color: 'errorForeground' };
  return { icon: 'clock' };
}

export function releaseIcon(r: Pick<Release, 'status' | 'current'>): { icon: string; color?: string } {
  if (r.status === 'failed') return { icon: 'error', color: 'errorForeground' };
  if (r.status === 'pending') return { icon: 'clock' };
  return r.current ? { icon: 'star-full', color: 'charts.green' } : { icon: 'tag' };
}

export function releaseDescription(r: Release, now = Date.now()): string {
  const parts = [r.description];
  if (r.current) parts.unshift('current');
  if (r.status !== 'succeeded') parts.unshift(r.status);
  parts.push(r.user?.email ?? '', timeAgo(r.created_at, now));
  return parts.filter(Boolean).join(' · ');
}

export function dynoDescription(d: Dyno, now = Date.now()): string {
  return [d.state, d.command, d.size, timeAgo(d.updated_at ?? d.created_at, now)].filter(Boolean).join(' · ');
}

export function appDescription(a: App): string {
  return [a.maintenance ? 'maintenance' : '', a.region?.name, a.stack?.name, a.team?.name ? `team ${a.team.name}` : ''].filter(Boolean).join(' · ');
}

export function ownerGroup(a: App): string {
  return a.team?.name ? `Team: ${a.team.name}` : 'Personal';
}

export function domainDescription(d: Domain): string {
  const acm = d.acm_status ? `ACM ${d.acm_status}${d.acm_status_reason ? ` (${d.acm_status_reason})` : ''}` : '';
  return [d.kind, d.status && d.status !== 'succeeded' ? d.status : '', acm].filter(Boolean).join(' · ');
}

export function buildLabel(b: Build): string {
  return b.source_blob?.version ? b.source_blob.version.slice(0, 7) : b.id.slice(0, 8);
}

/** Counts by state, e.g. "2 up · 1 crashed". */
export function stateSummary(states: string[]): string {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(' · ');
}

/** Heroku's app-name rule (create and rename). */
export function appNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a name, or leave it empty for a random one.';
  if (name.length < 3 || name.length > 30) return 'Between 3 and 30 characters.';
  if (!/^[a-z]/.test(name)) return 'Start with a lowercase letter.';
  if (!/^[a-z0-9-]+$/.test(name)) return 'Only lowercase letters, digits and dashes.';
  if (name.endsWith('-')) return 'End with a letter or a digit.';
  return undefined;
}

/** The Heroku app of a git remote URL (`https://git.heroku.com/<app>.git`, `git@heroku.com:<app>.git`). */
export function herokuAppOfRemote(url: string): string | undefined {
  const m = url.trim().match(/(?:git\.heroku\.com\/|heroku\.com:)([a-z][a-z0-9-]{1,29})\.git\/?$/);
  return m?.[1];
}

/** Every Heroku app named by the remotes of a `.git/config` file. */
export function herokuAppsOfGitConfig(text: string): string[] {
  const apps = new Set<string>();
  for (const m of text.matchAll(/^\s*url\s*=\s*(\S+)\s*$/gm)) {
    const app = herokuAppOfRemote(m[1] ?? '');
    if (app) apps.add(app);
  }
  return [...apps];
}
