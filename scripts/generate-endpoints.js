#!/usr/bin/env node
'use strict';
// Generates src/palette/core/endpoints.json, the catalogue of every Heroku Platform API
// endpoint for "Heroku: Proxy Request…", from the schema copy in schema/. Re-run after
// updating the schema (scripts/extract-heroku-schema.js):  node scripts/generate-endpoints.js
// `--out <file>` writes elsewhere (the tests compare a temporary copy, never the source).
const fs = require('node:fs');
const path = require('node:path');

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schema', 'heroku-platform-api.json'), 'utf8'));

/** `{(%23%2Fdefinitions%2Fapp%2Fdefinitions%2Fidentity)}` → `{app}`; other properties → `{app_id}`. */
function template(href) {
  return href.replace(/\{\(([^)]+)\)\}/g, (_, ref) => {
    const parts = decodeURIComponent(ref).replace(/^#\/definitions\//, '').split('/');
    const resource = parts[0].replace(/-/g, '_');
    const prop = parts[2];
    return `{${prop === 'identity' ? resource : `${resource}_${prop}`}}`;
  });
}

function resolve(node, depth = 0) {
  if (!node || depth > 8) return node;
  if (node.$ref) {
    const target = node.$ref.replace(/^#\//, '').split('/').reduce((o, k) => (o ? o[decodeURIComponent(k)] : undefined), schema);
    return resolve(target, depth + 1);
  }
  return node;
}

/** A JSON skeleton of a request schema: examples where the schema has them. */
function skeleton(node, depth = 0) {
  const n = resolve(node, depth);
  if (!n || depth > 5) return null;
  if (n.example !== undefined) return n.example;
  if (n.properties) return Object.fromEntries(Object.entries(n.properties).map(([k, v]) => [k, skeleton(v, depth + 1)]));
  const alt = n.anyOf || n.oneOf;
  if (alt) return skeleton(alt[0], depth + 1);
  const type = Array.isArray(n.type) ? n.type.find((t) => t !== 'null') : n.type;
  if (type === 'array') return n.items ? [skeleton(n.items, depth + 1)] : [];
  if (type === 'object') return {};
  if (type === 'boolean') return false;
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'string') return '';
  return null;
}

const endpoints = [];
for (const [resource, def] of Object.entries(schema.definitions)) {
  for (const link of def.links || []) {
    const method = String(link.method || 'GET').toUpperCase();
    const body = ['POST', 'PATCH', 'PUT'].includes(method) && link.schema ? skeleton(link.schema) : undefined;
    endpoints.push({
      method,
      path: template(link.href),
      title: `${def.title ? def.title.replace(/^Heroku Platform API - /, '') : resource}: ${link.title || link.rel || ''}`.trim(),
      description: (link.description || '').replace(/\s+/g, ' ').trim(),
      resource,
      ...(body !== undefined ? { body } : {}),
    });
  }
}
endpoints.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(__dirname, '..', 'src', 'palette', 'core', 'endpoints.json');
fs.writeFileSync(out, JSON.stringify(endpoints) + '\n');
console.log(`wrote ${out}: ${endpoints.length} endpoints, ${fs.statSync(out).size} bytes`);
