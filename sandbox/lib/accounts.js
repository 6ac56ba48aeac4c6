'use strict';
// Several Heroku accounts in one sandbox. A world file may be `{accounts: [{connection:
// {id, name}, ...one account's world}, …]}`: each account is reached only through its own
// Membrane connection. The first account's connection is CONNECTION_ID and follows
// MEMBRANE_SANDBOX_CONNECTION_SCRIPT (connection.js); the others are READY unless
// MEMBRANE_SANDBOX_ACCOUNT_STATES puts one in another state. `connect
// --allowMultipleConnections` adds an account (READY after the browser step);
// `connection delete` forgets a connection (its account's data stays in the world file,
// as a Heroku account outlives a Membrane connection). A world without `accounts` is one
// account behind CONNECTION_ID.

const { CONNECTION_ID } = require('./actions');
const { STATES, FAILED, advance } = require('./connection');
const { accountsWorld, sideWorld, withIdSalt, SIDE_CONNECTION_ID } = require('./world');

/** The account entries of a multi-account world (undefined: a one-account world). */
function accountsOf(world) {
  return Array.isArray(world.accounts) ? world.accounts : undefined;
}

/** The world of the account behind `connectionId`: the whole world when it has one account. */
function worldOf(world, connectionId) {
  const accounts = accountsOf(world);
  if (!accounts) return world;
  const found = accounts.find((a) => a.connection && a.connection.id === connectionId);
  if (!found) throw new Error(`sandbox: no account in the world file for connection ${connectionId}`);
  return found;
}

/** The store as one account sees it: reads and writes reach only that account's world. */
function accountStore(store, connectionId) {
  const view = Object.create(store);
  view.readWorld = () => worldOf(store.readWorld(), connectionId);
  view.updateWorld = (fn) => store.updateWorld((w) => fn(worldOf(w, connectionId)));
  return view;
}

/** MEMBRANE_SANDBOX_ACCOUNT_STATES: `who=STATE,…`, who being a connection id or name or the account's e-mail. */
function stateKnob(knobs, account) {
  for (const pair of String(knobs.MEMBRANE_SANDBOX_ACCOUNT_STATES || '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = pair.lastIndexOf('=');
    const who = pair.slice(0, i).trim();
    const state = pair.slice(i + 1).trim().toUpperCase();
    if (i <= 0 || !STATES.includes(state)) throw new Error(`MEMBRANE_SANDBOX_ACCOUNT_STATES: cannot read "${pair}"`);
    if ([account.connection.id, account.connection.name, account.account && account.account.email].includes(who)) return state;
  }
  return undefined;
}

/** A state as a script: pending states end READY; a failed one stays. */
function scriptOf(state) {
  if (!state || state === 'READY') return ['READY'];
  return FAILED.has(state) ? [state] : [state, 'READY'];
}

/**
 * The connections of the accounts after the first, as the session knows them (made on
 * first sight; made again when the knob for them changed). Mutates `session`: call it
 * inside `store.updateSession`.
 */
function otherConnections(session, world, knobs) {
  const accounts = accountsOf(world);
  if (!accounts) return [];
  session.accounts = session.accounts || {};
  const removed = new Set(session.removedConnections || []);
  const out = [];
  for (const account of accounts) {
    const id = account.connection.id;
    if (id === CONNECTION_ID || removed.has(id)) continue;
    const knob = stateKnob(knobs, account) || '';
    let c = session.accounts[id];
    if (!c || (c.knob !== knob && !c.added)) {
      c = { id, name: account.connection.name, script: scriptOf(knob), step: 0, polls: 0, clientActionDone: false, createdAt: new Date().toISOString(), knob };
      session.accounts[id] = c;
    }
    c.name = account.connection.name;
    out.push(c);
  }
  return out;
}

/** The session's connection of that id (the first account's, or another's), or undefined. */
function connectionById(session, world, knobs, id) {
  if (id === CONNECTION_ID || id === 'heroku') return session.connection && !(session.removedConnections || []).includes(CONNECTION_ID) ? session.connection : undefined;
  return otherConnections(session, world, knobs).find((c) => c.id === id);
}

/** `connection get` of another account's connection: one step further, as the first one moves. */
function advanceOther(session, world, knobs, id) {
  const c = connectionById(session, world, knobs, id);
  return c && advance(c, knobs);
}

/**
 * `connect --allowMultipleConnections`: a new account in the world (the side account the
 * first time, then numbered copies of it) and its connection, waiting for the browser step.
 * Returns the connection's id.
 */
function addAccount(store) {
  return store.updateWorld((w) => {
    if (!accountsOf(w)) {
      const first = { ...w };
      for (const k of Object.keys(w)) delete w[k];
      Object.assign(w, accountsWorld([{ connection: { id: CONNECTION_ID, name: 'Heroku' }, world: first }]));
    }
    const n = w.accounts.length;
    const id = w.accounts.some((a) => a.connection.id === SIDE_CONNECTION_ID) ? `6750c2a1f3b9d84e21a7e${String(n).padStart(3, '0')}` : SIDE_CONNECTION_ID;
    const world = id === SIDE_CONNECTION_ID ? sideWorld() : withIdSalt(`added${n}:`, () => sideWorld(`added${n}:`));
    if (id !== SIDE_CONNECTION_ID) world.account.email = `alex+${n}@side-gig.io`;
    w.accounts.push({ connection: { id, name: `Heroku ${n + 1}` }, ...world });
    return id;
  });
}

/** The connection `connect` just made: it waits for the browser step. */
function startAdded(session, id) {
  session.accounts = session.accounts || {};
  session.accounts[id] = { id, name: undefined, script: ['CLIENT_ACTION_REQUIRED', 'READY'], step: 0, polls: 0, clientActionDone: false, createdAt: new Date().toISOString(), knob: '', added: true };
  session.removedConnections = (session.removedConnections || []).filter((x) => x !== id);
}

/** `connection delete <id>`: Membrane forgets the connection; the account's data stays. */
function removeConnection(session, id) {
  session.removedConnections = [...new Set([...(session.removedConnections || []), id])];
  if (session.accounts) delete session.accounts[id];
  if (id === CONNECTION_ID) session.connection = null;
}

/** `sandbox complete-client-action [id]`: the browser step of that connection (or of every one) is done. */
function completeOthers(session, id) {
  for (const c of Object.values(session.accounts || {})) if (!id || c.id === id) c.clientActionDone = true;
}

module.exports = { accountsOf, accountStore, otherConnections, connectionById, advanceOther, addAccount, startAdded, removeConnection, completeOthers };
