'use strict';
// The add-on marketplace as the sandbox offers it: services and their plans, with
// Heroku's resource shapes (`add-on-service`, `plan` with `price {cents, unit}`) and
// stable ids (derived from the names, so every sandbox home agrees). A world may carry its
// own `addonServices` (same shape, plans inline) instead.

const crypto = require('node:crypto');

/** A UUID-shaped id derived from a name. */
function stableId(name) {
  const h = crypto.createHash('sha1').update(`sandbox:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// [service, human name, config var prefix, [[plan, human, cents, state]…]]
const SERVICES = [
  ['heroku-postgresql', 'Heroku Postgres', 'DATABASE', [['essential-0', 'Essential 0', 500, 'ga'], ['essential-1', 'Essential 1', 900, 'ga'], ['standard-0', 'Standard 0', 5000, 'ga'], ['premium-0', 'Premium 0', 20000, 'ga']]],
  ['heroku-redis', 'Heroku Key-Value Store', 'REDIS', [['mini', 'Mini', 300, 'ga'], ['premium-0', 'Premium 0', 1500, 'ga']]],
  ['papertrail', 'Papertrail', 'PAPERTRAIL', [['choklad', 'Choklad', 0, 'ga'], ['fixa', 'Fixa', 700, 'ga']]],
  ['scheduler', 'Heroku Scheduler', 'SCHEDULER', [['standard', 'Standard', 0, 'ga']]],
  ['sendgrid', 'Twilio SendGrid', 'SENDGRID', [['starter', 'Starter', 0, 'ga'], ['bronze', 'Bronze', 1995, 'beta']]],
];

function catalogue(world) {
  if (Array.isArray(world.addonServices)) return world.addonServices;
  return SERVICES.map(([name, human, prefix, plans]) => {
    const service = { id: stableId(name), name, human_name: human, state: 'ga', cli_plugin_name: null, supports_multiple_installations: true, supports_sharing: true, created_at: '2020-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', _prefix: prefix };
    service._plans = plans.map(([plan, planHuman, cents, state], i) => ({
      id: stableId(`${name}:${plan}`),
      name: `${name}:${plan}`,
      human_name: planHuman,
      description: `${human} ${planHuman}`,
      addon_service: { id: service.id, name },
      price: { cents, contract: false, unit: 'month' },
      state,
      default: i === 0,
      compliance: null,
      installable_inside_private_network: false,
      installable_outside_private_network: true,
      space_default: false,
      visible: true,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
    return service;
  });
}

module.exports = { catalogue, stableId };
