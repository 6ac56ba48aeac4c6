// The views follow the data: the Heroku layer's cache announces what it forgets, and the
// announcement names it in the views' terms (an app's kinds of data, account-wide lists).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ReadCache } from '../../src/heroku/cache';
import { cacheKey, changeOf, type DataChange } from '../../src/heroku/cacheKeys';

const kinds = (c: DataChange) => Object.fromEntries([...c.apps].map(([app, d]) => [app, d === 'all' ? 'all' : [...d].sort()]));

describe('what the cache forgets, announced', () => {
  it('every invalidation and clear is announced, whatever was cached; an empty one is not', () => {
    const cache = new ReadCache();
    const seen: unknown[] = [];
    const sub = cache.onDidForget((f) => seen.push(f));
    cache.invalidate(cacheKey.app('acme-api', 'dynos'));
    cache.invalidate();
    cache.clear();
    sub.dispose();
    cache.clear();
    assert.deepEqual(seen, [{ prefixes: ['app:acme-api:dynos'] }, { all: true }]);
  });

  it("keys read back as the views' data: kinds per app, all of an app, account lists, everything", () => {
    const c = changeOf({ prefixes: [cacheKey.app('acme-api', 'dynos'), cacheKey.app('acme-api', 'formation'), cacheKey.latestReleases('acme-api', 20), cacheKey.attachments('acme-web', 'a1'), cacheKey.app('old'), cacheKey.account('apps'), cacheKey.couplings('p1'), cacheKey.plans('s1')] });
    assert.equal(c.all, false);
    assert.deepEqual(kinds(c), { 'acme-api': ['dynos', 'formation', 'releases'], 'acme-web': ['addons'], old: 'all' });
    assert.deepEqual([...c.account].sort(), ['addonServices', 'apps', 'pipelines']);
    assert.equal(changeOf({ all: true }).all, true);
  });

  it('an app named like a kind of data or an account list is still an app', () => {
    const c = changeOf({ prefixes: [cacheKey.app('apps', 'dynos'), cacheKey.app('dynos')] });
    assert.deepEqual(kinds(c), { apps: ['dynos'], dynos: 'all' });
    assert.equal(c.account.size, 0);
  });
});
