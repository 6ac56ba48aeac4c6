// Comparing two apps: the sections line up, each kind of difference is counted and
// marked, and no value appears unless revealed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commitOf, compareApps, deployOf, type AppSnapshot } from '../../src/pipelines/core/compare';
import { nextStage } from '../../src/pipelines/core/stages';

const rel = (version: number, description: string, current = false) => ({ id: `r${version}`, version, description, current, status: 'succeeded' }) as AppSnapshot['releases'][number];
const a: AppSnapshot = {
  name: 'shop-staging',
  releases: [rel(5, 'Deploy bbbbbbb', true), rel(4, 'Deploy aaaaaaa')],
  config: { SAME: 'same-value-123', DIFF: 'staging-value-1', ONLY_A: 'secret-a-456' },
  addons: [{ id: '1', name: 'pg', addon_service: { id: 's', name: 'heroku-postgresql' }, plan: { id: 'p', name: 'heroku-postgresql:essential-0' } }],
  formation: [{ id: 'f', type: 'web', quantity: 1, size: 'Basic' }],
};
const b: AppSnapshot = {
  name: 'shop',
  releases: [rel(9, 'Set X config var', true), rel(8, 'Deploy aaaaaaa')],
  config: { SAME: 'same-value-123', DIFF: 'production-value-2', ONLY_B: 'secret-b-789' },
  addons: [{ id: '2', name: 'pg2', addon_service: { id: 's', name: 'heroku-postgresql' }, plan: { id: 'q', name: 'heroku-postgresql:standard-0' } }],
  formation: [{ id: 'g', type: 'web', quantity: 2, size: 'Standard-2X' }],
};

describe('compare apps', () => {
  it('counts every kind of difference in a summary both sides share', () => {
    const c = compareApps(a, b);
    assert.deepEqual(c.summary.slice(1), [
      '# Releases: shop lacks 1 deploy of shop-staging; shop-staging lacks 0 deploys of shop.',
      '# Config vars: 1 key only on shop-staging, 1 key only on shop, 1 with different values, 1 the same. Values masked (Reveal Values shows them).',
      '# Add-ons: 1 service differ (heroku-postgresql). Formation: web differ.',
    ]);
    assert.ok(c.left.startsWith(c.summary.join('\n')) && c.right.startsWith(c.summary.join('\n')));
  });

  it('masks values, marking a difference on both sides with different text; reveal shows them', () => {
    const c = compareApps(a, b);
    for (const v of ['same-value-123', 'staging-value-1', 'production-value-2', 'secret-a-456', 'secret-b-789']) assert.ok(!c.left.includes(v) && !c.right.includes(v), v);
    assert.match(c.left, /^DIFF = ‹masked · differs: shop-staging's value›$/m);
    assert.match(c.right, /^DIFF = ‹masked · differs: shop's value›$/m);
    assert.match(c.left, /^SAME = ‹masked · same on both›$/m);
    assert.match(c.left, /^ONLY_A = ‹masked›$/m);
    assert.doesNotMatch(c.right, /ONLY_A/);
    const r = compareApps(a, b, true);
    assert.match(r.left, /^DIFF = "staging-value-1"$/m);
    assert.match(r.right, /^ONLY_B = "secret-b-789"$/m);
  });

  it('the current release and the code it runs; the deploys the other lacks', () => {
    const c = compareApps(a, b);
    assert.match(c.right, /== Current release ==\nv9 · Set X config var\ncode: commit aaaaaaa \(deployed in v8\)/);
    assert.match(c.left, /== Deploys shop lacks ==\nv5 · Deploy bbbbbbb\n/);
    assert.match(c.right, /== Deploys shop-staging lacks ==\n\(none\)/);
    assert.equal(commitOf({ description: 'Deploy 1234abc' }), '1234abc');
    assert.equal(commitOf({ description: 'Rollback to v3' }), undefined);
    // A deploy newer than the current release (pending, or not released) is not the running code.
    const withPending = [rel(10, 'Deploy ccccccc'), ...b.releases];
    assert.equal(deployOf(withPending, withPending.find((r) => r.version === 9))?.version, 8);
  });
  it('keys named like Object.prototype members are data: only on one side, revealed as their values', () => {
    // JSON.parse, as Heroku's answer is read: `__proto__` becomes an own key too.
    const staging = { ...a, config: JSON.parse('{"constructor":"c-1","toString":"t-1","__proto__":"p-1","hasOwnProperty":"h-1"}') as Record<string, string> };
    const production = { ...b, config: JSON.parse('{"hasOwnProperty":"h-2"}') as Record<string, string> };
    const c = compareApps(staging, production);
    assert.match(c.summary[2] ?? '', /3 keys only on shop-staging, 0 keys only on shop, 1 with different values, 0 the same/);
    for (const k of ['constructor', 'toString', '__proto__']) {
      assert.match(c.left, new RegExp(`^${k} = ‹masked›$`, 'm'));
      assert.doesNotMatch(c.right, new RegExp(`^${k} =`, 'm'));
    }
    const r = compareApps(staging, production, true);
    assert.match(r.left, /^constructor = "c-1"$/m);
    assert.match(r.left, /^toString = "t-1"$/m);
    assert.match(r.left, /^__proto__ = "p-1"$/m);
    assert.match(r.right, /^hasOwnProperty = "h-2"$/m);
    assert.doesNotMatch(r.left + r.right, /undefined/);
  });

  it('where a stage promotes to: a stage Heroku names is data, never an Object.prototype member', () => {
    assert.equal(nextStage('development'), 'staging');
    assert.equal(nextStage('staging'), 'production');
    for (const stage of ['production', 'review', 'constructor', 'toString', '__proto__']) assert.equal(nextStage(stage), undefined, stage);
  });
});
