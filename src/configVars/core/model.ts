// The config-vars editor's data, shared by the host and the webview script: draft rows,
// key validation (Heroku's rules and duplicates), and the edited map a save sends.
// No `vscode`, no DOM: unit-tested in plain Node.

export interface DraftRow {
  /** Stable within the editor (survives renames and reordering). */
  id: string;
  key: string;
  value: string;
  /** The key this row had in the base, or null for a row the user added. */
  originalKey: string | null;
  deleted: boolean;
}

export interface Draft {
  rows: DraftRow[];
}

export type RowStatus = 'unchanged' | 'added' | 'changed' | 'removed';

/** Heroku accepts letters, digits and underscores, not starting with a digit. */
export const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_KEY_LENGTH = 256;
/** Heroku's limit for an app's whole config. */
export const CONFIG_LIMIT_BYTES = 32 * 1024;

/**
 * A config's value for `key`, or undefined: own keys only (config keys are data, and
 * `config[key]` would find `constructor` or `toString` on every object).
 */
export function own(config: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(config, key) ? config[key] : undefined;
}

export function rowsFromBase(base: Record<string, string>): DraftRow[] {
  return Object.keys(base)
    .sort()
    .map((key, i) => ({ id: `r${i}`, key, value: base[key] as string, originalKey: key, deleted: false }));
}

export function rowStatus(row: DraftRow, base: Record<string, string>): RowStatus {
  if (row.originalKey === null) return 'added';
  if (row.deleted) return 'removed';
  return row.key !== row.originalKey || row.value !== own(base, row.originalKey) ? 'changed' : 'unchanged';
}

/** How many live rows use each key (for duplicate checks over a whole table at once). */
export function keyCounts(rows: DraftRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) if (!r.deleted) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  return counts;
}

/** Why a key cannot be saved; core/pageText.ts puts it in words. */
export type KeyProblem =
  | { kind: 'required' }
  | { kind: 'duplicate'; key: string }
  | { kind: 'tooLong'; limit: number }
  | { kind: 'leadingDigit' }
  | { kind: 'characters' };

/**
 * Why a row's key cannot be saved, or undefined. When checking every row of a table,
 * pass `counts` (keyCounts of those rows, which include this one).
 */
export function keyProblem(row: DraftRow, rows: DraftRow[], counts?: Map<string, number>): KeyProblem | undefined {
  if (row.deleted) return undefined;
  const key = row.key;
  if (!key) return { kind: 'required' };
  const duplicate = counts ? (counts.get(key) ?? 0) > 1 : rows.some((r) => r !== row && !r.deleted && r.key === key);
  if (duplicate) return { kind: 'duplicate', key };
  // A key as Heroku already has it is left alone; new and renamed keys follow the rule.
  if (key === row.originalKey) return undefined;
  if (key.length > MAX_KEY_LENGTH) return { kind: 'tooLong', limit: MAX_KEY_LENGTH };
  if (!KEY_PATTERN.test(key)) return /^[0-9]/.test(key) ? { kind: 'leadingDigit' } : { kind: 'characters' };
  return undefined;
}

/** The config the user wants: rows not deleted. */
export function editedConfig(rows: DraftRow[]): Record<string, string> {
  // fromEntries defines own properties: `out[key] =` would drop a key named `__proto__`.
  return Object.fromEntries(rows.filter((r) => !r.deleted).map((r) => [r.key, r.value]));
}

export function configBytes(vars: Record<string, string>): number {
  const enc = new TextEncoder();
  return Object.entries(vars).reduce((n, [k, v]) => n + enc.encode(k).length + enc.encode(v).length, 0);
}

export function isDirty(rows: DraftRow[], base: Record<string, string>): boolean {
  return rows.some((r) => rowStatus(r, base) !== 'unchanged') || Object.keys(base).some((k) => !rows.some((r) => r.originalKey === k));
}

/**
 * The user's edits replayed on a new base (after a conflict the user chose to reload):
 * their added, changed and removed keys win; everything else is the new remote.
 */
export function reapply(rows: DraftRow[], oldBase: Record<string, string>, newBase: Record<string, string>): DraftRow[] {
  const next = rowsFromBase(newBase);
  let n = next.length;
  for (const r of rows) {
    const status = rowStatus(r, oldBase);
    if (status === 'unchanged') continue;
    const target = r.originalKey !== null ? next.find((x) => x.originalKey === r.originalKey) : undefined;
    if (status === 'removed') {
      if (target) target.deleted = true;
    } else if (target) {
      target.key = r.key;
      target.value = r.value;
    } else {
      next.push({ id: `r${n++}`, key: r.key, value: r.value, originalKey: Object.hasOwn(newBase, r.key) ? r.key : null, deleted: false });
    }
  }
  return next;
}

export interface ImportPreview {
  key: string;
  kind: 'added' | 'changed' | 'same' | 'invalid';
}

/**
 * What importing `entries` into `current` would do, key by key (never values). A key the
 * app already has is valid as it is (as keyProblem leaves it alone): an export reads back.
 */
export function importPreview(current: Record<string, string>, entries: Record<string, string>): ImportPreview[] {
  return Object.keys(entries)
    .sort()
    .map((key) => ({
      key,
      kind: !Object.hasOwn(current, key) ? (KEY_PATTERN.test(key) ? 'added' : 'invalid') : current[key] === entries[key] ? 'same' : 'changed',
    }));
}

/** Rows after importing the chosen entries. */
export function applyImport(rows: DraftRow[], entries: Record<string, string>): DraftRow[] {
  const next = rows.map((r) => ({ ...r }));
  let n = next.length;
  for (const [key, value] of Object.entries(entries)) {
    const existing = next.find((r) => r.key === key && !r.deleted) ?? next.find((r) => r.originalKey === key);
    if (existing) {
      existing.value = value;
      existing.deleted = false;
      existing.key = key;
    } else {
      next.push({ id: `i${n++}`, key, value, originalKey: null, deleted: false });
    }
  }
  return next;
}

/** A row's key and value when its edit began (what Escape goes back to). */
export interface EditStart {
  key: string;
  value: string;
}

/**
 * The rows after an edit of row `id` is cancelled: its key and value as they were when the
 * edit began. A row the user added and left empty (Add, then Escape) is dropped.
 */
export function cancelEdit(rows: DraftRow[], id: string, start: EditStart | undefined): DraftRow[] {
  const row = rows.find((r) => r.id === id);
  if (!row) return rows;
  const back = start ?? { key: row.key, value: row.value };
  if (row.originalKey === null && back.key === '' && back.value === '') return rows.filter((r) => r !== row);
  return rows.map((r) => (r === row ? { ...r, key: back.key, value: back.value } : r));
}
