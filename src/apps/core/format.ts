// How apps read in the tree and the pickers, Heroku's app-name rule, and the apps a
// workspace's git remotes name. Plain Node: unit-tested without VS Code.
import type { App } from '../../heroku/schemas';

export function appDescription(app: App): string {
  return [app.maintenance ? 'maintenance' : '', app.region?.name, app.stack?.name, app.team?.name ? `team ${app.team.name}` : ''].filter(Boolean).join(' · ');
}

/** The group an app is listed under when the account reaches apps of several owners. */
export function ownerGroup(app: App): string {
  return app.team?.name ? `Team: ${app.team.name}` : 'Personal';
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
  const match = url.trim().match(/(?:git\.heroku\.com\/|heroku\.com:)([a-z][a-z0-9-]{1,29})\.git\/?$/);
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
