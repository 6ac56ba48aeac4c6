// The config-vars page's keyboard movement (the grid: arrow keys between rows and a row's
// stops) and the pure parts of its focus and edit rules: where the focus goes when a row
// leaves, and what Escape puts back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { move, neighbour, PAGE_ROWS, sameColumn } from '../../src/configVars/core/grid';
import { cancelEdit, type DraftRow } from '../../src/configVars/core/model';

const FULL = ['key', 'value', 'reveal', 'copy', 'edit', 'delete'];
const CHANGED = [...FULL, 'undo'];
const REMOVED = ['key', 'value', 'undo'];
const EDITING = ['key', 'value', 'copy', 'edit', 'delete'];

describe('config vars grid: keyboard movement', () => {
  const rows = [FULL, CHANGED, REMOVED, EDITING, FULL];

  it('Right and Left walk a row and stop at its ends', () => {
    assert.deepEqual(move(rows, { row: 0, col: 'key' }, { key: 'ArrowRight' }), { row: 0, col: 'value' });
    assert.deepEqual(move(rows, { row: 0, col: 'delete' }, { key: 'ArrowRight' }), { row: 0, col: 'delete' });
    assert.deepEqual(move(rows, { row: 0, col: 'value' }, { key: 'ArrowLeft' }), { row: 0, col: 'key' });
    assert.deepEqual(move(rows, { row: 0, col: 'key' }, { key: 'ArrowLeft' }), { row: 0, col: 'key' });
  });

  it('Down and Up keep the column where the other row has it, else the place in the row', () => {
    assert.deepEqual(move(rows, { row: 0, col: 'edit' }, { key: 'ArrowDown' }), { row: 1, col: 'edit' });
    // A removed row has no Edit: the same place in the row, or its last stop.
    assert.deepEqual(move(rows, { row: 1, col: 'edit' }, { key: 'ArrowDown' }), { row: 2, col: 'undo' });
    assert.deepEqual(move(rows, { row: 1, col: 'undo' }, { key: 'ArrowDown' }), { row: 2, col: 'undo' });
    assert.deepEqual(move(rows, { row: 3, col: 'value' }, { key: 'ArrowUp' }), { row: 2, col: 'value' });
    // A row being edited has no Reveal: the stop at the same place.
    assert.deepEqual(move(rows, { row: 4, col: 'reveal' }, { key: 'ArrowUp' }), { row: 3, col: 'copy' });
    // At the first and last row nothing moves.
    assert.deepEqual(move(rows, { row: 0, col: 'key' }, { key: 'ArrowUp' }), { row: 0, col: 'key' });
    assert.deepEqual(move(rows, { row: 4, col: 'key' }, { key: 'ArrowDown' }), { row: 4, col: 'key' });
  });

  it('Home and End go to the ends of the row; with Ctrl, to the first and the last cell', () => {
    assert.deepEqual(move(rows, { row: 1, col: 'copy' }, { key: 'Home' }), { row: 1, col: 'key' });
    assert.deepEqual(move(rows, { row: 1, col: 'copy' }, { key: 'End' }), { row: 1, col: 'undo' });
    assert.deepEqual(move(rows, { row: 2, col: 'value' }, { key: 'Home', ctrlKey: true }), { row: 0, col: 'key' });
    assert.deepEqual(move(rows, { row: 2, col: 'value' }, { key: 'End', ctrlKey: true }), { row: 4, col: 'delete' });
    assert.deepEqual(move(rows, { row: 2, col: 'value' }, { key: 'End', metaKey: true }), { row: 4, col: 'delete' });
  });

  it('PageDown and PageUp move by a page of rows, clamped to the table', () => {
    const many = Array.from({ length: 36 }, () => FULL);
    assert.deepEqual(move(many, { row: 3, col: 'copy' }, { key: 'PageDown' }), { row: 3 + PAGE_ROWS, col: 'copy' });
    assert.deepEqual(move(many, { row: 30, col: 'copy' }, { key: 'PageDown' }), { row: 35, col: 'copy' });
    assert.deepEqual(move(many, { row: 4, col: 'key' }, { key: 'PageUp' }), { row: 0, col: 'key' });
  });

  it('leaves every other key to the browser (Tab, letters, Shift+arrows for selection, Alt, Ctrl+arrows)', () => {
    for (const key of [{ key: 'Tab' }, { key: 'a' }, { key: 'Enter' }, { key: 'ArrowDown', shiftKey: true }, { key: 'ArrowRight', altKey: true }, { key: 'ArrowDown', ctrlKey: true }]) {
      assert.equal(move(rows, { row: 1, col: 'key' }, key), undefined, JSON.stringify(key));
    }
  });

  it('an unknown column (a stop that went away) counts as the first of its row', () => {
    assert.deepEqual(move(rows, { row: 2, col: 'reveal' }, { key: 'ArrowRight' }), { row: 2, col: 'value' });
    assert.equal(sameColumn(REMOVED, 'delete', 5), 'undo');
    assert.equal(sameColumn([], 'key', 0), undefined);
  });

  it('after a row leaves, the next row gets the focus, else the one before, else none', () => {
    assert.equal(neighbour(['a', 'b', 'c'], 'b'), 'c');
    assert.equal(neighbour(['a', 'b', 'c'], 'c'), 'b');
    assert.equal(neighbour(['a'], 'a'), undefined);
    assert.equal(neighbour(['a', 'b'], 'x'), undefined);
  });
});

describe('config vars: Escape cancels an edit', () => {
  const rows = (): DraftRow[] => [
    { id: 'r0', key: 'GREETING', value: 'typed over', originalKey: 'GREETING', deleted: false },
    { id: 'n1', key: 'NEW_ONE', value: 'half typed', originalKey: null, deleted: false },
  ];

  it('puts back the key and value the row had when its edit began (not the base: earlier edits stay)', () => {
    const after = cancelEdit(rows(), 'r0', { key: 'GREETING', value: 'an earlier edit' });
    assert.deepEqual(after[0], { id: 'r0', key: 'GREETING', value: 'an earlier edit', originalKey: 'GREETING', deleted: false });
    assert.deepEqual(after[1], rows()[1]);
  });

  it('drops a row that was added and empty when the edit began (Add, then Escape)', () => {
    assert.deepEqual(cancelEdit(rows(), 'n1', { key: '', value: '' }).map((r) => r.id), ['r0']);
  });

  it('keeps an added row that had words before this edit', () => {
    assert.deepEqual(cancelEdit(rows(), 'n1', { key: 'NEW_ONE', value: 'first words' })[1]?.value, 'first words');
  });

  it('changes nothing for a row it does not know, or without a start', () => {
    const before = rows();
    assert.equal(cancelEdit(before, 'zz', undefined), before);
    assert.deepEqual(cancelEdit(before, 'r0', undefined), before);
  });
});
