// Where a deploy's archive waits between packing and upload: a folder of its own in the
// temp directory, readable by this user only (the archive is the whole source, secrets
// and all), named for the extension host's process so that a later start can tell a
// crashed deploy's leftovers from a deploy still running in another window.
// Plain Node, and apart from the packager: the sweep runs at activation.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

const PREFIX = 'heroku-deploy-';
/** Ours: `heroku-deploy-<pid>-<random>` folders, and the `heroku-deploy-<uuid>.tar.gz` files of versions before them. */
const OURS = /^heroku-deploy-(?:(\d+)-[^/]+|[0-9a-f-]{36}\.tar\.gz)$/;
/** Older than this, a leftover goes even when its process id is taken (ids are reused). */
const STALE_MS = 24 * 60 * 60 * 1000;

/** A new private folder (0700) for one deploy's archive. */
export function makeArchiveFolder(parent = os.tmpdir()): Promise<string> {
  // mkdtemp creates the folder with mode 0700, under a name no one can guess.
  return fs.mkdtemp(path.join(parent, `${PREFIX}${process.pid}-`));
}

export async function removeArchiveFolder(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/**
 * Removes what deploys that never finished left behind (a crash, a killed window): ours
 * only (this user's, not through a link), and only when their process is gone or they are
 * a day old. Never throws; resolves to how many it removed.
 */
export async function sweepStaleDeployArchives(dir = os.tmpdir(), now = Date.now()): Promise<number> {
  let removed = 0;
  try {
    const uid = process.getuid?.();
    for (const name of await fs.readdir(dir)) {
      const m = OURS.exec(name);
      if (!m) continue;
      const full = path.join(dir, name);
      const stat = await fs.lstat(full).catch(() => undefined);
      if (!stat || stat.isSymbolicLink() || (uid !== undefined && stat.uid !== uid)) continue;
      // A process gone means a crash's leftover; otherwise only age tells (ids are reused, and an older version's file names none).
      const pid = m[1] === undefined ? undefined : Number(m[1]);
      if (now - stat.mtimeMs < STALE_MS && (pid === undefined || isRunning(pid))) continue;
      await fs.rm(full, { recursive: true, force: true });
      removed++;
    }
  } catch {
    // The temp directory unreadable: nothing to sweep.
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
