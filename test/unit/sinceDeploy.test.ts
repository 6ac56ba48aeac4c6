// Deployed code against the repository: commit ids checked before git sees them, the
// distance from HEAD and its words, the changed files (renames, NUL-separated, untracked),
// a file as it was, commits between, and fetching a commit only a remote has — against a
// real repository made by the sandbox's fixture builder.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { changesOfCommit, changesSince, commitsBetween, distanceFromHead, fetchRemotes, fetchableRemotes, fileAt, hasCommit, isBinary, isCommitId, isFullCommitId, parseLeftRight, parseLog, parseNameStatus } from '../../src/sinceDeploy/core/repository';
import { codeBetween, codeSection, codeSummary, countCommitsIn, promotionWords } from '../../src/sinceDeploy/core/codeBetween';
import { deployedLines, fetchFailedWords, folderLabels, readDeployed, standingDescription, standingOf, standingWords, type Deployed } from '../../src/sinceDeploy/core/deployedCode';
import { fileRefOf } from '../../src/sinceDeploy/core/fileRef';
import type { Release, Slug } from '../../src/heroku/schemas';
import { ApiError } from '../../src/membrane/errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's fixture builder (CommonJS)
const { buildFixtureRepo } = require('../../sandbox/lib/fixtureRepo.js') as {
  buildFixtureRepo(dir: string, options?: { originDir?: string }): { head: string; deployed: string; before: string; onlyOnOrigin: string; subjects: Record<string, string> };
};

const release = (version: number, slug: string | null, extra: Partial<Release> = {}): Release => ({ id: `r${version}`, version, description: `Deploy ${version}`, status: 'succeeded', current: false, slug: slug ? { id: slug } : null, ...extra });
const deployedAt = (commit: string | null | undefined): Deployed => ({ release: release(48, 'slug-1', { current: true }), slug: { id: 'slug-1', commit, commit_description: 'Speed up the search index', created_at: '2026-11-27T08:41:00Z' } as Slug, codeFrom: release(46, 'slug-1') });

describe('since deploy: commit ids', () => {
  it('takes only hexadecimal commit ids of 7 to 40 characters, or 64 (SHA-256); only full ones reach git', () => {
    for (const ok of ['4f2a9c1', 'c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d', 'b'.repeat(64)]) assert.equal(isCommitId(ok), true, ok);
    for (const full of ['c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d', 'b'.repeat(64)]) assert.equal(isFullCommitId(full), true, full);
    for (const part of ['4f2a9c1', 'a'.repeat(39), 'a'.repeat(41), 'a'.repeat(63), 'A'.repeat(40)]) assert.equal(isFullCommitId(part), false, part);
    for (const bad of ['--upload-pack=touch /tmp/x', 'HEAD~1', 'HEAD', 'main', '4f2a9c', '4F2A9C1', '4f2a9c1 ', ' 4f2a9c1', '4f2a9c1\n--exec=x', '4f2a9c1..HEAD', '4f2a9c1^{tree}', 'a'.repeat(41), '', null, undefined, 42]) assert.equal(isCommitId(bad), false, String(bad));
  });
});

describe('since deploy: parsing', () => {
  it('reads a deployed file\'s document only for a linked folder, a commit id and a path inside the folder', () => {
    const folder = path.resolve('/work/acme-api');
    const linked = (f: string) => f === folder;
    const c = 'c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d';
    const query = (ref: object) => JSON.stringify(ref);
    assert.deepEqual(fileRefOf(query({ folder, commit: c, path: 'src/a b.js' }), linked), { folder, commit: c, path: 'src/a b.js' });
    assert.equal(fileRefOf(query({ folder: path.resolve('/home/someone/elsewhere'), commit: c, path: 'a.js' }), linked), undefined, 'a folder no link names');
    assert.equal(fileRefOf(query({ folder, commit: 'HEAD~1', path: 'a.js' }), linked), undefined);
    assert.equal(fileRefOf(query({ folder, commit: c, path: '../secrets.env' }), linked), undefined);
    assert.equal(fileRefOf(query({ folder, commit: c, path: 'src/../../x' }), linked), undefined);
    assert.equal(fileRefOf(query({ folder, commit: c, path: '/etc/passwd' }), linked), undefined);
    assert.equal(fileRefOf(query({ folder, commit: c, path: '' }), linked), undefined);
    assert.equal(fileRefOf('not json', linked), undefined);
    assert.equal(fileRefOf(query([folder]), linked), undefined);
  });

  it('reads rev-list --left-right --count', () => {
    assert.deepEqual(parseLeftRight('2\t3\n'), { ahead: 2, behind: 3 });
    assert.throws(() => parseLeftRight('fatal: bad revision'));
  });

  it('reads name-status -z with renames, copies, spaces, newlines and a path that looks like a status', () => {
    const out = ['M', 'src/a b.js', 'R087', 'src/cart.js', 'src/basket.js', 'A', 'new\nline.txt', 'D', 'R100', 'C075', 'x', 'y', 'U', 'conflict.js', 'T', 'link', ''].join('\0');
    assert.deepEqual(parseNameStatus(out), [
      { status: 'M', path: 'src/a b.js' },
      { status: 'R', path: 'src/basket.js', from: 'src/cart.js' },
      { status: 'A', path: 'new\nline.txt' },
      { status: 'D', path: 'R100' },
      { status: 'C', path: 'y', from: 'x' },
      { status: 'T', path: 'link' },
    ]);
    assert.deepEqual(parseNameStatus(''), []);
  });

  it('reads log -z: a hostile subject is text, one line, and a field that is not a commit id is dropped', () => {
    const hash = 'a'.repeat(40);
    const out = `${hash}\x1fSam\x1f2026-11-02T09:00:00+00:00\x1f--upload-pack=x $(rm -rf /) \u202eevil\0\n${'b'.repeat(40)}\x1fJo\x1f2026-11-02T10:00:00+00:00\x1fplain\0not-a-hash\x1fx\x1fy\x1fz\0`;
    const commits = parseLog(out);
    assert.equal(commits.length, 2);
    assert.equal(commits[0]!.subject, '--upload-pack=x $(rm -rf /) \u202eevil');
    assert.equal(commits[1]!.hash, 'b'.repeat(40));
  });

  it('detects binary content as git does', () => {
    assert.equal(isBinary(Buffer.from('text\n')), false);
    assert.equal(isBinary(Buffer.from([0x50, 0x4e, 0x47, 0x00, 0x01])), true);
  });
});

describe('since deploy: words', () => {
  it('names linked folders apart: the folder\'s name, with its parents when two share it', () => {
    const p = (...parts: string[]) => path.join(path.sep, ...parts);
    assert.deepEqual(folderLabels([p('work', 'shop', 'api'), p('work', 'billing', 'api'), p('work', 'web')]), [path.join('shop', 'api'), path.join('billing', 'api'), 'web']);
    assert.deepEqual(folderLabels([p('a', 'x', 'api'), p('b', 'x', 'api')]), [path.join('a', 'x', 'api'), path.join('b', 'x', 'api')]);
    assert.deepEqual(folderLabels([p('work', 'api')]), ['api']);
  });

  it('says where HEAD stands from the deployed commit', () => {
    const c = 'c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d';
    const words = (ahead: number, behind: number) => standingWords({ kind: 'compared', commit: c, ahead, behind });
    assert.equal(words(0, 0), 'HEAD is deployed');
    assert.equal(words(0, 1), '1 commit behind HEAD');
    assert.equal(words(0, 3), '3 commits behind HEAD');
    assert.equal(words(2, 0), '2 commits ahead of HEAD');
    assert.equal(words(2, 3), '3 behind, 2 ahead of HEAD');
    assert.equal(standingDescription({ kind: 'compared', commit: c, ahead: 0, behind: 2 }), 'c10e8b8 · 2 commits behind HEAD');
    assert.equal(standingDescription({ kind: 'missing', commit: c }), 'c10e8b8 · not in this repository');
    assert.equal(standingWords({ kind: 'no-commit' }), 'no commit recorded');
    assert.equal(standingWords({ kind: 'not-repository' }), 'not a git repository');
    assert.equal(standingWords({ kind: 'nothing-deployed' }), 'nothing deployed yet');
  });

  it('says why a fetch failed without a link git\'s stderr wrote, on one line, clipped', () => {
    const words = fetchFailedWords('origin', 'remote: [Update now](command:workbench.action.terminal.sendSequence?x)\nsecond line ' + 'x'.repeat(1000));
    assert.match(words, /^git fetch origin failed: remote: \[Update now\] \(command:/);
    assert.doesNotMatch(words, /\]\(/);
    assert.doesNotMatch(words, /\n/);
    assert.ok(words.length <= 360, `${words.length} characters`);
  });

  it('names the commit, its subject and the release that brought it, Heroku text made one line', () => {
    const d = deployedAt('c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d');
    d.slug!.commit_description = 'Speed up\nthe \u202esearch';
    const lines = deployedLines('acme-api', d, { kind: 'compared', commit: d.slug!.commit!, ahead: 0, behind: 2 });
    assert.deepEqual(lines, ['Deployed code of acme-api: 2 commits behind HEAD', 'Commit: c10e8b85f43995ce456bc929d8d7b0fd45b2eb4d', 'Subject: Speed up the search', 'Brought by v46: Deploy 46']);
  });

  it('reads the current release and its slug through the client; a slug Heroku does not answer for is unknown', async () => {
    const releases = [release(48, 'slug-1', { current: true }), release(47, 'slug-2', { status: 'failed' }), release(46, 'slug-1'), release(45, 'slug-0')];
    const slug = { id: 'slug-1', commit: 'abc1234', created_at: '2026-11-27T08:41:00Z' } as Slug;
    const asked: string[] = [];
    const heroku = {
      latestReleases: async (app: string, n: number) => (asked.push(`releases ${app} ${n}`), releases),
      getSlug: async (app: string, id: string) => (asked.push(`slug ${app} ${id}`), slug),
    };
    const d = await readDeployed(heroku as never, 'acme-api');
    assert.equal(d?.slug?.commit, 'abc1234');
    assert.equal(d?.codeFrom?.version, 46);
    assert.deepEqual(asked, ['releases acme-api 31', 'slug acme-api slug-1']);
    const gone = await readDeployed({ latestReleases: async () => releases, getSlug: async () => Promise.reject(new ApiError(404, 'not_found', 'gone', 'heroku')) } as never, 'acme-api');
    assert.equal(gone?.slug, undefined);
    assert.equal(gone?.release.version, 48);
    assert.equal(await readDeployed({ latestReleases: async () => [release(3, null)], getSlug: async () => slug } as never, 'x'), undefined);
  });
});

/** A git, first on PATH while `onPath` runs, that records each run (its arguments and GIT_NO_LAZY_FETCH) and answers nothing. */
function recordingGit(root: string) {
  const bin = path.join(root, 'bin');
  const log = path.join(root, 'git.log');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'git'), `#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), lazy: process.env.GIT_NO_LAZY_FETCH ?? null }) + '\\n');\nprocess.stdout.write(process.argv.includes('--count') ? '0\\t0\\n' : '');\n`, { mode: 0o755 });
  return {
    async onPath<T>(run: () => Promise<T>): Promise<void> {
      const saved = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${saved ?? ''}`;
      try {
        await run();
      } finally {
        process.env.PATH = saved;
      }
    },
    runs: (): Array<{ args: string[]; lazy: string | null }> => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { args: string[]; lazy: string | null }) : []),
  };
}

describe('since deploy: against a fixture repository', () => {
  // Each test builds its own repository: one that fetches or edits changes nothing another reads.
  const roots: string[] = [];
  const fixture = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'since-deploy-'));
    roots.push(root);
    const dir = path.join(root, 'ws');
    return { root, dir, ids: buildFixtureRepo(dir) };
  };
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('builds the same commits every time (fixed names, dates and no user config)', () => {
    const { root, ids } = fixture();
    const again = buildFixtureRepo(path.join(root, 'again'));
    assert.deepEqual(again, ids);
  });

  it('knows which commits it has', async () => {
    const { dir, ids } = fixture();
    assert.equal(await hasCommit(dir, ids.deployed), true);
    assert.equal(await hasCommit(dir, ids.onlyOnOrigin), false);
  });

  it('refuses a value that is not a commit id before git runs', async () => {
    const { root, dir, ids } = fixture();
    const git = recordingGit(root);
    await git.onPath(async () => {
      await assert.rejects(hasCommit(dir, '--upload-pack=touch pwned'), /Not a commit id/);
      await assert.rejects(distanceFromHead(dir, 'HEAD~1'), /Not a commit id/);
      await assert.rejects(commitsBetween(dir, ids.deployed, '--all'), /Not a commit id/);
      await assert.rejects(commitsBetween(dir, 'main', 'HEAD'), /Not a commit id/);
      assert.deepEqual(await fileAt(dir, '4f2a9c1^{tree}', 'a.js'), { kind: 'absent' });
    });
    assert.deepEqual(git.runs(), [], 'git never ran');
    await git.onPath(() => hasCommit(dir, ids.deployed));
    assert.equal(git.runs().length, 1, 'the recording git is the one that runs');
  });

  it('reads an abbreviated commit as an object, never as a branch of that name', async () => {
    const { dir, ids } = fixture();
    execFileSync('git', ['branch', 'abcdef1', 'HEAD'], { cwd: dir });
    assert.equal(standingWords(await standingOf(dir, deployedAt('abcdef1'))), 'not in this repository');
    assert.equal(await hasCommit(dir, 'abcdef1'), false);
    const short = await standingOf(dir, deployedAt(ids.deployed.slice(0, 7)));
    assert.deepEqual(short, { kind: 'compared', commit: ids.deployed, ahead: 0, behind: 2 }, 'an abbreviated id of a commit it has: the full id');
  });

  it('says a repository whose HEAD has no commit yet has none, not git\'s complaint', async () => {
    const { dir, ids } = fixture();
    execFileSync('git', ['checkout', '-q', '--orphan', 'fresh'], { cwd: dir });
    assert.equal(standingDescription(await standingOf(dir, deployedAt(ids.deployed))), `${ids.deployed.slice(0, 7)} · no commit on HEAD yet`);
  });

  it('reads the folder\'s own repository, whatever git variables the editor inherited', async () => {
    const { root, dir, ids } = fixture();
    const other = path.join(root, 'other');
    fs.mkdirSync(other);
    execFileSync('git', ['init', '-q'], { cwd: other });
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_DIR: path.join(other, '.git'), GIT_WORK_TREE: other, GIT_INDEX_FILE: path.join(other, 'index'), GIT_CONFIG_PARAMETERS: "'core.bare'='true'", GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.bare', GIT_CONFIG_VALUE_0: 'true' });
    try {
      assert.equal(await hasCommit(dir, ids.deployed), true);
      assert.deepEqual(await distanceFromHead(dir, ids.deployed), { ahead: 0, behind: 2 });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('never lets an automatic read fetch a missing object from a promisor remote; opening a file may', async () => {
    const { root, dir, ids } = fixture();
    const git = recordingGit(root);
    await git.onPath(async () => {
      await hasCommit(dir, ids.deployed);
      await distanceFromHead(dir, ids.deployed);
      await commitsBetween(dir, ids.deployed, 'HEAD');
      await fileAt(dir, ids.deployed, 'src/cart.js');
    });
    const runs = git.runs();
    const lazyOf = (command: string) => runs.find((r) => r.args.includes(command))?.lazy;
    assert.deepEqual([lazyOf('cat-file'), lazyOf('rev-list'), lazyOf('log'), lazyOf('show')], ['1', '1', '1', null]);
  });

  it('counts the distance from HEAD both ways', async () => {
    const { root, dir, ids } = fixture();
    assert.deepEqual(await distanceFromHead(dir, ids.deployed), { ahead: 0, behind: 2 });
    assert.deepEqual(await distanceFromHead(dir, ids.head), { ahead: 0, behind: 0 });
    assert.equal(standingDescription(await standingOf(dir, deployedAt(ids.deployed))), `${ids.deployed.slice(0, 7)} · 2 commits behind HEAD`);
    assert.equal(standingWords(await standingOf(dir, deployedAt(ids.onlyOnOrigin))), 'not in this repository');
    assert.equal(standingWords(await standingOf(dir, deployedAt(null))), 'no commit recorded');
    assert.equal(standingWords(await standingOf(dir, deployedAt('HEAD~1'))), 'no commit recorded');
    assert.equal(standingWords(await standingOf(root, deployedAt(ids.deployed))), 'not a git repository');
  });

  it('counts and lists only the commits that touch a linked subfolder, as Show Changes sees it', async () => {
    const { dir, ids } = fixture();
    const commitOutside = (subject: string) => {
      fs.writeFileSync(path.join(dir, 'README.md'), `# ${subject}\n`);
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@x', '-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-am', subject], { cwd: dir });
    };
    commitOutside('Docs only');
    const src = path.join(dir, 'src');
    assert.deepEqual(await distanceFromHead(dir, ids.deployed), { ahead: 0, behind: 3 }, 'the whole repository counts the commit outside src');
    assert.deepEqual(await distanceFromHead(src, ids.deployed), { ahead: 0, behind: 2 });
    assert.deepEqual((await commitsBetween(src, ids.deployed, 'HEAD')).map((c) => c.subject), ['Add checkout v2 behind a flag', 'Rename the cart to basket']);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    assert.deepEqual(await countCommitsIn([src], head, ids.head), { count: 0, atLeast: false }, 'the rollback question counts what the folder would lose');
    assert.deepEqual(await countCommitsIn([dir], head, ids.head), { count: 1, atLeast: false });
    const commits: Record<string, string> = { staging: head, production: ids.head };
    const heroku = {
      latestReleases: async (app: string) => [release(9, `slug-${app}`, { current: true })],
      getSlug: async (app: string, id: string) => ({ id, commit: commits[app], created_at: '2026-11-27T08:41:00Z' }) as Slug,
    };
    const c = await codeBetween(heroku as never, 'staging', 'production', [src]);
    assert.deepEqual([c?.onlyA.length, c?.onlyB.length], [0, 0]);
  });

  it('in a shallow clone, counts only what its history can tell, and Fetch deepens it', async () => {
    const { root, dir, ids } = fixture();
    const run = (cwd: string, args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@x', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    // A branch off the third commit: its merge base with HEAD lies beyond a shallow clone's cut.
    run(dir, ['checkout', '-q', '-b', 'side', 'HEAD~5']);
    fs.writeFileSync(path.join(dir, 'side.txt'), 'side\n');
    run(dir, ['add', 'side.txt']);
    run(dir, ['commit', '-q', '--no-verify', '-m', 'Side']);
    const side = run(dir, ['rev-parse', 'HEAD']);
    run(dir, ['checkout', '-q', 'main']);
    const url = `file://${dir.split(path.sep).join('/')}`;
    const shallow = path.join(root, 'shallow');
    run(root, ['clone', '-q', '--depth=3', '--no-single-branch', url, shallow]);
    assert.deepEqual(await distanceFromHead(shallow, ids.deployed), { ahead: 0, behind: 2 }, 'an ancestor within the history: counted');
    assert.equal(await hasCommit(shallow, side), true);
    assert.deepEqual(await distanceFromHead(shallow, side), { uncountable: 'shallow' });
    assert.equal(standingWords(await standingOf(shallow, deployedAt(side))), 'shallow clone: cannot count');
    assert.equal(await countCommitsIn([shallow], side, ids.head), undefined, 'the rollback question says no count rather than a wrong one');
    const shallower = path.join(root, 'shallower');
    run(root, ['clone', '-q', '--depth=2', url, shallower]);
    assert.equal(await hasCommit(shallower, ids.deployed), false);
    assert.deepEqual(await fetchRemotes(shallower, ['origin']), []);
    assert.equal(await hasCommit(shallower, ids.deployed), true, 'Fetch deepens a shallow clone');
    assert.deepEqual(await distanceFromHead(shallower, ids.deployed), { ahead: 0, behind: 2 });
  });

  it('lists the commits between, newest first', async () => {
    const { dir, ids } = fixture();
    const commits = await commitsBetween(dir, ids.deployed, 'HEAD');
    assert.deepEqual(commits.map((c) => c.subject), ['Add checkout v2 behind a flag', 'Rename the cart to basket']);
    assert.equal(commits[0]!.hash, ids.head);
    assert.equal(commits[0]!.author, 'Sam Rivera');
    assert.deepEqual(await commitsBetween(dir, ids.head, ids.deployed), []);
  });

  it('lists the files changed since the commit: a rename, an addition, a deletion, an edit and an untracked file', async () => {
    const { dir, ids } = fixture();
    fs.writeFileSync(path.join(dir, 'README.md'), '# edited\n');
    fs.writeFileSync(path.join(dir, 'notes with space.txt'), 'new\n');
    try {
      const changes = await changesSince(dir, ids.deployed);
      assert.deepEqual(changes, [
        { status: 'M', path: 'README.md' },
        { status: 'A', path: 'notes with space.txt', untracked: true },
        { status: 'R', path: 'src/basket.js', from: 'src/cart.js' },
        { status: 'A', path: 'src/checkout.js' },
        { status: 'D', path: 'src/db.js' },
      ]);
      assert.deepEqual(await changesOfCommit(dir, ids.head), [
        { status: 'A', path: 'src/checkout.js' },
        { status: 'D', path: 'src/db.js' },
      ]);
    } finally {
      execFileSync('git', ['checkout', '--', 'README.md'], { cwd: dir });
      fs.rmSync(path.join(dir, 'notes with space.txt'));
    }
  });

  it('shows a file as it was, relative to the folder', async () => {
    const { dir, ids } = fixture();
    assert.deepEqual(await fileAt(dir, ids.deployed, 'src/cart.js'), { kind: 'text', text: 'exports.total = (items = []) => items.reduce((s, i) => s + i.price, 0);\n' });
    assert.deepEqual(await fileAt(dir, ids.deployed, 'src/checkout.js'), { kind: 'absent' });
    assert.deepEqual(await fileAt(path.join(dir, 'src'), ids.deployed, 'db.js'), { kind: 'text', text: "exports.slow = (ms) => ms > 200 && console.warn('slow query', ms);\n" });
  });

  it('names the commits between two apps\' code, and says nothing when the repository lacks one', async () => {
    const { root, dir, ids } = fixture();
    const commits: Record<string, string> = { staging: ids.head, production: ids.deployed, review: ids.onlyOnOrigin };
    const heroku = {
      latestReleases: async (app: string) => [release(9, `slug-${app}`, { current: true }), release(1, null)],
      getSlug: async (app: string, id: string) => ({ id, commit: commits[app], created_at: '2026-11-27T08:41:00Z' }) as Slug,
    };
    const c = await codeBetween(heroku as never, 'staging', 'production', [root, dir]);
    assert.ok(c);
    assert.deepEqual([c.onlyA.length, c.onlyB.length], [2, 0]);
    assert.equal(promotionWords(c), `Promotes 2 commits (${ids.deployed.slice(0, 7)}..${ids.head.slice(0, 7)}) to production.`);
    assert.equal(codeSummary(c), `# Code: staging carries 2 commits production lacks: ${ids.head.slice(0, 7)} Add checkout v2 behind a flag, ${c.onlyA[1]!.hash.slice(0, 7)} Rename the cart to basket.`);
    assert.deepEqual(codeSection(c, 'b'), ['== Commits staging lacks ==', `(none: production runs commit ${ids.deployed.slice(0, 7)})`]);
    const back = await codeBetween(heroku as never, 'production', 'staging', [dir]);
    assert.equal(promotionWords(back!), 'staging runs 2 commits that production lacks: the promotion takes them away.');
    assert.equal(await codeBetween(heroku as never, 'review', 'production', [dir]), undefined, 'a commit the repository lacks: unknown');
    assert.equal(await codeBetween(heroku as never, 'staging', 'production', []), undefined, 'no linked folder: unknown, and nothing read');
  });

  it('fetches from the remotes that are not Heroku\'s, and then has the commit', async () => {
    const { dir, ids } = fixture();
    assert.deepEqual(await fetchableRemotes(dir), ['origin']);
    assert.deepEqual(await fetchRemotes(dir, ['origin']), []);
    assert.equal(await hasCommit(dir, ids.onlyOnOrigin), true);
    assert.deepEqual(await distanceFromHead(dir, ids.onlyOnOrigin), { ahead: 1, behind: 0 });
    const failed = await fetchRemotes(dir, ['nowhere']);
    assert.equal(failed[0]?.remote, 'nowhere');
  });
});
