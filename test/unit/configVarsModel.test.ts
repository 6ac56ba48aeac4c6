// The config-vars editor's model: row states, key validation, replaying edits after a
// conflict, .env export and import previews.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'dotenv';
import * as M from '../../src/configVars/core/model';
import { describeKeyProblem, fill } from '../../src/configVars/core/pageText';
import { pageStrings } from '../../src/configVars/pageStrings';
import { diffConfig, findConflicts, patchBody } from '../../src/heroku/configVars';

const base = { A: '1', B: 'two', C: 'three' };

describe('config vars model', () => {
  it('tracks added, changed, removed and unchanged rows, and the edited map', () => {
    const rows = M.rowsFromBase(base);
    rows[0]!.value = '1!';
    rows[1]!.deleted = true;
    rows.push({ id: 'n1', key: 'D', value: 'new', originalKey: null, deleted: false });
    assert.deepEqual(rows.map((r) => M.rowStatus(r, base)), ['changed', 'removed', 'unchanged', 'added']);
    assert.deepEqual(M.editedConfig(rows), { A: '1!', C: 'three', D: 'new' });
    assert.equal(M.isDirty(rows, base), true);
    assert.equal(M.isDirty(M.rowsFromBase(base), base), false);
    const renamed = M.rowsFromBase(base);
    renamed[2]!.key = 'C2';
    assert.equal(M.rowStatus(renamed[2]!, base), 'changed');
    assert.deepEqual(diffConfig(base, M.editedConfig(renamed)).map((c) => `${c.kind}:${c.key}`), ['removed:C', 'added:C2']);
  });

  it("validates keys by Heroku's rules, and duplicates, in the words the page is sent", () => {
    const rows = M.rowsFromBase(base);
    const add = (key: string) => ({ id: key, key, value: '', originalKey: null, deleted: false });
    const text = pageStrings();
    const problem = (row: M.DraftRow, all: M.DraftRow[]) => {
      const p = M.keyProblem(row, all);
      return p && describeKeyProblem(p, text);
    };
    assert.equal(problem(add(''), rows), 'A key is required.');
    assert.equal(problem(add('1ABC'), rows), 'A key cannot start with a digit.');
    assert.equal(problem(add('MY-KEY'), rows), 'Use letters, digits and underscores only.');
    assert.equal(problem(add('<img src=x>'), rows), 'Use letters, digits and underscores only.');
    assert.deepEqual(M.keyProblem(add('A'), rows), { kind: 'duplicate', key: 'A' });
    assert.equal(problem(add('A'), rows), 'A is used twice.');
    assert.equal(problem(add('X'.repeat(257)), rows), 'At most 256 characters.');
    assert.equal(M.keyProblem(add('GOOD_KEY_2'), rows), undefined);
    rows[0]!.deleted = true;
    assert.equal(M.keyProblem(add('A'), rows), undefined, 'a deleted key can be added again');
    const existing = { id: 'e', key: 'legacy-key', value: '', originalKey: 'legacy-key', deleted: false };
    assert.equal(M.keyProblem(existing, [...rows, existing]), undefined, "a key Heroku already has never blocks a save");
    assert.equal(problem({ ...existing, key: 'other-key' }, rows), 'Use letters, digits and underscores only.');
  });

  it("fills the page's placeholders like l10n does, and leaves the others alone", () => {
    assert.equal(fill('{0} of {1} shown', 3, 10), '3 of 10 shown');
    assert.equal(fill('{1} before {0}', 'a', 'b'), 'b before a');
    assert.equal(fill('{0} and {2}', 'x'), 'x and {2}', 'a missing argument leaves its placeholder');
    assert.equal(fill('Saved: {0}', '{1}$&'), 'Saved: {1}$&', 'an argument is inserted as text, never re-read as a pattern');
    const text = pageStrings();
    for (const [key, value] of Object.entries(text)) assert.ok(value.trim(), `the page text ${key} is not empty`);
  });

  it('replays the user edits on a new base after a conflict: their keys win, the rest is remote', () => {
    const rows = M.rowsFromBase(base);
    rows[0]!.value = 'mine';
    rows[1]!.deleted = true;
    rows.push({ id: 'n', key: 'NEW', value: 'x', originalKey: null, deleted: false });
    const remote = { A: 'theirs', B: 'two', C: 'remote-changed', Z: 'remote-added' };
    const replayed = M.reapply(rows, base, remote);
    assert.deepEqual(M.editedConfig(replayed), { A: 'mine', C: 'remote-changed', NEW: 'x', Z: 'remote-added' });
    assert.deepEqual(findConflicts(remote, M.editedConfig(replayed), remote), []);
  });

  it('conflicts: only keys the user touched whose remote value moved', () => {
    const edited = { A: 'mine', B: 'two', D: 'added' };
    assert.deepEqual(findConflicts(base, edited, { A: 'theirs', B: 'two', C: 'three' }).map((c) => c.key), ['A']);
    assert.deepEqual(findConflicts(base, edited, { A: 'mine', B: 'x', C: 'three', D: 'added' }), [], 'the same value remotely is no conflict; untouched keys are kept');
    assert.deepEqual(findConflicts(base, { A: '1', B: 'two' }, { A: '1', B: 'two', C: 'changed' }).map((c) => c.key), ['C'], 'deleting a key changed remotely');
    assert.deepEqual(findConflicts(base, { ...base, D: 'd' }, { ...base, D: 'other' }).map((c) => c.key), ['D'], 'adding a key added remotely');
    assert.deepEqual(patchBody(base, edited), { A: 'mine', C: null, D: 'added' });
  });

  it('keeps a key named __proto__ through rows and the edited map', () => {
    const withProto = JSON.parse('{"__proto__": "p", "A": "1"}') as Record<string, string>;
    const rows = M.rowsFromBase(withProto);
    assert.deepEqual(rows.map((r) => r.key).sort(), ['A', '__proto__']);
    const edited = M.editedConfig(rows.map((r) => (r.key === '__proto__' ? { ...r, value: 'q' } : r)));
    assert.equal(Object.getOwnPropertyDescriptor(edited, '__proto__')?.value, 'q');
    assert.equal(M.rowStatus(rows.find((r) => r.key === '__proto__')!, withProto), 'unchanged');
  });

  it('previews an import key by key (never values) and applies it to the draft', () => {
    const entries = parse('A=1\nB=changed\nNEW=x\nbad-key=1\n');
    assert.deepEqual(M.importPreview(base, entries), [
      { key: 'A', kind: 'same' },
      { key: 'B', kind: 'changed' },
      { key: 'NEW', kind: 'added' },
      { key: 'bad-key', kind: 'invalid' },
    ]);
    const rows = M.applyImport(M.rowsFromBase(base), { B: 'changed', NEW: 'x' });
    assert.deepEqual(M.editedConfig(rows), { A: '1', B: 'changed', C: 'three', NEW: 'x' });
  });

  it('keys named like Object.prototype members are data: an import adds them, a replay keeps them new', () => {
    const entries = JSON.parse('{"constructor":"c","toString":"t","__proto__":"p"}') as Record<string, string>;
    assert.deepEqual(M.importPreview(base, entries), [
      { key: '__proto__', kind: 'added' },
      { key: 'constructor', kind: 'added' },
      { key: 'toString', kind: 'added' },
    ]);
    const rows = [...M.rowsFromBase(base), { id: 'n', key: 'constructor', value: 'c', originalKey: null, deleted: false }];
    const replayed = M.reapply(rows, base, { ...base, Z: 'z' });
    const added = replayed.find((r) => r.key === 'constructor')!;
    assert.equal(added.originalKey, null, 'the new base has no key constructor');
    assert.equal(M.rowStatus(added, base), 'added');
  });

  it('measures the config against the 32 kB limit', () => {
    assert.equal(M.configBytes({ AB: 'é' }), 4);
    assert.ok(M.configBytes({ BIG: 'x'.repeat(M.CONFIG_LIMIT_BYTES) }) > M.CONFIG_LIMIT_BYTES);
  });
});
