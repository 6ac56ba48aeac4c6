// The Heroku layer against the sandbox: every operation with actions offered, proxy-only
// and with a differently named app property, under each dialect; whole lists at scale;
// the cache; mutations' effects on the world; config conflicts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HerokuClient } from '../../src/heroku';
import { checkStreamUrl } from '../../src/heroku/streams/urlPolicy';
import { ApiError, CancelledError, OutcomeUnknownError, RateLimitedError } from '../../src/membrane';
import { CONNECTION_ID, DIALECTS, REPO, isAlive, makeSandbox, type TestSandbox, type SandboxMode } from '../helpers/sandbox';
import { waitUntil } from '../helpers/wait';
import type { TransportName } from '../../src/membrane';

/**
 * The Heroku layer's tests, against the sandbox in the given mode. `part` splits them
 * for the contract tier, where the read matrix alone spawns hundreds of processes: one
 * file each keeps every file well inside its time budget and lets both cores work.
 */
export function herokuSuite(mode: SandboxMode, part: 'all' | 'matrix' | 'rest' = 'all'): void {
  const matrix = part !== 'rest';
  const rest = part !== 'matrix';
  const boxes: TestSandbox[] = [];
  after(() => boxes.forEach((b) => b.dispose()));

  async function heroku(knobs: Record<string, string> = {}, world?: string, opts: { proxyOnly?: boolean; transport?: TransportName } = {}) {
    const box = makeSandbox({ mode, knobs, world, transport: opts.transport });
    boxes.push(box);
    await box.client.ensureConnection();
    // What reaches the CLI, counted on the way (the client keeps no counters of its own).
    const counts = { actionRuns: 0, requests: 0 };
    const client = new HerokuClient({
      api: {
        runAction: (...a) => (counts.actionRuns++, box.api.runAction(...a)),
        request: (...a) => (counts.requests++, box.api.request(...a)),
      },
      connectionId: CONNECTION_ID,
      listActions: opts.proxyOnly ? undefined : () => box.client.listActions({ connectionId: CONNECTION_ID, limit: 1000 }),
      backoffMs: 20,
    });
    return { box, client, counts };
  }

  /** Every read, summarised to what the UI shows. */
  async function readEverything(c: HerokuClient) {
    const apps = await c.listApps();
    const app = 'acme-api';
    const [account, releases, dynos, formation, addons, domains, builds, collaborators, pipelines, couplings, config] = await Promise.all([
      c.account(),
      c.latestReleases(app, 100),
      c.listDynos(app),
      c.listFormation(app),
      c.listAddons(app),
      c.listDomains(app),
      c.listBuilds(app),
      c.listCollaborators(app),
      c.listPipelines(),
      c.listPipelineCouplings(),
      c.getConfigVars(app),
    ]);
    const info = apps.find((a) => a.name === app)!;
    const release = releases.find((r) => r.version === 47)!;
    const pipelineCouplings = await c.listPipelineCouplings(pipelines.find((p) => p.name === 'acme-api')!.id);
    return {
      account: account.email,
      apps: apps.map((a) => `${a.name}:${a.team?.name ?? 'personal'}:${a.maintenance}`).sort(),
      info: `${info.name}:${info.region?.name}:${info.stack?.name}`,
      releases: releases.map((r) => `v${r.version}:${r.status}${r.current ? '*' : ''}`),
      dynos: dynos.map((d) => `${d.name}:${d.state}:${d.size}`).sort(),
      formation: formation.map((f) => `${f.type}:${f.quantity}x${f.size}`).sort(),
      addons: addons.map((a) => `${a.addon_service?.name}:${a.plan?.name}:${a.state}`).sort(),
      domains: domains.map((d) => `${d.hostname}:${d.kind}:${d.acm_status}`).sort(),
      builds: builds.map((b) => `${b.status}:${b.source_blob?.version?.slice(0, 7)}`),
      collaborators: collaborators.map((x) => `${x.user.email}:${x.role}`).sort(),
      pipelines: pipelines.map((p) => p.name).sort(),
      couplings: couplings.length,
      pipelineStages: pipelineCouplings.map((x) => x.stage).sort(),
      configKeys: Object.keys(config).sort(),
      release47: `${release.version}:${release.status}`,
    };
  }

  if (matrix) describe('Heroku layer: every read × transport × (actions, proxy-only, renamed app property) × dialect', () => {
    let reference: Awaited<ReturnType<typeof readEverything>>;
    const MODES: Array<{ name: string; knobs: Record<string, string>; proxyOnly: boolean; expectActions: boolean }> = [
      { name: 'actions offered', knobs: {}, proxyOnly: false, expectActions: true },
      { name: 'proxy-only connection', knobs: { MEMBRANE_SANDBOX_ACTIONS: 'none' }, proxyOnly: false, expectActions: false },
      { name: 'app property named app_id_or_name', knobs: { MEMBRANE_SANDBOX_APP_PARAM: 'app_id_or_name' }, proxyOnly: false, expectActions: true },
      { name: 'client without actions', knobs: {}, proxyOnly: true, expectActions: false },
    ];
    const TRANSPORTS: Array<{ name: string; transport: TransportName; knobs: Record<string, string> }> = [
      { name: 'request', transport: 'request', knobs: {} },
      { name: 'act (body output)', transport: 'act', knobs: { MEMBRANE_SANDBOX_ACT_DIALECT: 'body' } },
      { name: 'act (envelope output)', transport: 'act', knobs: { MEMBRANE_SANDBOX_ACT_DIALECT: 'envelope' } },
    ];
    for (const transport of TRANSPORTS) {
      for (const dialect of DIALECTS) {
        for (const mode of MODES) {
          it(`${transport.name}, ${mode.name}, ${dialect.name}`, async () => {
            const { box, client, counts } = await heroku({ ...dialect.knobs, ...mode.knobs, ...transport.knobs }, undefined, { proxyOnly: mode.proxyOnly, transport: transport.transport });
            const got = await readEverything(client);
            reference ??= got;
            assert.deepEqual(got, reference);
            const calls = box.callLog();
            // Only the chosen transport's command carries Heroku calls (the latest releases are a Range read: always a request).
            assert.deepEqual([...new Set(calls.map((c) => c.command).filter((c) => c === 'act' || c === 'request' || c === 'action run'))].sort(), transport.transport === 'act' ? ['act'] : mode.expectActions ? ['action run', 'request'] : ['request']);
            const actionRuns = calls.filter((c) => c.command === 'action run' || (c.command === 'act' && c.argv.some((a) => /^--(key|id)=/.test(a))));
            assert.equal(actionRuns.length > 0, mode.expectActions, calls.map((c) => c.command).join());
            if (mode.expectActions) assert.equal(counts.actionRuns, 12); // one per read above but the latest releases (a Range read)
            else assert.equal(counts.actionRuns, 0);
            // `request` gets --json only with a JSON body: these reads have none.
            assert.ok(!calls.some((c) => c.command === 'request' && c.argv.includes('--json')), 'no --json on a GET');
          });
        }
      }
    }

    it('reads what the default world holds', () => {
      assert.equal(reference.account, 'alex@acme.dev');
      assert.equal(reference.apps.length, 8);
      assert.ok(reference.apps.includes('acme-web:acme:true'));
      assert.equal(reference.releases.length, 48);
      assert.equal(reference.releases[0], 'v48:succeeded*');
      assert.equal(reference.releases[1], 'v47:failed');
      assert.deepEqual(reference.dynos, ['web.1:up:Standard-2X', 'web.2:up:Standard-2X', 'web.3:starting:Standard-2X']);
      assert.deepEqual(reference.pipelineStages, ['production', 'review', 'staging']);
      assert.ok(reference.domains.includes('www.api.acme.dev:custom:pending'));
      assert.equal(reference.configKeys.length, 36);
    });
  });

  // Scale is about whole processes and their output: the contract tier's business.
  if (rest && mode === 'process') describe('Heroku layer at scale', () => {
    let bigWorld: string;
    before(() => {
      bigWorld = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'big-')), 'world.json');
      execFileSync(process.execPath, [path.join(REPO, 'sandbox', 'bin', 'generate-world'), '--apps', '5000', '--releases', '2000', '--config-vars', '1000', '--out', bigWorld]);
    });

    it('5,000 apps and 2,000 releases arrive whole, with and without actions', async () => {
      const variants: Array<Record<string, string>> = [{}, { MEMBRANE_SANDBOX_ACTIONS: 'none' }, { MEMBRANE_SANDBOX_REQUEST_DIALECT: 'body' }];
      for (const knobs of variants) {
        const { box, client } = await heroku(knobs, bigWorld);
        const apps = await client.listApps();
        assert.equal(apps.length, 5000);
        assert.equal(new Set(apps.map((a) => a.id)).size, 5000);
        const releases = await client.latestReleases('acme-monolith', 5000);
        assert.equal(releases.length, 2000);
        assert.deepEqual([releases[0]?.version, releases[1999]?.version], [2000, 1]);
        assert.equal(Object.keys(await client.getConfigVars('acme-monolith')).length, 1000);
        const latest = await client.latestReleases('acme-monolith', 20);
        assert.deepEqual(latest.slice(0, 2).map((r) => r.version), [2000, 1999]);
        const requests = box.callLog().filter((c) => c.command === 'request').length;
        // 1,000 per page: 5 for the apps, 2 for the releases, 1 for the latest, 1 for the config;
        // without headers (body dialect) a full last page costs one more, empty, request per list.
        assert.ok(requests <= 5 + 2 + 1 + 1 + 2, `paging took ${requests} requests`);
      }
    });
  });

  if (rest) describe('Heroku layer: cache', () => {
    it('serves revisits with zero CLI calls and shares in-flight reads', async () => {
      const { box, client } = await heroku();
      await Promise.all([client.listDynos('acme-api'), client.listDynos('acme-api')]);
      const after1 = box.callLog().length;
      await readEverything(client);
      const after2 = box.callLog().length;
      await readEverything(client);
      assert.equal(box.callLog().length, after2, 'a second full read made CLI calls');
      assert.ok(after2 > after1);
      assert.equal(box.callLog().filter((c) => c.command === 'action run' && c.argv.join(' ').includes('acme-api') && c.argv[2]?.endsWith('603')).length <= 1, true);
    });

    it('mutations invalidate exactly what they change', async () => {
      const { client } = await heroku();
      await readEverything(client);
      const before = new Set(client.cache.keys());
      await client.restartDyno('acme-api', 'web.1');
      assert.deepEqual(new Set([...before].filter((k) => !client.cache.keys().includes(k))), new Set(['app:acme-api:dynos']));
      await readEverything(client);
      await client.updateFormation('acme-api', 'web', { quantity: 2 });
      assert.deepEqual(before.size - client.cache.keys().length, 2);
      assert.ok(!client.cache.has('app:acme-api:formation') && !client.cache.has('app:acme-api:dynos') && client.cache.has('app:acme-api:releases:latest:100'));
      await readEverything(client);
      await client.rollback('acme-api', 46);
      for (const gone of ['app:acme-api:releases:latest:100', 'app:acme-api:config', 'app:acme-api:dynos', 'apps']) assert.ok(!client.cache.has(gone), gone);
      assert.ok(client.cache.has('app:acme-api:domains') && client.cache.has('pipelines'));
    });

    it('forget names what to drop: one kind of an app\'s data, all of an app, account lists', async () => {
      const { client } = await heroku();
      await readEverything(client);
      const had = new Set(client.cache.keys());
      const gone = () => [...had].filter((k) => !client.cache.keys().includes(k)).sort();
      client.forget('acme-api', 'dynos');
      assert.deepEqual(gone(), ['app:acme-api:dynos']);
      client.forget('acme-api', 'releases');
      // Every latest-releases read goes with them.
      assert.deepEqual(gone(), ['app:acme-api:dynos', 'app:acme-api:releases:latest:100']);
      client.forgetAccount('pipelines');
      assert.ok(!client.cache.has('pipelines') && !client.cache.keys().some((k) => k.startsWith('pipelines:')), 'couplings go with the pipelines');
      assert.ok(client.cache.has('apps'));
      client.forget('acme-api');
      assert.ok(!client.cache.keys().some((k) => k.startsWith('app:acme-api:')));
      client.forgetAll();
      assert.deepEqual(client.cache.keys(), []);
    });
  });

  if (rest) describe('Heroku layer: mutations change the world as Heroku does', () => {
    const appOf = (box: TestSandbox, name: string) => {
      const w = box.world();
      const app = w.apps.find((a: { name: string }) => a.name === name);
      return { w, app, id: app?.id as string };
    };

    for (const proxyOnly of [false, true]) {
      it(`restart, stop, scale, resize, rollback, maintenance, create (${proxyOnly ? 'proxy-only' : 'actions offered'})`, async () => {
        // Restarted dynos stay `starting` for the whole test: what it reads never depends on how fast it runs.
        const slowRestarts = { MEMBRANE_SANDBOX_RESTART_MS: String(3_600_000) };
        const { box, client } = await heroku(proxyOnly ? { ...slowRestarts, MEMBRANE_SANDBOX_ACTIONS: 'none' } : slowRestarts);
        await client.stopDyno('acme-worker', 'worker.2');
        let { w, id } = appOf(box, 'acme-worker');
        assert.equal(w.dynos[id].find((d: { name: string }) => d.name === 'worker.2').state, 'down');
        await client.restartDyno('acme-worker', 'worker.2');
        assert.equal((await client.listDynos('acme-worker')).find((d) => d.name === 'worker.2')?.state, 'starting');
        await client.restartAllDynos('acme-worker');
        assert.deepEqual((await client.listDynos('acme-worker')).map((d) => d.state), ['starting', 'starting', 'starting']);

        await client.updateFormation('acme-worker', 'worker', { quantity: 4, size: 'Standard-2X' });
        ({ w, id } = appOf(box, 'acme-worker'));
        assert.equal(w.formation[id].find((f: { type: string }) => f.type === 'worker').quantity, 4);
        const workers = (await client.listDynos('acme-worker')).filter((d) => d.type === 'worker');
        assert.deepEqual(workers.map((d) => d.size), ['Standard-2X', 'Standard-2X', 'Standard-2X', 'Standard-2X']);
        await client.updateFormation('acme-worker', 'worker', { quantity: 1 });
        await client.updateFormation('acme-worker', 'clock', { size: 'Standard-1X' });
        assert.deepEqual((await client.listFormation('acme-worker')).map((f) => `${f.type}:${f.quantity}x${f.size}`).sort(), ['clock:1xStandard-1X', 'worker:1xStandard-2X']);
        await assert.rejects(client.updateFormation('acme-worker', 'worker', { size: 'Huge-9X' }), (e: unknown) => e instanceof ApiError && e.status === 422);

        const rolled = await client.rollback('acme-api', 45);
        assert.equal(rolled.description, 'Rollback to v45');
        assert.equal(rolled.version, 49);
        const releases = await client.latestReleases('acme-api', 100);
        assert.equal(releases.filter((r) => r.current).map((r) => r.version).join(), '49');
        await assert.rejects(client.rollback('acme-api', 47), (e: unknown) => e instanceof ApiError && /failed/.test(e.message));

        assert.equal((await client.setMaintenance('acme-web', false)).maintenance, false);
        assert.equal(appOf(box, 'acme-web').app.maintenance, false);
        await client.setMaintenance('acme-web', true);
        assert.equal((await client.listApps()).find((a) => a.name === 'acme-web')?.maintenance, true);

        const created = await client.createApp({ name: 'acme-new-service', region: 'eu', team: 'acme' });
        assert.equal(created.team?.name, 'acme');
        assert.ok((await client.listApps()).some((a) => a.name === 'acme-new-service'));
        await assert.rejects(client.createApp({ name: 'Bad_Name' }), (e: unknown) => e instanceof ApiError && e.status === 422 && /lowercase letters/.test(e.message));
        await assert.rejects(client.createApp({ name: 'acme-api' }), (e: unknown) => e instanceof ApiError && /already taken/.test(e.message));

        // The sandbox serves log streams on loopback: a URL the stream policy accepts.
        const session = await client.createLogSession('acme-api', { dyno: 'web.1' });
        assert.match(session.logplex_url, /^http:\/\/127\.0\.0\.1:\d+\/sessions\/[0-9a-f]{32}\?/);
        assert.equal(checkStreamUrl(session.logplex_url).hostname, '127.0.0.1');
        assert.match((await client.account()).email, /@acme\.dev$/);
      });
    }
  });

  if (rest) describe('Heroku layer: what each release was made of', () => {
    it('a release has the config vars of its time and a slug with its commit; the world records config changes, deploys and rollbacks', async () => {
      const { client } = await heroku();
      // The generated history: v48 turned a flag on, on the code v46 deployed (v47 failed).
      const [v48, v47, v46] = await client.releasesBefore('acme-api', 49, 3);
      assert.deepEqual([v48?.version, v47?.version, v46?.version], [48, 47, 46]);
      assert.equal(v48!.slug?.id, v46!.slug?.id, 'a config change keeps the code');
      assert.equal((await client.releaseConfigVars('acme-api', 48)).FEATURE_NEW_CHECKOUT, 'true');
      assert.equal((await client.releaseConfigVars('acme-api', 47)).FEATURE_NEW_CHECKOUT, 'false');
      const slug = await client.getSlug('acme-api', v46!.slug!.id);
      assert.match(slug.commit ?? '', /^4f2a9c1[0-9a-f]{33}$/);
      assert.ok(slug.commit_description);
      await assert.rejects(client.getSlug('acme-api', '00000000-0000-4000-a000-000000000000'), (e: unknown) => e instanceof ApiError && e.status === 404);
      await assert.rejects(client.releaseConfigVars('acme-api', 999), (e: unknown) => e instanceof ApiError && e.status === 404);
      assert.deepEqual(await client.releasesBefore('acme-api', 1, 10), [], 'nothing before the first release');

      // A config change, then a rollback past it: each release keeps the config of its time.
      const base = await client.getConfigVars('alex-playground');
      const saved = await client.updateConfigVars('alex-playground', base, { ...base, GREETING: 'changed' });
      assert.equal(saved.kind, 'saved');
      assert.equal((await client.releaseConfigVars('alex-playground', 5)).GREETING, 'changed');
      assert.equal((await client.releaseConfigVars('alex-playground', 4)).GREETING, base.GREETING);
      const rolled = await client.rollback('alex-playground', 3);
      const [v3] = await client.releasesBefore('alex-playground', 4, 1);
      assert.equal(rolled.slug?.id, v3!.slug?.id, 'a rollback brings the slug back');
      assert.deepEqual(await client.releaseConfigVars('alex-playground', rolled.version), await client.releaseConfigVars('alex-playground', 3));
      assert.deepEqual(await client.getConfigVars('alex-playground'), await client.releaseConfigVars('alex-playground', 3));
    });
  });

  if (rest) describe('Heroku layer: config vars', () => {
    it('saves only changed keys (null deletes), creates a release, reloads', async () => {
      const { box, client } = await heroku();
      const base = await client.getConfigVars('alex-playground');
      const edited = { ...base, GREETING: 'hi', NEW_ONE: 'x' } as Record<string, string>;
      delete edited.GO_ENV;
      const r = await client.updateConfigVars('alex-playground', base, edited);
      assert.equal(r.kind, 'saved');
      if (r.kind !== 'saved') return;
      assert.deepEqual(r.vars, { GREETING: 'hi', NEW_ONE: 'x' });
      assert.deepEqual(r.changes.map((c) => `${c.kind}:${c.key}`), ['removed:GO_ENV', 'changed:GREETING', 'added:NEW_ONE']);
      assert.equal(r.release?.version, 5);
      assert.match(r.release?.description ?? '', /Set GREETING, NEW_ONE config vars; Remove GO_ENV config var/);
      const patch = box.callLog().find((c) => c.command === 'request' && c.argv.includes('--method=PATCH'));
      assert.deepEqual(JSON.parse(patch!.argv.find((a) => a.startsWith('--data='))!.slice(7)), { GO_ENV: null, GREETING: 'hi', NEW_ONE: 'x' });
      assert.deepEqual(await client.getConfigVars('alex-playground'), { GREETING: 'hi', NEW_ONE: 'x' });
      assert.deepEqual(await client.updateConfigVars('alex-playground', r.vars, r.vars), { kind: 'unchanged' });
    });

    it('a config var named __proto__ (valid on Heroku) is added, read, edited and removed like any other', async () => {
      const { client } = await heroku();
      const own = (o: object) => Object.prototype.hasOwnProperty.call(o, '__proto__');
      const base = await client.getConfigVars('alex-playground');
      // Spreading JSON.parse's object defines `__proto__` as an own key, as a real edit would.
      const added = { ...base, ...JSON.parse('{"__proto__": "v1"}') } as Record<string, string>;
      const r1 = await client.updateConfigVars('alex-playground', base, added);
      assert.equal(r1.kind, 'saved');
      if (r1.kind !== 'saved') return;
      assert.deepEqual(r1.changes.map((c) => `${c.kind}:${c.key}`), ['added:__proto__']);
      const read = await client.getConfigVars('alex-playground');
      assert.ok(own(read), 'read back as an own key');
      assert.equal(Object.getOwnPropertyDescriptor(read, '__proto__')?.value, 'v1');
      const edited = { ...read, ...JSON.parse('{"__proto__": "v2"}') } as Record<string, string>;
      const r2 = await client.updateConfigVars('alex-playground', read, edited);
      assert.equal(r2.kind === 'saved' && Object.getOwnPropertyDescriptor(r2.vars, '__proto__')?.value, 'v2');
      const removed = Object.fromEntries(Object.entries(edited).filter(([k]) => k !== '__proto__'));
      const r3 = await client.updateConfigVars('alex-playground', edited, removed);
      assert.equal(r3.kind, 'saved');
      assert.equal(own(await client.getConfigVars('alex-playground')), false);
    });

    it('a remote change to a key the user touched is a conflict, and nothing is written', async () => {
      const { box, client } = await heroku();
      const base = await client.getConfigVars('acme-worker');
      await box.api.request(CONNECTION_ID, { method: 'PATCH', path: '/apps/acme-worker/config-vars', body: { LOG_LEVEL: 'error', REMOTE_ONLY: '1' } });
      const before = JSON.stringify(box.world().configVars);
      const r = await client.updateConfigVars('acme-worker', base, { ...base, LOG_LEVEL: 'debug' });
      assert.equal(r.kind, 'conflict');
      if (r.kind !== 'conflict') return;
      assert.deepEqual(r.conflicts, [{ key: 'LOG_LEVEL', base: 'warn', remote: 'error', mine: 'debug' }]);
      assert.equal(JSON.stringify(box.world().configVars), before);
    });

    it('remote changes to untouched keys are kept, not reported', async () => {
      const { box, client } = await heroku();
      const base = await client.getConfigVars('acme-worker');
      await box.api.request(CONNECTION_ID, { method: 'PATCH', path: '/apps/acme-worker/config-vars', body: { QUEUE_CONCURRENCY: '16' } });
      const r = await client.updateConfigVars('acme-worker', base, { ...base, NODE_ENV: 'staging' });
      assert.equal(r.kind, 'saved');
      assert.deepEqual(await client.getConfigVars('acme-worker'), { NODE_ENV: 'staging', QUEUE_CONCURRENCY: '16', LOG_LEVEL: 'warn' });
    });

    it("Heroku's 32 kB limit comes back as its own 422 message", async () => {
      const { client } = await heroku();
      const base = await client.getConfigVars('alex-blog');
      await assert.rejects(client.updateConfigVars('alex-blog', base, { BIG: 'x'.repeat(33 * 1024) }), (e: unknown) => e instanceof ApiError && e.status === 422 && /32kb/.test(e.message));
    });
  });

  if (rest) describe('Heroku layer: cancellation', () => {
    /** A client whose Heroku calls (not the connection set-up) each take `ms`, through the pointer file. */
    async function slowHeroku(ms: number) {
      const pointer = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pointer-')), 'pointer.json');
      fs.writeFileSync(pointer, '{}');
      const { box, client, counts } = await heroku({ MEMBRANE_SANDBOX_CONFIG: pointer }, undefined, { proxyOnly: true });
      fs.writeFileSync(pointer, JSON.stringify({ MEMBRANE_SANDBOX_LATENCY_MS: String(ms) }));
      box.calls.length = 0;
      return { box, client, counts, fast: () => fs.writeFileSync(pointer, '{}') };
    }

    it('a cancelled read rejects with CancelledError and leaves nothing cached; a later read loads again', async () => {
      const { box, client, counts, fast } = await slowHeroku(5000);
      const ac = new AbortController();
      const pending = client.listDynos('acme-api', { signal: ac.signal });
      // Abort once the CLI call is under way.
      await waitUntil(() => counts.requests > 0, 'the request to start');
      ac.abort();
      await assert.rejects(pending, CancelledError);
      assert.equal(client.cache.has('app:acme-api:dynos'), false);
      await waitUntil(() => box.calls.length > 0, 'the cancelled call to end');
      assert.equal(box.calls.at(-1)?.outcome, 'cancelled');
      if (mode === 'process') assert.equal(isAlive(box.calls.at(-1)?.pid ?? 0), false, 'its process is gone');
      fast();
      assert.ok((await client.listDynos('acme-api')).length > 0);
    });

    it('two views share one load: one giving up leaves the other its answer, with one CLI call', async () => {
      const { box, client } = await slowHeroku(300);
      const ac = new AbortController();
      const gaveUp = client.listDomains('acme-api', { signal: ac.signal });
      const stays = client.listDomains('acme-api');
      ac.abort();
      await assert.rejects(gaveUp, CancelledError);
      assert.ok((await stays).length > 0);
      assert.equal(box.calls.length, 1);
      assert.equal(box.calls[0]?.outcome, 'ok');
    });

    it('writes take a signal too: a restart cancelled after it was sent is stopped, told as "may have happened", and the dynos are read again', async () => {
      const { box, client, counts } = await slowHeroku(5000);
      const ac = new AbortController();
      const pending = client.restartAllDynos('acme-api', { signal: ac.signal });
      await waitUntil(() => counts.requests > 0, 'the request to start');
      ac.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof OutcomeUnknownError && e.reason === 'cancelled' && /may or may not have done "DELETE \/apps\/acme-api\/dynos"/.test(e.message));
      await waitUntil(() => box.calls.length > 0, 'the cancelled call to end');
      assert.equal(box.calls.at(-1)?.outcome, 'cancelled');
      assert.equal(client.cache.has('app:acme-api:dynos'), false);
    });

    it('a write cancelled before it was sent is a plain cancel: nothing reached the CLI', async () => {
      const { box, client, counts } = await slowHeroku(5000);
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(client.restartAllDynos('acme-api', { signal: ac.signal }), CancelledError);
      assert.equal(counts.requests, 0);
      assert.equal(box.calls.length, 0);
    });

    it('a cancel ends the 429 back-off wait at once, with no retry', async () => {
      const box = makeSandbox({ mode, knobs: { MEMBRANE_SANDBOX_HTTP_FAULT: '429@/dynos' } });
      boxes.push(box);
      await box.client.ensureConnection();
      const ac = new AbortController();
      // Retry-After is 2 s; the real wait is used, and the cancel comes as it starts.
      const client = new HerokuClient({ api: box.api, connectionId: CONNECTION_ID, onRateLimit: () => ac.abort() });
      await assert.rejects(client.listDynos('acme-api', { signal: ac.signal }), CancelledError);
      assert.equal(box.callLog().filter((c) => c.command === 'request').length, 1);
    });
  });

  if (rest) describe('Heroku layer: rate limits and two-factor', () => {
    it('backs off on 429, reports it, then gives up with RateLimitedError', async () => {
      const reports: number[] = [];
      const box = makeSandbox({ mode, knobs: { MEMBRANE_SANDBOX_HTTP_FAULT: '429@/dynos' } });
      boxes.push(box);
      await box.client.ensureConnection();
      const waits: number[] = [];
      const client = new HerokuClient({
        api: box.api,
        connectionId: CONNECTION_ID,
        backoffMs: 10,
        onRateLimit: (i) => reports.push(i.attempt),
        // Retry-After is honoured: record the waits instead of spending them.
        sleep: async (ms) => void waits.push(ms),
      });
      await assert.rejects(client.listDynos('acme-api'), RateLimitedError);
      assert.deepEqual(reports, [1, 2]);
      assert.equal(waits.length, 2);
      assert.ok(waits.every((ms) => ms >= 1000), `waits ${waits} follow Retry-After`);
      assert.equal(box.callLog().filter((c) => c.command === 'request').length, 3);
      assert.equal(client.rateLimitRemaining, 0);
      assert.ok((await client.listDomains('acme-api')).length > 0);
      assert.ok((client.rateLimitRemaining ?? 0) > 4000);
    });

    it('names a 403 two_factor', async () => {
      const { client } = await heroku({ MEMBRANE_SANDBOX_HTTP_FAULT: '403:two_factor@/config-vars' });
      await assert.rejects(client.getConfigVars('acme-api'), (e: unknown) => e instanceof ApiError && e.id === 'two_factor' && /two-factor authentication/.test(e.message));
    });
  });
}
