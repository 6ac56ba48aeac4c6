'use strict';
// MEMBRANE_SANDBOX_TEAMMATE: releases that appear as if a teammate deployed, before the next
// call is answered. Comma-separated `app[=email][*count]` (the app's name or id; the
// teammate's e-mail, default sam@acme.dev; how many deploys, default 1), e.g. `acme-web` or
// `acme-web=jo@acme.dev*3`. Each is a deploy by that user, not the account's: a new slug with
// a new commit, recorded as every release is (newRelease, releaseHistory.js's recordSlug).
// The knob's value marks the apps it released, so each entry releases once per value;
// another value (or the same after a world reset) releases again.

const crypto = require('node:crypto');
const { recordSlug } = require('./releaseHistory');

const DEFAULT_TEAMMATE = { id: 'a96188bc-485b-4adb-a694-8981ca76d05f', email: 'sam@acme.dev' };

function readSpec(spec) {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((one) => {
      const m = /^([^=*\s]+)(?:=([^*\s]+@[^*\s]+))?(?:\*(\d{1,2}))?$/.exec(one);
      if (!m) throw new Error(`MEMBRANE_SANDBOX_TEAMMATE: cannot read "${one}" (app[=email][*count])`);
      return { app: m[1], email: m[2], count: Math.max(1, Number(m[3] || 1)) };
    });
}

/** The teammate's user: the default one, or an id made from the e-mail given. */
function teammate(email) {
  if (!email || email === DEFAULT_TEAMMATE.email) return DEFAULT_TEAMMATE;
  const hex = crypto.createHash('sha1').update(`user:${email}`).digest('hex');
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`, email };
}

/** Makes the releases the knob asks for that were not made yet for this value. */
function teammateDue(store, spec, { newRelease, pendingLogs }) {
  if (!spec) return;
  const entries = readSpec(spec);
  const due = (w) =>
    entries.flatMap((e) => {
      const app = w.apps.find((a) => a.id === e.app || a.name === e.app);
      return app && app._teammateBy !== spec ? [{ app, email: e.email, count: e.count }] : [];
    });
  if (!due(store.readWorld()).length) return;
  store.updateWorld((w) => {
    for (const { app, email, count } of due(w)) {
      const user = teammate(email);
      for (let i = 0; i < count; i++) {
        const commit = crypto.createHash('sha1').update(`teammate:${spec}:${app.name}:${Date.now()}:${i}:${crypto.randomUUID()}`).digest('hex');
        const slug = recordSlug(w, app, { commit, description: `A teammate's change ${i + 1}` });
        pendingLogs.add(app.name, 'heroku', 'api', `Deploy ${commit.slice(0, 7)} by user ${user.email}`);
        newRelease(w, app, `Deploy ${commit.slice(0, 7)}`, { slug, user });
      }
      app._teammateBy = spec;
    }
  });
  pendingLogs.flush(store.home);
}

module.exports = { teammateDue, readSpec };
