'use strict';
// The sandbox `membrane` command: the Membrane CLI's command surface (login, connection,
// action, request) over a JSON world, with dialects for every uncertain output envelope
// and faults on demand. See sandbox/README.md.

const fs = require('node:fs');
const crypto = require('node:crypto');
const { readKnobs } = require('./knobs');
const { parseArgs } = require('./args');
const { Store, DEFAULT_WORLD, writeAtomic } = require('./store');
const heroku = require('./heroku');
const { appendLines, logLine } = require('./logs');
const { serve } = require('./streamServer');
const { lastUpload, listTarGz } = require('./sources');
const { ensureCertificate } = require('./tls');
const { visibleActions, searchActions, CONNECTION_ID } = require('./actions');
const { connectionObject, listedConnections, advanceOnGet, resetConnection, completeClientAction } = require('./connection');
const accounts = require('./accounts');
const { metricsUrl } = require('./metrics');

class CliError extends Error {
  constructor(type, key, message, extra = {}) {
    super(message);
    this.type = type;
    this.key = key;
    this.extra = extra;
  }
}

const HELP = `Usage: membrane <command> [options]

Membrane CLI (sandbox) - work with Membrane from your local development environment.

Commands:
  login [--tenant] [--clientName <name>]     Log in (prints an authorization URL)
  login complete <code>                      Finish logging in with the code shown in the browser
  logout                                     Log out
  status                                     Show login status
  connection ensure <appUrl>                 Find or create a connection for an app
  connection get <id|key> [--wait] [--timeout <s>]
  connection list                            List connections
  connection delete <id>                     Delete a connection
  connect --integrationKey <key> [--allowMultipleConnections] [--non-interactive]
                                             Connect an app (a new connection with --allowMultipleConnections)
  action list --connectionId <id> [--intent <text>] [--limit <n>]
  action run <id|key> --connectionId <id> [--input <json>]
  request <connectionId> <path> [-X <method>] [-H <header>] [-d <data>] [--query k=v] [--pathParam k=v]
  act --connectionId <id> (--api <json> | --key <actionKey> | --id <actionId>) [--input <json>]
  sandbox complete-client-action | reset | state   (sandbox only)
  sandbox log <app> <message> [--dyno=web.1] [--source=app]   append a line to an app's log
  sandbox stream-server   the log stream server (started on demand)
  sandbox last-archive [--json]   the entries of the last uploaded source archive
  sandbox tls-cert   the rendezvous certificate's path (for NODE_EXTRA_CA_CERTS)
  sandbox fixture-repo <dir>   a git repository in <dir> whose commits the world's acme-api slugs run

Add --json to any command for machine-readable JSON output to stdout.
`;

function commandOf(positionals, flags) {
  if (flags.version && positionals.length === 0) return '--version';
  if (flags.help || positionals.length === 0) return '--help';
  const [a, b] = positionals;
  if (['connection', 'action', 'sandbox'].includes(a) || (a === 'login' && b === 'complete')) return `${a} ${b || ''}`.trim();
  return a;
}

// ---- output --------------------------------------------------------------------

class Output {
  constructor(knobs) {
    this.knobs = knobs;
    this.stdout = '';
    this.stderr = '';
    this.exit = 0;
  }
  json(value) {
    const noise = this.knobs.MEMBRANE_SANDBOX_NOISE;
    if (noise) this.stdout += '(node:4242) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.\nDEPRECATED: this command will be renamed in a future release.\n';
    this.stdout += JSON.stringify(value, null, 2) + '\n';
    if (noise) this.stdout += 'Done in 0.42s.\n';
  }
  text(t) {
    this.stdout += t.endsWith('\n') ? t : t + '\n';
  }
  list(items) {
    this.json(this.knobs.MEMBRANE_SANDBOX_LIST_DIALECT === 'array' ? items : { items });
  }
  error(err) {
    const body = { type: err.type, key: err.key, message: err.message, ...err.extra };
    switch (this.knobs.MEMBRANE_SANDBOX_ERROR_DIALECT) {
      case 'json-stderr':
        this.stderr += JSON.stringify(body) + '\n';
        break;
      case 'text':
        this.stderr += `Error: ${err.message}\n`;
        break;
      default:
        this.stdout += JSON.stringify(body, null, 2) + '\n';
        this.stderr += `Error: ${err.message}\n`;
    }
    this.exit = 1;
  }
}

// ---- commands --------------------------------------------------------------------

function requireLogin(session) {
  if (!session.loggedIn) throw new CliError('bad_request', 'not_authenticated', 'Not authenticated. Run "membrane login --tenant" to log in.');
}

/** The connection of that id, READY; returns the store of its account's world. */
function requireReadyConnection(ctx, id) {
  const { store, knobs, session } = ctx;
  // The first account's connection needs no world read (a large world is slow to parse).
  const first = id === CONNECTION_ID || id === 'heroku';
  const c = first ? accounts.connectionById(session, undefined, knobs, id) : store.updateSession((s) => accounts.connectionById(s, store.readWorld(), knobs, id));
  if (!c) throw new CliError('bad_request', 'not_found', `Connection with id '${id}' not found`);
  const state = c.script[c.step];
  if (state !== 'READY') {
    throw new CliError('connection', 'connection_not_ready', `Connection is not ready (state ${state}).`, { data: { connectionId: c.id, state } });
  }
  return accounts.accountStore(store, c.id);
}

function parseHeaders(list) {
  const out = {};
  for (const h of [].concat(list || [])) {
    const i = String(h).indexOf(':');
    if (i > 0) out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

function parseKv(list) {
  const out = {};
  for (const kv of [].concat(list || [])) {
    const i = String(kv).indexOf('=');
    if (i > 0) out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits `ms`; resolves true at once when the signal aborts (only an in-process caller has one). */
function sleepUnlessAborted(ms, signal) {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function dispatch(command, positionals, flags, ctx) {
  const { knobs, store, out } = ctx;
  const session = ctx.session;
  switch (command) {
    case '--version':
      return out.text(`${knobs.MEMBRANE_SANDBOX_VERSION}`);
    case '--help':
      return out.text(helpText(knobs));
    case 'login': {
      const state = crypto.randomBytes(8).toString('hex');
      const client = typeof flags.clientName === 'string' ? flags.clientName : 'cli';
      store.updateSession((s) => (s.pendingLogin = { state, client, at: Date.now() }));
      const url = `https://console.getmembrane.com/cli-auth?client=${encodeURIComponent(client)}&code_challenge=${crypto.randomBytes(16).toString('base64url')}&state=${state}`;
      if (knobs.MEMBRANE_SANDBOX_LOGIN_DIALECT === 'json' && flags.json) return out.json({ url });
      return out.text(`Open this URL in your browser to log in:\n${url}\nAfter approving, run: membrane login complete <code>`);
    }
    case 'login complete': {
      const code = positionals[2];
      if (!session.pendingLogin) throw new CliError('bad_request', 'no_pending_login', 'No login in progress. Run "membrane login" first.');
      if (!code || code.trim() !== knobs.MEMBRANE_SANDBOX_LOGIN_CODE) throw new CliError('bad_request', 'invalid_code', 'Invalid or expired authorization code');
      store.updateSession((s) => {
        s.loggedIn = true;
        s.pendingLogin = null;
      });
      return flags.json ? out.json({ loggedIn: true, workspace: 'Acme Dev', tenant: 'Alex' }) : out.text('Logged in. Workspace: Acme Dev (acme-dev), tenant: Alex (alex)');
    }
    case 'logout':
      store.updateSession((s) => (s.loggedIn = false));
      return flags.json ? out.json({ loggedIn: false }) : out.text('Logged out.');
    case 'status':
      return out.json({ loggedIn: session.loggedIn, apiUri: 'https://api.getmembrane.com', workspaceKey: 'acme-dev', tenantKey: 'alex' });
    case 'connection ensure': {
      requireLogin(session);
      const url = positionals[2] || '';
      if (!/heroku\.com/i.test(url)) throw new CliError('bad_request', 'not_found', `No app found for "${url}" in the sandbox (only https://www.heroku.com/).`);
      const c = store.updateSession((s) => {
        // Membrane finds an existing Heroku connection before it makes one: after the first was deleted, another account's.
        const other = (s.removedConnections || []).includes(CONNECTION_ID) && accounts.otherConnections(s, store.readWorld(), knobs)[0];
        if (other) return other;
        s.removedConnections = (s.removedConnections || []).filter((x) => x !== CONNECTION_ID);
        return resetConnection(s, knobs, false);
      });
      return out.json(connectionObject(c, knobs));
    }
    case 'connection get': {
      requireLogin(session);
      const id = positionals[2];
      if (id !== CONNECTION_ID && id !== 'heroku') {
        const other = store.updateSession((s) => accounts.advanceOther(s, store.readWorld(), knobs, id));
        if (!other) throw new CliError('bad_request', 'not_found', `Connection with id '${id}' not found`);
        return out.json(connectionObject(other, knobs));
      }
      if (!session.connection || (session.removedConnections || []).includes(CONNECTION_ID)) throw new CliError('bad_request', 'not_found', `Connection with id '${id}' not found`);
      const state = session.connection.script[session.connection.step];
      if (flags.wait && state === 'BUILDING') {
        const timeoutMs = (Number(flags.timeout) || 30) * 1000;
        await sleep(Math.min(Number(knobs.MEMBRANE_SANDBOX_BUILD_MS) || 0, timeoutMs));
      }
      const c = store.updateSession((s) => advanceOnGet(s, knobs));
      return out.json(connectionObject(c, knobs));
    }
    case 'connection list': {
      requireLogin(session);
      const others = store.updateSession((s) => accounts.otherConnections(s, store.readWorld(), knobs));
      const first = (session.removedConnections || []).includes(CONNECTION_ID) ? { ...session, connection: null } : session;
      const listed = listedConnections(first, knobs);
      listed.splice(first.connection ? 1 : 0, 0, ...others.map((c) => ({ ...connectionObject(c, knobs), integrationKey: 'heroku' })));
      return out.list(listed);
    }
    case 'connection delete': {
      requireLogin(session);
      const id = positionals[2];
      const known = store.updateSession((s) => accounts.connectionById(s, store.readWorld(), knobs, id));
      if (!known) throw new CliError('bad_request', 'not_found', `Connection with id '${id}' not found`);
      store.updateSession((s) => accounts.removeConnection(s, known.id));
      return flags.json ? out.json({ id: known.id, deleted: true }) : out.text(`Deleted connection ${known.id}.`);
    }
    case 'connect': {
      requireLogin(session);
      const key = flags.integrationKey || flags.connectorKey;
      if (key !== 'heroku') throw new CliError('bad_request', 'not_found', `No integration "${key || ''}" in the sandbox (only heroku).`);
      if (!flags.allowMultipleConnections) {
        const c = store.updateSession((s) => resetConnection(s, knobs, false));
        return out.json(connectionObject(c, knobs));
      }
      const id = accounts.addAccount(store);
      const c = store.updateSession((s) => {
        accounts.startAdded(s, id);
        return accounts.connectionById(s, store.readWorld(), knobs, id);
      });
      return out.json(connectionObject(c, knobs));
    }
    case 'action list': {
      requireLogin(session);
      requireReadyConnection(ctx, flags.connectionId || flags.connectionKey);
      const hits = searchActions(visibleActions(knobs), flags.intent, Number(flags.limit) || 10);
      return out.list(hits.map(publicAction));
    }
    case 'action run': {
      const { output, actionRunId } = await runAction(positionals[2], flags, ctx);
      return out.json(knobs.MEMBRANE_SANDBOX_RUN_DIALECT === 'bare' ? output : { output, actionRunId });
    }
    case 'request':
      if (!offers(knobs, 'request')) break;
      return proxyRequest(positionals[1], positionals[2], flags, ctx);
    case 'act':
      if (!offers(knobs, 'act')) break;
      return act(flags, ctx);
    case 'sandbox complete-client-action':
      store.updateSession((s) => {
        if (!positionals[2] || positionals[2] === CONNECTION_ID) completeClientAction(s);
        accounts.completeOthers(s, positionals[2]);
      });
      return out.text('Client action completed: the next "connection get" moves on.');
    case 'sandbox reset':
      writeAtomic(store.worldFile, fs.readFileSync(DEFAULT_WORLD));
      store.updateSession((s) => Object.assign(s, store.freshSession()));
      return out.text(`Reset ${store.worldFile} and the session.`);
    case 'sandbox log': {
      const [, , app, ...words] = positionals;
      if (!app || !words.length) throw new CliError('bad_request', 'invalid_input', 'Usage: membrane sandbox log <app> <message> [--dyno=web.1] [--source=app]');
      appendLines(store.home, app, [logLine(String(flags.source || 'app'), String(flags.dyno || 'web.1'), words.join(' '))]);
      return out.text(`Logged to ${app}.`);
    }
    case 'sandbox tls-cert':
      // The rendezvous certificate's path (made on first use), for NODE_EXTRA_CA_CERTS.
      return out.text(ensureCertificate(store.home).cert);
    case 'sandbox last-archive': {
      // What the last upload held, as the build saw it: one entry per line (or --json).
      const bytes = lastUpload(store.home);
      if (!bytes) throw new CliError('bad_request', 'not_found', 'No source archive was uploaded to this sandbox yet.');
      const entries = listTarGz(bytes);
      return flags.json ? out.json({ bytes: bytes.length, entries }) : out.text(entries.map((e) => `${e.type === 'symlink' ? 'l' : e.type[0]} ${e.path}${e.linkpath ? ` -> ${e.linkpath}` : ''}`).join('\n'));
    }
    case 'sandbox fixture-repo': {
      const dir = positionals[2];
      if (!dir) throw new CliError('bad_request', 'invalid_input', 'Usage: membrane sandbox fixture-repo <dir>');
      const ids = require('./fixtureRepo').makeFixture(dir, store.worldFile);
      return flags.json ? out.json(ids) : out.text(`Made a git repository in ${dir}: HEAD ${ids.head}; acme-api runs ${ids.deployed} (HEAD~2).`);
    }
    case 'sandbox state':
      return out.json({ worldFile: store.worldFile, session });
    default:
      break;
  }
  throw new CliError('bad_request', 'unknown_command', `Unknown command "${positionals.join(' ')}". Run "membrane --help".`);
}

/** Which proxy commands this CLI version has (MEMBRANE_SANDBOX_TRANSPORTS). */
function offers(knobs, command) {
  return knobs.MEMBRANE_SANDBOX_TRANSPORTS.split(',').map((t) => t.trim()).includes(command);
}

/** The help text lists only the proxy commands this CLI offers. */
function helpText(knobs) {
  return HELP.split('\n')
    .filter((line) => !/^ {2}(request|act) /.test(line) || offers(knobs, line.trim().split(' ')[0]))
    .join('\n');
}

function publicAction(a) {
  const out = {};
  for (const [k, v] of Object.entries(a)) if (!k.startsWith('_')) out[k] = v;
  return out;
}

/** Runs an action and returns `{output, actionRunId}`; each command prints it in its own form. */
async function runAction(selector, flags, ctx) {
  const { knobs, session } = ctx;
  requireLogin(session);
  const store = requireReadyConnection(ctx, flags.connectionId || flags.connectionKey);
  const action = visibleActions(knobs).find((a) => a.id === selector || a.key === selector);
  if (!action) throw new CliError('bad_request', 'not_found', `Action "${selector}" not found`);
  let input = {};
  if (flags.input !== undefined && flags.input !== true) {
    try {
      input = JSON.parse(flags.input);
    } catch (e) {
      throw new CliError('bad_request', 'invalid_input', `--input is not valid JSON: ${e.message}`);
    }
  }
  for (const r of action.inputSchema.required || []) {
    if (input[r] === undefined || input[r] === '') throw new CliError('bad_request', 'invalid_input', `Input is missing required property "${r}"`);
  }
  const res = heroku.handle(store, action._toRequest(input), knobs, session.calls, ctx.env);
  const actionRunId = crypto.randomBytes(12).toString('hex');
  if (res.status >= 400) {
    throw new CliError('action_run', 'action_run_failed', res.body.message, {
      actionRunId,
      data: { response: { status: res.status, data: res.body } },
    });
  }
  let output = res.body;
  if (Array.isArray(output) && action._pageLimit) output = output.slice(0, action._pageLimit);
  return { output, actionRunId };
}

async function proxyRequest(connectionId, path, flags, ctx) {
  const { knobs, out, session } = ctx;
  requireLogin(session);
  const store = requireReadyConnection(ctx, connectionId);
  if (!path) throw new CliError('bad_request', 'invalid_input', 'Missing <path>.');
  const method = String(flags.method || 'GET').toUpperCase();
  if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) throw new CliError('bad_request', 'invalid_input', `Unsupported method ${method}`);
  let body;
  if (flags.data !== undefined) {
    if (flags.rawData) body = String(flags.data);
    else {
      try {
        body = JSON.parse(flags.data);
      } catch {
        body = String(flags.data);
      }
    }
  }
  await beforeFullUrl(path, ctx);
  const query = parseKv(flags.query);
  const req = { method, path, headers: parseHeaders(flags.header), body, query, pathParams: parseKv(flags.pathParam) };
  const res = heroku.handle(store, req, knobs, session.calls, ctx.env);
  if (knobs.MEMBRANE_SANDBOX_REQUEST_DIALECT === 'body') out.json(res.body);
  else out.json(res);
  if (res.status >= 400 && knobs.MEMBRANE_SANDBOX_REQUEST_ERROR_EXIT !== 'zero') {
    out.stderr += `Error: Request failed with status code ${res.status}\n`;
    out.exit = 1;
  }
}

/**
 * A full URL (not a path on the Heroku API): refused when MEMBRANE_SANDBOX_METRICS is
 * `unsupported` (a CLI that only prepends its base URL), and slowed by
 * MEMBRANE_SANDBOX_METRICS_MS when it is a metrics host's.
 */
async function beforeFullUrl(path, ctx) {
  const { knobs } = ctx;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(String(path)) || /^https:\/\/api\.heroku\.com\//i.test(String(path))) return;
  if (knobs.MEMBRANE_SANDBOX_METRICS === 'unsupported') {
    throw new CliError('bad_request', 'invalid_input', 'Only paths relative to the connection\'s API are supported.');
  }
  const ms = Number(knobs.MEMBRANE_SANDBOX_METRICS_MS) || 0;
  if (ms > 0 && metricsUrl(String(path)) && (await sleepUnlessAborted(ms, ctx.signal))) throw new CliError('bad_request', 'cancelled', 'Cancelled.');
}

/**
 * `act`: `--api` sends a request through the proxy, `--key`/`--id` runs an action. Every
 * answer is `{output, actionRunId}`, on success and on error (a failure also exits 1);
 * MEMBRANE_SANDBOX_ACT_DIALECT says whether an `--api` output is the body or the
 * `{status, headers, body}` envelope.
 */
async function act(flags, ctx) {
  const { knobs, out, session } = ctx;
  requireLogin(session);
  const store = requireReadyConnection(ctx, flags.connectionId || flags.connectionKey);
  const actionRunId = crypto.randomBytes(12).toString('hex');
  const modes = ['api', 'key', 'id', 'code'].filter((m) => flags[m] !== undefined);
  if (modes.length !== 1) throw new CliError('bad_request', 'invalid_input', 'Give exactly one of --api, --key, --id or --code.');
  if (flags.code !== undefined) throw new CliError('bad_request', 'not_supported', 'The sandbox does not run --code.');
  if (flags.api === undefined) return out.json(await runAction(String(flags.key ?? flags.id), flags, ctx));
  let spec;
  try {
    spec = JSON.parse(flags.api);
  } catch (e) {
    throw new CliError('bad_request', 'invalid_input', `--api is not valid JSON: ${e.message}`);
  }
  if (!spec || typeof spec !== 'object' || typeof spec.path !== 'string') throw new CliError('bad_request', 'invalid_input', '--api needs at least {"path": …}.');
  const method = String(spec.method || 'GET').toUpperCase();
  if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) throw new CliError('bad_request', 'invalid_input', `Unsupported method ${method}`);
  await beforeFullUrl(spec.path, ctx);
  const headers = Object.fromEntries(Object.entries(spec.headers || {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const query = Object.fromEntries(Object.entries(spec.query || {}).map(([k, v]) => [k, String(v)]));
  const res = heroku.handle(store, { method, path: spec.path, headers, body: spec.body, query, pathParams: {} }, knobs, session.calls, ctx.env);
  out.json({ output: knobs.MEMBRANE_SANDBOX_ACT_DIALECT === 'envelope' ? res : res.body, actionRunId });
  if (res.status >= 400) out.exit = 1;
}

// ---- faults ----------------------------------------------------------------------

function faultApplies(command, knobs, store) {
  const fault = knobs.MEMBRANE_SANDBOX_FAULT;
  if (!fault) return undefined;
  const scope = knobs.MEMBRANE_SANDBOX_FAULT_COMMAND;
  if (scope ? !command.startsWith(scope) : ['--version', '--help'].includes(command) || command.startsWith('sandbox')) return undefined;
  const n = store.updateSession((s) => (s.faultCalls = (s.faultCalls || 0) + 1));
  return n > (Number(knobs.MEMBRANE_SANDBOX_FAULT_AFTER) || 0) ? fault : undefined;
}

async function applyFault(fault, out, store, signal) {
  switch (fault) {
    case 'hang':
      // Forever, as a stuck CLI would; in process (tests) until the caller's signal.
      await new Promise((resolve) => {
        const keepAlive = setInterval(() => {}, 1 << 30);
        signal?.addEventListener('abort', () => {
          clearInterval(keepAlive);
          resolve();
        }, { once: true });
      });
      return true;
    case 'garbage':
      out.stdout += '\u001b[31m%%% ¿garbage? <<<not json>>> 0xDEADBEEF\n';
      return true;
    case 'exit-json':
      out.stdout += JSON.stringify({ type: 'internal', key: 'sandbox_fault', message: 'Sandbox fault: internal error' }) + '\n';
      out.exit = 1;
      return true;
    case 'exit-text':
      out.stderr += 'Error: sandbox fault: something went wrong\n';
      out.exit = 2;
      return true;
    case 'connection-defunct':
      out.error(new CliError('connection', 'connection_is_defunct', 'Connection is defunct: Heroku no longer accepts its authorization.'));
      return true;
    case 'auth-expired':
      store.updateSession((s) => (s.loggedIn = false));
      return false; // the command then fails as a logged-out one would
    case 'truncated':
    case 'huge':
      return false; // applied to the command's own output afterwards
    default:
      throw new Error(`MEMBRANE_SANDBOX_FAULT: unknown fault "${fault}"`);
  }
}

function distortOutput(fault, out) {
  if (fault === 'truncated') out.stdout = out.stdout.slice(0, Math.max(1, Math.floor(out.stdout.length / 2)));
  if (fault === 'huge') {
    const padding = 'x'.repeat(10 * 1024 * 1024);
    const trimmed = out.stdout.trimEnd();
    out.stdout = trimmed.endsWith('}') ? `${trimmed.slice(0, -1)}, "sandboxPadding": "${padding}"}\n` : `${padding}\n${out.stdout}`;
  }
}

// ---- entry -----------------------------------------------------------------------

/**
 * One CLI call as data: argv and environment in, `{exit, stdout, stderr}` out. The
 * process entry (`main`) writes the result; the unit tests' in-process runner calls this
 * directly (no process per call). The signal ends a `hang` fault.
 */
async function execute(argv, env = process.env, { signal } = {}) {
  const started = Date.now();
  let knobs;
  try {
    knobs = readKnobs(env);
  } catch (e) {
    return { exit: 2, stdout: '', stderr: `Error: ${e.message}\n` };
  }
  const { positionals, flags } = parseArgs(argv);
  const command = commandOf(positionals, flags);
  const out = new Output(knobs);
  let store;
  try {
    const latency = Number(knobs.MEMBRANE_SANDBOX_LATENCY_MS) || 0;
    // In process (the unit tier), a cancelled call stops waiting too, as a killed process would.
    if (latency > 0 && (await sleepUnlessAborted(latency, signal))) return { exit: 130, stdout: '', stderr: 'Error: cancelled\n' };
    store = new Store(knobs);
    const fault = faultApplies(command, knobs, store);
    const handled = fault ? await applyFault(fault, out, store, signal) : false;
    if (!handled) {
      const session = store.updateSession((s) => {
        s.calls += 1;
        return JSON.parse(JSON.stringify(s));
      });
      try {
        await dispatch(command, positionals, flags, { knobs, store, out, session, env, signal });
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        out.error(e);
      }
      if (fault) distortOutput(fault, out);
    }
  } catch (e) {
    out.stderr += `Error: sandbox internal error: ${e.stack || e.message}\n`;
    out.exit = 70;
  }
  if (knobs.MEMBRANE_SANDBOX_CALL_LOG) {
    const entry = { ts: new Date().toISOString(), pid: process.pid, command, argv, exit: out.exit, ms: Date.now() - started };
    fs.appendFileSync(knobs.MEMBRANE_SANDBOX_CALL_LOG, JSON.stringify(entry) + '\n');
  }
  return { exit: out.exit, stdout: out.stdout, stderr: out.stderr };
}

async function main(argv) {
  // The one long-lived sandbox process: it serves until idle, then exits by itself.
  if (argv[0] === 'sandbox' && argv[1] === 'stream-server') {
    serve(readKnobs(process.env).MEMBRANE_SANDBOX_HOME);
    return new Promise(() => {});
  }
  const r = await execute(argv, process.env);
  await write(process.stdout, r.stdout);
  await write(process.stderr, r.stderr);
  return r.exit;
}

function write(stream, text) {
  return new Promise((resolve) => (text ? stream.write(text, () => resolve()) : resolve()));
}

module.exports = { main, execute, CONNECTION_ID };
