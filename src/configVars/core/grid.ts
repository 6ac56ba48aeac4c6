// Keyboard movement in the config-vars table (the ARIA grid pattern): one Tab stop into the
// table, arrow keys between rows and between a row's stops, Home/End, Ctrl+Home/End,
// PageUp/PageDown. A row's stops are its key, its value and its buttons, named by column
// ('key', 'value', 'reveal', 'copy', 'edit', 'delete', 'undo'); rows differ (a removed row
// has only Undo), so moving up or down keeps the column when the other row has it and the
// position in the row when it does not.
// No `vscode`, no DOM: the page reads the stops from its rows, unit-tested in plain Node.

export interface Cell {
  row: number;
  col: string;
}

export interface GridKey {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/** Rows moved by PageUp and PageDown. */
export const PAGE_ROWS = 10;

/** The stop of `stops` (one row's) that matches column `col`, else the one at `index` (or the last). */
export function sameColumn(stops: readonly string[], col: string, index: number): string | undefined {
  if (stops.includes(col)) return col;
  return stops[Math.min(Math.max(index, 0), stops.length - 1)];
}

/**
 * Where `key` moves the focus from `from`, over rows whose stops are `rows` (the rows shown,
 * in order). `undefined`: not a key of the grid (the browser's default applies). A key of
 * the grid at the grid's edge answers `from` itself (nothing moves, nothing else happens).
 */
export function move(rows: ReadonlyArray<readonly string[]>, from: Cell, key: GridKey): Cell | undefined {
  if (key.altKey || key.shiftKey) return undefined;
  const here = rows[from.row];
  if (!here || !here.length) return undefined;
  const index = Math.max(0, here.indexOf(from.col));
  const ctrl = Boolean(key.ctrlKey || key.metaKey);
  // Every row has at least its key as a stop.
  const to = (row: number): Cell => {
    const r = Math.min(Math.max(row, 0), rows.length - 1);
    return { row: r, col: sameColumn(rows[r]!, from.col, index) ?? from.col };
  };
  const last = rows.length - 1;
  switch (key.key) {
    case 'ArrowRight':
      return ctrl ? undefined : { row: from.row, col: here[Math.min(index + 1, here.length - 1)]! };
    case 'ArrowLeft':
      return ctrl ? undefined : { row: from.row, col: here[Math.max(index - 1, 0)]! };
    case 'ArrowDown':
      return ctrl ? undefined : to(from.row + 1);
    case 'ArrowUp':
      return ctrl ? undefined : to(from.row - 1);
    case 'PageDown':
      return to(from.row + PAGE_ROWS);
    case 'PageUp':
      return to(from.row - PAGE_ROWS);
    case 'Home':
      return ctrl ? { row: 0, col: rows[0]![0] ?? from.col } : { row: from.row, col: here[0]! };
    case 'End':
      return ctrl ? { row: last, col: rows[last]!.at(-1) ?? from.col } : { row: from.row, col: here[here.length - 1]! };
    default:
      return undefined;
  }
}

/**
 * The row the focus goes to when row `id` leaves the rows shown (`ids`, in order): the next
 * one, else the one before, else none.
 */
export function neighbour(ids: readonly string[], id: string): string | undefined {
  const i = ids.indexOf(id);
  if (i < 0) return undefined;
  return ids[i + 1] ?? ids[i - 1];
}
