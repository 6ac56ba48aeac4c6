// Loads an extension bundle in plain Node with a stand-in `vscode` module (every name of
// the API answers, every call succeeds), calls activate() and prints what it returned:
// the keys of an object, or "undefined". Run as `node activateProbe.js <bundle>`.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

/** Anything: a callable, constructible object whose every property is another stand-in (never a thenable). */
function standIn(name) {
  const own = new Map();
  return new Proxy(function () {}, {
    set: (_t, p, v) => (own.set(p, v), true),
    defineProperty: (_t, p, d) => (own.set(p, 'value' in d ? d.value : d.get?.()), true),
    get(_t, p) {
      if (own.has(p)) return own.get(p);
      if (p === 'then') return undefined;
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive || p === 'toString') return () => name;
      return standIn(`${name}.${String(p)}`);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}

const repo = path.join(__dirname, '..', '..');
const dts = fs.readFileSync(path.join(repo, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
const vscode = {};
for (const [, n] of dts.matchAll(/^\s{1,4}export (?:namespace|class|enum|function|const|let) (\w+)/gm)) {
  Object.defineProperty(vscode, n, { enumerable: true, configurable: true, get: () => standIn(`vscode.${n}`) });
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const returned = require(path.resolve(process.argv[2])).activate(standIn('context'));
process.stdout.write(returned === undefined ? 'undefined\n' : `${JSON.stringify(Object.keys(returned))}\n`);
// The connection check activate() schedules runs against stand-ins: don't wait for it.
process.exit(0);
