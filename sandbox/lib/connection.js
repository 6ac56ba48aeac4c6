'use strict';
// The Heroku connection's life in the sandbox, driven by MEMBRANE_SANDBOX_CONNECTION_SCRIPT
// (e.g. `BUILDING,CLIENT_ACTION_REQUIRED,READY`). `connection ensure` starts the script
// (again, when it changed or had failed); each `connection get` moves past BUILDING;
// CLIENT_ACTION_REQUIRED waits for the browser step: `membrane sandbox
// complete-client-action`, or MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS polls.

const { CONNECTION_ID } = require('./actions');

const STATES = ['BUILDING', 'CLIENT_ACTION_REQUIRED', 'CONFIGURATION_ERROR', 'SETUP_FAILED', 'READY', 'DISCONNECTING'];
const FAILED = new Set(['CONFIGURATION_ERROR', 'SETUP_FAILED']);

function parseScript(knobs) {
  const steps = String(knobs.MEMBRANE_SANDBOX_CONNECTION_SCRIPT || 'READY').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const s of steps) if (!STATES.includes(s)) throw new Error(`MEMBRANE_SANDBOX_CONNECTION_SCRIPT: unknown state ${s}`);
  return steps.length ? steps : ['READY'];
}

function resetConnection(session, knobs) {
  const script = parseScript(knobs);
  const c = session.connection;
  const current = c && c.script[c.step];
  if (!c || c.script.join() !== script.join() || FAILED.has(current)) {
    session.connection = { id: CONNECTION_ID, script, step: 0, polls: 0, clientActionDone: false, createdAt: new Date().toISOString() };
  }
  return session.connection;
}

function advanceOnGet(session, knobs) {
  return advance(session.connection, knobs);
}

/** One `connection get` of a connection: BUILDING moves on, the browser step once done (or after the knob's polls). */
function advance(c, knobs) {
  const state = c.script[c.step];
  const last = c.step >= c.script.length - 1;
  if (state === 'BUILDING' || state === 'DISCONNECTING') {
    if (!last) c.step += 1;
  } else if (state === 'CLIENT_ACTION_REQUIRED') {
    c.polls += 1;
    const polls = Number(knobs.MEMBRANE_SANDBOX_CLIENT_ACTION_POLLS) || 0;
    if (!last && (c.clientActionDone || (polls > 0 && c.polls >= polls))) {
      c.step += 1;
      c.polls = 0;
      c.clientActionDone = false;
    }
  }
  return c;
}

function completeClientAction(session) {
  if (session.connection) session.connection.clientActionDone = true;
}

/** The Connection object (the shapes of test/fixtures/membrane/) for the current step. */
function connectionObject(c, knobs) {
  const state = c.script[c.step];
  const base = {
    id: c.id,
    name: c.name || 'Heroku',
    key: 'heroku',
    userId: '674f0b9ad21c3e5f8a6b1234',
    tenantId: '674f0b9ad21c3e5f8a6b1200',
    isTest: false,
    state,
    connected: state === 'READY',
    disconnected: state !== 'READY',
    integrationId: '6750c29ef3b9d84e21a7c5d1',
    connectorId: '65a1f0c2b7e4d93a12c4e8f7',
    createdAt: c.createdAt,
    updatedAt: new Date().toISOString(),
    integration: { id: '6750c29ef3b9d84e21a7c5d1', key: 'heroku', name: 'Heroku', logoUri: 'https://static.getmembrane.com/connectors/heroku/logo.png' },
  };
  if (state === 'BUILDING') base.buildingAgentSessionId = '6750c2a2f3b9d84e21a7c5e3';
  if (state === 'CLIENT_ACTION_REQUIRED') {
    const type = knobs.MEMBRANE_SANDBOX_CLIENT_ACTION_TYPE === 'provide-input' ? 'provide-input' : 'connect';
    base.clientAction =
      type === 'connect'
        ? {
            type,
            description: 'Authorize Membrane to access your Heroku account.',
            uiUrl: `https://ui.getmembrane.com/embed/connections/${c.id}/refresh?token=eyJhbGciOiJIUzI1NiJ9.eyJzYW5kYm94Ijp0cnVlfQ.c2FuZGJveA`,
            agentInstructions: 'Ask the user to open uiUrl in a browser and complete the Heroku OAuth consent, then poll the connection until state is READY.',
          }
        : { type, description: 'Several apps match "heroku.com". Specify which app to connect to.' };
  }
  if (FAILED.has(state)) {
    const error = { type: 'configuration', message: 'Connector build failed: could not determine authentication method for heroku.com' };
    base.requestError = error;
    base.error = error;
  }
  return base;
}

function listedConnections(session, knobs) {
  const slack = {
    id: '6741aa07c2d95b3e10f4a9b2',
    name: 'Slack',
    key: 'slack',
    userId: '674f0b9ad21c3e5f8a6b1234',
    state: 'CLIENT_ACTION_REQUIRED',
    connected: false,
    disconnected: true,
    integrationId: '6741a9fdc2d95b3e10f4a9a0',
    integrationKey: 'slack',
    createdAt: '2026-11-20T08:01:12.000Z',
    updatedAt: '2026-11-27T23:59:00.000Z',
    clientAction: { type: 'connect', description: 'Slack access was revoked. Reconnect to continue.' },
  };
  const list = [slack];
  if (session.connection) list.unshift({ ...connectionObject(session.connection, knobs), integrationKey: 'heroku' });
  return list;
}

module.exports = { STATES, FAILED, resetConnection, advanceOnGet, advance, completeClientAction, connectionObject, listedConnections, parseScript };
