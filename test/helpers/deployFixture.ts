// A folder to deploy, as a real project would have it: a git repository with a tracked
// file, an ignored file and folder, an uncommitted change, an untracked file, a
// `.slugignore` entry, a symlink inside the folder and (optionally) one that points out
// of it. Shared by the unit tier (selection, archive) and the in-host deploy tests.
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

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

export function makeDeployFixture(parent: string, opts: { escapingLink?: boolean } = {}): DeployFixture {
  const root = path.join(parent, 'shop-app');
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
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
