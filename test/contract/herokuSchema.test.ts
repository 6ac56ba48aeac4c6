// The official schema as the contract: our parsers read objects built from its field
// examples, and every resource the sandbox serves has exactly the official fields.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ZodMiniType } from 'zod/mini';
import * as S from '../../src/heroku/schemas';
import { parseWith } from '../../src/membrane/envelopes';
import { CONNECTION_ID, REPO, makeSandbox } from '../helpers/sandbox';

type Def = Record<string, unknown> & { $ref?: string; properties?: Record<string, Def>; items?: Def; example?: unknown; anyOf?: Def[]; oneOf?: Def[]; type?: string | string[] };
const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'schema', 'heroku-platform-api.json'), 'utf8'));

function resolve(d: Def): Def {
  let cur = d;
  for (let i = 0; cur.$ref && i < 20; i++) {
    cur = cur.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: Record<string, unknown>, k) => o[decodeURIComponent(k)] as Record<string, unknown>, schema) as Def;
  }
  return cur;
}

/** An instance of a definition built from the schema's `example`s. */
export function exampleOf(d: Def, depth = 0): unknown {
  const r = resolve(d);
  if (r.example !== undefined) return r.example;
  if (depth > 6) return null;
  if (r.properties) return Object.fromEntries(Object.entries(r.properties).map(([k, v]) => [k, exampleOf(v, depth + 1)]));
  const alt = r.anyOf ?? r.oneOf;
  if (alt?.[0]) return exampleOf(alt[0], depth + 1);
  if (r.items) return [exampleOf(r.items, depth + 1)];
  return null;
}

const RESOURCES: Array<[string, ZodMiniType<unknown>]> = [
  ['account', S.AccountSchema],
  ['app', S.AppSchema],
  ['release', S.ReleaseSchema],
  ['dyno', S.DynoSchema],
  ['formation', S.FormationSchema],
  ['add-on', S.AddonSchema],
  ['domain', S.DomainSchema],
  ['build', S.BuildSchema],
  ['collaborator', S.CollaboratorSchema],
  ['pipeline', S.PipelineSchema],
  ['pipeline-coupling', S.PipelineCouplingSchema],
  ['log-session', S.LogSessionSchema],
];

describe('official schema', () => {
  it('our parsers read an example of every resource', () => {
    for (const [name, zodSchema] of RESOURCES) {
      const example = exampleOf(schema.definitions[name]);
      assert.doesNotThrow(() => parseWith(`example ${name}`, zodSchema, example), name);
    }
  });

  it('every link of the resources we use is in the copy', () => {
    for (const name of ['app', 'release', 'dyno', 'formation', 'config-var', 'pipeline-coupling']) assert.ok(schema.definitions[name].links.length > 0, name);
    assert.ok(Object.keys(schema.definitions).length > 90);
  });

  it('the sandbox serves exactly the official fields of each resource', async () => {
    const box = makeSandbox();
    try {
      await box.client.ensureConnection();
      const get = async (p: string) => (await box.api.request(CONNECTION_ID, { method: 'GET', path: p })).body;
      const one = (x: unknown) => (Array.isArray(x) ? x[0] : x) as Record<string, unknown>;
      const served: Array<[string, Record<string, unknown>]> = [
        ['account', one(await get('/account'))],
        ['app', one(await get('/apps/acme-api'))],
        ['release', one(await get('/apps/acme-api/releases'))],
        ['dyno', one(await get('/apps/acme-api/dynos'))],
        ['formation', one(await get('/apps/acme-api/formation'))],
        ['add-on', one(await get('/apps/acme-api/addons'))],
        ['add-on-attachment', one(await get('/apps/acme-api/addon-attachments'))],
        ['domain', one(await get('/apps/acme-api/domains'))],
        ['build', one(await get('/apps/acme-api/builds'))],
        ['collaborator', one(await get('/apps/acme-api/collaborators'))],
        ['pipeline', one(await get('/pipelines'))],
        ['pipeline-coupling', one(await get('/pipeline-couplings'))],
      ];
      for (const [name, obj] of served) {
        const official = Object.keys(resolve(schema.definitions[name]).properties ?? {}).sort();
        assert.deepEqual(Object.keys(obj).sort(), official, name);
      }
    } finally {
      box.dispose();
    }
  });
});
