'use strict';
// The sandbox's fixture git repository: a small app's history whose commits match the
// world's slugs, so "deployed code against HEAD" has something true to show. Deterministic:
// fixed names and dates, no user or system git config (HOME is an empty folder,
// GIT_CONFIG_NOSYSTEM), no signing; the same script makes the same commit ids everywhere.
// The ids are read back with `git rev-parse` and written into the world, never spelt here.
//
//   main:   c1 … c8 (HEAD). The production app runs HEAD~2 (two commits behind); the
//           deploy before ran HEAD~5. Staging runs HEAD (it carries two commits
//           production lacks). The commit after HEAD, c9, is only on `origin` (a bare
//           repository beside the folder): the review app runs it, "not in this
//           repository" until fetched.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const PRODUCTION = 'acme-api';
const STAGING = 'acme-api-staging';
const REVIEW = 'acme-api-pr-142';

/** Each commit: its subject and the files it writes (null deletes, `{ from }` renames). */
const COMMITS = [
  ['Start the API', { 'README.md': '# acme-api\n\nThe Acme API.\n', 'package.json': '{\n  "name": "acme-api",\n  "scripts": { "start": "node src/server.js" }\n}\n', 'src/server.js': "const http = require('node:http');\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT);\n", Procfile: 'web: npm start\n' }],
  ['Add the cart', { 'src/cart.js': 'exports.total = (items) => items.reduce((s, i) => s + i.price, 0);\n' }],
  ['Log slow queries', { 'src/db.js': "exports.slow = (ms) => ms > 200 && console.warn('slow query', ms);\n" }],
  ['Handle empty carts', { 'src/cart.js': 'exports.total = (items = []) => items.reduce((s, i) => s + i.price, 0);\n' }],
  ['Retry webhooks with back-off', { 'src/webhooks.js': 'exports.delay = (attempt) => Math.min(60_000, 2 ** attempt * 100);\n' }],
  ['Speed up the search index', { 'src/search.js': 'exports.index = (docs) => new Map(docs.map((d) => [d.id, d]));\n', 'README.md': '# acme-api\n\nThe Acme API: carts, search and webhooks.\n' }],
  ['Rename the cart to basket', { 'src/cart.js': null, 'src/basket.js': 'exports.total = (items = []) => items.reduce((s, i) => s + i.price * (i.quantity ?? 1), 0);\n' }],
  ['Add checkout v2 behind a flag', { 'src/checkout.js': "exports.enabled = () => process.env.FEATURE_NEW_CHECKOUT === 'true';\n", 'src/db.js': null }],
];
const ONLY_ON_ORIGIN = ['Try the new search ranking', { 'src/search.js': 'exports.index = (docs) => new Map(docs.map((d) => [d.id, { ...d, rank: 0 }]));\n' }];

const START = Date.UTC(2026, 10, 2, 9, 0, 0) / 1000;

/** git with no user or system config, fixed identities, and the given commit date. */
function gitRunner(home) {
  return (cwd, args, at = START) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false', ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'),
        GIT_TERMINAL_PROMPT: '0',
        GIT_AUTHOR_NAME: 'Sam Rivera',
        GIT_AUTHOR_EMAIL: 'sam@acme.dev',
        GIT_COMMITTER_NAME: 'Sam Rivera',
        GIT_COMMITTER_EMAIL: 'sam@acme.dev',
        GIT_AUTHOR_DATE: `@${at} +0000`,
        GIT_COMMITTER_DATE: `@${at} +0000`,
      },
    }).trim();
}

function writeFiles(dir, files, run) {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    if (content === null) run(dir, ['rm', '-q', '--', file]);
    else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, content);
      run(dir, ['add', '--', file]);
    }
  }
}

/**
 * Builds the repository in `dir` (made if missing; must hold no `.git` yet), with a bare
 * `origin` at `originDir` (default: `<dir>.origin.git` beside it) and a Heroku remote of
 * the production app under the name `production`. Returns the commit ids by name.
 */
function buildFixtureRepo(dir, { originDir = `${path.resolve(dir)}.origin.git`, app = PRODUCTION } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-git-home-'));
  try {
    const run = gitRunner(home);
    fs.mkdirSync(dir, { recursive: true });
    if (fs.existsSync(path.join(dir, '.git'))) throw new Error(`${dir} is a git repository already`);
    run(dir, ['init', '-q']);
    COMMITS.forEach(([subject, files], i) => {
      writeFiles(dir, files, run);
      run(dir, ['commit', '-q', '--no-verify', '-m', subject], START + i * 3600);
    });
    // origin has one commit more than the folder: made, pushed, then undone here and pruned.
    fs.rmSync(originDir, { recursive: true, force: true });
    run(path.dirname(originDir), ['init', '-q', '--bare', originDir]);
    run(dir, ['remote', 'add', 'origin', originDir]);
    writeFiles(dir, ONLY_ON_ORIGIN[1], run);
    run(dir, ['commit', '-q', '--no-verify', '-m', ONLY_ON_ORIGIN[0]], START + COMMITS.length * 3600);
    run(dir, ['push', '-q', 'origin', 'main']);
    const onlyOnOrigin = run(dir, ['rev-parse', 'HEAD']);
    run(dir, ['reset', '-q', '--hard', 'HEAD~1']);
    run(dir, ['update-ref', '-d', 'refs/remotes/origin/main']);
    run(dir, ['reflog', 'expire', '--expire=now', '--all']);
    run(dir, ['gc', '-q', '--prune=now']);
    run(dir, ['remote', 'add', 'production', `https://git.heroku.com/${app}.git`]);
    const at = (rev) => run(dir, ['rev-parse', rev]);
    const subject = (rev) => run(dir, ['log', '-1', '--format=%s', rev]);
    return {
      head: at('HEAD'),
      deployed: at('HEAD~2'),
      before: at('HEAD~5'),
      onlyOnOrigin,
      subjects: { head: subject('HEAD'), deployed: subject('HEAD~2'), before: subject('HEAD~5'), onlyOnOrigin: ONLY_ON_ORIGIN[0] },
    };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** Sets the slug of an app's release (and the releases that kept it) to `commit`; the deploy's description names it. */
function setReleaseCommit(world, release, commit, description) {
  const app = world.apps.find((a) => a.id === release.app.id);
  const slug = ((world.slugs || {})[app.id] || []).find((s) => release.slug && s.id === release.slug.id);
  if (!slug) return;
  slug.commit = commit;
  slug.commit_description = description;
  for (const r of world.releases[app.id] || []) if (r.slug && r.slug.id === slug.id && /^Deploy [0-9a-f]{7}/.test(r.description || '')) r.description = `Deploy ${commit.slice(0, 7)}`;
}

/** The succeeded deploys of an app, newest first (each brought a slug of its own). */
function deploysOf(world, name) {
  const app = world.apps.find((a) => a.name === name);
  if (!app) return [];
  return (world.releases[app.id] || []).filter((r) => r.status === 'succeeded' && r.slug && /^Deploy /.test(r.description || '')).sort((a, b) => b.version - a.version);
}

/**
 * The world's slugs rewritten to match the fixture: production's current code is HEAD~2,
 * its deploy before HEAD~5; staging's is HEAD; the review app's is the commit only origin has.
 */
function applyFixtureToWorld(world, ids, { app = PRODUCTION } = {}) {
  // A world of several accounts: the first account's apps.
  if (Array.isArray(world.accounts)) {
    applyFixtureToWorld(world.accounts[0], ids, { app });
    return world;
  }
  const [latest, before] = deploysOf(world, app);
  if (latest) setReleaseCommit(world, latest, ids.deployed, ids.subjects.deployed);
  if (before) setReleaseCommit(world, before, ids.before, ids.subjects.before);
  const [staging] = deploysOf(world, STAGING);
  if (staging) setReleaseCommit(world, staging, ids.head, ids.subjects.head);
  const [review] = deploysOf(world, REVIEW);
  if (review) setReleaseCommit(world, review, ids.onlyOnOrigin, ids.subjects.onlyOnOrigin);
  return world;
}

/** Both at once: the repository in `dir`, and the world file rewritten to match it. */
function makeFixture(dir, worldFile, options = {}) {
  const ids = buildFixtureRepo(dir, options);
  const world = JSON.parse(fs.readFileSync(worldFile, 'utf8'));
  const tmp = `${worldFile}.${process.pid}.fixture.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(applyFixtureToWorld(world, ids, options), null, 2));
  fs.renameSync(tmp, worldFile);
  return ids;
}

module.exports = { buildFixtureRepo, applyFixtureToWorld, makeFixture, PRODUCTION, STAGING, REVIEW };
