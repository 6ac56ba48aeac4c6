// How apps read in the tree and the pickers, Heroku's app-name rule, and the apps a
// workspace's git remotes name. Plain Node: unit-tested without VS Code.
import type { App } from '../../heroku/schemas';
import * as l10n from '@vscode/l10n';

export function appDescription(app: App): string {
  return [app.maintenance ? l10n.t('maintenance') : '', app.region?.name, app.stack?.name, app.team?.name ? l10n.t(`team {0}`, app.team.name) : ''].filter(Boolean).join(' · ');
}

/** The team an app is listed under when the account reaches apps of several owners ('' = personal). */
export function ownerTeam(app: App): string {
  return app.team?.name ?? '';
}

/** How an owner group reads: its team, or Personal. */
export function ownerGroupLabel(team: string): string {
  return team ? l10n.t('Team: {0}', team) : l10n.t('Personal');
}

/** Heroku's app-name rule (create and rename). */
export function appNameProblem(name: string): string | undefined {
  if (!name) return l10n.t('Enter a name, or leave it empty for a random one.');
  if (name.length < 3 || name.length > 30) return l10n.t('Between 3 and 30 characters.');
  if (!/^[a-z]/.test(name)) return l10n.t('Start with a lowercase letter.');
  if (!/^[a-z0-9-]+$/.test(name)) return l10n.t('Only lowercase letters, digits and dashes.');
  if (name.endsWith('-')) return l10n.t('End with a letter or a digit.');
  return undefined;
}

/** The Heroku app of a git remote URL (`https://git.heroku.com/<app>.git`, `git@heroku.com:<app>.git`, `ssh://git@heroku.com/<app>.git`). */
export function herokuAppOfRemote(url: string): string | undefined {
  const match = url.trim().match(/^(?:https:\/\/(?:[^@/\s]+@)?git\.heroku\.com\/|ssh:\/\/git@heroku\.com\/|git@heroku\.com:)([a-z][a-z0-9-]{1,29})\.git\/?$/);
  return match?.[1];
}

/** Every Heroku app named by the remotes of a `.git/config` file. */
export function herokuAppsOfGitConfig(text: string): string[] {
  const apps = new Set<string>();
  for (const match of text.matchAll(/^\s*url\s*=\s*(\S+)\s*$/gm)) {
    const app = herokuAppOfRemote(match[1] ?? '');
    if (app) apps.add(app);
  }
  return [...apps];
}

/** The remotes of a `.git/config` that point at a Heroku app: `[{remote: 'heroku', app: 'acme-api'}]`. */
export function herokuRemotesOfGitConfig(text: string): Array<{ remote: string; app: string }> {
  const out: Array<{ remote: string; app: string }> = [];
  let remote: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) {
      remote = section[1];
      continue;
    }
    if (/^\s*\[/.test(line)) remote = undefined;
    const url = /^\s*url\s*=\s*(\S+)\s*$/.exec(line);
    const app = url && remote ? herokuAppOfRemote(url[1] ?? '') : undefined;
    if (app && remote) out.push({ remote, app });
  }
  return out;
}
