// The .env export is lossless: every value it writes, dotenv reads back exactly; a value
// no .env form can carry is refused by name, never written changed. Property-style: a
// seeded generator of strings made of the characters that break .env quoting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'dotenv';
import { envValue, toDotenv } from '../../src/configVars/core/dotenvFormat';
import { parseDotenv } from '../../src/configVars/core/dotenvParse';
import { importPreview } from '../../src/configVars/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's seeded PRNG (plain CommonJS)
const { rng: prng }: { rng(seed: number): () => number } = require('../../sandbox/lib/world.js');

const TRICKY = ["'", '"', '`', '\\', 'n', 'r', '\n', '\r', '#', '=', ' ', '\t', '$', '{', '}', 'a', 'Z', '0', 'é', '🙂', ':', 'export '];

function generated(count: number, seed: number): string[] {
  const rand = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = Math.floor(rand() * 12);
    let s = '';
    for (let j = 0; j < len; j++) s += TRICKY[Math.floor(rand() * TRICKY.length)];
    out.push(s);
  }
  return out;
}

describe('.env export', () => {
  it('round-trips what the review found changed: a quote, a backtick and a literal \\n', () => {
    const vars = { MIXED: "it's `x` a\\nb", PLAIN: 'abc', MULTI: 'line1\nline2', URL: 'postgres://u:p@h:5432/db', HASH: 'a#b', EMPTY: '', BACKSLASH: 'C:\\dir\\n', BOTH: `it's "x"` };
    const { text, refused } = toDotenv(vars);
    assert.deepEqual(refused, []);
    assert.deepEqual({ ...parse(text) }, vars);
  });

  it('every generated value is written so dotenv reads it back exactly, or refused by name', () => {
    const values = generated(3000, 20261129);
    let refusedCount = 0;
    for (const value of values) {
      const rhs = envValue(value);
      if (rhs === undefined) {
        refusedCount++;
        continue;
      }
      const back = parse(Buffer.from(`K=${rhs}\n`));
      assert.equal(back.K, value, `value ${JSON.stringify(value)} written as ${JSON.stringify(rhs)}`);
    }
    // Most values fit some form; the refusals are the few no .env quoting can carry.
    assert.ok(refusedCount < values.length / 4, `${refusedCount} of ${values.length} refused`);
  });

  it('a whole generated config reads back exactly, minus the refused keys', () => {
    const values = generated(400, 7);
    const vars = Object.fromEntries(values.map((v, i) => [`KEY_${i}`, v]));
    const { text, refused } = toDotenv(vars);
    const expected = Object.fromEntries(Object.entries(vars).filter(([k]) => !refused.includes(k)));
    assert.deepEqual({ ...parse(text) }, expected);
    assert.ok(refused.length < values.length / 4, `${refused.length} refused`);
    for (const k of refused) assert.ok(!text.split('\n').some((line) => line.startsWith(`${k}=`)), `${k} is left out`);
  });

  it('a value no form carries is refused, not changed', () => {
    // A quote of each kind and a # (bare would cut it as a comment): found by an
    // exhaustive search over short strings, no form carries it.
    const impossible = `'"\`#`;
    assert.equal(envValue(impossible), undefined);
    assert.deepEqual(toDotenv({ BAD: impossible, OK: 'fine' }), { text: 'OK=fine\n', refused: ['BAD'] });
  });

  it('exports a key named __proto__ (valid for Heroku)', () => {
    const vars = JSON.parse('{"__proto__": "x y", "A": "1"}') as Record<string, string>;
    assert.deepEqual(toDotenv(vars), { text: 'A=1\n__proto__=x y\n', refused: [] });
  });
  it('import reads back every key export writes: __proto__, constructor and other odd names included', () => {
    const vars = JSON.parse('{"__proto__":"p v","constructor":"c","toString":"t","hasOwnProperty":"h","valueOf":"","dotted.key":"d","dash-key":"x#y","_":"u","A":"it\'s \\"q\\""}') as Record<string, string>;
    const { text, refused } = toDotenv(vars);
    assert.deepEqual(refused, []);
    const back = parseDotenv(text);
    assert.deepEqual(Object.entries(back).sort(), Object.entries(vars).sort());
    assert.equal(Object.getPrototypeOf(back), null, 'nothing inherited can pass for a key');
    // A key the app already has is imported even where a new key could not be named so.
    assert.deepEqual(importPreview({ 'dotted.key': 'old' }, { 'dotted.key': 'new' }), [{ key: 'dotted.key', kind: 'changed' }]);
    assert.deepEqual(
      importPreview({}, back).filter((p) => p.kind === 'added').map((p) => p.key),
      ['A', '_', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'],
    );
  });

  it('a generated config with odd keys round-trips through export and import, minus the refused keys', () => {
    const odd = ['__proto__', 'constructor', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf', 'a.b', 'a-b', '_', '.', '-'];
    const values = generated(odd.length * 20, 99);
    const vars = Object.fromEntries(values.map((v, i) => [`${odd[i % odd.length]}${i < odd.length ? '' : i}`, v]));
    const { text, refused } = toDotenv(vars);
    assert.deepEqual(Object.entries(parseDotenv(text)).sort(), Object.entries(vars).filter(([k]) => !refused.includes(k)).sort());
  });
  it("reads generated files as dotenv's own parse does (keys a plain object holds)", () => {
    const rand = prng(4242);
    const pieces = [...TRICKY, 'K=', 'A_1=', 'b.c-d=', 'X: ', '\n', '\r\n', ' = ', '# c\n'];
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const len = Math.floor(rand() * 30);
      for (let j = 0; j < len; j++) text += pieces[Math.floor(rand() * pieces.length)];
      assert.deepEqual({ ...parseDotenv(text) }, { ...parse(text) }, JSON.stringify(text));
    }
  });
});
