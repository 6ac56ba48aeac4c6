// Finding the `membrane` program without a shell: a configured path, else a PATH
// search (with PATHEXT on Windows). On Windows npm installs `membrane.cmd`, a batch
// shim that Node refuses to spawn without a shell (CVE-2024-27980); we read the shim
// and run its JavaScript entry with Node directly instead.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SpawnTarget {
  /** The program to execute. */
  file: string;
  /** Arguments placed before the CLI's own (e.g. the script of a `.cmd` shim). */
  prefixArgs: string[];
  /** Extra environment (ELECTRON_RUN_AS_NODE when Node is Electron's binary). */
  env: Record<string, string>;
  /** What the user configured or what PATH gave: used in messages. */
  display: string;
}

export interface ResolveOptions {
  configuredPath?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** The Node binary to run shims with (process.execPath; Electron in desktop VS Code). */
  nodePath?: string;
  isElectron?: boolean;
}

export const DEFAULT_BINARY = 'membrane';

/** Resolve the CLI to something `execa` can spawn with `shell: false`; undefined when absent. */
export function resolveBinary(opts: ResolveOptions = {}): SpawnTarget | undefined {
  const platform = opts.platform ?? process.platform;
  const env = opts.env ?? process.env;
  const configured = opts.configuredPath?.trim();
  const found = configured
    ? findConfigured(configured, platform, env)
    : findOnPath(DEFAULT_BINARY, platform, env);
  if (!found) return undefined;
  return toSpawnTarget(found, configured || DEFAULT_BINARY, platform, opts);
}

function findConfigured(p: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  const expanded = p.startsWith('~') ? path.join(env.HOME ?? env.USERPROFILE ?? '', p.slice(1)) : p;
  if (path.isAbsolute(expanded) || /[\\/]/.test(expanded)) {
    for (const candidate of withExtensions(expanded, platform, env)) if (isFile(candidate)) return candidate;
    return undefined;
  }
  return findOnPath(expanded, platform, env);
}

export function findOnPath(name: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const candidate of withExtensions(path.join(dir, name), platform, env)) {
      if (isFile(candidate) && (platform === 'win32' || isExecutable(candidate))) return candidate;
    }
  }
  return undefined;
}

function withExtensions(p: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32' || path.extname(p)) return [p];
  const exts = (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  return [...exts.map((e) => p + e.toLowerCase()), p];
}

function toSpawnTarget(file: string, display: string, platform: NodeJS.Platform, opts: ResolveOptions): SpawnTarget {
  const ext = path.extname(file).toLowerCase();
  if (platform === 'win32' && (ext === '.cmd' || ext === '.bat')) {
    const script = scriptOfCmdShim(file);
    if (script) {
      const node = opts.nodePath ?? process.execPath;
      const electron = opts.isElectron ?? Boolean(process.versions.electron);
      return { file: node, prefixArgs: [script], env: electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}, display };
    }
  }
  return { file, prefixArgs: [], env: {}, display };
}

/**
 * The JavaScript entry an npm `.cmd` shim starts, e.g. the line
 * `"%_prog%"  "%dp0%\node_modules\@membranehq\cli\dist\index.js" %*`.
 */
export function scriptOfCmdShim(cmdFile: string, read: (f: string) => string = (f) => fs.readFileSync(f, 'utf8')): string | undefined {
  let text: string;
  try {
    text = read(cmdFile);
  } catch {
    return undefined;
  }
  const m = text.match(/"(?:%dp0%|%~dp0)\\?([^"]+\.(?:c|m)?js)"/i);
  if (!m || !m[1]) return undefined;
  return path.win32.join(path.win32.dirname(cmdFile), m[1]);
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
