// The Build API against the real sandbox CLI and its stream server: a source upload
// through the product's upload module, builds that succeed, fail (checksum, not a
// tar.gz, no language) or are cancelled, their output streamed by the product's stream
// reader, and the sandbox's knobs (upload refused, stream dropped).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HerokuClient } from '../../src/heroku/client';
import { StreamError, streamLines } from '../../src/heroku/streams/textStream';
import { uploadFile } from '../../src/heroku/streams/upload';
import { selectFiles } from '../../src/deploy/core/fileSelection';
import { packArchive } from '../../src/deploy/core/archive';
import { makeDeployFixture } from '../helpers/deployFixture';
import { CONNECTION_ID, SANDBOX_BIN, makeSandbox, type TestSandbox } from '../helpers/sandbox';
import { waitUntil } from '../helpers/wait';

const boxes: TestSandbox[] = [];
after(() => boxes.forEach((b) => b.dispose()));

async function setUp(knobs: Record<string, string> = {}): Promise<{ b: TestSandbox; heroku: HerokuClient; archive: { file: string; checksum: string }; fixture: ReturnType<typeof makeDeployFixture> }> {
  const b = makeSandbox({ mode: 'process', knobs: { MEMBRANE_SANDBOX_DEPLOY_MS: '300', ...knobs } });
  boxes.push(b);
  await b.client.ensureConnection();
  const fixture = makeDeployFixture(fs.mkdtempSync(path.join(b.home, 'src-')));
  const selection = await selectFiles(fixture.root);
  const archive = await packArchive(fixture.root, selection.files, path.join(b.home, 'source.tar.gz'));
  return { b, heroku: new HerokuClient({ api: b.api, connectionId: CONNECTION_ID }), archive, fixture };
}

async function lines(url: string | null | undefined): Promise<string[]> {
  const out: string[] = [];
  for await (const l of streamLines(url!)) out.push(l);
  return out;
}

const settled = (heroku: HerokuClient, id: string) => waitUntil(async () => {
  const b = await heroku.getBuild('acme-api', id);
  return b.status !== 'pending' && b;
}, 'the build to settle');

describe('deploy against the sandbox', { timeout: 120_000 }, () => {
  it('upload, build, output, release: the archive the sandbox lists is the one sent', async () => {
    const { b, heroku, archive, fixture } = await setUp();
    const source = await heroku.createSource();
    assert.match(source.put_url, /^http:\/\/127\.0\.0\.1:\d+\/sources\/[0-9a-f]{32}\?.*X-Amz-Signature=/);
    await uploadFile(source.put_url, archive.file);
    const build = await heroku.createBuild('acme-api', { url: source.get_url, checksum: archive.checksum, version: fixture.commit });
    assert.equal(build.status, 'pending');
    const output = await lines(build.output_stream_url);
    assert.equal(output[0], '-----> Building on the Heroku-24 stack');
    assert.ok(output.includes('-----> Node.js app detected'));
    const done = await settled(heroku, build.id);
    assert.equal(done.status, 'succeeded');
    const [release] = await heroku.latestReleases('acme-api', 1);
    assert.equal(release!.description, `Deploy ${fixture.commit.slice(0, 7)}`);
    assert.equal(done.release?.id, release!.id);
    const listed = JSON.parse(execFileSync(process.execPath, [SANDBOX_BIN, 'sandbox', 'last-archive', '--json'], { env: { ...process.env, ...b.env }, encoding: 'utf8' }));
    assert.deepEqual(listed.entries.map((e: { path: string }) => e.path).sort(), fixture.expected);
  });

  it('a wrong checksum, a blob that is not a tar.gz: failed builds with the reason in their output, no release', async () => {
    const { heroku, archive } = await setUp();
    const releases = (await heroku.latestReleases('acme-api', 1))[0]!.version;
    const source = await heroku.createSource();
    await uploadFile(source.put_url, archive.file);
    const wrong = await heroku.createBuild('acme-api', { url: source.get_url, checksum: `SHA256:${'0'.repeat(64)}` });
    assert.match((await lines(wrong.output_stream_url)).join('\n'), /checksum does not match/);
    assert.equal((await settled(heroku, wrong.id)).status, 'failed');

    const text = await heroku.createSource();
    const notTar = path.join(path.dirname(archive.file), 'not.tar.gz');
    fs.writeFileSync(notTar, 'just text');
    await uploadFile(text.put_url, notTar);
    const bad = await heroku.createBuild('acme-api', { url: text.get_url, checksum: '' });
    assert.match((await lines(bad.output_stream_url)).join('\n'), /not a gzipped tar archive/);
    assert.equal((await settled(heroku, bad.id)).status, 'failed');
    heroku.forget('acme-api');
    assert.equal((await heroku.latestReleases('acme-api', 1))[0]!.version, releases);
  });

  it('knobs: an upload refused with 403, a stream dropped midway (the build still settles)', async () => {
    const refused = await setUp({ MEMBRANE_SANDBOX_UPLOAD_REFUSE: '1' });
    const source = await refused.heroku.createSource();
    await assert.rejects(uploadFile(source.put_url, refused.archive.file), /refused \(HTTP 403, AccessDenied: Access Denied\)/);

    const dropped = await setUp({ MEMBRANE_SANDBOX_BUILD_STREAM_DROP_AFTER: '3', MEMBRANE_SANDBOX_DEPLOY_MS: '600' });
    const s = await dropped.heroku.createSource();
    await uploadFile(s.put_url, dropped.archive.file);
    const build = await dropped.heroku.createBuild('acme-api', { url: s.get_url, checksum: dropped.archive.checksum });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const l of streamLines(build.output_stream_url!)) seen.push(l);
      })(),
      StreamError,
    );
    assert.equal(seen.length, 3);
    assert.equal((await settled(dropped.heroku, build.id)).status, 'succeeded');
  });

  it('cancel needs the cancel-build Accept variant; then the build fails and its stream ends saying so', async () => {
    const { b, heroku, archive } = await setUp({ MEMBRANE_SANDBOX_DEPLOY_MS: '60000' });
    const source = await heroku.createSource();
    await uploadFile(source.put_url, archive.file);
    const build = await heroku.createBuild('acme-api', { url: source.get_url, checksum: archive.checksum });
    const plain = await b.api.request(CONNECTION_ID, { method: 'DELETE', path: `/apps/acme-api/builds/${build.id}` }, { allowErrorStatus: true });
    assert.equal(plain.status, 404);
    await heroku.cancelBuild('acme-api', build.id);
    assert.deepEqual(await lines((await heroku.getBuild('acme-api', build.id)).output_stream_url), [' !     Build was cancelled']);
    assert.equal((await heroku.getBuild('acme-api', build.id)).status, 'failed');
  });
});
