// The client and the API transport against the sandbox (in-process or the real process), once per dialect.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiError,
  CommandFailedError,
  ConnectionNotReadyError,
  NotLoggedInError,
  RateLimitedError,
  checkIdentity,
  connectionState,
} from '../../src/membrane';
import { CONNECTION_ID, DIALECTS, makeSandbox, type TestSandbox, type SandboxMode } from '../helpers/sandbox';

/** The Membrane client's tests, against the sandbox in the given mode. */
export function clientSuite(mode: SandboxMode): void {
  for (const dialect of DIALECTS) {
    describe(`client under the ${dialect.name} dialect`, () => {
      const boxes: TestSandbox[] = [];
      const box = (knobs: Record<string, string> = {}) => {
        const b = makeSandbox({ mode, knobs: { ...dialect.knobs, ...knobs } });
        boxes.push(b);
        return b;
      };
      after(() => boxes.forEach((b) => b.dispose()));

      it('passes the identity check', async () => {
        const id = await checkIdentity(box().runner);
        assert.equal(id.version, '1.18.3');
      });

      it('logs in: URL, wrong code refused, right code accepted, then the probe says logged in', async () => {
        const b = box({ MEMBRANE_SANDBOX_LOGGED_OUT: '1' });
        await assert.rejects(b.client.listConnections(), NotLoggedInError);
        await assert.rejects(b.client.ensureConnection(), NotLoggedInError);
        const { url } = await b.client.startLogin();
        assert.match(url, /^https:\/\/console\.getmembrane\.com\/cli-auth\?client=vscode-tests&/);
        await assert.rejects(b.client.completeLogin('WRONG-CODE'), (e: unknown) => e instanceof CommandFailedError && /Invalid or expired/.test(e.message));
        await b.client.completeLogin('SANDBOX-1234');
        assert.ok((await b.client.listConnections()).length > 0, 'logged in: the connections are listed');
        const login = b.callLog().find((c) => c.command === 'login');
        assert.deepEqual(login?.argv.slice(0, 3), ['login', '--tenant', '--clientName=vscode-tests']);
        await b.client.logout();
        await assert.rejects(b.client.listConnections(), NotLoggedInError);
      });

      it('ensures a READY Heroku connection and lists connections', async () => {
        const b = box();
        const c = await b.client.ensureConnection();
        assert.equal(c.id, CONNECTION_ID);
        assert.equal(connectionState(c), 'READY');
        const list = await b.client.listConnections();
        assert.deepEqual(list.map((x) => x.name), ['Heroku', 'Slack']);
        assert.equal(b.callLog()[0]?.argv.at(-1), '--json');
      });

      it('lists actions by intent and runs one by key with JSON input', async () => {
        const b = box();
        await b.client.ensureConnection();
        const actions = await b.client.listActions({ connectionId: CONNECTION_ID, intent: 'list releases', limit: 3 });
        assert.equal(actions[0]?.key, 'list-releases');
        assert.ok(actions.length <= 3);
        assert.deepEqual(actions[0]?.inputSchema?.required, ['appIdOrName']);
        const run = await b.api.runAction(CONNECTION_ID, 'list-releases', { appIdOrName: 'acme-api' });
        const releases = run.output as Array<{ version: number }>;
        assert.equal(releases.length, 48);
        const byId = await b.api.runAction(CONNECTION_ID, actions[0]!.id, { appIdOrName: 'acme-api' });
        assert.equal((byId.output as unknown[]).length, 48);
      });

      it('sends proxy requests: GET with a query and Range header, PATCH with a body, path params', async () => {
        const b = box();
        await b.client.ensureConnection();
        const page = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps', headers: { Range: 'name ..; max=3' } });
        assert.deepEqual((page.body as Array<{ name: string }>).map((a) => a.name), ['acme-api', 'acme-api-pr-142', 'acme-api-staging']);
        if (page.enveloped) {
          assert.equal(page.status, 206);
          assert.equal(page.headers['next-range'], 'name ]acme-api-staging..; max=3');
        }
        const patched = await b.api.request(CONNECTION_ID, { method: 'PATCH', path: '/apps/{app}/config-vars', pathParams: { app: 'alex-playground' }, body: { NEW_KEY: 'v', GREETING: null } });
        assert.deepEqual(patched.body, { GO_ENV: 'development', NEW_KEY: 'v' });
        const world = b.world();
        const app = world.apps.find((a: { name: string }) => a.name === 'alex-playground');
        assert.deepEqual(world.configVars[app.id], { GO_ENV: 'development', NEW_KEY: 'v' });
        assert.equal(world.releases[app.id].at(-1).description, 'Set NEW_KEY config var; Remove GREETING config var');
        const q = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-api', query: { extended: 'true' } });
        assert.equal((q.body as { name: string }).name, 'acme-api');
      });

      it("reports Heroku's errors with status, id and message", async () => {
        const b = box();
        await b.client.ensureConnection();
        const structured = dialect.knobs.MEMBRANE_SANDBOX_ERROR_DIALECT !== 'text';
        await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/no-such-app' }), (e: unknown) => {
          assert.ok(e instanceof ApiError, String(e));
          assert.equal(e.status, 404);
          assert.equal(e.id, 'not_found');
          assert.equal(e.apiMessage, "Couldn't find that app.");
          assert.equal(e.source, 'heroku');
          return true;
        });
        const raw = await b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/no-such-app' }, { allowErrorStatus: true });
        assert.equal(raw.status, 404);
        // Text-only errors carry no structure: the message must still be Heroku's own.
        await assert.rejects(b.api.runAction(CONNECTION_ID, 'get-app', { appIdOrName: 'no-such-app' }), (e: unknown) =>
          structured ? e instanceof ApiError && e.id === 'not_found' && e.status === 404 : e instanceof CommandFailedError && /Couldn't find that app\./.test(e.message),
        );
        await assert.rejects(b.api.runAction(CONNECTION_ID, 'no-such-action', {}), (e: unknown) => (structured ? e instanceof ApiError : e instanceof CommandFailedError) && /not found/.test((e as Error).message));
      });

      it('reports rate limits and two-factor requirements', async () => {
        const b = box({ MEMBRANE_SANDBOX_HTTP_FAULT: '429@/releases,403:two_factor@^/apps/acme-web$' });
        await b.client.ensureConnection();
        await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-api/releases' }), RateLimitedError);
        await assert.rejects(b.api.runAction(CONNECTION_ID, 'list-releases', { appIdOrName: 'acme-api' }), RateLimitedError);
        await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps/acme-web' }), (e: unknown) => e instanceof ApiError && e.id === 'two_factor' && e.status === 403);
        await assert.rejects(b.api.runAction(CONNECTION_ID, 'get-app', { appIdOrName: 'acme-web' }), (e: unknown) => /Two-factor authentication is required/.test((e as Error).message));
      });

      it('refuses requests while the connection is not ready', async () => {
        const b = box({ MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'BUILDING,READY' });
        const c = await b.client.ensureConnection();
        assert.equal(connectionState(c), 'BUILDING');
        await assert.rejects(b.api.request(CONNECTION_ID, { method: 'GET', path: '/apps' }), ConnectionNotReadyError);
      });
    });
  }
}
