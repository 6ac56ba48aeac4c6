// Deploy's plain-Node parts: which files go (git and plain folders, .gitignore,
// .slugignore, symlinks), the archive (read back by the sandbox's own tar reader, its
// checksum), the confirmation's words and limits, and the upload (headers, progress,
// S3's refusals, cancel) against a local server.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { countStatusEntries, selectFiles } from '../../src/deploy/core/fileSelection';
import { packArchive } from '../../src/deploy/core/archive';
import { makeArchiveFolder, sweepStaleDeployArchives } from '../../src/deploy/core/archiveFolder';
import { MAX_ARCHIVE_BYTES, WARN_ARCHIVE_BYTES, archiveProblem, confirmation, selectionProblem, sourceVersion } from '../../src/deploy/core/plan';
import { describeRefusal, uploadFile } from '../../src/heroku/streams/upload';
import { StreamUrlRefusedError } from '../../src/heroku/streams/urlPolicy';
import { git, makeDeployFixture, makeNestedReposFixture } from '../helpers/deployFixture';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { listTarGz } = require('../../sandbox/lib/sources') as { listTarGz(bytes: Buffer): Array<{ path: string; type: string; size: number; mode: number; linkpath?: string }> };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-unit-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('deploy: which files go', () => {
  it('a git repository: tracked + untracked-not-ignored, uncommitted changes counted, .slugignore left out, an escaping symlink reported', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'git-')), { escapingLink: true });
    const s = await selectFiles(fx.root);
    assert.deepEqual(s.files, fx.expected);
    assert.equal(s.git?.commit, fx.commit);
    assert.equal(s.git?.subject, 'First version of the shop');
    assert.equal(s.git?.uncommitted, 3, 'index.js changed, notes.txt and escape untracked');
    assert.equal(s.slugIgnored, 1);
    assert.deepEqual(s.escapingLinks, [{ path: 'escape', target: '../outside.txt' }]);
    assert.match(selectionProblem(s, 'shop-app') ?? '', /shop-app has symlinks that point outside the folder.*escape → \.\.\/outside\.txt/);
  });

  it('a plain folder: every file but .git, node_modules and what the root .gitignore excludes', async () => {
    const root = fs.mkdtempSync(path.join(tmp, 'plain-'));
    const write = (rel: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), rel);
    };
    for (const f of ['app.py', 'requirements.txt', '.gitignore', 'node_modules/x/index.js', 'web/node_modules/y.js', '.git/HEAD', 'build/out.bin', 'tmp.log', 'src/main.py']) write(f);
    fs.writeFileSync(path.join(root, '.gitignore'), 'build/\n*.log\n');
    fs.symlinkSync('/etc/hostname', path.join(root, 'absolute-link'));
    const s = await selectFiles(root);
    assert.equal(s.git, undefined);
    assert.deepEqual(s.files, ['.gitignore', 'absolute-link', 'app.py', 'requirements.txt', 'src/main.py']);
    assert.deepEqual(s.escapingLinks, [{ path: 'absolute-link', target: '/etc/hostname' }], 'an absolute target would not resolve on Heroku');
  });

  it('a submodule and an untracked nested clone: listed by their own git, the root .gitignore and .slugignore applied, links checked, no .git, no //', async () => {
    const fx = makeNestedReposFixture(fs.mkdtempSync(path.join(tmp, 'nested-')));
    const s = await selectFiles(fx.root);
    assert.deepEqual(s.files, fx.expected);
    assert.deepEqual(s.escapingLinks, fx.escaping);
    assert.equal(s.slugIgnored, 2, 'coverage/lcov.info of each library');
  });

  it('a nested clone in a folder outside git: listed by its own git (its .gitignore) and the root .gitignore, its .git never sent', async () => {
    const root = fs.mkdtempSync(path.join(tmp, 'plain-nested-'));
    fs.writeFileSync(path.join(root, 'app.py'), '');
    fs.writeFileSync(path.join(root, '.gitignore'), '*.log\n');
    const lib = path.join(root, 'vendor', 'lib');
    fs.mkdirSync(lib, { recursive: true });
    for (const [f, text] of [['.gitignore', '.env\n'], ['.env', 'SECRET=1\n'], ['lib.py', ''], ['debug.log', '']]) fs.writeFileSync(path.join(lib, f!), text!);
    git(lib, 'init', '-q');
    const s = await selectFiles(root);
    assert.equal(s.git, undefined);
    assert.deepEqual(s.files, ['.gitignore', 'app.py', 'vendor/lib/.gitignore', 'vendor/lib/lib.py']);
    // A repository git cannot read: its ignore rules are unknown, so nothing of it is guessed.
    fs.mkdirSync(path.join(root, 'broken'));
    fs.writeFileSync(path.join(root, 'broken', '.git'), 'gitdir: /nowhere\n');
    await assert.rejects(selectFiles(root), /^Error: broken is a git repository whose files git could not list \(fatal: not a git repository: \/nowhere\)/);
  });

  it('a tracked file under a symlinked folder that leads outside: refused, naming the folder; the outside file is never selected', async () => {
    const parent = fs.mkdtempSync(path.join(tmp, 'dirlink-'));
    const root = path.join(parent, 'site');
    fs.mkdirSync(path.join(root, 'storage'), { recursive: true });
    fs.writeFileSync(path.join(root, '.gitignore'), 'storage\n');
    fs.writeFileSync(path.join(root, 'index.php'), '<?php\n');
    fs.writeFileSync(path.join(root, 'storage', '.gitkeep'), '');
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'add', '-f', 'storage/.gitkeep');
    git(root, 'commit', '-q', '-m', 'The site');
    // The folder is then replaced by a link to one outside (as deploy tools share storage between releases).
    const outside = path.join(parent, 'shared-storage');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, '.gitkeep'), 'DB_PASSWORD=hunter2\n');
    fs.rmSync(path.join(root, 'storage'), { recursive: true });
    fs.symlinkSync(outside, path.join(root, 'storage'));
    const s = await selectFiles(root);
    assert.deepEqual(s.files, ['.gitignore', 'index.php']);
    assert.deepEqual(s.escapingFolders, [{ path: 'storage', target: fs.realpathSync(outside) }]);
    assert.match(selectionProblem(s, 'site') ?? '', /^site has symlinked folders that lead outside it, so files from elsewhere would be sent: storage → .*shared-storage\./);
  });

  it('untracked files that look like secrets are named (*.env, .env*, *.pem, *.key, id_*), tracked ones and look-alikes are not', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'secrets-')));
    for (const f of ['acme-api.env', '.env.production', 'certs/server.pem', 'certs/server.key', 'deploy/id_rsa', 'deploy/id_rsa.pub', 'lib/id_utils.js', 'environment.js']) {
      fs.mkdirSync(path.dirname(path.join(fx.root, f)), { recursive: true });
      fs.writeFileSync(path.join(fx.root, f), 'x');
    }
    fs.writeFileSync(path.join(fx.root, 'example.env'), 'PORT=3000\n');
    git(fx.root, 'add', 'example.env');
    const s = await selectFiles(fx.root);
    assert.deepEqual(s.untrackedSecrets, ['.env.production', 'acme-api.env', 'certs/server.key', 'certs/server.pem', 'deploy/id_rsa']);
    assert.ok(s.files.includes('acme-api.env'), 'still selected: the user chooses');
    // Outside git nothing is committed: every file that looks like a secret is named.
    const plain = fs.mkdtempSync(path.join(tmp, 'plain-secrets-'));
    for (const f of ['app.py', '.env']) fs.writeFileSync(path.join(plain, f), 'x');
    assert.deepEqual((await selectFiles(plain)).untrackedSecrets, ['.env']);
  });

  it('git status entries: a rename carries its old path as one more field', () => {
    assert.equal(countStatusEntries(' M a.js\0R  new.js\0old.js\0?? n.txt\0'), 3);
    assert.equal(countStatusEntries(''), 0);
  });

  it('a cancel stops the listing', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'cancel-')));
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(selectFiles(fx.root, ac.signal), (e: Error) => e.name === 'AbortError');
  });
});

describe('deploy: the archive', () => {
  it('holds exactly the selected entries (symlinks as links, modes kept), read back by an independent tar reader; its checksum is the file\'s SHA-256', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'pack-')));
    fs.chmodSync(path.join(fx.root, 'index.js'), 0o755);
    const s = await selectFiles(fx.root);
    const out = path.join(tmp, 'a.tar.gz');
    const progress: number[] = [];
    const archive = await packArchive(fx.root, s.files, out, { onProgress: (done) => progress.push(done) });
    const bytes = fs.readFileSync(out);
    assert.equal(archive.bytes, bytes.length);
    assert.equal(archive.checksum, `SHA256:${createHash('sha256').update(bytes).digest('hex')}`);
    const entries = listTarGz(bytes);
    assert.deepEqual(entries.map((e) => e.path).sort(), fx.expected);
    const alias = entries.find((e) => e.path === 'lib/alias.js')!;
    assert.equal(alias.type, 'symlink');
    assert.equal(alias.linkpath, 'util.js');
    assert.equal(entries.find((e) => e.path === 'index.js')!.mode & 0o777, 0o755);
    assert.equal(progress.at(-1), s.files.length);
  });

  it('is a private file (0600) in a private folder (0700) named for this process', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'private-')));
    const dir = await makeArchiveFolder(tmp);
    assert.match(path.basename(dir), new RegExp(`^heroku-deploy-${process.pid}-`));
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    const archive = await packArchive(fx.root, ['package.json'], path.join(dir, 'source.tar.gz'));
    assert.equal(fs.statSync(archive.file).mode & 0o777, 0o600);
  });

  it('the sweep removes stale archive folders (their process gone, or a day old) and nothing else', async () => {
    const temp = fs.mkdtempSync(path.join(tmp, 'sweep-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    const made = (name: string, opts: { ageMs?: number; file?: boolean } = {}) => {
      const p = path.join(temp, name);
      if (opts.file) {
        fs.writeFileSync(p, 'x');
      } else {
        fs.mkdirSync(p);
        fs.writeFileSync(path.join(p, 'source.tar.gz'), 'x');
      }
      if (opts.ageMs) fs.utimesSync(p, new Date(Date.now() - opts.ageMs), new Date(Date.now() - opts.ageMs));
      return name;
    };
    const day = 24 * 60 * 60 * 1000;
    made(`heroku-deploy-${dead}-aaaaaa`);
    made(`heroku-deploy-${process.pid}-bbbbbb`, { ageMs: day + 60_000 });
    made('heroku-deploy-0123abcd-0123-4abc-8def-0123456789ab.tar.gz', { file: true, ageMs: day + 60_000 }); // an older version's archive
    const kept = [
      made(`heroku-deploy-${process.pid}-cccccc`), // a deploy in progress
      made('heroku-deploy-0123abcd-0123-4abc-8def-0123456789ac.tar.gz', { file: true }),
      made('heroku-deployment-notes'),
      made(`other-${dead}-dddddd`),
    ];
    fs.symlinkSync(path.join(temp, kept[0]!), path.join(temp, `heroku-deploy-${dead}-eeeeee`)); // a link: never followed, never ours
    kept.push(`heroku-deploy-${dead}-eeeeee`);
    if (process.getuid?.() === 0) {
      kept.push(made(`heroku-deploy-${dead}-ffffff`));
      fs.chownSync(path.join(temp, `heroku-deploy-${dead}-ffffff`), 65534, 65534); // another user's
    }
    assert.equal(await sweepStaleDeployArchives(temp), 3);
    assert.deepEqual(fs.readdirSync(temp).sort(), kept.sort());
    assert.equal(await sweepStaleDeployArchives(path.join(temp, 'missing')), 0, 'never throws');
  });

  it('a cancel removes the partial file', async () => {
    const fx = makeDeployFixture(fs.mkdtempSync(path.join(tmp, 'packcancel-')));
    const out = path.join(tmp, 'cancelled.tar.gz');
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(packArchive(fx.root, ['package.json'], out, { signal: ac.signal }));
    assert.equal(fs.existsSync(out), false);
  });
});

describe('deploy: the confirmation and the limits', () => {
  const selection = { root: '/w/shop-app', files: ['a', 'b', 'c'], bytes: 3000, git: { commit: 'abc1234def5678', subject: 'x', uncommitted: 2 }, slugIgnored: 1, escapingLinks: [], escapingFolders: [], untrackedSecrets: [] as string[] };

  it('names the app, the folder, the count, the compressed size and the version with its uncommitted changes', () => {
    const c = confirmation({ app: 'acme-api', folder: '/w/shop-app', selection, archiveBytes: 2_500_000 });
    assert.equal(c.message, 'Deploy shop-app to acme-api?');
    assert.match(c.detail, /App: acme-api\nFolder: \/w\/shop-app\nFiles: 3 files, 2\.4 MB compressed\nVersion: commit abc1234 \+ 2 uncommitted changes\nLeft out by \.slugignore: 1 file/);
    assert.doesNotMatch(c.detail, /large upload/);
    assert.doesNotMatch(c.detail, /secret/);
  });

  it('names untracked files that look like secrets, and how to leave them out', () => {
    const one = confirmation({ app: 'acme-api', folder: '/w/shop-app', selection: { ...selection, untrackedSecrets: ['acme-api.env'] }, archiveBytes: 2000 });
    assert.match(one.detail, /\n\nAn untracked file looks like a secret: acme-api\.env\nIt is not committed, and would be sent to Heroku\. "Deploy Without Them" leaves it out\./);
    const many = confirmation({ app: 'acme-api', folder: '/w/shop-app', selection: { ...selection, untrackedSecrets: ['a.env', 'b.env', 'c.pem', 'd.key', 'e.env', 'f.env', 'id_rsa'] }, archiveBytes: 2000 });
    assert.match(many.detail, /7 untracked files look like secrets: a\.env, b\.env, c\.pem, d\.key, e\.env and 2 more\nThey are not committed, and would be sent to Heroku\. "Deploy Without Them" leaves them out\./);
  });

  it('warns above the threshold and refuses above 500 MB', () => {
    assert.match(confirmation({ app: 'a', folder: '/f', selection, archiveBytes: WARN_ARCHIVE_BYTES + 1 }).detail, /large upload \(100\.0 MB\)/);
    assert.equal(archiveProblem(MAX_ARCHIVE_BYTES), undefined);
    assert.match(archiveProblem(MAX_ARCHIVE_BYTES + 1) ?? '', /above Heroku's 500 MB limit/);
  });

  it('versions: a clean commit, none outside git, none before the first commit', () => {
    assert.deepEqual(sourceVersion({ commit: 'abc1234def', subject: 's', uncommitted: 0 }), { version: 'abc1234def', description: 'commit abc1234' });
    assert.equal(sourceVersion(undefined).version, undefined);
    assert.match(sourceVersion({ commit: undefined, subject: undefined, uncommitted: 4 }).description, /without commits \(4 uncommitted changes\)/);
    assert.match(selectionProblem({ ...selection, files: [] }, 'empty') ?? '', /no files to deploy/);
  });
});

describe('deploy: the upload', () => {
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_q, r) => r.end();
  const server = http.createServer((req, res) => handler(req, res));
  const ready = once(server.listen(0, '127.0.0.1'), 'listening');
  const url = async (p: string) => {
    await ready;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}?X-Amz-Signature=secret`;
  };
  after(() => server.close());
  const file = path.join(tmp, 'upload.bin');
  fs.writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 7));

  it('PUTs the file with Content-Length and an empty Content-Type; progress reaches the total', async () => {
    let seen: { method?: string; length?: string; type?: string; bytes: number } = { bytes: 0 };
    handler = (req, res) => {
      seen = { method: req.method, length: req.headers['content-length'], type: req.headers['content-type'], bytes: 0 };
      req.on('data', (c: Buffer) => (seen.bytes += c.length));
      req.on('end', () => res.end());
    };
    const progress: number[] = [];
    await uploadFile(await url('/put'), file, { onProgress: (sent) => progress.push(sent) });
    assert.deepEqual(seen, { method: 'PUT', length: String(3 * 1024 * 1024), type: '', bytes: 3 * 1024 * 1024 });
    assert.equal(progress.at(-1), 3 * 1024 * 1024);
  });

  it("S3's refusals become what to do, and the URL's signature is never in the message", async () => {
    handler = (req, res) => {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    };
    await assert.rejects(uploadFile(await url('/expired'), file), (e: Error) => {
      assert.match(e.message, /refused \(HTTP 403, AccessDenied: Request has expired\)\. Heroku's upload URLs are valid for a short time: deploy again/);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    });
    assert.match(describeRefusal(500, 'oops'), /HTTP 500\)\. Nothing was built/);
  });

  it('a cancel mid-upload stops sending: the server sees the request cut', async () => {
    const ac = new AbortController();
    let received = 0;
    const cut = new Promise<void>((resolve) => {
      handler = (req) => {
        req.on('data', (c: Buffer) => {
          received += c.length;
          if (received > 0 && !ac.signal.aborted) ac.abort();
        });
        req.on('close', () => resolve());
      };
    });
    // Larger than any socket buffer, so "only part arrived" cannot be the kernel's doing.
    const big = path.join(tmp, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(32 * 1024 * 1024, 1));
    await assert.rejects(uploadFile(await url('/slow'), big, { signal: ac.signal }), (e: Error) => e.name === 'AbortError');
    await cut;
    assert.ok(received < 32 * 1024 * 1024, `only part was sent (${received} bytes)`);
  });

  it('plain http to another host is refused before anything is sent', async () => {
    await assert.rejects(uploadFile('http://uploads.example.com/x', file), StreamUrlRefusedError);
  });
});
