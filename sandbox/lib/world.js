'use strict';
// Builds sandbox worlds in the official Heroku API shapes: the default one (a small
// company's account) and large ones for scale tests. Deterministic: a seeded PRNG and
// timestamps counted back from a fixed date, so generated files are reproducible.

const crypto = require('node:crypto');
const { addonPlanNames, generateHistory } = require('./releaseHistory');

const EPOCH = Date.parse('2026-11-27T12:00:00Z');

/** mulberry32: a small seeded PRNG (worlds and generated test data repeat exactly). */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prefixed to every label while another account is built, so its ids differ from the first's. */
let idSalt = '';

/** A UUID derived from a label: stable across runs. */
function id(label) {
  const h = crypto.createHash('sha1').update(idSalt + String(label)).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ago = (minutes) => new Date(EPOCH - minutes * 60_000).toISOString();

const REGIONS = [
  { id: '59accabd-516d-4f0e-83e6-6e3757701145', name: 'us' },
  { id: 'ed30241c-ed8c-4bb6-9714-61953675d0b4', name: 'eu' },
];
const STACK = { id: 'ee582d3c-717d-4a57-ba5f-8b3a39f3a817', name: 'heroku-24' };
const STACK_22 = { id: 'ae20c2b9-54c0-4e86-8bd7-1bd2b94bbf4f', name: 'heroku-22' };
const SIZES = ['Eco', 'Basic', 'Standard-1X', 'Standard-2X', 'Performance-M', 'Performance-L'];

function emptyWorld() {
  const account = {
    allow_tracking: true,
    beta: false,
    created_at: '2019-03-01T10:00:00Z',
    email: 'alex@acme.dev',
    federated: false,
    id: id('account'),
    identity_provider: null,
    last_login: ago(90),
    name: 'Alex Rivera',
    sms_number: null,
    suspended_at: null,
    delinquent_at: null,
    two_factor_authentication: true,
    updated_at: ago(600),
    verified: true,
    country_of_residence: 'United States',
    default_organization: null,
    default_team: null,
  };
  return {
    account,
    regions: REGIONS,
    dynoSizes: SIZES,
    teams: [
      { id: id('team:acme'), name: 'acme' },
      { id: id('team:acme-labs'), name: 'acme-labs' },
    ],
    apps: [],
    configVars: {},
    releases: {},
    slugs: {},
    dynos: {},
    formation: {},
    addons: [],
    attachments: [],
    domains: {},
    builds: {},
    collaborators: {},
    pipelines: [],
    pipelineCouplings: [],
  };
}

function addApp(w, spec) {
  const team = spec.team ? w.teams.find((t) => t.name === spec.team) : null;
  const region = REGIONS.find((r) => r.name === (spec.region || 'us'));
  const appId = id(`app:${spec.name}`);
  const app = {
    acm: Boolean(spec.acm),
    archived_at: null,
    buildpack_provided_description: spec.lang || 'Node.js',
    build_stack: spec.stack === 'heroku-22' ? STACK_22 : STACK,
    created_at: ago(spec.ageMinutes || 525600),
    git_url: `https://git.heroku.com/${spec.name}.git`,
    id: appId,
    internal_routing: null,
    maintenance: Boolean(spec.maintenance),
    name: spec.name,
    owner: team ? { id: team.id, email: `${team.name}@herokumanager.com` } : { id: w.account.id, email: w.account.email },
    organization: team ? { id: team.id, name: team.name } : null,
    team: team ? { id: team.id, name: team.name } : null,
    region,
    released_at: null,
    repo_size: null,
    slug_size: spec.slugSize ?? 52428800,
    space: null,
    stack: spec.stack === 'heroku-22' ? STACK_22 : STACK,
    updated_at: ago(30),
    web_url: `https://${spec.name}-${appId.slice(0, 12).replace('-', '')}.herokuapp.com/`,
  };
  w.apps.push(app);
  const ref = { id: app.id, name: app.name };
  const user = { id: w.account.id, email: w.account.email };
  w.configVars[app.id] = { ...(spec.config || {}) };

  const releases = [];
  const count = spec.releases ?? 5;
  for (let v = 1; v <= count; v++) {
    const status = (spec.releaseStatus && spec.releaseStatus[v]) || 'succeeded';
    const custom = spec.releaseDescriptions && spec.releaseDescriptions[v];
    releases.push({
      addon_plan_names: (spec.addons || []).map((a) => `${a.service}:${a.plan}`),
      app: ref,
      created_at: ago((count - v) * 97 + 5),
      // A config release's description is given by generateHistory, from the change it makes.
      description: v === 1 ? 'Initial release' : custom || (v % 3 === 0 ? 'Set config vars' : `Deploy ${hex(`${spec.name}:${v}`).slice(0, 7)}`),
      ...(v !== 1 && !custom && v % 3 === 0 ? { _generatedConfig: true } : {}),
      id: id(`release:${spec.name}:${v}`),
      updated_at: ago((count - v) * 97 + 4),
      slug: { id: id(`slug:${spec.name}:${v}`) },
      status,
      user: v % 4 === 0 ? { id: id('user:sam'), email: 'sam@acme.dev' } : user,
      version: v,
      current: false,
      output_stream_url: null,
    });
  }
  generateHistory(w, app, releases, w.configVars[app.id], hex);
  const current = [...releases].reverse().find((r) => r.status === 'succeeded');
  if (current) {
    current.current = true;
    app.released_at = current.created_at;
  }
  w.releases[app.id] = releases;

  w.formation[app.id] = [];
  w.dynos[app.id] = [];
  for (const p of spec.processes || []) {
    w.formation[app.id].push({
      app: ref,
      command: p.command,
      created_at: app.created_at,
      id: id(`formation:${spec.name}:${p.type}`),
      quantity: p.quantity,
      size: p.size,
      type: p.type,
      updated_at: ago(120),
    });
    for (let i = 1; i <= p.quantity; i++) {
      const state = (p.states && p.states[i - 1]) || 'up';
      w.dynos[app.id].push({
        attach_url: null,
        command: p.command,
        created_at: ago(state === 'starting' ? 1 : 300 + i * 7),
        id: id(`dyno:${spec.name}:${p.type}.${i}`),
        name: `${p.type}.${i}`,
        release: current ? { id: current.id, version: current.version } : null,
        app: ref,
        size: p.size,
        state,
        type: p.type,
        updated_at: ago(state === 'starting' ? 1 : 300),
      });
    }
  }

  for (const a of spec.addons || []) {
    const addonId = id(`addon:${spec.name}:${a.name}`);
    w.addons.push({
      actions: [],
      addon_service: { id: id(`service:${a.service}`), name: a.service },
      billing_entity: { id: app.id, name: app.name, type: 'app' },
      app: ref,
      billed_price: { cents: a.cents ?? 0, contract: false, unit: 'month' },
      config_vars: a.configVars || [],
      created_at: ago(400000),
      id: addonId,
      name: a.name,
      plan: { id: id(`plan:${a.service}:${a.plan}`), name: `${a.service}:${a.plan}` },
      provider_id: `resource${hex(addonId).slice(0, 8)}@heroku.com`,
      state: a.state || 'provisioned',
      updated_at: ago(3000),
      web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${addonId}`,
    });
    for (const target of [spec.name, ...(a.attachTo || [])]) {
      const targetApp = target === spec.name ? app : w.apps.find((x) => x.name === target);
      if (!targetApp) continue;
      w.attachments.push({
        addon: { id: addonId, name: a.name, app: ref },
        app: { id: targetApp.id, name: targetApp.name },
        created_at: ago(399000),
        id: id(`attachment:${target}:${a.name}`),
        name: (a.configVars && a.configVars[0] ? a.configVars[0].replace(/_URL$/, '') : a.name.toUpperCase().replace(/-/g, '_')),
        namespace: null,
        updated_at: ago(3000),
        web_url: null,
        log_input_url: null,
      });
    }
  }
  // What each release records of the add-ons: the plans attached to the app (this one's, and those of apps it attaches to).
  for (const target of new Set([spec.name, ...(spec.addons || []).flatMap((a) => a.attachTo || [])])) {
    const t = w.apps.find((x) => x.name === target);
    if (t) for (const r of w.releases[t.id] || []) r.addon_plan_names = addonPlanNames(w, t);
  }

  w.domains[app.id] = [
    {
      acm_status: null,
      acm_status_reason: null,
      app: ref,
      cname: null,
      created_at: app.created_at,
      hostname: new URL(app.web_url).hostname,
      id: id(`domain:${spec.name}:default`),
      kind: 'heroku',
      updated_at: app.created_at,
      status: 'succeeded',
      sni_endpoint: null,
    },
    ...(spec.domains || []).map((d) => ({
      acm_status: d.acm || null,
      acm_status_reason: d.acmReason || null,
      app: ref,
      cname: `${d.hostname.replace(/\./g, '-')}.herokudns.com`,
      created_at: ago(200000),
      hostname: d.hostname,
      id: id(`domain:${spec.name}:${d.hostname}`),
      kind: 'custom',
      updated_at: ago(2000),
      status: d.status || 'succeeded',
      sni_endpoint: d.acm === 'cert issued' ? { id: id(`sni:${d.hostname}`), name: `sni-${d.hostname.split('.')[0]}` } : null,
    })),
  ];

  w.builds[app.id] = (spec.builds || ['succeeded', 'succeeded', 'succeeded']).map((status, i, all) => ({
    app: { id: app.id },
    buildpacks: [{ url: 'heroku/nodejs', name: 'heroku/nodejs' }],
    created_at: ago((all.length - i) * 130 + 10),
    id: id(`build:${spec.name}:${i}`),
    output_stream_url: `https://build-output.heroku.com/streams/${hex(`${spec.name}${i}`).slice(0, 8)}`,
    source_blob: { checksum: null, url: null, version: hex(`src:${spec.name}:${i}`).slice(0, 40), version_description: i % 2 ? 'Fix login redirect' : 'Bump dependencies' },
    release: status === 'succeeded' ? { id: id(`release:${spec.name}:${Math.min(count, i + 2)}`) } : null,
    slug: status === 'succeeded' ? { id: id(`slug:${spec.name}:${i}`) } : null,
    stack: app.stack.name,
    status,
    updated_at: ago((all.length - i) * 130),
    user: i % 2 ? { id: id('user:sam'), email: 'sam@acme.dev' } : user,
  }));

  w.collaborators[app.id] = [
    { email: w.account.email, role: team ? 'admin' : 'owner', perms: ['deploy', 'manage', 'operate', 'view'] },
    ...(spec.collaborators || []),
  ].map((c) => ({
    app: ref,
    created_at: ago(300000),
    id: id(`collab:${spec.name}:${c.email}`),
    permissions: (c.perms || ['view', 'deploy']).map((name) => ({ name, description: `${name} permission` })),
    role: c.role ?? (team ? 'member' : 'collaborator'),
    updated_at: ago(3000),
    user: { email: c.email, federated: false, id: id(`user:${c.email}`) },
  }));
  return app;
}

function hex(s) {
  return crypto.createHash('sha1').update(String(s)).digest('hex');
}

function addPipeline(w, name, stages) {
  const team = w.teams[0];
  const pipeline = {
    created_at: ago(400000),
    id: id(`pipeline:${name}`),
    name,
    owner: { id: team.id, type: 'team' },
    updated_at: ago(5000),
  };
  w.pipelines.push(pipeline);
  for (const [stage, apps] of Object.entries(stages)) {
    for (const appName of apps) {
      const app = w.apps.find((a) => a.name === appName);
      w.pipelineCouplings.push({
        app: { id: app.id },
        created_at: ago(300000),
        id: id(`coupling:${name}:${appName}`),
        pipeline: { id: pipeline.id },
        stage,
        updated_at: ago(3000),
      });
    }
  }
}

const SECRET = (label) => hex(`secret:${label}`);

function defaultWorld() {
  const w = emptyWorld();
  const apiConfig = {
    DATABASE_URL: `postgres://u${SECRET('db').slice(0, 12)}:${SECRET('dbpw').slice(0, 24)}@ec2-52-1-2-3.compute-1.amazonaws.com:5432/d${SECRET('dbn').slice(0, 10)}`,
    REDIS_URL: `rediss://:${SECRET('redis').slice(0, 32)}@ec2-54-9-8-7.compute-1.amazonaws.com:12345`,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SESSION_SECRET: SECRET('session'),
    STRIPE_SECRET_KEY: `sk_live_${SECRET('stripe').slice(0, 32)}`,
    STRIPE_WEBHOOK_SECRET: `whsec_${SECRET('whsec').slice(0, 32)}`,
    SENTRY_DSN: `https://${SECRET('sentry').slice(0, 32)}@o12345.ingest.sentry.io/67890`,
    SENDGRID_API_KEY: `SG.${SECRET('sg').slice(0, 22)}.${SECRET('sg2').slice(0, 40)}`,
    AWS_ACCESS_KEY_ID: `AKIA${SECRET('aws').slice(0, 16).toUpperCase()}`,
    AWS_SECRET_ACCESS_KEY: SECRET('awssecret').slice(0, 40),
    S3_BUCKET: 'acme-api-uploads',
    WEB_CONCURRENCY: '2',
    FEATURE_NEW_CHECKOUT: 'true',
    FEATURE_BETA_SEARCH: 'false',
    CORS_ORIGINS: 'https://acme.dev,https://www.acme.dev',
    JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsandbox\n-----END PUBLIC KEY-----',
    RATE_LIMIT_PER_MINUTE: '600',
    PAPERTRAIL_API_TOKEN: SECRET('papertrail').slice(0, 20),
    NEW_RELIC_LICENSE_KEY: SECRET('newrelic').slice(0, 40),
    NEW_RELIC_APP_NAME: 'acme-api',
    TZ: 'UTC',
  };
  for (let i = 1; i <= 14; i++) apiConfig[`SERVICE_${i}_URL`] = `https://service-${i}.internal.acme.dev/v1`;
  const addonsApi = [
    { name: 'postgresql-curved-12345', service: 'heroku-postgresql', plan: 'standard-0', cents: 5000, configVars: ['DATABASE_URL'], attachTo: ['acme-worker'] },
    { name: 'redis-rigid-67890', service: 'heroku-redis', plan: 'premium-0', cents: 1500, configVars: ['REDIS_URL'], attachTo: ['acme-worker'] },
    { name: 'papertrail-shallow-11111', service: 'papertrail', plan: 'choklad', configVars: ['PAPERTRAIL_API_TOKEN'] },
  ];
  // acme-worker is created first so the API's add-ons can attach to it.
  addApp(w, {
    name: 'acme-worker', team: 'acme', releases: 12, lang: 'Node.js',
    processes: [
      { type: 'worker', command: 'node dist/worker.js', quantity: 2, size: 'Standard-1X', states: ['up', 'crashed'] },
      { type: 'clock', command: 'node dist/clock.js', quantity: 1, size: 'Basic', states: ['up'] },
    ],
    config: { NODE_ENV: 'production', QUEUE_CONCURRENCY: '8', LOG_LEVEL: 'warn' },
    builds: ['succeeded', 'failed', 'succeeded'],
  });
  addApp(w, {
    name: 'acme-api', team: 'acme', releases: 48, acm: true,
    releaseStatus: { 47: 'failed' },
    releaseDescriptions: { 46: 'Deploy 4f2a9c1', 47: 'Deploy 9b1e77d', 48: 'Set FEATURE_NEW_CHECKOUT config var' },
    processes: [
      { type: 'web', command: 'npm start', quantity: 3, size: 'Standard-2X', states: ['up', 'up', 'starting'] },
      { type: 'release', command: 'npm run migrate', quantity: 0, size: 'Standard-1X' },
    ],
    config: apiConfig,
    addons: addonsApi,
    domains: [
      { hostname: 'api.acme.dev', acm: 'cert issued' },
      { hostname: 'www.api.acme.dev', acm: 'pending', acmReason: 'DNS record not found', status: 'pending' },
      { hostname: 'legacy-api.acme.dev', acm: 'failed', acmReason: 'CAA record prevents issuance', status: 'failed' },
    ],
    collaborators: [
      { email: 'sam@acme.dev', role: 'member', perms: ['view', 'deploy', 'operate'] },
      { email: 'jordan@acme.dev', role: 'member', perms: ['view'] },
      { email: 'ci-bot@acme.dev', role: 'member', perms: ['view', 'deploy'] },
    ],
    builds: ['succeeded', 'succeeded', 'failed', 'succeeded', 'pending'],
  });
  addApp(w, {
    name: 'acme-api-staging', team: 'acme', releases: 31, releaseStatus: { 31: 'pending' },
    processes: [{ type: 'web', command: 'npm start', quantity: 1, size: 'Standard-1X' }],
    config: { ...apiConfig, NODE_ENV: 'staging', STRIPE_SECRET_KEY: `sk_test_${SECRET('stripe-test').slice(0, 32)}`, LOG_LEVEL: 'debug' },
    collaborators: [{ email: 'sam@acme.dev', role: 'member', perms: ['view', 'deploy', 'operate', 'manage'] }],
    builds: ['succeeded', 'succeeded', 'pending'],
  });
  addApp(w, {
    name: 'acme-api-pr-142', team: 'acme', releases: 3, ageMinutes: 2880,
    processes: [{ type: 'web', command: 'npm start', quantity: 1, size: 'Basic', states: ['idle'] }],
    config: { NODE_ENV: 'review', HEROKU_PR_NUMBER: '142', HEROKU_BRANCH: 'feature/checkout-v2' },
  });
  addApp(w, {
    name: 'acme-web', team: 'acme', releases: 20, maintenance: true, region: 'eu', lang: 'Ruby',
    processes: [{ type: 'web', command: 'bundle exec puma -C config/puma.rb', quantity: 2, size: 'Standard-1X', states: ['up', 'up'] }],
    config: { RAILS_ENV: 'production', RACK_ENV: 'production', SECRET_KEY_BASE: SECRET('rails'), RAILS_LOG_TO_STDOUT: 'enabled', RAILS_SERVE_STATIC_FILES: 'enabled' },
    addons: [{ name: 'scheduler-round-22222', service: 'scheduler', plan: 'standard' }],
    domains: [{ hostname: 'www.acme.dev', acm: 'cert issued' }, { hostname: 'acme.dev', acm: 'cert issued' }],
  });
  addApp(w, {
    name: 'acme-labs-ml', team: 'acme-labs', releases: 7, lang: 'Python', stack: 'heroku-22',
    processes: [{ type: 'web', command: 'gunicorn app:app', quantity: 1, size: 'Performance-M', states: ['crashed'] }],
    config: { PYTHON_VERSION: '3.12.7', MODEL_BUCKET: 'acme-labs-models', OPENAI_API_KEY: `sk-${SECRET('openai').slice(0, 40)}` },
    addons: [{ name: 'postgresql-dimensional-33333', service: 'heroku-postgresql', plan: 'essential-0', cents: 500, configVars: ['DATABASE_URL'], state: 'provisioning' }],
    builds: ['failed', 'succeeded'],
  });
  addApp(w, {
    name: 'alex-playground', releases: 4, lang: 'Go',
    processes: [{ type: 'web', command: 'bin/playground', quantity: 1, size: 'Eco', states: ['idle'] }],
    config: { GO_ENV: 'development', GREETING: 'hello from the sandbox' },
  });
  addApp(w, {
    name: 'alex-blog', releases: 9, lang: 'Static',
    processes: [{ type: 'web', command: 'bin/boot', quantity: 0, size: 'Eco' }],
    config: {},
    domains: [{ hostname: 'blog.alexrivera.dev', acm: 'cert issued' }],
  });
  addPipeline(w, 'acme-api', { review: ['acme-api-pr-142'], staging: ['acme-api-staging'], production: ['acme-api'] });
  addPipeline(w, 'acme-web', { production: ['acme-web'] });
  return w;
}

/** The default world plus many apps, one long release history and one long config. */
function largeWorld({ apps = 5000, releases = 2000, configVars = 1000, seed = 7 } = {}) {
  const w = defaultWorld();
  const random = rng(seed);
  const base = w.apps.length;
  // `apps` in all: the default world's, the generated ones and acme-monolith.
  for (let i = 0; i < apps - base - 1; i++) {
    const n = String(i).padStart(4, '0');
    const team = random() < 0.6 ? (random() < 0.8 ? 'acme' : 'acme-labs') : null;
    addApp(w, {
      name: `${team || 'alex'}-svc-${n}`,
      team,
      releases: 1 + Math.floor(random() * 3),
      region: random() < 0.2 ? 'eu' : 'us',
      processes: [{ type: 'web', command: 'npm start', quantity: 1, size: SIZES[Math.floor(random() * SIZES.length)] }],
      config: { NODE_ENV: 'production' },
      builds: [],
    });
  }
  // Keys of 12 bytes and short values: 1,000 of them stay under Heroku's 32 kB limit.
  addApp(w, {
    name: 'acme-monolith', team: 'acme', releases, lang: 'Ruby',
    processes: [{ type: 'web', command: 'bundle exec puma', quantity: 2, size: 'Performance-L' }],
    config: Object.fromEntries(Array.from({ length: configVars }, (_, i) => [`SETTING_${String(i).padStart(4, '0')}`, `v${i}`])),
  });
  return w;
}

// ---- several accounts ---------------------------------------------------------------

/** The second account's connection id (the first account's is actions.js's CONNECTION_ID). */
const SIDE_CONNECTION_ID = '6750c2a1f3b9d84e21a7c5f1';

/** `build()` with ids of their own: two accounts never share an app, release or team id. */
function withIdSalt(salt, build) {
  const before = idSalt;
  idSalt = salt;
  try {
    return build();
  } finally {
    idSalt = before;
  }
}

/**
 * A second person's account: other e-mail and team, and an app named like the first
 * account's (`acme-api`) with other config vars, which must never be mixed with it.
 */
function sideWorld(salt = 'side:') {
  return withIdSalt(salt, () => {
    const w = emptyWorld();
    Object.assign(w.account, { email: 'alex@side-gig.io', id: id('account'), name: 'Alex Rivera (side gig)', two_factor_authentication: false });
    w.teams = [{ id: id('team:side-gig'), name: 'side-gig' }];
    addApp(w, {
      name: 'acme-api', releases: 6, lang: 'Node.js',
      processes: [{ type: 'web', command: 'node server.js', quantity: 1, size: 'Basic', states: ['up'] }],
      config: { NODE_ENV: 'production', LOG_LEVEL: 'warn', SIDE_GIG_TOKEN: SECRET('side-token').slice(0, 24) },
    });
    addApp(w, {
      name: 'side-gig-shop', team: 'side-gig', releases: 14, lang: 'Ruby',
      processes: [{ type: 'web', command: 'bundle exec puma', quantity: 1, size: 'Standard-1X', states: ['up'] }],
      config: { RAILS_ENV: 'production', SHOP_CURRENCY: 'EUR' },
    });
    addApp(w, {
      name: 'side-gig-shop-staging', team: 'side-gig', releases: 9, lang: 'Ruby',
      processes: [{ type: 'web', command: 'bundle exec puma', quantity: 1, size: 'Basic' }],
      config: { RAILS_ENV: 'staging', SHOP_CURRENCY: 'EUR' },
    });
    addPipeline(w, 'side-gig-shop', { staging: ['side-gig-shop-staging'], production: ['side-gig-shop'] });
    return w;
  });
}

/** One world file for several accounts: each entry is one account's world plus its Membrane connection. */
function accountsWorld(entries) {
  return { accounts: entries.map(({ connection, world }) => ({ connection, ...world })) };
}

/** The default account and the side account, each through its own connection. */
function twoAccountsWorld() {
  return accountsWorld([
    { connection: { id: require('./actions').CONNECTION_ID, name: 'Heroku' }, world: defaultWorld() },
    { connection: { id: SIDE_CONNECTION_ID, name: 'Heroku (side gig)' }, world: sideWorld() },
  ]);
}

/** `count` accounts of `apps` apps each (the multi-account bench). */
function largeAccountsWorld({ accounts = 2, apps = 2500 } = {}) {
  const { CONNECTION_ID } = require('./actions');
  return accountsWorld(
    Array.from({ length: accounts }, (_, i) => ({
      connection: { id: i === 0 ? CONNECTION_ID : `6750c2a1f3b9d84e21a7d${String(i).padStart(3, '0')}`, name: i === 0 ? 'Heroku' : `Heroku ${i + 1}` },
      world: withIdSalt(i === 0 ? '' : `acct${i}:`, () => {
        const w = largeWorld({ apps, releases: 20, configVars: 10 });
        if (i > 0) w.account.email = `alex+${i}@acme.dev`;
        return w;
      }),
    })),
  );
}

module.exports = { defaultWorld, largeWorld, emptyWorld, addApp, id, rng, sideWorld, twoAccountsWorld, largeAccountsWorld, accountsWorld, withIdSalt, SIDE_CONNECTION_ID };
