'use strict';
// What each release was made of, as Heroku keeps it: its slug (the code, with the commit
// it was built from) and its config vars. The world records them as they happen
// (heroku.js's newRelease: a config change, a deploy, a promotion, a rollback, an add-on),
// and the generator writes a history whose every step does what its description says.
//
// A release's config is a full snapshot (`_config`, what newRelease writes) or, in
// generated histories, the change the release made (`_configDelta`: key → new value,
// `null` removed), so a long history of a large config stays small in the world file.
// Slugs are `world.slugs[appId]`, in Heroku's shape; a promotion copies one to its target
// (the same slug id on two apps is the same code).

const crypto = require('node:crypto');

const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
// defineProperty: `o[k] =` would drop a key named __proto__ (a valid config var on Heroku).
const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

function copyConfig(vars) {
  const out = {};
  for (const k of Object.keys(vars || {})) put(out, k, vars[k]);
  return out;
}

/** The config vars as they were at `release`: the nearest snapshot at or before it, with the later changes applied. */
function configAt(releases, release) {
  const before = (releases || []).filter((r) => r.version <= release.version).sort((a, b) => b.version - a.version);
  const changes = [];
  let base = {};
  for (const r of before) {
    if (r._config) {
      base = r._config;
      break;
    }
    if (r._configDelta) changes.push(r._configDelta);
  }
  const config = copyConfig(base);
  for (const delta of changes.reverse()) {
    for (const k of Object.keys(delta)) {
      if (delta[k] === null) delete config[k];
      else put(config, k, delta[k]);
    }
  }
  return config;
}

/** A new slug of an app, built from `commit` (null when the source had none, as Heroku records it). */
function recordSlug(world, app, { commit = null, description = null, id = crypto.randomUUID(), at = new Date().toISOString() } = {}) {
  const slug = {
    id,
    commit,
    commit_description: description,
    buildpack_provided_description: app.buildpack_provided_description || null,
    checksum: `SHA256:${crypto.createHash('sha256').update(id).digest('hex')}`,
    process_types: {},
    size: app.slug_size || null,
    stack: app.stack ? { id: app.stack.id, name: app.stack.name } : null,
    created_at: at,
    updated_at: at,
  };
  ((world.slugs ||= {})[app.id] ||= []).push(slug);
  return { id: slug.id };
}

/** The slug `id` of an app (its own, or one a promotion brought), or undefined. */
function findSlug(world, app, id) {
  return ((world.slugs || {})[app.id] || []).find((s) => s.id === id);
}

/** A promotion: the target app can read the source's slug from now on. */
function shareSlug(world, from, to, id) {
  const slug = findSlug(world, from, id);
  if (slug && !findSlug(world, to, id)) ((world.slugs ||= {})[to.id] ||= []).push({ ...slug });
}

/** The plans of the add-ons attached to an app, as a release records them. */
function addonPlanNames(world, app) {
  const attached = new Set((world.attachments || []).filter((a) => a.app.id === app.id).map((a) => a.addon.id));
  return [...new Set((world.addons || []).filter((a) => attached.has(a.id)).map((a) => a.plan.name))];
}

const COMMIT_MESSAGES = ['Fix login redirect', 'Bump dependencies', 'Add checkout v2 behind a flag', 'Speed up the search index', 'Handle empty carts', 'Log slow queries', 'Retry webhooks with back-off', 'Upgrade Node.js to 22'];

/**
 * Slugs and config for a generated app's releases (oldest first), from `config` (the
 * app's config now) back to its first release: a deploy brings a new slug with the
 * commit of its description; a config release sets or removes what its description
 * says (a generated one is given a description that names its real change); the first
 * release has no slug; the others keep the code of the release before them that succeeded.
 */
function generateHistory(world, app, releases, config, hex) {
  let slug = null;
  for (const r of releases) {
    const deploy = /^Deploy ([0-9a-f]{7})$/.exec(r.description);
    if (deploy) {
      const commit = deploy[1] + hex(`commit:${app.name}:${r.version}`).slice(0, 33);
      r.slug = recordSlug(world, app, { id: r.slug.id, commit, description: COMMIT_MESSAGES[r.version % COMMIT_MESSAGES.length], at: r.created_at });
    } else r.slug = slug;
    if (r.status === 'succeeded') slug = r.slug;
  }
  // Backwards from today's config: each config release's change is undone to find the one before it.
  const now = copyConfig(config);
  for (const r of [...releases].reverse()) {
    if (r.version === 1) {
      r._config = copyConfig(now);
      break;
    }
    const named = /^Set (\S+) config var$/.exec(r.description);
    if (named && own(now, named[1])) {
      r._configDelta = { [named[1]]: now[named[1]] };
      put(now, named[1], olderValue(now[named[1]], hex(`old:${app.name}:${r.version}`)));
    } else if (r._generatedConfig) {
      const keys = Object.keys(now).sort();
      if (keys.length) {
        const key = keys[(r.version / 3) % keys.length | 0];
        r.description = `Set ${key} config var`;
        r._configDelta = { [key]: now[key] };
        // Every other one added the key; the rest changed its value.
        if ((r.version / 3) % 2 === 1) delete now[key];
        else put(now, key, olderValue(now[key], hex(`old:${app.name}:${r.version}`)));
      } else {
        const key = `FEATURE_${r.version}`;
        r.description = `Remove ${key} config var`;
        r._configDelta = { [key]: null };
        put(now, key, 'on');
      }
    }
  }
  for (const r of releases) delete r._generatedConfig;
}

/** Another plausible value: a flag flipped, a number moved, else the end of the value replaced. */
function olderValue(value, noise) {
  if (value === 'true' || value === 'false') return value === 'true' ? 'false' : 'true';
  if (/^\d+$/.test(value)) return String(Math.max(1, Number(value) - 1));
  return value.slice(0, Math.max(0, value.length - 6)) + noise.slice(0, 6);
}

module.exports = { configAt, recordSlug, findSlug, shareSlug, addonPlanNames, generateHistory };
