// What a deploy is about to send, in words: the size limits, the version Heroku records,
// and the confirmation's text. Plain Node, unit-tested.
import type { FileSelection, GitState } from './fileSelection';
import * as l10n from '@vscode/l10n';

/** Heroku refuses source archives (and slugs) above 500 MB. */
export const MAX_ARCHIVE_BYTES = 500 * 1024 * 1024;
/** Above this, the confirmation warns: the upload takes a while, and the slug may outgrow the limit. */
export const WARN_ARCHIVE_BYTES = 100 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const fileCount = (n: number) => (n === 1 ? l10n.t('1 file') : l10n.t('{0} files', n.toLocaleString('en-US')));

/** The version Heroku records for the build: the commit, marked when the working tree differs from it.
 *  In English, as the Heroku CLI records it: the description is data the whole team reads in the Dashboard. */
export function sourceVersion(git: GitState | undefined): { version: string | undefined; description: string } {
  if (!git) return { version: undefined, description: 'not a git repository (no version recorded)' };
  if (!git.commit) return { version: undefined, description: `a git repository without commits${git.uncommitted ? ` (${count(git.uncommitted, 'uncommitted change')})` : ''}` };
  const short = git.commit.slice(0, 7);
  if (!git.uncommitted) return { version: git.commit, description: `commit ${short}` };
  return { version: git.commit, description: `commit ${short} + ${count(git.uncommitted, 'uncommitted change')}` };
}

/** Why the selection cannot be deployed, or undefined. */
export function selectionProblem(selection: FileSelection, folder: string): string | undefined {
  if (selection.escapingFolders.length) {
    const shown = selection.escapingFolders.slice(0, 3).map((l) => `${l.path} → ${l.target}`).join(', ');
    const more = selection.escapingFolders.length > 3 ? l10n.t(' and {0} more', selection.escapingFolders.length - 3) : '';
    return l10n.t('{0} has symlinked folders that lead outside it, so files from elsewhere would be sent: {1}{2}. Replace each link with the folder itself, or remove it, then deploy again.', folder, shown, more);
  }
  if (selection.escapingLinks.length) {
    const shown = selection.escapingLinks.slice(0, 3).map((l) => `${l.path} → ${l.target}`).join(', ');
    const more = selection.escapingLinks.length > 3 ? l10n.t(' and {0} more', selection.escapingLinks.length - 3) : '';
    return l10n.t(`{0} has symlinks that point outside the folder, which would not resolve on Heroku: {1}{2}. Replace them with the files, or remove them, then deploy again.`, folder, shown, more);
  }
  if (!selection.files.length) return l10n.t(`{0} has no files to deploy (everything is ignored or the folder is empty).`, folder);
  return undefined;
}

/** Why the archive cannot be uploaded, or undefined. */
export function archiveProblem(bytes: number): string | undefined {
  if (bytes > MAX_ARCHIVE_BYTES) return l10n.t(`The archive is {0}, above Heroku's 500 MB limit. Leave large files out with .gitignore or .slugignore, then deploy again.`, formatBytes(bytes));
  return undefined;
}

export interface DeploySummary {
  app: string;
  folder: string;
  selection: FileSelection;
  archiveBytes: number;
}

/** The confirmation: the question and its detail (app, folder, files, size, version, what happens). */
export function confirmation(s: DeploySummary): { message: string; detail: string } {
  const { description } = sourceVersion(s.selection.git);
  const lines = [
    l10n.t('App: {0}', s.app),
    l10n.t('Folder: {0}', s.folder),
    l10n.t('Files: {0}, {1} compressed', fileCount(s.selection.files.length), formatBytes(s.archiveBytes)),
    l10n.t('Version: {0}', description),
  ];
  if (s.selection.slugIgnored) lines.push(l10n.t(`Left out by .slugignore: {0}`, fileCount(s.selection.slugIgnored)));
  lines.push(...secretLines(s.selection.untrackedSecrets ?? [])); // (a hand-made selection may leave it out)
  if (s.archiveBytes > WARN_ARCHIVE_BYTES) lines.push('', l10n.t(`This is a large upload ({0}): large files make slow builds, and the slug may outgrow Heroku's 500 MB limit.`, formatBytes(s.archiveBytes)));
  lines.push('', l10n.t(`Heroku builds this source, releases it to {0} and restarts its dynos.`, s.app));
  return { message: l10n.t('Deploy {0} to {1}?', baseName(s.folder), s.app), detail: lines.join('\n') };
}

/** The button that deploys without the untracked secrets (compared with the same words it was shown with). */
export const deployWithoutThem = () => l10n.t('Deploy Without Them');

/** Untracked files that look like secrets: named (the first five), and how to leave them out. */
function secretLines(secrets: readonly string[]): string[] {
  if (!secrets.length) return [];
  const shown = secrets.slice(0, 5).join(', ') + (secrets.length > 5 ? l10n.t(' and {0} more', secrets.length - 5) : '');
  return secrets.length === 1
    ? ['', l10n.t('An untracked file looks like a secret: {0}', shown), l10n.t('It is not committed, and would be sent to Heroku. "{0}" leaves it out.', deployWithoutThem())]
    : ['', l10n.t('{0} untracked files look like secrets: {1}', secrets.length, shown), l10n.t('They are not committed, and would be sent to Heroku. "{0}" leaves them out.', deployWithoutThem())];
}

function baseName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}
