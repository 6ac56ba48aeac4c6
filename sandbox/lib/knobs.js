'use strict';
// The sandbox's knobs: environment variables, overridden per call by the JSON file that
// MEMBRANE_SANDBOX_CONFIG names (a "pointer" tests rewrite between tests, because the
// environment of a running VS Code extension host cannot change). sandbox/README.md
// documents each one.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DEFAULTS = {
  MEMBRANE_SANDBOX_HOME: path.join(os.homedir(), '.membrane-sandbox'),
  MEMBRANE_SANDBOX_WORLD: '',
  MEMBRANE_SANDBOX_LATENCY_MS: '0',
  MEMBRANE_SANDBOX_LOGGED_OUT: '',
  MEMBRANE_SANDBOX_LOGIN_CODE: 'SANDBOX-1234',
  MEMBRANE_SANDBOX_CONNECTION_SCRIPT: 'READY',
  MEMBRANE_SANDBOX_ACCOUNT_STATES: '', // several accounts: `who=STATE,…` (who: a connection id or name, or the account's e-mail)
  MEMBRANE_SANDBOX_BUILD_MS: '300',
  MEMBRANE_SANDBOX_RESTART_MS: '1500',
  MEMBRANE_SANDBOX_CRASH: '', // `app/dyno` pairs (a dyno's name or a process type) that crash once
  MEMBRANE_SANDBOX_TEAMMATE: '', // `app[=email][*count]`: releases a teammate deploys, once per value
  MEMBRANE_SANDBOX_PROMOTE_MS: '1500',
  MEMBRANE_SANDBOX_RUN_NEVER_UP: '',
  MEMBRANE_SANDBOX_RUN_DROP_MS: '',
  MEMBRANE_SANDBOX_RUN_WRONG_SECRET: '',
  MEMBRANE_SANDBOX_PROMOTE_FAIL: '',
  MEMBRANE_SANDBOX_STREAM_IDLE_MS: '60000',
  MEMBRANE_SANDBOX_LOG_SESSION_TTL_MS: '300000',
  MEMBRANE_SANDBOX_LOG_STREAM_MAX_MS: '3600000',
  MEMBRANE_SANDBOX_LOG_DROP_AFTER: '',
  MEMBRANE_SANDBOX_LOG_DRIP_MS: '',
  MEMBRANE_SANDBOX_LOG_CHUNKING: '',
  MEMBRANE_SANDBOX_LOG_L11_EVERY: '',
  MEMBRANE_SANDBOX_LOG_HEARTBEAT_MS: '',
  MEMBRANE_SANDBOX_ROUTER_MS: '3000',
  MEMBRANE_SANDBOX_SOURCE_TTL_MS: '3600000',
  MEMBRANE_SANDBOX_UPLOAD_REFUSE: '',
  MEMBRANE_SANDBOX_DEPLOY_MS: '4000',
  MEMBRANE_SANDBOX_BUILD_FAIL: '',
  MEMBRANE_SANDBOX_BUILD_STREAM_DROP_AFTER: '',
  MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS: '',
  MEMBRANE_SANDBOX_CLIENT_ACTION_TYPE: 'connect',
  MEMBRANE_SANDBOX_LIST_DIALECT: 'items',
  MEMBRANE_SANDBOX_RUN_DIALECT: 'output',
  MEMBRANE_SANDBOX_REQUEST_DIALECT: 'envelope',
  MEMBRANE_SANDBOX_REQUEST_ERROR_EXIT: 'nonzero',
  MEMBRANE_SANDBOX_TRANSPORTS: 'request,act',
  MEMBRANE_SANDBOX_ACT_DIALECT: 'envelope',
  MEMBRANE_SANDBOX_ERROR_DIALECT: 'json-stdout',
  MEMBRANE_SANDBOX_LOGIN_DIALECT: 'text',
  MEMBRANE_SANDBOX_NOISE: '',
  MEMBRANE_SANDBOX_FAULT: '',
  MEMBRANE_SANDBOX_FAULT_COMMAND: '',
  MEMBRANE_SANDBOX_FAULT_AFTER: '0',
  MEMBRANE_SANDBOX_HTTP_FAULT: '',
  MEMBRANE_SANDBOX_METRICS: '', // `unsupported` (the CLI refuses full URLs), `401`, `403`, `404`, `429` (the metrics host's answer)
  MEMBRANE_SANDBOX_METRICS_MS: '',
  MEMBRANE_SANDBOX_METRICS_FIR: '',
  MEMBRANE_SANDBOX_METRICS_STATUS_KEYS: 'code',
  MEMBRANE_SANDBOX_ACTIONS: 'all',
  MEMBRANE_SANDBOX_APP_PARAM: 'appIdOrName',
  MEMBRANE_SANDBOX_ACTION_PAGE_LIMIT: '',
  MEMBRANE_SANDBOX_CALL_LOG: '',
  MEMBRANE_SANDBOX_VERSION: '1.18.3',
};

function readKnobs(env = process.env) {
  const knobs = { ...DEFAULTS };
  for (const k of Object.keys(DEFAULTS)) if (env[k] !== undefined) knobs[k] = env[k];
  const pointer = env.MEMBRANE_SANDBOX_CONFIG;
  if (pointer) {
    let overrides = {};
    try {
      overrides = JSON.parse(fs.readFileSync(pointer, 'utf8'));
    } catch (e) {
      if (e.code !== 'ENOENT') throw new Error(`MEMBRANE_SANDBOX_CONFIG (${pointer}) is not valid JSON: ${e.message}`);
    }
    for (const [k, v] of Object.entries(overrides)) {
      if (!Object.hasOwn(DEFAULTS, k)) throw new Error(`MEMBRANE_SANDBOX_CONFIG: unknown knob ${k}`);
      knobs[k] = v === null || v === undefined ? DEFAULTS[k] : String(v);
    }
  }
  return knobs;
}

module.exports = { readKnobs, DEFAULTS };
