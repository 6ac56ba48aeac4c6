'use strict';
// The Heroku connection's pre-built Membrane actions, each a Heroku request. Input
// property names follow MEMBRANE_SANDBOX_APP_PARAM so tests prove the extension reads
// them from inputSchema instead of assuming them. List actions return what Heroku
// returns without a Range header: the first page only (MEMBRANE_SANDBOX_ACTION_PAGE_LIMIT,
// 200 by default), as an action wrapping a single API call would.

const CONNECTION_ID = '6750c2a1f3b9d84e21a7c5e0';

function catalogue(knobs) {
  const appParam = knobs.MEMBRANE_SANDBOX_APP_PARAM || 'appIdOrName';
  const app = { [appParam]: { type: 'string', description: 'App ID or name' } };
  const str = (description) => ({ type: 'string', description });
  const defs = [
    ['list-apps', 'List Apps', 'List all apps accessible by the current user', {}, [], () => ({ method: 'GET', path: '/apps' })],
    ['get-app', 'Get App', 'Get details of a specific app by ID or name', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}` })],
    ['create-app', 'Create App', 'Create a new app', { name: str('App name'), region: str('Region name'), stack: str('Stack name') }, [], (i) => ({ method: 'POST', path: '/apps', body: pick(i, ['name', 'region', 'stack']) })],
    ['update-app', 'Update App', 'Update an existing app (name, maintenance, build stack)', { ...app, name: str('New name'), maintenance: { type: 'boolean', description: 'Maintenance mode' } }, [appParam], (i) => ({ method: 'PATCH', path: `/apps/${enc(i[appParam])}`, body: pick(i, ['name', 'maintenance', 'build_stack']) })],
    ['list-releases', 'List Releases', 'List existing releases of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/releases` })],
    ['get-release', 'Get Release', 'Info for an existing release', { ...app, releaseIdOrVersion: str('Release id or version') }, [appParam, 'releaseIdOrVersion'], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/releases/${enc(i.releaseIdOrVersion)}` })],
    ['list-dynos', 'List Dynos', 'List all dynos for an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/dynos` })],
    ['get-dyno', 'Get Dyno', 'Info for an existing dyno', { ...app, dynoIdOrName: str('Dyno id or name') }, [appParam, 'dynoIdOrName'], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/dynos/${enc(i.dynoIdOrName)}` })],
    ['list-formation', 'List Formation', 'List process type formation of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/formation` })],
    ['list-addons', 'List Add-ons', 'List existing add-ons of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/addons` })],
    ['get-addon', 'Get Add-on', 'Info for an existing add-on', { addonIdOrName: str('Add-on id or name') }, ['addonIdOrName'], (i) => ({ method: 'GET', path: `/addons/${enc(i.addonIdOrName)}` })],
    ['list-domains', 'List Domains', 'List existing domains of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/domains` })],
    ['get-domain', 'Get Domain', 'Info for an existing domain', { ...app, domainIdOrHostname: str('Domain id or hostname') }, [appParam, 'domainIdOrHostname'], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/domains/${enc(i.domainIdOrHostname)}` })],
    ['list-builds', 'List Builds', 'List existing builds of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/builds` })],
    ['get-build', 'Get Build', 'Info for an existing build', { ...app, buildId: str('Build id') }, [appParam, 'buildId'], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/builds/${enc(i.buildId)}` })],
    ['list-collaborators', 'List Collaborators', 'List existing collaborators of an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/collaborators` })],
    ['list-pipelines', 'List Pipelines', 'List existing pipelines', {}, [], () => ({ method: 'GET', path: '/pipelines' })],
    ['get-pipeline', 'Get Pipeline', 'Info for an existing pipeline', { pipelineIdOrName: str('Pipeline id or name') }, ['pipelineIdOrName'], (i) => ({ method: 'GET', path: `/pipelines/${enc(i.pipelineIdOrName)}` })],
    ['list-pipeline-couplings', 'List Pipeline Couplings', 'List pipeline couplings, optionally of one pipeline', { pipelineId: str('Pipeline id (optional)') }, [], (i) => ({ method: 'GET', path: i.pipelineId ? `/pipelines/${enc(i.pipelineId)}/pipeline-couplings` : '/pipeline-couplings' })],
    ['get-config-vars', 'Get Config Vars', 'Get config-vars for an app', app, [appParam], (i) => ({ method: 'GET', path: `/apps/${enc(i[appParam])}/config-vars` })],
    ['get-account', 'Get Account', 'Info for the current account', {}, [], () => ({ method: 'GET', path: '/account' })],
  ];
  const limit = Number(knobs.MEMBRANE_SANDBOX_ACTION_PAGE_LIMIT) || 200;
  return defs.map(([key, name, description, properties, required, toRequest], n) => ({
    id: `6750c3f0f3b9d84e21a7c${String(600 + n).padStart(3, '0')}`,
    key,
    name,
    description,
    type: 'api-request-to-external-app',
    integrationKey: 'heroku',
    connectionId: CONNECTION_ID,
    layer: 'integration',
    state: 'READY',
    inputSchema: { type: 'object', properties, ...(required.length ? { required } : {}) },
    outputSchema: { type: key.startsWith('list-') ? 'array' : 'object' },
    _toRequest: toRequest,
    _pageLimit: key.startsWith('list-') ? limit : undefined,
  }));
}

function enc(v) {
  return encodeURIComponent(String(v ?? ''));
}

function pick(o, keys) {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

/** Actions visible under MEMBRANE_SANDBOX_ACTIONS: `all`, `none`, or a comma list of keys. */
function visibleActions(knobs) {
  const setting = (knobs.MEMBRANE_SANDBOX_ACTIONS || 'all').trim();
  const all = catalogue(knobs);
  if (setting === 'all') return all;
  if (setting === 'none' || setting === '') return [];
  const keys = new Set(setting.split(',').map((s) => s.trim()));
  return all.filter((a) => keys.has(a.key));
}

/** Rank by words shared with the intent, as a semantic search would (roughly). */
function searchActions(actions, intent, limit) {
  const words = (intent || '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  const scored = actions.map((a) => {
    const hay = `${a.key} ${a.name} ${a.description}`.toLowerCase();
    const score = words.reduce((s, w) => s + (hay.includes(w) ? (a.key.includes(w) ? 2 : 1) : 0), 0);
    return { a, score };
  });
  const hits = words.length ? scored.filter((x) => x.score > 0).sort((x, y) => y.score - x.score) : scored;
  return hits.slice(0, limit || 10).map((x) => x.a);
}

module.exports = { visibleActions, searchActions, CONNECTION_ID };
