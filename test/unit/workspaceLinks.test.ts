// The workspace's links as data: the setting's entries validated, remotes of any name in a
// repository whose `.git` is a directory or a file (worktree, submodule), the deepest link.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deepestHolder, gitDirOfDotGitFile, herokuRemotesOfFolder, holds, linksInDeployOrder, normalizeLinkPath, readLinkEntries, withLink, withoutLink } from '../../src/workspace/core/links';

describe('the links setting', () => {
  it('keeps valid entries and names each one it leaves out', () => {
    const { entries, refused } = readLinkEntries([
      { path: '', app: 'shop-web' },
      { path: './api/', app: 'shop-api' },
      { path: 'services\\worker', app: 'shop-worker' },
      { app: 'shop-root' },
      { path: '.', app: 'shop-web' },
      { path: '../elsewhere', app: 'shop-api' },
      { path: '/etc', app: 'shop-api' },
      { path: 'C:/x', app: 'shop-api' },
      { path: 'api', app: 'Shop_API' },
      { path: 'api', app: 42 },
      'shop-api',
      null,
      { path: 'api', app: 'shop-api', hidden: 'yes' },
      { path: 'api', app: 'shop-api-old', hidden: true },
    ]);
    assert.deepEqual(entries, [
      { path: '', app: 'shop-web' },
      { path: 'api', app: 'shop-api' },
      { path: 'services/worker', app: 'shop-worker' },
      { path: '', app: 'shop-root' },
      { path: 'api', app: 'shop-api-old', hidden: true },
    ]);
    assert.equal(refused.length, 8);
    assert.match(refused[0]!, /^entry 6: "path"/);
    assert.match(refused[3]!, /^entry 9: "app"/);
  });

  it('reads a value that is not a list as no links', () => {
    assert.deepEqual(readLinkEntries(undefined), { entries: [], refused: [] });
    assert.deepEqual(readLinkEntries({ app: 'x' }), { entries: [], refused: ['the setting is not a list'] });
  });

  it('normalizes a subfolder and refuses one that leaves the folder', () => {
    assert.equal(normalizeLinkPath(''), '');
    assert.equal(normalizeLinkPath('.'), '');
    assert.equal(normalizeLinkPath('a/./b//'), 'a/b');
    assert.equal(normalizeLinkPath('a/../b'), undefined);
    assert.equal(normalizeLinkPath('\\\\server\\share'), undefined);
    assert.equal(normalizeLinkPath(7), undefined);
  });

  it('adds and removes links: a remote\'s link is hidden, not deleted', () => {
    const start = [{ path: 'api', app: 'shop-api' }];
    assert.deepEqual(withLink(start, { path: '', app: 'shop-web' }, false), [...start, { path: '', app: 'shop-web' }]);
    assert.deepEqual(withLink(start, { path: 'api', app: 'shop-api' }, false), start);
    assert.deepEqual(withoutLink(start, { path: 'api', app: 'shop-api' }, false), []);
    const hidden = withoutLink(start, { path: '', app: 'shop-web' }, true);
    assert.deepEqual(hidden, [...start, { path: '', app: 'shop-web', hidden: true }]);
    // Linking a hidden remote's app again shows it: the hiding entry goes, nothing else is written.
    assert.deepEqual(withLink(hidden, { path: '', app: 'shop-web' }, true), start);
  });

  it('adds or removes only the one entry: every other one stays as written, the refused ones too', () => {
    const written = [{ path: 'x', app: 'Not An App' }, 'junk', { path: './api/', app: 'shop-api' }, { path: '', app: 'shop-web', note: 'kept' }];
    assert.deepEqual(withoutLink(written, { path: 'api', app: 'shop-api' }, false), [written[0], 'junk', written[3]]);
    assert.deepEqual(withoutLink(written, { path: 'api', app: 'shop-api' }, true), [written[0], 'junk', written[3], { path: 'api', app: 'shop-api', hidden: true }]);
    assert.deepEqual(withLink(written, { path: 'web', app: 'shop-web' }, false), [...written, { path: 'web', app: 'shop-web' }]);
    assert.deepEqual(withLink(written, { path: '', app: 'shop-web' }, false), written, 'linked already: nothing changes');
  });
});

describe('a folder\'s links in Deploy\'s pick', () => {
  it('offers the only link first', () => {
    assert.deepEqual(linksInDeployOrder([{ app: 'acme' }], []), { apps: ['acme'], preferred: 'acme' });
  });
  it('of several, prefers the app last deployed from the folder, then the remote named heroku, else none', () => {
    const links = [{ app: 'acme', remote: 'production' }, { app: 'acme-staging', remote: 'staging' }, { app: 'acme-qa', remote: 'heroku' }];
    assert.deepEqual(linksInDeployOrder(links, ['other', 'acme-staging', 'acme']), { apps: ['acme-staging', 'acme', 'acme-qa'], preferred: 'acme-staging' });
    assert.deepEqual(linksInDeployOrder(links, ['other']), { apps: ['acme-qa', 'acme', 'acme-staging'], preferred: 'acme-qa' });
    assert.deepEqual(linksInDeployOrder(links.slice(0, 2), []), { apps: ['acme', 'acme-staging'], preferred: undefined });
  });
});

describe('the deepest linked folder', () => {
  it('holds a path only at a segment boundary', () => {
    assert.ok(holds('/w/repo', '/w/repo'));
    assert.ok(holds('/w/repo/', '/w/repo/api/x.ts'));
    assert.ok(!holds('/w/repo', '/w/repo-old/x.ts'));
  });
  it('prefers the deepest folder that holds the file', () => {
    const folders = ['/w/repo', '/w/repo/api', '/w/repo/api/v2-old', '/w/other'];
    assert.equal(deepestHolder(folders, '/w/repo/api/src/x.ts'), '/w/repo/api');
    assert.equal(deepestHolder(folders, '/w/repo/web/x.ts'), '/w/repo');
    assert.equal(deepestHolder(folders, '/w/repo/api'), '/w/repo/api');
    assert.equal(deepestHolder(folders, '/elsewhere/x.ts'), undefined);
  });
  it('ignores case on a case-insensitive file system, when told', () => {
    assert.equal(deepestHolder(['/Users/a/Repo', '/Users/a/Repo/API'], '/users/a/repo/api/x.ts', true), '/Users/a/Repo/API');
    assert.equal(deepestHolder(['/w/Repo'], '/w/repo/x.ts'), undefined);
  });
});

describe('the Heroku remotes of a folder', () => {
  const read = async (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));

  it('finds remotes of any name in .git/config', async () => {
    const dir = tmp();
    try {
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'config'), '[remote "origin"]\n\turl = git@github.com:acme/shop.git\n[remote "production"]\n\turl = https://git.heroku.com/shop-api.git\n[remote "qa"]\n\turl = ssh://git@heroku.com/shop-api-qa.git\n');
      assert.deepEqual(await herokuRemotesOfFolder(dir, read), [
        { remote: 'production', app: 'shop-api' },
        { remote: 'qa', app: 'shop-api-qa' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows a worktree\'s .git file to its own and its common directory\'s config', async () => {
    const dir = tmp();
    try {
      const main = path.join(dir, 'main', '.git');
      const wtGit = path.join(main, 'worktrees', 'feature');
      fs.mkdirSync(wtGit, { recursive: true });
      fs.writeFileSync(path.join(main, 'config'), '[remote "staging"]\n\turl = git@heroku.com:shop-staging.git\n');
      fs.writeFileSync(path.join(wtGit, 'commondir'), '../..\n');
      const worktree = path.join(dir, 'feature');
      fs.mkdirSync(worktree);
      fs.writeFileSync(path.join(worktree, '.git'), `gitdir: ${wtGit}\n`);
      assert.deepEqual(await herokuRemotesOfFolder(worktree, read), [{ remote: 'staging', app: 'shop-staging' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows a submodule\'s relative gitdir to its config', async () => {
    const dir = tmp();
    try {
      const modGit = path.join(dir, '.git', 'modules', 'api');
      fs.mkdirSync(modGit, { recursive: true });
      fs.writeFileSync(path.join(modGit, 'config'), '[remote "heroku"]\n\turl = https://git.heroku.com/shop-api.git\n');
      const sub = path.join(dir, 'api');
      fs.mkdirSync(sub);
      fs.writeFileSync(path.join(sub, '.git'), 'gitdir: ../.git/modules/api\n');
      assert.deepEqual(await herokuRemotesOfFolder(sub, read), [{ remote: 'heroku', app: 'shop-api' }]);
      assert.equal(gitDirOfDotGitFile('nonsense'), undefined);
      assert.deepEqual(await herokuRemotesOfFolder(path.join(dir, 'missing'), read), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
