'use strict';
// A minimist-like parser, as the real CLI uses (docs/ARCHITECTURE.md, "What is not known about the CLI"):
// `--flag=value`, `--flag value`, short `-X value`, repeatable flags collected in arrays.

const BOOLEAN = new Set(['json', 'wait', 'tenant', 'help', 'version', 'rawData', 'non-interactive']);
const SHORT = { X: 'method', H: 'header', d: 'data', h: 'help', v: 'version' };
const REPEATABLE = new Set(['header', 'query', 'pathParam']);

function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  const set = (k, v) => {
    if (REPEATABLE.has(k)) (flags[k] ||= []).push(v);
    else flags[k] = v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = a.match(/^--([^=]+)(?:=(.*))?$/s);
    const short = !long && a.match(/^-([A-Za-z])$/);
    if (!long && !short) {
      positionals.push(a);
      continue;
    }
    const name = long ? long[1] : SHORT[short[1]] || short[1];
    if (long && long[2] !== undefined) {
      set(name, long[2]);
    } else if (BOOLEAN.has(name)) {
      set(name, true);
    } else if (i + 1 < argv.length) {
      set(name, argv[++i]);
    } else {
      set(name, true);
    }
  }
  return { positionals, flags };
}

module.exports = { parseArgs };
