// Where each folder of the selection really is. `lstat` looks at a path's last component
// only: `storage/.gitkeep` is a plain file even when `storage` is a symlink to a folder
// elsewhere, and tar would pack that outside file's content. So the folder of every entry
// is resolved (once per folder: a deploy has many files and few folders) and must stay
// under the deployed folder's real path.
// A folder is resolved from its parent's real path: one synchronous lstat says whether the
// folder itself is a link (only then is its real path asked for), where a realpath of each
// folder would look at every component of its path again.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class RealDirs {
  /** Symlinked folders that lead outside, each with the real path it leads to: the deploy is refused. */
  readonly outside: { path: string; target: string }[] = [];
  private readonly known = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly realRoot: string,
  ) {}

  /**
   * The real path of a folder (relative, `/`-separated, normalised; '' or '.' is the root), or
   * undefined when it leads outside. Throws when the folder cannot be looked at.
   */
  resolve(relDir: string): string | undefined {
    const key = relDir === '.' ? '' : relDir;
    if (!key) return this.realRoot;
    if (this.known.has(key)) return this.known.get(key);
    const real = this.load(key);
    this.known.set(key, real);
    return real;
  }

  private load(relDir: string): string | undefined {
    // The parent first: the outermost symlinked folder is the one named, not each folder under it.
    const parent = this.resolve(path.posix.dirname(relDir));
    if (parent === undefined) return undefined;
    const full = path.join(this.root, relDir);
    const real = fs.lstatSync(full).isSymbolicLink() ? fs.realpathSync.native(full) : path.join(parent, path.posix.basename(relDir));
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
