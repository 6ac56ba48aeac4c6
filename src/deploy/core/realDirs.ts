// Where each folder of the selection really is. `lstat` looks at a path's last component
// only: `storage/.gitkeep` is a plain file even when `storage` is a symlink to a folder
// elsewhere, and tar would pack that outside file's content. So the folder of every entry
// is resolved (once per folder: a deploy has many files and few folders) and must stay
// under the deployed folder's real path.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export class RealDirs {
  /** Symlinked folders that lead outside, each with the real path it leads to: the deploy is refused. */
  readonly outside: { path: string; target: string }[] = [];
  private readonly known = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
  ) {}

  /** The real path of a folder (relative, `/`-separated; '' or '.' is the root), or undefined when it leads outside. */
  resolve(relDir: string): Promise<string | undefined> {
    const key = relDir === '.' ? '' : relDir;
    let hit = this.known.get(key);
    if (!hit) this.known.set(key, (hit = this.load(key)));
    return hit;
  }

  private async load(relDir: string): Promise<string | undefined> {
    if (!relDir) return this.realRoot;
    // The parent first: the outermost symlinked folder is the one named, not each folder under it.
    if ((await this.resolve(path.posix.dirname(relDir))) === undefined) return undefined;
    const real = await fs.realpath(path.join(this.root, relDir));
    if (isInside(this.realRoot, real)) return real;
    this.outside.push({ path: relDir, target: real });
    return undefined;
  }
}

/** Whether `p` is `realRoot` or under it. */
export function isInside(realRoot: string, p: string): boolean {
  const rel = path.relative(realRoot, p);
  return !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}
