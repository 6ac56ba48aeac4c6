'use strict';
// Changes to an app's resources, as Heroku makes them: add-ons (from the catalogue; a
// release and config vars per attach and detach; paid plans need a verified account,
// 402), domains (hostname rules, one owner per hostname, a DNS target), ACM on/off, and
// collaborators (the owner cannot be removed). Registered on heroku.js's router.

const crypto = require('node:crypto');
const { catalogue } = require('./catalogue');
const { addonPlanNames } = require('./releaseHistory');

const HOSTNAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WORDS = ['curved', 'rigid', 'shaped', 'clear', 'flat', 'spherical', 'concave', 'solid', 'triangular', 'angular'];

function register({ route, HttpError, findApp, findIn, newRelease, pendingLogs, now, uuid, listResponse, configMap }) {
  const services = (w) => catalogue(w);
  const findService = (w, ident) => {
    const s = services(w).find((x) => x.id === ident || x.name === ident);
    if (!s) throw new HttpError(404, 'not_found', "Couldn't find that add-on service.");
    return s;
  };
  const publicService = ({ _prefix, _plans, ...s }) => s;

  route('GET', '/addon-services', (w, r) => listResponse(services(w).map(publicService), r, 'id', ['id', 'name']));
  route('GET', '/addon-services/{service}', (w, r, p) => publicService(findService(w, p.service)));
  route('GET', '/addon-services/{service}/plans', (w, r, p) => listResponse(findService(w, p.service)._plans, r, 'id', ['id', 'name']));
  route('GET', '/addons/{addon}/addon-attachments', (w, r, p) => {
    const addon = findIn(w.addons, p.addon, ['id', 'name'], 'add-on');
    return listResponse(w.attachments.filter((a) => a.addon.id === addon.id), r, 'id', ['id', 'name']);
  });

  route('POST', '/apps/{app}/addons', (w, r, p) => {
    const app = findApp(w, p.app);
    const b = r.body || {};
    if (typeof b.plan !== 'string' || !b.plan) throw new HttpError(422, 'invalid_params', 'plan is required.');
    const [serviceName, planPart] = b.plan.split(':');
    const service = services(w).find((s) => s._plans.some((x) => x.id === b.plan)) || findService(w, serviceName);
    const plan = service._plans.find((x) => x.id === b.plan || x.name === `${service.name}:${planPart}`) || (!planPart && service._plans.find((x) => x.default));
    if (!plan) throw new HttpError(422, 'invalid_params', `Couldn't find either the add-on service or the add-on plan of "${b.plan}".`);
    if (plan.price.cents > 0 && w.account && w.account.verified === false) {
      throw new HttpError(402, 'verification_required', 'This add-on plan requires a verified account. Add a payment method at https://heroku.com/verify, then try again.');
    }
    const name = b.name || `${service.name.replace(/^heroku-/, '')}-${WORDS[crypto.randomInt(WORDS.length)]}-${crypto.randomInt(10000, 99999)}`;
    if (!/^[a-zA-Z][a-zA-Z0-9-]{1,60}$/.test(name)) throw new HttpError(422, 'invalid_params', 'Name must start with a letter and can only contain letters, digits and dashes.');
    if (w.addons.some((a) => a.name === name)) throw new HttpError(422, 'invalid_params', `Name ${name} is already taken.`);
    const vars = (w.configVars[app.id] ||= {});
    let attachName = (b.attachment && b.attachment.name) || service._prefix;
    if (Object.prototype.hasOwnProperty.call(vars, `${attachName}_URL`)) attachName = `${service._prefix === 'DATABASE' ? 'HEROKU_POSTGRESQL' : service._prefix}_${WORDS[crypto.randomInt(WORDS.length)].toUpperCase()}`;
    const id = uuid();
    const addon = {
      actions: [],
      addon_service: { id: service.id, name: service.name },
      billing_entity: { id: app.id, name: app.name, type: 'app' },
      app: { id: app.id, name: app.name },
      billed_price: { ...plan.price },
      config_vars: [`${attachName}_URL`],
      created_at: now(),
      id,
      name,
      plan: { id: plan.id, name: plan.name },
      provider_id: `resource${crypto.randomBytes(4).toString('hex')}@heroku.com`,
      state: 'provisioned',
      updated_at: now(),
      web_url: `https://addons-sso.heroku.com/apps/${app.id}/addons/${id}`,
    };
    w.addons.push(addon);
    w.attachments.push({ addon: { id, name, app: { id: app.id, name: app.name } }, app: { id: app.id, name: app.name }, created_at: now(), id: uuid(), name: attachName, namespace: null, updated_at: now(), web_url: null, log_input_url: null });
    vars[`${attachName}_URL`] = `${service._prefix === 'DATABASE' ? 'postgres' : service.name}://u${crypto.randomBytes(3).toString('hex')}:${crypto.randomBytes(12).toString('hex')}@${name}.sandbox.invalid:5432/d1`;
    configMap(vars);
    pendingLogs.add(app.name, 'heroku', 'api', `Attach ${attachName} (@ref:${name}) by user ${w.account.email}`);
    newRelease(w, app, `Attach ${attachName} (@ref:${name})`, { addon_plan_names: addonPlanNames(w, app) });
    return { status: 201, body: addon };
  });

  route('DELETE', '/apps/{app}/addons/{addon}', (w, r, p) => {
    const app = findApp(w, p.app);
    const addon = findIn(w.addons, p.addon, ['id', 'name'], 'add-on');
    if (addon.app.id !== app.id) throw new HttpError(422, 'invalid_params', `${addon.name} is owned by ${addon.app.name}: remove it there, or detach it from ${app.name}.`);
    const attachments = w.attachments.filter((a) => a.addon.id === addon.id);
    // Gone before the releases are made: each records the add-ons its app still has.
    w.attachments = w.attachments.filter((a) => a.addon.id !== addon.id);
    w.addons = w.addons.filter((a) => a.id !== addon.id);
    for (const att of attachments) {
      const vars = w.configVars[att.app.id] || {};
      delete vars[`${att.name}_URL`];
      const attachedApp = w.apps.find((a) => a.id === att.app.id);
      if (attachedApp) {
        pendingLogs.add(attachedApp.name, 'heroku', 'api', `Detach ${att.name} (@ref:${addon.name}) by user ${w.account.email}`);
        newRelease(w, attachedApp, `Detach ${att.name} (@ref:${addon.name})`, { addon_plan_names: addonPlanNames(w, attachedApp) });
      }
    }
    return { ...addon, state: 'deprovisioned', updated_at: now() };
  });

  route('POST', '/apps/{app}/domains', (w, r, p) => {
    const app = findApp(w, p.app);
    const hostname = String((r.body || {}).hostname || '').toLowerCase();
    if (!HOSTNAME.test(hostname)) throw new HttpError(422, 'invalid_params', `${hostname || 'The hostname'} is not a valid hostname.`);
    if (hostname.endsWith('.herokuapp.com')) throw new HttpError(422, 'invalid_params', 'herokuapp.com hostnames are managed by Heroku.');
    for (const [appId, list] of Object.entries(w.domains)) {
      if (!list.some((d) => d.hostname === hostname)) continue;
      throw new HttpError(422, 'invalid_params', appId === app.id ? 'Domain already added to this app.' : `${hostname} is already in use by another app.`);
    }
    const domain = {
      acm_status: app.acm ? 'pending' : null,
      acm_status_reason: null,
      app: { id: app.id, name: app.name },
      cname: `${WORDS[crypto.randomInt(WORDS.length)]}-${crypto.randomBytes(7).toString('hex')}.herokudns.com`,
      created_at: now(),
      hostname,
      id: uuid(),
      kind: 'custom',
      updated_at: now(),
      status: 'pending',
      sni_endpoint: null,
    };
    (w.domains[app.id] ||= []).push(domain);
    return { status: 201, body: domain };
  });

  route('DELETE', '/apps/{app}/domains/{domain}', (w, r, p) => {
    const app = findApp(w, p.app);
    const domain = findIn(w.domains[app.id], p.domain, ['id', 'hostname'], 'domain');
    if (domain.kind === 'heroku') throw new HttpError(422, 'invalid_params', 'The herokuapp.com domain cannot be removed.');
    w.domains[app.id] = w.domains[app.id].filter((d) => d !== domain);
    return domain;
  });

  // ACM: Heroku's `certs:auto:enable` / `disable` (not in the public schema).
  const setAcm = (on) => (w, r, p) => {
    const app = findApp(w, p.app);
    app.acm = on;
    app.updated_at = now();
    for (const d of w.domains[app.id] || []) if (d.kind === 'custom') d.acm_status = on ? 'pending' : null;
    return app;
  };
  route('POST', '/apps/{app}/acm', setAcm(true));
  route('DELETE', '/apps/{app}/acm', setAcm(false));

  const addCollaborator = (w, r, p) => {
    const app = findApp(w, p.app);
    const email = String((r.body || {}).user || '').trim().toLowerCase();
    if (!EMAIL.test(email)) throw new HttpError(422, 'invalid_params', `${email || 'The user'} is not a valid e-mail address.`);
    // Sandbox rule: addresses at *.invalid have no Heroku account.
    if (/\.invalid$/.test(email)) throw new HttpError(404, 'not_found', "Couldn't find that user.");
    const list = (w.collaborators[app.id] ||= []);
    if (list.some((c) => c.user.email === email)) throw new HttpError(422, 'invalid_params', `${email} is already a collaborator on ${app.name}.`);
    const c = { app: { id: app.id, name: app.name }, created_at: now(), id: uuid(), permissions: [{ name: 'view', description: 'view permission' }, { name: 'deploy', description: 'deploy permission' }], role: app.team ? 'member' : 'collaborator', updated_at: now(), user: { email, federated: false, id: uuid() } };
    list.push(c);
    return { status: 201, body: c };
  };
  route('POST', '/apps/{app}/collaborators', addCollaborator);
  route('POST', '/teams/apps/{app}/collaborators', addCollaborator);
  const removeCollaborator = (w, r, p) => {
    const app = findApp(w, p.app);
    const list = w.collaborators[app.id] || [];
    const c = list.find((x) => x.id === p.collab || x.user.email === p.collab);
    if (!c) throw new HttpError(404, 'not_found', "Couldn't find that collaborator.");
    if (c.role === 'owner' || (app.owner && app.owner.email === c.user.email)) throw new HttpError(422, 'invalid_params', `${c.user.email} owns ${app.name}: the owner cannot be removed. Transfer the app first.`);
    w.collaborators[app.id] = list.filter((x) => x !== c);
    return c;
  };
  route('DELETE', '/apps/{app}/collaborators/{collab}', removeCollaborator);
  route('DELETE', '/teams/apps/{app}/collaborators/{collab}', removeCollaborator);
}

module.exports = { register };
