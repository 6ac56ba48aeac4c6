'use strict';
// A Heroku Platform API v3 over the world file, in the official resource shapes
// (heroku-platform-api/schema.json). It behaves as Heroku does where the extension
// depends on it: paging, config-var releases and the 32 kB limit, rollbacks, dyno
// restarts and stops, formation scaling, maintenance, app-name validation, and the
// {id, message} error bodies. Fields starting with `_` are sandbox bookkeeping and
// never leave this module.

const crypto = require('node:crypto');
const { page } = require('./paging');
const { PendingLogs } = require('./logs');
const { createBuildStream, createLogSession, createOutputStream, ensureStreamServer, ensureStreamServerState } = require('./streamServer');
const fs = require('node:fs');
const nodePath = require('node:path');
const { blobOfUrl, createSource } = require('./sources');
const { compile, dueBuilds, markCancelled } = require('./builds');
const metrics = require('./metrics');
const { configAt, findSlug, recordSlug } = require('./releaseHistory');

/** The sandbox home and environment of the call being handled (a log session starts the stream server with them). */
let currentCall = { home: '', env: process.env, knobs: {} };

/** What the operations of the current call logged (written to the app logs after the world is saved). */
const pendingLogs = new PendingLogs();

const CONFIG_LIMIT_BYTES = 32 * 1024;
/** How long a restarted dyno stays `starting` (MEMBRANE_SANDBOX_RESTART_MS, read per call). */
let restartMs = 1500;
const RATE_LIMIT = 4500;

class HttpError extends Error {
  constructor(status, id, message, headers = {}) {
    super(message);
    this.status = status;
    this.id = id;
    this.headers = headers;
  }
}

const now = () => new Date().toISOString();
const uuid = () => crypto.randomUUID();

// Config-var maps are data, not resources: their keys (`_SECRET`, `__proto__`) are kept as they are.
const isConfigMap = new WeakSet();
function configMap(vars) {
  isConfigMap.add(vars);
  return vars;
}

/** Drop sandbox bookkeeping and resolve time-based dyno states. */
function present(x) {
  if (Array.isArray(x)) return x.map(present);
  if (!x || typeof x !== 'object' || isConfigMap.has(x)) return x;
  const out = {};
  for (const [k, v] of Object.entries(x)) if (!k.startsWith('_')) out[k] = v;
  if (x._startingUntil !== undefined) out.state = Date.now() >= x._startingUntil ? 'up' : 'starting';
  return out;
}

/** A dyno's state as Heroku would report it now. */
function stateOf(dyno) {
  if (dyno._startingUntil !== undefined) return Date.now() >= dyno._startingUntil ? 'up' : 'starting';
  return dyno.state;
}

function findApp(world, ident) {
  const app = world.apps.find((a) => a.id === ident || a.name === ident);
  if (!app) throw new HttpError(404, 'not_found', "Couldn't find that app.");
  return app;
}

function findIn(list, ident, fields, what) {
  const item = (list || []).find((x) => fields.some((f) => String(x[f]) === String(ident)));
  if (!item) throw new HttpError(404, 'not_found', `Couldn't find that ${what}.`);
  return item;
}

const appRef = (app) => ({ id: app.id, name: app.name });
const userRef = (world) => ({ id: world.account.id, email: world.account.email });

function listResponse(items, req, defaultField, sortable) {
  const p = page(items, req.headers.range, defaultField, sortable);
  if (p.error) throw new HttpError(400, 'bad_request', p.error);
  return { status: p.status, headers: p.headers, body: present(p.items) };
}

function configSize(vars) {
  return Object.entries(vars).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v ?? '')), 0);
}

function newRelease(world, app, description, extra = {}) {
  const releases = (world.releases[app.id] ||= []);
  const version = releases.reduce((m, r) => Math.max(m, r.version), 0) + 1;
  for (const r of releases) r.current = false;
  const prev = [...releases].reverse().find((r) => r.status === 'succeeded');
  const release = {
    addon_plan_names: prev ? prev.addon_plan_names : [],
    app: appRef(app),
    created_at: now(),
    description,
    id: uuid(),
    updated_at: now(),
    slug: prev ? prev.slug : null,
    status: 'succeeded',
    user: userRef(world),
    version,
    current: true,
    output_stream_url: null,
    _config: { ...(world.configVars[app.id] || {}) },
    ...extra,
  };
  releases.push(release);
  app.released_at = release.created_at;
  pendingLogs.add(app.name, 'heroku', 'api', `Release v${version} created by user ${release.user ? release.user.email : 'unknown'}`);
  restartDynos(world, app);
  return release;
}

function restartDynos(world, app, only) {
  for (const d of world.dynos[app.id] || []) {
    if (only && d !== only) continue;
    const was = stateOf(d);
    pendingLogs.add(app.name, 'heroku', d.name, 'Restarting');
    pendingLogs.add(app.name, 'heroku', d.name, `State changed from ${was} to starting`);
    if (d.command) pendingLogs.add(app.name, 'heroku', d.name, `Starting process with command \`${d.command}\``);
    d._startingUntil = Date.now() + restartMs;
    d.updated_at = now();
    d.created_at = now();
  }
}

/** What a release phase printed (a migration), as Heroku streams it. */
function releasePhaseOutput(release) {
  const lines = ['Running release command...', '', '> acme@1.0.0 migrate', '> node scripts/migrate.js', '', 'Applying migration 20261129_add_orders_index... done'];
  return release.status === 'failed'
    ? [...lines, 'Error: relation "orders" already exists', 'Release command failed (exit status 1)']
    : [...lines, 'Migrations up to date.', 'Waiting for release.... done.'];
}

function pluralVars(keys) {
  return `${keys.join(', ')} config var${keys.length === 1 ? '' : 's'}`;
}

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
/** The stacks builds can use (a world may list its own as `stacks`). */
const STACKS = [
  { id: 'ee582d3c-717d-4a57-ba5f-8b3a39f3a817', name: 'heroku-24', state: 'active', default: true },
  { id: '0d6e2d5c-2b04-4a30-9f0f-0a3b1f3c7b22', name: 'heroku-22', state: 'active', default: false },
];

function createApp(world, body, team) {
  const name = body.name ?? `sandbox-${crypto.randomBytes(4).toString('hex')}`;
  if (!APP_NAME.test(name)) {
    throw new HttpError(422, 'invalid_params', 'Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.');
  }
  if (name.length > 30) throw new HttpError(422, 'invalid_params', 'Name is too long (maximum is 30 characters)');
  if (world.apps.some((a) => a.name === name)) throw new HttpError(422, 'invalid_params', 'Name is already taken');
  const regionName = body.region ?? 'us';
  const region = (world.regions || []).find((r) => r.name === regionName || r.id === regionName);
  if (!region) throw new HttpError(422, 'invalid_params', `Couldn't find that region.`);
  const teamObj = team ? findIn(world.teams, team, ['id', 'name'], 'team') : null;
  const stack = { id: 'ee582d3c-717d-4a57-ba5f-8b3a39f3a817', name: body.stack ?? 'heroku-24' };
  const app = {
    acm: false,
    archived_at: null,
    buildpack_provided_description: null,
    build_stack: stack,
    created_at: now(),
    git_url: `https://git.heroku.com/${name}.git`,
    id: uuid(),
    internal_routing: null,
    maintenance: false,
    name,
    owner: teamObj ? { id: teamObj.id, email: `${teamObj.name}@herokumanager.com` } : userRef(world),
    organization: teamObj ? { id: teamObj.id, name: teamObj.name } : null,
    team: teamObj ? { id: teamObj.id, name: teamObj.name } : null,
    region: { id: region.id, name: region.name },
    released_at: null,
    repo_size: null,
    slug_size: null,
    space: null,
    stack,
    updated_at: now(),
    web_url: `https://${name}-${crypto.randomBytes(6).toString('hex')}.herokuapp.com/`,
  };
  world.apps.push(app);
  world.configVars[app.id] = {};
  world.releases[app.id] = [];
  newRelease(world, app, 'Initial release');
  world.dynos[app.id] = [];
  world.formation[app.id] = [];
  world.collaborators[app.id] = [];
  return app;
}

function scale(world, app, update) {
  const formation = (world.formation[app.id] ||= []);
  const type = update.type;
  let f = formation.find((x) => x.type === type || x.id === type);
  if (!f) throw new HttpError(404, 'not_found', `Couldn't find that formation.`);
  if (update.quantity !== undefined) {
    const q = Number(update.quantity);
    if (!Number.isInteger(q) || q < 0) throw new HttpError(422, 'invalid_params', 'Quantity must be a non-negative integer.');
    f.quantity = q;
  }
  if (update.size !== undefined) {
    if (!(world.dynoSizes || []).includes(update.size)) throw new HttpError(422, 'invalid_params', `Invalid size: ${update.size}.`);
    f.size = update.size;
  }
  f.updated_at = now();
  pendingLogs.add(app.name, 'heroku', 'api', `Scaled to ${f.type}@${f.quantity}:${f.size} by user ${world.account ? world.account.email : 'unknown'}`);
  // Bring the dynos of this type in line with the formation.
  const dynos = (world.dynos[app.id] ||= []);
  const ofType = dynos.filter((d) => d.type === f.type);
  for (const d of ofType) {
    if (d.size !== f.size) {
      d.size = f.size;
      d._startingUntil = Date.now() + restartMs;
    }
  }
  for (let i = ofType.length; i < f.quantity; i++) {
    const release = (world.releases[app.id] || []).find((r) => r.current);
    dynos.push({
      attach_url: null,
      command: f.command,
      created_at: now(),
      id: uuid(),
      name: `${f.type}.${i + 1}`,
      release: release ? { id: release.id, version: release.version } : null,
      app: appRef(app),
      size: f.size,
      state: 'starting',
      type: f.type,
      updated_at: now(),
      _startingUntil: Date.now() + restartMs,
    });
  }
  world.dynos[app.id] = dynos.filter((d) => d.type !== f.type || Number(d.name.split('.')[1]) <= f.quantity);
  return f;
}

// ---- routes ----------------------------------------------------------------------

const ROUTES = [];
function route(method, pattern, handler, mutates = method !== 'GET') {
  const re = new RegExp('^' + pattern.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)') + '/?$');
  ROUTES.push({ method, re, handler, mutates });
}

route('GET', '/account', (w) => w.account);
route('GET', '/apps', (w, r) => listResponse(w.apps, r, 'id', ['id', 'name', 'updated_at']));
route('GET', '/users/{user}/apps', (w, r) => listResponse(w.apps, r, 'id', ['id', 'name', 'updated_at']));
route('GET', '/teams/{team}/apps', (w, r, p) => {
  const team = findIn(w.teams, p.team, ['id', 'name'], 'team');
  return listResponse(w.apps.filter((a) => a.team && a.team.id === team.id), r, 'id', ['id', 'name', 'updated_at']);
});
route('POST', '/apps', (w, r) => ({ status: 201, body: createApp(w, r.body || {}, null) }));
route('POST', '/teams/apps', (w, r) => ({ status: 201, body: createApp(w, r.body || {}, (r.body || {}).team) }));
route('GET', '/apps/{app}', (w, r, p) => findApp(w, p.app));
route('GET', '/teams/apps/{app}', (w, r, p) => findApp(w, p.app));
route('PATCH', '/apps/{app}', (w, r, p) => {
  const app = findApp(w, p.app);
  const b = r.body || {};
  if (b.maintenance !== undefined) {
    if (typeof b.maintenance !== 'boolean') throw new HttpError(422, 'invalid_params', 'maintenance must be a boolean');
    app.maintenance = b.maintenance;
  }
  if (b.name !== undefined && b.name !== app.name) {
    if (!APP_NAME.test(b.name)) throw new HttpError(422, 'invalid_params', 'Name must start with a letter, end with a letter or digit and can only contain lowercase letters, digits, and dashes.');
    if (w.apps.some((a) => a.name === b.name)) throw new HttpError(422, 'invalid_params', 'Name is already taken');
    const oldName = app.name;
    app.name = b.name;
    app.git_url = `https://git.heroku.com/${b.name}.git`;
    // The herokuapp.com hostname follows the name; the old name now answers 404.
    app.web_url = app.web_url ? app.web_url.replace(`//${oldName}-`, `//${b.name}-`) : app.web_url;
    for (const d of w.domains[app.id] || []) if (d.kind === 'heroku') d.hostname = d.hostname.replace(new RegExp(`^${oldName}-`), `${b.name}-`);
    for (const list of [w.addons, w.attachments]) for (const x of list) for (const ref of [x.app, x.addon && x.addon.app, x.billing_entity]) if (ref && ref.id === app.id) ref.name = b.name;
  }
  if (b.build_stack !== undefined) {
    const stack = (w.stacks || STACKS).find((x) => x.name === b.build_stack || x.id === b.build_stack);
    if (!stack) throw new HttpError(422, 'invalid_params', `Couldn't find that stack: ${b.build_stack}. Available: ${(w.stacks || STACKS).map((x) => x.name).join(', ')}.`);
    app.build_stack = { id: stack.id, name: stack.name };
  }
  app.updated_at = now();
  return app;
});

route('GET', '/apps/{app}/config-vars', (w, r, p) => configMap(w.configVars[findApp(w, p.app).id] || {}));
route('PATCH', '/apps/{app}/config-vars', (w, r, p) => {
  const app = findApp(w, p.app);
  const b = r.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new HttpError(422, 'invalid_params', 'Config vars must be an object.');
  const vars = { ...(w.configVars[app.id] || {}) };
  const set = [];
  const removed = [];
  for (const [k, v] of Object.entries(b)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new HttpError(422, 'invalid_params', `Invalid config var name: ${k}`);
    if (v === null) {
      if (Object.prototype.hasOwnProperty.call(vars, k)) removed.push(k);
      delete vars[k];
    } else {
      if (!Object.prototype.hasOwnProperty.call(vars, k) || vars[k] !== String(v)) set.push(k);
      // defineProperty: `vars[k] =` would drop a key named __proto__ (valid on Heroku).
      Object.defineProperty(vars, k, { value: String(v), enumerable: true, writable: true, configurable: true });
    }
  }
  if (configSize(vars) > CONFIG_LIMIT_BYTES) {
    throw new HttpError(422, 'invalid_params', 'Config vars are limited to 32kb in total size. Please remove some config vars.');
  }
  w.configVars[app.id] = vars;
  if (set.length || removed.length) {
    const parts = [];
    if (set.length) parts.push(`Set ${pluralVars(set)}`);
    if (removed.length) parts.push(`Remove ${pluralVars(removed)}`);
    pendingLogs.add(app.name, 'heroku', 'api', `${parts.join('; ')} by user ${w.account ? w.account.email : 'unknown'}`);
    newRelease(w, app, parts.join('; '));
  }
  return configMap(vars);
});

/** A deploy ran the app's release phase (`release:` in its Procfile): it has output to stream. */
const hasReleasePhase = (release) => /^(Deploy|Promote)\b/.test(release.description || '');
/** Listed releases carry Heroku's form of the URL; reading one release again gives a usable one. */
const withOutputUrl = (release) => ({ ...release, output_stream_url: hasReleasePhase(release) ? `https://release-output.heroku.com/streams/${release.id}` : null });
route('GET', '/apps/{app}/releases', (w, r, p) => listResponse((w.releases[findApp(w, p.app).id] || []).map(withOutputUrl), r, 'version', ['id', 'version']));
route('GET', '/apps/{app}/releases/{release}', (w, r, p) => {
  const app = findApp(w, p.app);
  const release = findIn(w.releases[app.id], p.release, ['id', 'version'], 'release');
  if (!hasReleasePhase(release)) return { ...release, output_stream_url: null };
  return { ...release, output_stream_url: createOutputStream(currentCall.home, currentCall.env, app.name, releasePhaseOutput(release)) };
});
// The config vars as they were at that release (what a rollback to it restores).
route('GET', '/apps/{app}/releases/{release}/config-vars', (w, r, p) => {
  const list = w.releases[findApp(w, p.app).id];
  return configMap(configAt(list, findIn(list, p.release, ['id', 'version'], 'release')));
});
route('GET', '/apps/{app}/slugs/{slug}', (w, r, p) => {
  const slug = findSlug(w, findApp(w, p.app), p.slug);
  if (!slug) throw new HttpError(404, 'not_found', "Couldn't find that slug.");
  return slug;
});
route('POST', '/apps/{app}/releases', (w, r, p) => {
  const app = findApp(w, p.app);
  const b = r.body || {};
  if (!b.release) throw new HttpError(422, 'invalid_params', 'Rollback requires a release (id or version). Slug deploys are not supported by the sandbox.');
  const target = findIn(w.releases[app.id], b.release, ['id', 'version'], 'release');
  if (target.status !== 'succeeded') throw new HttpError(422, 'invalid_params', `Cannot roll back to v${target.version}: that release ${target.status}.`);
  // The code and config vars of that release; the add-ons stay as they are.
  w.configVars[app.id] = configAt(w.releases[app.id], target);
  const rel = newRelease(w, app, `Rollback to v${target.version}`, { slug: target.slug });
  return { status: 201, body: rel };
});

// Only the answer that created a one-off dyno carries its rendezvous address.
const withoutAttach = (d) => (d.attach_url ? { ...d, attach_url: null } : d);
route('GET', '/apps/{app}/dynos', (w, r, p) => listResponse((w.dynos[findApp(w, p.app).id] || []).map(withoutAttach), r, 'id', ['id', 'name']));
// One-off dynos (`heroku run`): attached ones get a rendezvous URL on the stream server's
// TLS port; detached ones run there by themselves, their output going to the app's log.
route('POST', '/apps/{app}/dynos', (w, r, p) => {
  const app = findApp(w, p.app);
  const b = r.body || {};
  if (typeof b.command !== 'string' || !b.command.trim()) throw new HttpError(422, 'invalid_params', 'command is required.');
  const size = b.size || 'Basic';
  if (!(w.dynoSizes || []).includes(size)) throw new HttpError(422, 'invalid_params', `Invalid size: ${size}.`);
  const knobs = currentCall.knobs;
  const dynos = (w.dynos[app.id] ||= []);
  const number = 1000 + Math.floor(Math.random() * 9000);
  const name = `run.${number}`;
  const secret = crypto.randomBytes(16).toString('hex');
  const state = ensureStreamServerState(currentCall.home, currentCall.env);
  const lastBuild = [...(w.builds[app.id] || [])].reverse().find((x) => x.status === 'succeeded' && x._files);
  const dir = nodePath.join(currentCall.home, 'rendezvous');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(nodePath.join(dir, `${secret}.json`), JSON.stringify({ app: app.name, dyno: name, command: b.command, detached: b.attach === false, config: w.configVars[app.id] || {}, files: lastBuild ? lastBuild._files : [] }));
  const shown = knobs.MEMBRANE_SANDBOX_RUN_WRONG_SECRET ? crypto.randomBytes(16).toString('hex') : secret;
  const release = (w.releases[app.id] || []).find((x) => x.current);
  const dyno = {
    attach_url: b.attach === false ? null : `rendezvous://127.0.0.1:${state.tlsPort}/${shown}`,
    command: b.command,
    created_at: now(),
    id: uuid(),
    name,
    release: release ? { id: release.id, version: release.version } : null,
    app: appRef(app),
    size,
    state: 'up',
    type: 'run',
    updated_at: now(),
    _session: secret,
  };
  dynos.push(dyno);
  pendingLogs.add(app.name, 'heroku', 'api', `Starting process with command \`${b.command}\` by user ${w.account.email}`);
  pendingLogs.add(app.name, 'heroku', name, `Starting process with command \`${b.command}\``);
  pendingLogs.add(app.name, 'heroku', name, 'State changed from starting to up');
  return { status: 201, body: dyno };
});

route('GET', '/apps/{app}/dynos/{dyno}', (w, r, p) => withoutAttach(findIn(w.dynos[findApp(w, p.app).id], p.dyno, ['id', 'name'], 'dyno')));
route('DELETE', '/apps/{app}/dynos', (w, r, p) => {
  const app = findApp(w, p.app);
  restartDynos(w, app);
  return { status: 202, body: {} };
});
route('DELETE', '/apps/{app}/dynos/{dyno}', (w, r, p) => {
  const app = findApp(w, p.app);
  restartDynos(w, app, findIn(w.dynos[app.id], p.dyno, ['id', 'name'], 'dyno'));
  return { status: 202, body: {} };
});
route('POST', '/apps/{app}/dynos/{dyno}/actions/stop', (w, r, p) => {
  const app = findApp(w, p.app);
  const d = findIn(w.dynos[app.id], p.dyno, ['id', 'name'], 'dyno');
  pendingLogs.add(app.name, 'heroku', d.name, 'Stopping all processes with SIGTERM');
  pendingLogs.add(app.name, 'heroku', d.name, `State changed from ${stateOf(d)} to down`);
  delete d._startingUntil;
  d.state = 'down';
  d.updated_at = now();
  return { status: 202, body: {} };
});

route('GET', '/apps/{app}/formation', (w, r, p) => listResponse(w.formation[findApp(w, p.app).id] || [], r, 'type', ['id', 'type']));
route('GET', '/apps/{app}/formation/{type}', (w, r, p) => findIn(w.formation[findApp(w, p.app).id], p.type, ['id', 'type'], 'formation'));
route('PATCH', '/apps/{app}/formation/{type}', (w, r, p) => scale(w, findApp(w, p.app), { ...(r.body || {}), type: p.type }));
route('PATCH', '/apps/{app}/formation', (w, r, p) => {
  const app = findApp(w, p.app);
  const updates = (r.body || {}).updates;
  if (!Array.isArray(updates)) throw new HttpError(422, 'invalid_params', 'updates must be an array');
  return updates.map((u) => scale(w, app, u));
});

route('GET', '/apps/{app}/addons', (w, r, p) => {
  const app = findApp(w, p.app);
  const attached = new Set(w.attachments.filter((a) => a.app.id === app.id).map((a) => a.addon.id));
  return listResponse(w.addons.filter((a) => a.app.id === app.id || attached.has(a.id)), r, 'id', ['id', 'name']);
});
route('GET', '/addons', (w, r) => listResponse(w.addons, r, 'id', ['id', 'name']));
route('GET', '/apps/{app}/addons/{addon}', (w, r, p) => findIn(w.addons, p.addon, ['id', 'name'], 'add-on'));
route('GET', '/addons/{addon}', (w, r, p) => findIn(w.addons, p.addon, ['id', 'name'], 'add-on'));
route('GET', '/apps/{app}/addon-attachments', (w, r, p) => {
  const app = findApp(w, p.app);
  return listResponse(w.attachments.filter((a) => a.app.id === app.id), r, 'id', ['id', 'name']);
});

route('GET', '/apps/{app}/domains', (w, r, p) => listResponse(w.domains[findApp(w, p.app).id] || [], r, 'id', ['id', 'hostname']));
route('GET', '/apps/{app}/domains/{domain}', (w, r, p) => findIn(w.domains[findApp(w, p.app).id], p.domain, ['id', 'hostname'], 'domain'));
route('GET', '/apps/{app}/builds', (w, r, p) => listResponse(w.builds[findApp(w, p.app).id] || [], r, 'created_at', ['id', 'created_at']));
// One build, read again: its output_stream_url is served by the sandbox's stream server
// (the list keeps Heroku's own form; a fresh read is how a client gets a usable URL).
route('GET', '/apps/{app}/builds/{build}', (w, r, p) => {
  const app = findApp(w, p.app);
  const build = findIn(w.builds[app.id], p.build, ['id'], 'build');
  return { ...build, output_stream_url: buildStreamUrl(app, build) };
});
/** A build made here streams its own output, timed from its start; a world's build prints a believable one. */
function buildStreamUrl(app, build) {
  if (!build._output) return createBuildStream(currentCall.home, currentCall.env, app.name, build);
  return createOutputStream(currentCall.home, currentCall.env, app.name, build._output, { buildId: build.id, startAt: build._startAt, durationMs: build._finishAt - build._startAt });
}

// Sources: pre-signed upload URLs on the stream server (sources.js).
route(
  'POST',
  '/sources',
  () => {
    const port = ensureStreamServer(currentCall.home, currentCall.env);
    return { status: 201, body: { source_blob: createSource(currentCall.home, port, Number(currentCall.knobs.MEMBRANE_SANDBOX_SOURCE_TTL_MS) || 3_600_000) } };
  },
  false,
);
// Deprecated in favour of /sources, and still served.
route('POST', '/apps/{app}/sources', (w, r, p) => {
  findApp(w, p.app);
  const port = ensureStreamServer(currentCall.home, currentCall.env);
  return { status: 201, body: { source_blob: createSource(currentCall.home, port, Number(currentCall.knobs.MEMBRANE_SANDBOX_SOURCE_TTL_MS) || 3_600_000) } };
}, false);

route('POST', '/apps/{app}/builds', (w, r, p) => {
  const app = findApp(w, p.app);
  const blob = (r.body || {}).source_blob || {};
  if (typeof blob.url !== 'string' || !blob.url) throw new HttpError(422, 'invalid_params', 'source_blob.url is required.');
  const releases = w.releases[app.id] || [];
  const stack = (app.build_stack && app.build_stack.name) || 'heroku-24';
  const result = compile({
    bytes: blobOfUrl(currentCall.home, blob.url),
    checksum: blob.checksum,
    stack,
    nextVersion: releases.reduce((m, x) => Math.max(m, x.version), 0) + 1,
    fail: Boolean(currentCall.knobs.MEMBRANE_SANDBOX_BUILD_FAIL),
    purged: Boolean(app._buildCachePurged),
  });
  delete app._buildCachePurged;
  const durationMs = Math.max(0, Number(currentCall.knobs.MEMBRANE_SANDBOX_DEPLOY_MS) || 0);
  const startAt = Date.now();
  const build = {
    app: { id: app.id },
    buildpacks: result.language ? [{ url: result.language.buildpack, name: result.language.buildpack }] : null,
    created_at: now(),
    id: uuid(),
    output_stream_url: null,
    release: null,
    slug: null,
    source_blob: { checksum: blob.checksum ?? null, url: blob.url, version: blob.version ?? null, version_description: blob.version_description ?? null },
    stack,
    status: 'pending',
    updated_at: now(),
    user: userRef(w),
    _output: result.lines,
    _outcome: result.outcome,
    _files: (result.entries || []).filter((e) => e.type !== 'directory').map((e) => e.path).slice(0, 200),
    _startAt: startAt,
    _finishAt: startAt + durationMs,
  };
  (w.builds[app.id] ||= []).push(build);
  pendingLogs.add(app.name, 'heroku', 'api', `Build started by user ${w.account.email}`);
  return { status: 201, body: { ...build, output_stream_url: buildStreamUrl(app, build) } };
});

// Cancel: Heroku answers this only with the cancel-build variant of its Accept header.
route('DELETE', '/apps/{app}/builds/{build}', (w, r, p) => {
  if (!/version=3\.cancel-build/.test(String(r.headers.accept || ''))) throw new HttpError(404, 'not_found', 'The requested API endpoint was not found. Cancelling a build needs Accept: application/vnd.heroku+json; version=3.cancel-build.');
  const app = findApp(w, p.app);
  const build = findIn(w.builds[app.id], p.build, ['id'], 'build');
  if (build.status !== 'pending') throw new HttpError(422, 'invalid_params', `This build has already ${build.status}.`);
  build.status = 'failed';
  build.updated_at = now();
  build._outcome = 'cancelled';
  markCancelled(currentCall.home, build.id);
  pendingLogs.add(app.name, 'heroku', 'api', `Build cancelled by user ${w.account.email}`);
  return build;
});
route('DELETE', '/apps/{app}/build-cache', (w, r, p) => {
  const app = findApp(w, p.app);
  app._buildCachePurged = true;
  return { status: 202, body: {} };
});
route('GET', '/apps/{app}/collaborators', (w, r, p) => listResponse(w.collaborators[findApp(w, p.app).id] || [], r, 'id', ['id', 'email']));
route('GET', '/apps/{app}/collaborators/{collab}', (w, r, p) => {
  const list = w.collaborators[findApp(w, p.app).id] || [];
  const c = list.find((x) => x.id === p.collab || x.user.email === p.collab);
  if (!c) throw new HttpError(404, 'not_found', "Couldn't find that collaborator.");
  return c;
});

route('GET', '/pipelines', (w, r) => listResponse(w.pipelines, r, 'id', ['id', 'name']));
route('GET', '/pipelines/{pipeline}', (w, r, p) => findIn(w.pipelines, p.pipeline, ['id', 'name'], 'pipeline'));
route('GET', '/pipeline-couplings', (w, r) => listResponse(w.pipelineCouplings, r, 'id', ['id']));
route('GET', '/users/{user}/pipeline-couplings', (w, r) => listResponse(w.pipelineCouplings, r, 'id', ['id']));
route('GET', '/pipelines/{pipeline}/pipeline-couplings', (w, r, p) => {
  const pl = findIn(w.pipelines, p.pipeline, ['id', 'name'], 'pipeline');
  return listResponse(w.pipelineCouplings.filter((c) => c.pipeline.id === pl.id), r, 'id', ['id']);
});
route('GET', '/apps/{app}/pipeline-couplings', (w, r, p) => {
  const app = findApp(w, p.app);
  const c = w.pipelineCouplings.find((x) => x.app.id === app.id);
  if (!c) throw new HttpError(404, 'not_found', "Couldn't find that pipeline coupling.");
  return c;
});

// The stream is served by the sandbox's stream server (streamServer.js), on loopback.
route(
  'POST',
  '/apps/{app}/log-sessions',
  (w, r, p) => {
    const app = findApp(w, p.app);
    const b = r.body || {};
    const url = createLogSession(currentCall.home, currentCall.env, app.name, { dyno: b.dyno, source: b.source, lines: b.lines, tail: b.tail });
    return { status: 201, body: { created_at: now(), id: uuid(), logplex_url: url, updated_at: now() } };
  },
  false,
);

/** Builds whose time is up end now, before the call is answered: a succeeded one makes its release. */
/** One-off dynos whose session ended (the stream server marks it): gone from the list. */
const endedRuns = (w, home) =>
  Object.values(w.dynos || {}).flat().filter((d) => d._session && fs.existsSync(nodePath.join(home, 'rendezvous', `${d._session}.ended`)));

function settleDue(store) {
  const snapshot = store.readWorld();
  if (!dueBuilds(snapshot).length && !pipelines.hasDue(snapshot) && !endedRuns(snapshot, store.home).length) return;
  store.updateWorld((w) => {
    const ended = new Set(endedRuns(w, store.home));
    if (ended.size) for (const id of Object.keys(w.dynos)) w.dynos[id] = w.dynos[id].filter((d) => !ended.has(d));
    pipelines.settlePromotions(w);
    for (const { appId, build } of dueBuilds(w)) {
      const app = w.apps.find((a) => a.id === appId);
      build.status = build._outcome === 'succeeded' ? 'succeeded' : 'failed';
      build.updated_at = now();
      if (!app || build.status !== 'succeeded') continue;
      const short = String(build.source_blob.version || build.id).slice(0, 7);
      pendingLogs.add(app.name, 'heroku', 'api', `Deploy ${short} by user ${w.account.email}`);
      build.slug = recordSlug(w, app, { commit: build.source_blob.version || null, description: build.source_blob.version_description || null });
      const release = newRelease(w, app, `Deploy ${short}`, { slug: build.slug });
      build.release = { id: release.id };
      app.slug_size = 40 * 1024 * 1024;
    }
  });
  pendingLogs.flush(store.home);
}

/**
 * MEMBRANE_SANDBOX_CRASH: `app/dyno` pairs (app name or id; a dyno name, or a process type
 * for each of its dynos), comma-separated. Each named dyno crashes once, before the call is
 * answered, as Heroku reports a crash: its state `crashed`, and the exit and the state
 * change in its log. The knob's value marks the dynos it crashed, so a restart brings one
 * up for good; another value (or the same after a world reset) crashes again.
 */
function crashDue(store, spec) {
  if (!spec) return;
  const pairs = spec.split(',').map((s) => s.trim()).filter(Boolean).map((one) => {
    const m = /^([^/]+)\/([^/]+)$/.exec(one);
    if (!m) throw new Error(`MEMBRANE_SANDBOX_CRASH: cannot read "${one}" (app/dyno)`);
    return { app: m[1], dyno: m[2] };
  });
  const due = (w) =>
    pairs.flatMap((p) => {
      const app = w.apps.find((a) => a.id === p.app || a.name === p.app);
      const dynos = app ? w.dynos[app.id] || [] : [];
      return dynos.filter((d) => (d.name === p.dyno || d.type === p.dyno) && d._crashedBy !== spec).map((d) => ({ app, d }));
    });
  if (!due(store.readWorld()).length) return;
  store.updateWorld((w) => {
    for (const { app, d } of due(w)) {
      const was = stateOf(d);
      pendingLogs.add(app.name, 'app', d.name, 'Error: boom (a sandbox crash)');
      pendingLogs.add(app.name, 'heroku', d.name, 'Process exited with status 1');
      pendingLogs.add(app.name, 'heroku', d.name, `State changed from ${was} to crashed`);
      delete d._startingUntil;
      d.state = 'crashed';
      d._crashedBy = spec;
      d.updated_at = now();
    }
  });
  pendingLogs.flush(store.home);
}

const { teammateDue } = require('./teammate');

// Add-ons, domains, ACM and collaborators (resourceRoutes.js).
require('./resourceRoutes').register({ route, HttpError, findApp, findIn, newRelease, pendingLogs, now, uuid, listResponse, configMap });

/** An app and everything that is its own: add-ons it owns (detached from other apps), domains, couplings, review apps. */
function deleteApp(w, app) {
  for (const addon of w.addons.filter((a) => a.app.id === app.id)) {
    for (const att of w.attachments.filter((a) => a.addon.id === addon.id && a.app.id !== app.id)) delete (w.configVars[att.app.id] || {})[`${att.name}_URL`];
  }
  const owned = new Set(w.addons.filter((a) => a.app.id === app.id).map((a) => a.id));
  w.addons = w.addons.filter((a) => !owned.has(a.id));
  w.attachments = w.attachments.filter((a) => !owned.has(a.addon.id) && a.app.id !== app.id);
  for (const k of ['configVars', 'releases', 'dynos', 'formation', 'domains', 'builds', 'collaborators', 'slugs']) if (w[k]) delete w[k][app.id];
  w.pipelineCouplings = w.pipelineCouplings.filter((c) => c.app.id !== app.id);
  w.apps = w.apps.filter((a) => a.id !== app.id);
}
route('DELETE', '/apps/{app}', (w, r, p) => {
  const app = findApp(w, p.app);
  deleteApp(w, app);
  return app;
});

route('GET', '/dyno-sizes', (w, r) => listResponse((w.dynoSizes || []).map((name) => ({ id: name.toLowerCase(), name })), r, 'id', ['id', 'name']));
route('GET', '/stacks', (w, r) => listResponse((w.stacks || STACKS).map((x) => ({ ...x, created_at: '2022-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' })), r, 'id', ['id', 'name']));

// Buildpacks, in order: a registry name (`heroku/nodejs`) or an https URL each.
const BUILDPACK = /^([a-z0-9-]+\/[a-z0-9-]+|https:\/\/\S+)$/;
route('GET', '/apps/{app}/buildpack-installations', (w, r, p) => {
  const app = findApp(w, p.app);
  return (app._buildpacks || []).map((b, i) => ({ ordinal: i, buildpack: { url: b, name: b } }));
});
route('PUT', '/apps/{app}/buildpack-installations', (w, r, p) => {
  const app = findApp(w, p.app);
  const updates = (r.body || {}).updates;
  if (!Array.isArray(updates)) throw new HttpError(422, 'invalid_params', 'updates must be an array.');
  const list = updates.map((u) => String((u && u.buildpack) || ''));
  const bad = list.find((b) => !BUILDPACK.test(b));
  if (bad !== undefined) throw new HttpError(422, 'invalid_params', `${bad || 'An empty name'} is not a buildpack: use a registry name (heroku/nodejs) or an https URL.`);
  if (new Set(list).size !== list.length) throw new HttpError(422, 'invalid_params', 'A buildpack can be installed only once.');
  app._buildpacks = list;
  app.updated_at = now();
  return list.map((b, i) => ({ ordinal: i, buildpack: { url: b, name: b } }));
});

// Promotions and review apps (pipelineRoutes.js).
const pipelines = require('./pipelineRoutes').register({ route, HttpError, findApp, findIn, newRelease, pendingLogs, now, uuid, listResponse, knobs: () => currentCall.knobs, deleteApp });

// ---- entry -----------------------------------------------------------------------

/** `STATUS[:ID][@regex]`, e.g. `429`, `404@/releases`, `403:two_factor@^/apps/acme-api$`. */
function injectedFault(spec, method, path) {
  if (!spec) return undefined;
  for (const one of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = one.match(/^(\d{3})(?::([a-z_]+))?(?:@(.*))?$/);
    if (!m) throw new Error(`MEMBRANE_SANDBOX_HTTP_FAULT: cannot read "${one}"`);
    if (m[3] && !new RegExp(m[3]).test(`${path}`) && !new RegExp(m[3]).test(`${method} ${path}`)) continue;
    const status = Number(m[1]);
    const id = m[2] || { 404: 'not_found', 422: 'invalid_params', 429: 'rate_limit', 403: 'forbidden', 500: 'internal_server_error', 503: 'unavailable' }[status] || 'error';
    const message = {
      two_factor: 'Two-factor authentication is required for this request.',
      rate_limit: 'Your account reached the API rate limit\nPlease wait a few minutes before making new requests',
      not_found: "Couldn't find that app.",
      unavailable: 'API is temporarily unavailable.',
      internal_server_error: 'Internal server error.',
      forbidden: 'You do not have access to this app: ask its owner or a team admin for the needed permission.',
    }[id] || `Sandbox fault ${status}.`;
    const headers = status === 429 ? { 'ratelimit-remaining': '0', 'retry-after': '2' } : {};
    return new HttpError(status, id, message, headers);
  }
  return undefined;
}

/**
 * Answer one request. `store` gives the world: reads use a snapshot, mutations run
 * under the world lock. Returns {status, headers, body}.
 */
function handle(store, req, knobs, callNumber, env = process.env) {
  restartMs = Number(knobs.MEMBRANE_SANDBOX_RESTART_MS) || 0;
  currentCall = { home: store.home, env, knobs };
  const method = req.method.toUpperCase();
  // Heroku's metrics hosts, by full URL (the only other hosts the sandbox answers).
  if (metrics.metricsUrl(req.path)) return metrics.handle(store.readWorld(), { ...req, method }, knobs);
  let path = req.path.replace(/^https?:\/\/api\.heroku\.com/, '');
  for (const [k, v] of Object.entries(req.pathParams || {})) path = path.split(`{${k}}`).join(encodeURIComponent(v));
  path = path.split('?')[0];
  const headers = {
    'content-type': 'application/json',
    'ratelimit-remaining': String(Math.max(0, RATE_LIMIT - (callNumber % RATE_LIMIT))),
    'request-id': uuid(),
  };
  try {
    let fault = injectedFault(knobs.MEMBRANE_SANDBOX_HTTP_FAULT, method, path);
    // A two-factor demand is met by the code Heroku's CLI sends back (the sandbox's is 123456).
    const code = lower(req.headers)['heroku-two-factor-code'];
    if (fault && fault.id === 'two_factor' && code) fault = code === '123456' ? undefined : new HttpError(403, 'two_factor', 'Invalid two-factor code.');
    if (fault) throw fault;
    settleDue(store);
    crashDue(store, knobs.MEMBRANE_SANDBOX_CRASH);
    teammateDue(store, knobs.MEMBRANE_SANDBOX_TEAMMATE, { newRelease, pendingLogs });
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const m = r.re.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(Object.entries(m.groups || {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      const run = (world) => {
        const out = r.handler(world, { ...req, headers: lower(req.headers) }, params);
        return out && out.status !== undefined && 'body' in out ? out : { status: 200, body: out };
      };
      const res = r.mutates ? store.updateWorld(run) : run(store.readWorld());
      pendingLogs.flush(store.home);
      return { status: res.status, headers: { ...headers, ...(res.headers || {}) }, body: metrics.withFirGeneration(present(res.body), knobs) };
    }
    throw new HttpError(404, 'not_found', `The requested API endpoint was not found. Are you using the right HTTP verb (${method} ${path})?`);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return { status: e.status, headers: { ...headers, ...e.headers }, body: { id: e.id, message: e.message } };
  }
}

function lower(h) {
  return Object.fromEntries(Object.entries(h || {}).map(([k, v]) => [k.toLowerCase(), v]));
}

module.exports = { handle, HttpError, CONFIG_LIMIT_BYTES, APP_NAME };
