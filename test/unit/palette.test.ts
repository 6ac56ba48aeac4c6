// The palette's pure parts: the endpoint catalogue covers the official schema, path
// templates fill and encode, every JSON-schema type maps to a prompt.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as I from '../../src/palette/core/inputs';
import { endpoints as readEndpoints } from '../../src/palette/core/endpoints';

const REPO = path.resolve(__dirname, '..', '..');
const endpoints = JSON.parse(fs.readFileSync(path.join(REPO, 'src', 'palette', 'core', 'endpoints.json'), 'utf8')) as Array<{ method: string; path: string; title: string; body?: unknown }>;
const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schema', 'heroku-platform-api.json'), 'utf8'));

describe('endpoint catalogue', () => {
  it('has every link of the official schema, with a readable path template', () => {
    const links = Object.values(schema.definitions as Record<string, { links?: Array<{ method: string; href: string }> }>).flatMap((d) => d.links ?? []);
    assert.equal(endpoints.length, links.length);
    for (const e of endpoints) assert.doesNotMatch(e.path, /%23|\(|definitions/, e.path);
    const has = (m: string, p: string) => endpoints.some((e) => e.method === m && e.path === p);
    assert.ok(has('GET', '/apps/{app}/releases'));
    assert.ok(has('DELETE', '/apps/{app}/dynos/{dyno}'));
    assert.ok(has('PATCH', '/apps/{app}/config-vars'));
    assert.ok(has('GET', '/pipelines/{pipeline_id}/pipeline-couplings'));
    const create = endpoints.find((e) => e.method === 'POST' && e.path === '/apps');
    assert.deepEqual(Object.keys(create?.body as object).sort(), ['feature_flags', 'name', 'region', 'stack']);
  });
  it('is data, read on first use from beside the module that reads it (dist/endpoints.json in the package)', () => {
    const first = readEndpoints();
    assert.deepEqual(first, endpoints);
    assert.equal(readEndpoints(), first, 'read once');
  });
  it('is what the generator makes from the schema copy (written to a temporary file, never the source)', () => {
    const committed = path.join(REPO, 'src', 'palette', 'core', 'endpoints.json');
    const mtime = fs.statSync(committed).mtimeMs;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endpoints-'));
    try {
      const fresh = path.join(dir, 'endpoints.json');
      execFileSync(process.execPath, [path.join(REPO, 'scripts', 'generate-endpoints.js'), '--out', fresh]);
      assert.equal(fs.readFileSync(fresh, 'utf8'), fs.readFileSync(committed, 'utf8'));
      assert.equal(fs.statSync(committed).mtimeMs, mtime, 'the committed catalogue was not touched');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('path templates', () => {
  it('fills and encodes parameters, and names the missing one', () => {
    assert.deepEqual(I.pathParams('/apps/{app}/dynos/{dyno}'), ['app', 'dyno']);
    assert.equal(I.fillPath('/apps/{app}/dynos/{dyno}', { app: 'my app', dyno: 'web.1' }), '/apps/my%20app/dynos/web.1');
    assert.equal(I.fillPath('/apps/{app}', { app: '../account?x=1#y' }), '/apps/..%2Faccount%3Fx%3D1%23y');
    assert.throws(() => I.fillPath('/apps/{app}', {}), /No value for \{app\}/);
  });
  it('reads query and header lines', () => {
    assert.deepEqual(I.parseQuery('a=1&b=two%20words'), { ok: true, query: { a: '1', b: 'two words' } });
    assert.equal(I.parseQuery('oops').ok, false);
    // The prompt's own example: the semicolon belongs to the Range value.
    assert.deepEqual(I.parseHeaders('Range: version ..; max=10, order=desc'), { ok: true, headers: { Range: 'version ..; max=10, order=desc' } });
    assert.deepEqual(I.parseHeaders('Range: id ..; max=5; Accept: application/json'), { ok: true, headers: { Range: 'id ..; max=5', Accept: 'application/json' } });
    assert.deepEqual(I.parseHeaders('Range: id ..\nX-Trace: 1'), { ok: true, headers: { Range: 'id ..', 'X-Trace': '1' } });
    assert.equal(I.parseHeaders('no colon here').ok, false);
    // A bare % is kept as typed instead of throwing URIError.
    assert.deepEqual(I.parseQuery('q=50%&r=a%20b'), { ok: true, query: { q: '50%', r: 'a b' } });
    assert.deepEqual(I.parseQuery('%=x'), { ok: true, query: { '%': 'x' } });
    assert.deepEqual(I.parseHeaders('Range: id ..\nX-Test: 1'), { ok: true, headers: { Range: 'id ..', 'X-Test': '1' } });
  });
});

describe('schema to prompts', () => {
  const schemaAll = {
    type: 'object',
    required: ['app', 'count'],
    properties: {
      note: { type: 'string', description: 'A note' },
      app: { type: 'string', description: 'App id or name' },
      count: { type: 'integer', default: 1 },
      ratio: { type: 'number' },
      force: { type: 'boolean' },
      size: { type: 'string', enum: ['Basic', 'Standard-1X'] },
      tags: { type: 'array', items: { type: 'string' } },
      meta: { type: 'object', properties: { a: { type: 'string' } } },
      anything: {},
    },
  };
  it('maps every JSON-schema type, required first', () => {
    const plan = I.promptPlan(schemaAll)!;
    assert.deepEqual(plan.map((f) => `${f.name}:${f.kind}${f.required ? '!' : ''}`), ['app:string!', 'count:integer!', 'note:string', 'ratio:number', 'force:boolean', 'size:enum', 'tags:json', 'meta:json', 'anything:json']);
    assert.equal(plan.find((f) => f.name === 'tags')?.jsonType, 'array');
    assert.equal(plan.find((f) => f.name === 'count')?.default, 1);
    assert.equal(I.promptPlan({ type: 'array', items: { type: 'string' } }), undefined, 'a non-object input goes to the JSON editor');
    assert.deepEqual(I.promptPlan(undefined), []);
  });
  it('validates answers per type', () => {
    const plan = I.promptPlan(schemaAll)!;
    const f = (n: string) => plan.find((x) => x.name === n)!;
    assert.deepEqual(I.readAnswer(f('count'), '3'), { ok: true, value: 3 });
    assert.equal(I.readAnswer(f('count'), '3.5').ok, false);
    assert.deepEqual(I.readAnswer(f('ratio'), '0.25'), { ok: true, value: 0.25 });
    assert.equal(I.readAnswer(f('ratio'), 'abc').ok, false);
    assert.deepEqual(I.readAnswer(f('force'), 'true'), { ok: true, value: true });
    assert.deepEqual(I.readAnswer(f('size'), 'Basic'), { ok: true, value: 'Basic' });
    assert.equal(I.readAnswer(f('size'), 'Huge').ok, false);
    assert.deepEqual(I.readAnswer(f('tags'), '["a","b"]'), { ok: true, value: ['a', 'b'] });
    assert.equal(I.readAnswer(f('tags'), '{"a":1}').ok, false);
    assert.equal(I.readAnswer(f('meta'), '[1]').ok, false);
    assert.equal(I.readAnswer(f('anything'), 'nope').ok, false);
  });
  it('builds a JSON skeleton', () => {
    assert.deepEqual(I.skeletonOf(schemaAll), { note: '', app: '', count: 1, ratio: 0, force: false, size: 'Basic', tags: [''], meta: { a: '' }, anything: null });
  });
});

describe("Run Action's question", () => {
  it('shows a value on one line as written: no line breaks, control or bidirectional characters, an emoji never cut in half', () => {
    assert.equal(I.summaryOf('acme\u202Egnp.exe\nrm'), 'acmegnp.exe rm');
    assert.equal(I.summaryOf({ a: '\u2066x\u2069' }), '{"a":"x"}');
    const long = `${'a'.repeat(76)}😀😀😀`;
    assert.equal(I.summaryOf(long), `${'a'.repeat(76)}…`);
  });
});

describe('a typed query', () => {
  it('keeps a name such as __proto__ as data', () => {
    const q = I.parseQuery('__proto__=x&constructor=y');
    assert.ok(q.ok);
    assert.deepEqual(Object.entries(q.query), [['__proto__', 'x'], ['constructor', 'y']]);
    assert.equal(Object.getPrototypeOf(q.query), Object.prototype);
  });
});
