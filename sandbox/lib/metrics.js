'use strict';
// Heroku's metrics service (api.metrics.heroku.com, api.metrics.herokai.com) over the
// world, reached as the real one is meant to be: a full URL through `membrane request`.
// Its series are made from the world, the same for the same minute on every call: web
// traffic from the formation (quantity, sizes), a diurnal curve, status codes, latency,
// an error burst for 20 minutes after the latest release, H10 while every web dyno is
// crashed, and a memory climb to R14 on one dyno of the first non-web process type.
// Eco dynos have no metrics; Fir apps (MEMBRANE_SANDBOX_METRICS_FIR) memory and CPU only.
// See sandbox/README.md, "Metrics".

const crypto = require('node:crypto');

const HOSTS = new Set(['api.metrics.heroku.com', 'api.metrics.herokai.com']);
const MINUTE = 60_000;
const STEPS = { '1m': 1, '10m': 10, '1h': 60, '2h': 120 };
const MB = 1024 * 1024;
const QUOTA_MB = { Eco: 512, Basic: 512, 'Standard-1X': 512, 'Standard-2X': 1024, 'Performance-M': 2560, 'Performance-L': 14336 };
/** The burst after a release: this long, in minutes. */
const BURST_MINUTES = 20;
/** The memory climb: one cycle (a restart ends it), in minutes. */
const CLIMB_MINUTES = 360;

/** The metrics host of a full URL, or undefined when the URL is not one of them. */
function metricsUrl(path) {
  if (!/^https:\/\//i.test(path)) return undefined;
  let url;
  try {
    url = new URL(path);
  } catch {
    return undefined;
  }
  return HOSTS.has(url.hostname) && !url.port && !url.username && !url.password ? url : undefined;
}

class MetricsError extends Error {
  constructor(status, id, message) {
    super(message);
    this.status = status;
    this.id = id;
  }
}

/** A number in [0, 1) from a label: the same label, the same number, in every process. */
function unit(...label) {
  const h = crypto.createHash('sha1').update(label.join('|')).digest();
  return h.readUInt32BE(0) / 4294967296;
}

/**
 * One metrics request: `{status, headers, body}` as the service answers it. `world` is
 * the account's world (read only); `query` the request's query values (the URL's own
 * query is read too).
 */
function handle(world, req, knobs, now = Date.now()) {
  const url = metricsUrl(req.path);
  const headers = { 'content-type': 'application/json', 'request-id': crypto.randomUUID() };
  try {
    if (req.method !== 'GET') throw new MetricsError(404, 'not_found', 'Not found.');
    const auth = knobs.MEMBRANE_SANDBOX_METRICS;
    if (auth === '401') throw new MetricsError(401, 'unauthorized', 'Invalid credentials provided.');
    if (auth === '403') throw new MetricsError(403, 'forbidden', 'You do not have access to the metrics of this app.');
    if (auth === '404') throw new MetricsError(404, 'not_found', 'Not found.');
    if (auth === '429') return { status: 429, headers: { ...headers, 'retry-after': '2' }, body: { id: 'rate_limit', message: 'Your account reached the API rate limit\nPlease wait a few minutes before making new requests' } };
    const query = { ...Object.fromEntries(url.searchParams), ...(req.query || {}) };
    const body = series(world, url.pathname, query, knobs, now);
    return { status: 200, headers, body };
  } catch (e) {
    if (!(e instanceof MetricsError)) throw e;
    return { status: e.status, headers, body: { id: e.id, message: e.message } };
  }
}

const ROUTES = [
  { re: /^\/apps\/([^/]+)\/router-metrics\/(status|latency|errors)$/, kind: (m) => `router-${m[2]}` },
  { re: /^\/apps\/([^/]+)\/formation\/([^/]+)\/metrics\/(errors|memory|load)$/, kind: (m) => `dyno-${m[3]}` },
];

function series(world, pathname, query, knobs, now) {
  let match;
  let route;
  for (const r of ROUTES) {
    match = r.re.exec(pathname);
    if (match) {
      route = r;
      break;
    }
  }
  if (!route) throw new MetricsError(404, 'not_found', 'Not found.');
  const ident = decodeURIComponent(match[1]);
  const kind = route.kind(match);
  const byId = world.apps.find((a) => a.id === ident);
  const byName = byId ? undefined : world.apps.find((a) => a.name === ident);
  if (!byId && !byName) throw new MetricsError(404, 'not_found', "Couldn't find that app.");
  const app = byId || byName;
  const formation = world.formation[app.id] || [];
  const type = kind.startsWith('dyno-') ? decodeURIComponent(match[2]) : 'web';
  const proc = formation.find((f) => f.type === type);
  if (kind.startsWith('dyno-') && !proc) throw new MetricsError(404, 'not_found', "Couldn't find that process type.");

  const step = STEPS[query.step];
  if (!step) throw new MetricsError(400, 'bad_request', 'step must be one of 1m, 10m, 1h, 2h.');
  const start = Date.parse(query.start_time || '');
  const end = Date.parse(query.end_time || '');
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new MetricsError(400, 'bad_request', 'start_time and end_time must be ISO 8601 times.');
  if (end < start) throw new MetricsError(400, 'bad_request', 'end_time is before start_time.');
  if (now - start > 7 * 24 * 60 * MINUTE + 5 * MINUTE) throw new MetricsError(400, 'bad_request', 'Metrics are kept for 7 days.');
  const size = proc ? proc.size : (formation.find((f) => f.type === 'web') || {}).size;
  if (step === 1 && size === 'Basic') throw new MetricsError(400, 'bad_request', 'Basic dynos have metrics at 10 minute resolution only.');
  if (step === 1 && now - start > 2 * 60 * MINUTE + 5 * MINUTE) throw new MetricsError(400, 'bad_request', '1 minute resolution covers the past 2 hours only.');

  const first = Math.floor(start / (step * MINUTE)) * step * MINUTE;
  const points = [];
  for (let t = first; t <= end; t += step * MINUTE) points.push(t);
  const answer = { start_time: new Date(first).toISOString(), end_time: new Date(end).toISOString(), step, data: {} };
  // A name answers empty data (address apps by id); Eco dynos have no metrics.
  if (byName || size === 'Eco' || (proc === undefined && !formation.some((f) => f.type === 'web'))) return answer;
  const fir = isFir(app, knobs);
  if (fir && (kind.startsWith('router-') || kind === 'dyno-errors')) return answer;

  const world_ = { app, formation, dynos: world.dynos[app.id] || [], releases: world.releases[app.id] || [] };
  const make = KINDS[kind];
  answer.data = make(world_, proc, points, step, knobs, fir);
  return answer;
}

function isFir(app, knobs) {
  const names = String(knobs.MEMBRANE_SANDBOX_METRICS_FIR || '').split(',').map((s) => s.trim()).filter(Boolean);
  return names.includes(app.name) || names.includes(app.id);
}

/** Requests per minute to the web process at time t (0 when there is no web dyno). */
function rpm(w, t) {
  const web = w.formation.find((f) => f.type === 'web');
  if (!web || web.quantity === 0) return 0;
  const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
  const diurnal = 0.6 + 0.4 * Math.sin((2 * Math.PI * (hour - 8)) / 24);
  return 30 * web.quantity * diurnal * (0.85 + 0.3 * unit(w.app.id, 'rpm', Math.floor(t / MINUTE)));
}

/** Requests in the step starting at t. */
function requests(w, t, step) {
  let n = 0;
  for (let m = 0; m < step; m++) n += rpm(w, t + m * MINUTE);
  return Math.round(n);
}

/** Minutes of [t, t+step) that fall in the 20 minutes after the latest release. */
function burstMinutes(w, t, step) {
  const latest = w.releases.reduce((m, r) => Math.max(m, Date.parse(r.created_at) || 0), 0);
  if (!latest) return 0;
  const from = Math.max(t, latest);
  const to = Math.min(t + step * MINUTE, latest + BURST_MINUTES * MINUTE);
  return to > from ? Math.round((to - from) / MINUTE) : 0;
}

function allWebCrashed(w) {
  const web = w.dynos.filter((d) => d.type === 'web' || String(d.name).startsWith('web.'));
  return web.length > 0 && web.every((d) => d.state === 'crashed');
}

const STATUS_SHARE = [
  ['200', 0.87],
  ['201', 0.03],
  ['301', 0.01],
  ['304', 0.04],
  ['401', 0.01],
  ['404', 0.03],
  ['500', 0.01],
];

const KINDS = {
  'router-status'(w, proc, points, step, knobs) {
    const data = {};
    const add = (key, i, n) => {
      (data[key] ||= points.map(() => 0))[i] += n;
    };
    points.forEach((t, i) => {
      const n = requests(w, t, step);
      if (allWebCrashed(w) || w.app.maintenance) return add('503', i, n);
      let left = n;
      for (const [code, share] of STATUS_SHARE) {
        const k = Math.round(n * share);
        add(code, i, k);
        left -= k;
      }
      add('200', i, Math.max(0, left));
      const burst = burstMinutes(w, t, step) * 4;
      if (burst) add('503', i, burst);
    });
    if (knobs.MEMBRANE_SANDBOX_METRICS_STATUS_KEYS === 'class') {
      const classes = {};
      for (const [code, values] of Object.entries(data)) {
        const key = `status_${code[0]}xx`;
        classes[key] = (classes[key] || points.map(() => 0)).map((v, i) => v + values[i]);
      }
      return classes;
    }
    return data;
  },
  'router-latency'(w, proc, points, step) {
    const p50 = [];
    const p95 = [];
    const p99 = [];
    for (const t of points) {
      if (requests(w, t, step) === 0) {
        p50.push(null);
        p95.push(null);
        p99.push(null);
        continue;
      }
      const slow = burstMinutes(w, t, step) ? 6 : 1;
      const base = 40 + 30 * unit(w.app.id, 'latency', t);
      p50.push(Math.round(base * slow));
      p95.push(Math.round(base * 3.5 * slow));
      p99.push(Math.round(Math.min(30000, base * 8 * slow)));
    }
    return { 'latency.ms.p50': p50, 'latency.ms.p95': p95, 'latency.ms.p99': p99 };
  },
  'router-errors'(w, proc, points, step) {
    const data = {};
    const set = (code, i, n) => {
      if (n > 0) (data[code] ||= points.map(() => 0))[i] += n;
    };
    points.forEach((t, i) => {
      const n = requests(w, t, step);
      if (allWebCrashed(w)) set('H10', i, n);
      else if (w.app.maintenance) set('H80', i, n);
      const burst = burstMinutes(w, t, step);
      set('H12', i, burst * 3);
      set('H13', i, burst);
      // A request timeout now and then, as any app has.
      for (let m = 0; m < step; m++) if (n > 0 && unit(w.app.id, 'H12', Math.floor(t / MINUTE) + m) < 0.01) set('H12', i, 1);
    });
    return data;
  },
  'dyno-errors'(w, proc, points, step) {
    const data = {};
    const set = (code, i, n) => {
      if (n > 0) (data[code] ||= points.map(() => 0))[i] += n;
    };
    const crashed = w.dynos.filter((d) => String(d.name).startsWith(`${proc.type}.`) && d.state === 'crashed').length;
    points.forEach((t, i) => {
      for (let m = 0; m < step; m++) {
        const minute = Math.floor(t / MINUTE) + m;
        if (climbing(w, proc) && climb(w, minute * MINUTE) > 1) set('R14', i, 1);
        if (crashed && minute % 60 === 0) set('R10', i, crashed);
      }
    });
    return data;
  },
  'dyno-memory'(w, proc, points) {
    const quota = (QUOTA_MB[proc.size] || 512) * MB;
    const n = Math.max(1, proc.quantity);
    const mean = [];
    const max = [];
    const rss = [];
    for (const t of points) {
      if (proc.quantity === 0) {
        mean.push(null);
        max.push(null);
        rss.push(null);
        continue;
      }
      const steady = quota * (0.3 + 0.1 * unit(w.app.id, proc.type, 'memory', t));
      const top = climbing(w, proc) ? quota * climb(w, t) : steady * 1.1;
      mean.push(Math.round((top + steady * (n - 1)) / n));
      max.push(Math.round(top));
      rss.push(Math.round(Math.min(top, quota) + Math.max(0, top - quota)));
    }
    return {
      'memory.used.bytes.mean': mean,
      'memory.used.bytes.max': max,
      'memory.swap-plus-rss.bytes.max': rss,
      'memory.quota.bytes.max': points.map(() => quota),
    };
  },
  'dyno-load'(w, proc, points, step, knobs, fir) {
    const mean = [];
    const max = [];
    for (const t of points) {
      if (proc.quantity === 0) {
        mean.push(null);
        max.push(null);
        continue;
      }
      const busy = proc.type === 'web' ? Math.min(1, rpm(w, t) / (60 * Math.max(1, proc.quantity))) : 0.4;
      const v = 0.1 + busy * 1.5 + 0.3 * unit(w.app.id, proc.type, 'load', t);
      mean.push(Number(v.toFixed(2)));
      max.push(Number((v * 1.6).toFixed(2)));
    }
    return fir
      ? { 'cpu.usage.percent.mean': mean.map((v) => (v === null ? null : Math.round(v * 25))), 'cpu.usage.percent.max': max.map((v) => (v === null ? null : Math.round(v * 25))) }
      : { 'load.avg.1m.mean': mean, 'load.avg.1m.max': max };
  },
};

/** The process type whose first dyno climbs: the first non-web type with dynos. */
function climbing(w, proc) {
  const first = w.formation.find((f) => f.type !== 'web' && f.type !== 'release' && f.quantity > 0 && f.size !== 'Eco');
  return Boolean(first) && first.type === proc.type;
}

/** The climbing dyno's memory at t, as a share of its quota: 0.4 after a restart, 1.2 six hours on. */
function climb(w, t) {
  const phase = (((t / MINUTE) % CLIMB_MINUTES) + CLIMB_MINUTES) % CLIMB_MINUTES;
  return 0.4 + (0.8 * phase) / CLIMB_MINUTES;
}

/** App resources of the apps MEMBRANE_SANDBOX_METRICS_FIR names read as Fir apps (`generation`), as Heroku's API tells them. */
function withFirGeneration(body, knobs) {
  if (!knobs.MEMBRANE_SANDBOX_METRICS_FIR) return body;
  const mark = (x) => (x && typeof x === 'object' && typeof x.web_url === 'string' && x.stack && isFir(x, knobs) ? { ...x, generation: { id: FIR_ID, name: 'fir' } } : x);
  return Array.isArray(body) ? body.map(mark) : mark(body);
}
const FIR_ID = '5c6a3b5e-3e2a-4f64-9a5e-6f3c2b1a0f1e';

module.exports = { metricsUrl, handle, withFirGeneration, HOSTS };
