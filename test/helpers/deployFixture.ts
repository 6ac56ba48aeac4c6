// A folder to deploy, as a real project would have it: a git repository with a tracked
// file, an ignored file and folder, an uncommitted change, an untracked file, a
// `.slugignore` entry, a symlink inside the folder and (optionally) one that points out
// of it. Shared by the unit tier (selection, archive) and the in-host deploy tests.
// `makeNestedReposFixture`: a repository with a submodule and an untracked nested clone,
// each holding what must not go (their own ignored files, a root-ignored file, a
// .slugignore'd folder, a link out of the folder, their `.git`).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DeployFixture {
  /** The folder to deploy (the repository's root). */
  root: string;
  commit: string;
  /** What a deploy must send: every path, sorted. */
  expected: string[];
}

export function git(cwd: string, ...args: string[]): string {
  // protocol.file.allow: `submodule add` of a local path (refused by default since git 2.38.1).
  return execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'protocol.file.allow=always', ...args], { cwd, encoding: 'utf8' }).trim();
}

function writer(root: string): (rel: string, text: string) => void {
  return (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
}

export function makeDeployFixture(parent: string, opts: { escapingLink?: boolean } = {}): DeployFixture {
  const root = path.join(parent, 'shop-app');
  const write = writer(root);
  fs.mkdirSync(root, { recursive: true });
  write('package.json', '{"name":"shop-app","scripts":{"start":"node index.js"}}\n');
  write('index.js', 'console.log("v1");\n');
  write('Procfile', 'web: node index.js\n');
  write('.gitignore', '*.log\nsecrets/\n');
  write('.slugignore', 'docs/\n');
  write('docs/guide.md', '# A guide the slug does not need\n');
  write('lib/util.js', 'module.exports = 1;\n');
  fs.symlinkSync('util.js', path.join(root, 'lib', 'alias.js'));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'First version of the shop');
  const commit = git(root, 'rev-parse', 'HEAD');
  // After the commit: an uncommitted change, an untracked file, ignored files.
  write('index.js', 'console.log("v2, not committed");\n');
  write('notes.txt', 'untracked, not ignored: it goes\n');
  write('debug.log', 'ignored by *.log\n');
  write('secrets/key.txt', 'ignored by secrets/\n');
  if (opts.escapingLink) {
    fs.writeFileSync(path.join(parent, 'outside.txt'), 'outside the folder\n');
    fs.symlinkSync('../outside.txt', path.join(root, 'escape'));
  }
  const expected = ['.gitignore', '.slugignore', 'Procfile', 'index.js', 'lib/alias.js', 'lib/util.js', 'notes.txt', 'package.json', ...(opts.escapingLink ? ['escape'] : [])].sort();
  return { root, commit, expected };
}

/** A library repository with a committed file, its own `.gitignore` (`.env`) and, after the commit, what must stay behind. */
function makeLibrary(dir: string): void {
  const write = writer(dir);
  fs.mkdirSync(dir, { recursive: true });
  write('index.js', 'module.exports = "lib";\n');
  write('.gitignore', '.env\n');
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'The library');
}

/** What a checked-out library holds beyond its commit: its ignored secret, a root-ignored log, a slug-ignored folder, a link out. */
function litter(dir: string): void {
  const write = writer(dir);
  write('.env', 'SECRET=ignored by the library\n');
  write('debug.log', 'ignored by the root .gitignore\n');
  write('coverage/lcov.info', 'left out by the root .slugignore\n');
  write('notes.md', 'untracked, not ignored: it goes\n');
  fs.symlinkSync('/etc/hostname', path.join(dir, 'link'));
}

/** A repository with a submodule (`libs/shared`) and an untracked nested clone (`vendor/lib`). */
export function makeNestedReposFixture(parent: string): { root: string; expected: string[]; escaping: { path: string; target: string }[] } {
  const upstream = path.join(parent, 'upstream-lib');
  makeLibrary(upstream);
  const root = path.join(parent, 'api');
  const write = writer(root);
  fs.mkdirSync(root, { recursive: true });
  write('package.json', '{"name":"api"}\n');
  write('.gitignore', '*.log\n');
  write('.slugignore', 'coverage/\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'The api');
  git(root, 'submodule', 'add', '-q', upstream, 'libs/shared');
  git(root, 'commit', '-q', '-m', 'The shared library');
  litter(path.join(root, 'libs', 'shared'));
  makeLibrary(path.join(root, 'vendor', 'lib'));
  litter(path.join(root, 'vendor', 'lib'));
  const lib = (dir: string) => [`${dir}/.gitignore`, `${dir}/index.js`, `${dir}/link`, `${dir}/notes.md`];
  return {
    root,
    expected: ['.gitignore', '.gitmodules', '.slugignore', 'package.json', ...lib('libs/shared'), ...lib('vendor/lib')].sort(),
    escaping: [
      { path: 'libs/shared/link', target: '/etc/hostname' },
      { path: 'vendor/lib/link', target: '/etc/hostname' },
    ],
  };
}
