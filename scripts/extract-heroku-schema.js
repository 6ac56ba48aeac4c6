#!/usr/bin/env node
'use strict';
// Copies into schema/heroku-platform-api.json the parts of Heroku's official Platform API
// schema that the project uses: the full definitions of the resources the extension
// shows or changes (fields, types, examples: sandbox shapes and parser tests), and, for
// every resource, its links (method, href, title, description, request schema: the
// endpoint catalogue of "Proxy Request"). Nothing reads Heroku's schema at run or test
// time; re-run this with Heroku's official schema (https://api.heroku.com/schema) when
// it is updated:
//   node scripts/extract-heroku-schema.js path/to/schema.json
const fs = require('node:fs');
const path = require('node:path');

const USED = ['account', 'app', 'team-app', 'release', 'dyno', 'formation', 'add-on', 'add-on-attachment', 'domain', 'build',
  'collaborator', 'pipeline', 'pipeline-coupling', 'config-var', 'log-session', 'region', 'stack', 'team'];
const src = process.argv[2] || path.join(__dirname, '..', '..', 'shared', 'heroku-platform-api', 'schema.json');
const full = JSON.parse(fs.readFileSync(src, 'utf8'));
// The used resources and every definition their fields refer to, transitively.
const keep = new Set(USED);
for (let grew = true; grew; ) {
  grew = false;
  for (const name of [...keep]) {
    for (const m of JSON.stringify(full.definitions[name].properties || {}).matchAll(/#\/definitions\/([a-z0-9-]+)/g)) {
      if (!keep.has(m[1])) {
        keep.add(m[1]);
        grew = true;
      }
    }
  }
}
const out = { $schema: full.$schema, description: full.description, title: full.title, definitions: {} };
for (const [name, def] of Object.entries(full.definitions)) {
  if (keep.has(name)) {
    out.definitions[name] = def;
  } else {
    const slim = { title: def.title, description: def.description, links: def.links || [] };
    // Identity parts are what link hrefs refer to (`#/definitions/<name>/definitions/identity`).
    if (def.definitions) slim.definitions = def.definitions;
    out.definitions[name] = slim;
  }
}
const file = path.join(__dirname, '..', 'schema', 'heroku-platform-api.json');
fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${file}: ${Object.keys(out.definitions).length} resources, ${fs.statSync(file).size} bytes`);
