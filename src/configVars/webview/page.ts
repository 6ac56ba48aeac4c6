// The config-vars editor's page (bundled separately for the browser). Keys and values are
// only ever set as text (textContent / input values: never HTML); no inline handlers; all
// state changes go to the host as messages it validates.
//
// Keyboard and screen reader: the table is an ARIA grid with one Tab stop (a roving
// tabindex); arrow keys, Home/End and PageUp/PageDown move between rows and a row's stops
// (core/grid.ts). Every action leaves the focus on a control that makes sense next (never
// on the page's body), and says its outcome in the page's status line.
import type { Inbound, Outbound } from '../core/protocol';
import { type DraftRow, type EditStart, type RowStatus, cancelEdit, configBytes, CONFIG_LIMIT_BYTES, editedConfig, isDirty, keyCounts, keyProblem, own, rowStatus, rowsFromBase } from '../core/model';
import { describeKeyProblem, fill, type PageText } from '../core/pageText';
import { move, neighbour, sameColumn } from '../core/grid';
import { $, el } from '../../shared/webview/dom';

declare function acquireVsCodeApi(): { postMessage(m: Inbound): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();

/** The grid's Tab stop: a row and one of its columns ('key', 'value', or a button's role). */
interface Cursor {
  id: string;
  col: string;
}

interface State {
  app: string;
  base: Record<string, string>;
  rows: DraftRow[];
  revealed: string[];
  revealAll: boolean;
  editing: string[];
  /** The key and value of each row being edited as they were when its edit began (Escape goes back to them). */
  editStarts: Array<EditStart & { id: string }>;
  filter: string;
  notice: string;
  error: string;
  busy: string;
  release: string;
  /** The host's version of `base`; sent with every message that carries rows. */
  baseVersion: number;
  cursor?: Cursor;
  /** The page's words, from the host's `init` (none before it: nothing is drawn then). */
  text?: PageText;
}

const EMPTY: State = { app: '', base: {}, rows: [], revealed: [], revealAll: false, editing: [], editStarts: [], filter: '', notice: '', error: '', busy: '', release: '', baseVersion: -1 };
let state: State = { ...EMPTY, ...((vscode.getState() as Partial<State> | undefined) ?? {}) };
let nextId = state.rows.length + 1;


/**
 * A message to the host: an `Inbound`, the type of the schema the host validates with, so
 * a misspelt or mis-shaped message is a compile error here (test/webview/ checks it).
 */
export function post(m: Inbound): void {
  vscode.postMessage(m);
}

let draftTimer: ReturnType<typeof setTimeout> | undefined;
/** Keys in use, computed once per render (duplicate checks stay linear for 1,000 rows). */
let counts = new Map<string, number>();
/** Keep the page's state across webview reloads and redraw. */
function show(): void {
  vscode.setState(state);
  render();
}

/** A user edit: redraw, then tell the host so the draft is stored. */
function changed(): void {
  show();
  sendDraft();
}

/** The draft to the host (debounced), with the base it was made on: the host drops any other. */
function sendDraft(): void {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(postDraft, 250);
}

function postDraft(): void {
  draftTimer = undefined;
  post({ type: 'draftChanged', draft: { rows: state.rows }, baseVersion: state.baseVersion });
}

/** A draft still waiting for its debounce goes now: a message that follows must not overtake it. */
function flushDraft(): void {
  if (draftTimer === undefined) return;
  clearTimeout(draftTimer);
  postDraft();
}

/** A key problem in words (the host's words; empty before they arrive). */
function problemText(r: DraftRow, rows: DraftRow[], counts?: Map<string, number>): string | undefined {
  const problem = keyProblem(r, rows, counts);
  return problem && state.text ? describeKeyProblem(problem, state.text) : undefined;
}

function update(fn: (s: State) => void): void {
  fn(state);
  changed();
}

const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
/** A row's key as the page names it (a new row may have none yet). */
const nameOf = (r: DraftRow) => r.key || state.text?.newVar || '';
/**
 * A key inside words the eye reads, in Unicode isolates: a key is data, and a right-to-left
 * mark in it must not turn the words around it.
 */
const isolated = (r: DraftRow) => `\u2068${nameOf(r)}\u2069`;

/** Says the outcome of an action in the status line (a live region: screen readers read it). */
function say(message: string): void {
  const line = $('status');
  // Only a change is read: the same words twice get a trailing no-break space.
  line.textContent = line.textContent === message ? `${message}\u00a0` : message;
}

// ---- focus --------------------------------------------------------------------------

/** Where the focus goes once the next render is done: a row's stop, a control by id, or the grid's Tab stop. */
type FocusTarget = Cursor | { element: string } | 'grid';
let focusNext: FocusTarget | undefined;

const rowsShown = () => [...$('rows').querySelectorAll<HTMLTableRowElement>('tr.row')];
const stopsOf = (tr: Element) => [...tr.querySelectorAll<HTMLElement>('[data-col]')];
const rowById = (id: string) => $('rows').querySelector<HTMLTableRowElement>(`tr.row[data-id="${CSS.escape(id)}"]`);

/** A row's stop for `col`, or the one at the same place in the row when it has none. */
function stopIn(tr: HTMLTableRowElement, col: string, index = 0): HTMLElement | undefined {
  const stops = stopsOf(tr);
  const found = sameColumn(stops.map((s) => s.dataset.col ?? ''), col, index);
  return stops.find((s) => s.dataset.col === found);
}

/** The elements Tab reaches in the grid: its one stop, and the fields of the row it is in when that row is being edited. */
let tabbable: HTMLElement[] = [];
function makeTabStop(stop: HTMLElement | undefined): void {
  const tr = stop?.closest<HTMLTableRowElement>('tr.row');
  const fields = tr && state.editing.includes(tr.dataset.id ?? '') ? [...tr.querySelectorAll<HTMLElement>('input[data-col], textarea[data-col]')] : [];
  const next = stop ? [...new Set([...fields, stop])] : [];
  for (const e of tabbable) if (!next.includes(e)) e.tabIndex = -1;
  for (const e of next) e.tabIndex = 0;
  tabbable = next;
}

/** The grid's Tab stop as it is drawn now: the cursor's, or the first row's key. */
function cursorStop(): HTMLElement | undefined {
  const tr = state.cursor ? rowById(state.cursor.id) : null;
  if (tr && state.cursor) return stopIn(tr, state.cursor.col);
  const first = rowsShown()[0];
  return first ? stopsOf(first)[0] : undefined;
}

function focusTarget(target: FocusTarget): void {
  // Never from a page without the focus: a focus() here would take it from the workbench.
  if (!document.hasFocus()) return;
  if (target === 'grid') {
    const stop = cursorStop();
    return void (stop ?? $('search')).focus();
  }
  if ('element' in target) return void $(target.element).focus();
  const tr = rowById(target.id);
  const stop = tr && stopIn(tr, target.col);
  if (stop) stop.focus();
  else focusTarget('grid');
}

interface Remembered {
  id?: string;
  key?: string;
  col?: string;
  start?: number | null;
}

function rememberFocus(): Remembered {
  const a = document.activeElement as HTMLElement | null;
  const tr = a?.closest<HTMLTableRowElement>('tr.row');
  if (!a || !tr) return {};
  // The key as drawn: the state may hold the host's new rows already.
  return { id: tr.dataset.id, key: tr.dataset.key, col: a.closest<HTMLElement>('[data-col]')?.dataset.col, start: a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement ? a.selectionStart : undefined };
}

/** Back where the focus was before the rows were drawn again: the same row (by id, else by key) and column. */
function restoreFocus(f: Remembered): void {
  if (!f.id || !f.col || !document.hasFocus()) return;
  const sameKey = f.key !== undefined ? state.rows.find((r) => r.key === f.key && r.id === f.id) ?? state.rows.find((r) => r.key === f.key) : undefined;
  const tr = rowById(sameKey?.id ?? f.id);
  const target = tr ? stopIn(tr, f.col) : cursorStop();
  if (!target) return void $('search').focus();
  target.focus();
  if (f.start !== undefined && f.start !== null && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) target.setSelectionRange(f.start, f.start);
}

// ---- rendering ----------------------------------------------------------------------

function render(): void {
  if (!state.text) return;
  renderHeader();
  renderRows();
}

/** Save is off (and says why) while a request is out, nothing is pending, or a key is invalid. */
function saveBlocked(): boolean {
  return $('save').getAttribute('aria-disabled') === 'true';
}

/** Counts, buttons, banners and title: cheap, and never moves the focus. */
function renderHeader(): void {
  const { rows, base } = state;
  const text = state.text!;
  $('app').textContent = state.app;
  const live = rows.filter((r) => !r.deleted);
  const pending = rows.filter((r) => rowStatus(r, base) !== 'unchanged').length;
  const bytes = configBytes(editedConfig(rows));
  const count = [
    live.length === 1 ? text.varsOne : fill(text.vars, live.length),
    pending === 1 ? text.pendingOne : fill(text.pending, pending),
    fill(text.size, (bytes / 1024).toFixed(1)),
  ].join(' · ');
  // A live region: written only when it changes, or every redraw would be read out again.
  if ($('count').textContent !== count) $('count').textContent = count;
  $('count').classList.toggle('over', bytes > CONFIG_LIMIT_BYTES);
  $<HTMLButtonElement>('revealAll').textContent = state.revealAll ? text.hideAll : text.revealAll;
  counts = keyCounts(rows);
  const invalid = rows.filter((r) => keyProblem(r, rows, counts));
  // aria-disabled, not disabled: a disabled button drops out of the Tab order (and drops
  // the focus it had, to the page's body); this one stays reachable and says why it is off.
  const save = $<HTMLButtonElement>('save');
  save.setAttribute('aria-disabled', String(Boolean(state.busy) || pending === 0 || invalid.length > 0));
  $<HTMLButtonElement>('reload').setAttribute('aria-disabled', String(Boolean(state.busy)));
  const hint = invalid.length ? fill(text.saveInvalid, invalid.map(isolated).join(', ')) : '';
  $('saveHint').textContent = hint;
  if (hint) save.setAttribute('aria-describedby', 'saveHint');
  else save.removeAttribute('aria-describedby');
  save.title = invalid.length ? hint : pending === 0 ? text.saveNothing : text.saveReady;
  setBanner('notice', state.notice);
  // Only a draft can be discarded: after a save (or with nothing changed) the button would lie.
  $('discard').hidden = !isDirty(rows, base);
  setBanner('error', state.error);
  setBanner('busy', state.busy);
  $('release').textContent = state.release;
  document.title = `${isDirty(rows, base) ? '● ' : ''}${fill(text.title, state.app)}`;
}

function renderRows(): void {
  const { rows } = state;
  const text = state.text!;
  const needle = state.filter.toLowerCase();
  const shown = rows.filter((r) => !needle || r.key.toLowerCase().includes(needle) || (r.originalKey ?? '').toLowerCase().includes(needle));
  // A live region: the count is read as the filter changes.
  const count = needle ? fill(text.shown, shown.length, rows.length) : '';
  if ($('shown').textContent !== count) $('shown').textContent = count;
  const focus = rememberFocus();
  const body = $('rows');
  tabbable = [];
  body.replaceChildren(...shown.map(renderRow));
  if (!shown.length) {
    const cell = el('td', { colSpan: 3, className: 'empty' }, needle ? text.emptyFiltered : text.empty);
    cell.setAttribute('role', 'gridcell');
    const tr = el('tr', {}, cell);
    tr.setAttribute('role', 'row');
    body.append(tr);
  }
  makeTabStop(cursorStop());
  const next = focusNext;
  focusNext = undefined;
  if (next) focusTarget(next);
  else restoreFocus(focus);
}

/** A banner keeps its live text element in the page while empty: a live region must exist before its words change to be read. */
function setBanner(id: string, text: string): void {
  $(id).classList.toggle('empty', !text);
  const t = $(`${id}Text`);
  if (t.textContent !== text) t.textContent = text;
}

let problemIds = 0;

function renderRow(r: DraftRow): HTMLTableRowElement {
  const text = state.text!;
  const status = rowStatus(r, state.base);
  const editing = state.editing.includes(r.id) && !r.deleted;
  const revealed = state.revealAll || state.revealed.includes(r.id) || editing;
  const problem = problemText(r, state.rows, counts);
  const name = nameOf(r);
  const tr = el('tr', { className: `row ${status}` });
  tr.setAttribute('role', 'row');
  tr.dataset.id = r.id;
  tr.dataset.key = r.key;

  const problemId = `problem-${++problemIds}`;
  // Polite and kept in place while the key is typed: a new message is read; a redraw (a new element) is not read again.
  const problemLine = el('div', { className: 'problem', id: problemId }, problem ?? '');
  problemLine.setAttribute('aria-live', 'polite');

  const keyCell = el('td', { className: 'key' });
  keyCell.setAttribute('role', 'gridcell');
  if (editing) {
    const input = el('input', { type: 'text', value: r.key, spellcheck: false, className: problem ? 'invalid' : '', tabIndex: -1 });
    input.setAttribute('aria-label', text.key);
    input.setAttribute('aria-describedby', problemId);
    input.setAttribute('aria-invalid', String(Boolean(problem)));
    input.dataset.role = 'key';
    input.dataset.col = 'key';
    input.addEventListener('input', () => {
      r.key = input.value.trim();
      vscode.setState(state);
      const msg = problemText(r, state.rows, keyCounts(state.rows));
      input.classList.toggle('invalid', Boolean(msg));
      input.setAttribute('aria-invalid', String(Boolean(msg)));
      if (problemLine.textContent !== (msg ?? '')) problemLine.textContent = msg ?? '';
      sendDraft();
    });
    // Leaving the field (Tab) must not rebuild the table, or the focus would be lost.
    input.addEventListener('change', () => {
      vscode.setState(state);
      renderHeader();
      decorate(tr, r);
    });
    keyCell.append(input);
  } else {
    keyCell.dataset.col = 'key';
    keyCell.tabIndex = -1;
    keyCell.append(el('span', { className: 'keytext' }, r.key || text.noKey));
  }
  // The space keeps a screen reader from reading the key and its badge as one word.
  keyCell.append(' ', el('span', { className: `badge ${status}`, hidden: status === 'unchanged' }, statusText(status)));
  keyCell.append(problemLine);
  tr.append(keyCell);

  const valueCell = el('td', { className: 'value' });
  valueCell.setAttribute('role', 'gridcell');
  if (editing) {
    const area = el('textarea', { value: r.value, spellcheck: false, rows: Math.min(12, Math.max(1, r.value.split('\n').length)), tabIndex: -1 });
    area.setAttribute('aria-label', fill(text.valueOf, name));
    area.dataset.role = 'value';
    area.dataset.col = 'value';
    area.addEventListener('input', () => {
      r.value = area.value;
      area.rows = Math.min(12, Math.max(1, area.value.split('\n').length));
      vscode.setState(state);
      sendDraft();
    });
    valueCell.append(area);
  } else if (revealed) {
    // The box scrolls a long value; the text in it is the cell's stop, so the arrow keys reach and scroll it.
    const value = el('pre', { className: 'valuetext', tabIndex: -1 }, r.value);
    value.dataset.col = 'value';
    valueCell.append(el('div', { className: 'valuebox' }, value));
  } else {
    // Words for screen readers, dots for the eye (an aria-label on a span is not read by all of them).
    const masked = el('span', { className: 'masked', tabIndex: -1 }, el('span', { className: 'dots' }, '••••••••'), el('span', { className: 'visually-hidden' }, text.hiddenValue));
    masked.firstElementChild!.setAttribute('aria-hidden', 'true');
    masked.dataset.col = 'value';
    valueCell.append(masked);
  }
  tr.append(valueCell);

  const actions = el('td', { className: 'actions' });
  actions.setAttribute('role', 'gridcell');
  const buttons = el('div', { className: 'buttons' });
  actions.append(buttons);
  const button = (label: string, role: string, onClick: () => void, title = label) => {
    const b = el('button', { type: 'button', className: 'icon', tabIndex: -1 }, label);
    b.dataset.label = title;
    nameButton(b, r);
    b.dataset.role = role;
    b.dataset.col = role;
    b.addEventListener('click', onClick);
    buttons.append(b);
  };
  if (!r.deleted) {
    if (!editing) button(revealed ? text.hide : text.reveal, 'reveal', () => update((s) => (s.revealed = toggle(s.revealed, r.id))));
    button(text.copy, 'copy', () => post({ type: 'copyValue', key: name, value: r.value }), text.copyValue);
    button(editing ? text.done : text.edit, 'edit', () => (editing ? finishEdit(r.id) : startEdit(r.id, 'value')));
    button(text.delete, 'delete', () => remove(r));
  }
  if (status !== 'unchanged' && r.originalKey !== null) button(text.undo, 'undo', () => undo(r), text.undoChange);
  tr.append(actions);
  return tr;
}

/** A row's status badge in the host's words. */
function statusText(status: RowStatus): string {
  return status === 'unchanged' || !state.text ? '' : state.text[status];
}

/** A row's button named with its action and the row's key (a screen reader hears which row it acts on). */
function nameButton(b: HTMLButtonElement, r: DraftRow): void {
  b.title = `${b.dataset.label} (${isolated(r)})`;
  b.setAttribute('aria-label', `${b.dataset.label} ${nameOf(r)}`);
}

/** A row's status marks and the names that carry its key, updated in place. */
function decorate(tr: HTMLTableRowElement, r: DraftRow): void {
  for (const b of tr.querySelectorAll<HTMLButtonElement>('button[data-label]')) nameButton(b, r);
  tr.querySelector('textarea[data-col]')?.setAttribute('aria-label', fill(state.text!.valueOf, nameOf(r)));
  const status = rowStatus(r, state.base);
  tr.className = `row ${status}`;
  const badge = tr.querySelector<HTMLElement>('.badge');
  if (badge) {
    badge.className = `badge ${status}`;
    badge.textContent = statusText(status);
    badge.hidden = status === 'unchanged';
  }
}

// ---- row actions ----------------------------------------------------------------------

/** Edit a row: its value box gets the focus (its key field for a row without a key, or when asked). */
function startEdit(id: string, col: 'key' | 'value'): void {
  const r = state.rows.find((x) => x.id === id);
  if (!r || r.deleted) return;
  focusNext = { id, col: col === 'key' || !r.key ? 'key' : 'value' };
  update((s) => {
    if (!s.editing.includes(id)) s.editing = [...s.editing, id];
    s.editStarts = [...s.editStarts.filter((e) => e.id !== id), { id, key: r.key, value: r.value }];
  });
}

/** Done (Ctrl+Enter): the edit stays; the focus goes back to the row's Edit button. */
function finishEdit(id: string): void {
  focusNext = { id, col: 'edit' };
  update((s) => {
    s.editing = s.editing.filter((x) => x !== id);
    s.editStarts = s.editStarts.filter((e) => e.id !== id);
  });
}

/** Escape: the row's key and value go back to what they were when the edit began. */
function cancel(id: string): void {
  const r = state.rows.find((x) => x.id === id);
  if (!r) return;
  const start = state.editStarts.find((e) => e.id === id);
  const rows = cancelEdit(state.rows, id, start);
  const dropped = !rows.some((x) => x.id === id);
  // A row just added and left empty goes away: back to Add, which made it.
  focusNext = dropped ? { element: 'add' } : { id, col: 'edit' };
  update((s) => {
    s.rows = rows;
    s.editing = s.editing.filter((x) => x !== id);
    s.editStarts = s.editStarts.filter((e) => e.id !== id);
  });
  const back = rows.find((x) => x.id === id);
  say(fill(state.text!.editCancelled, isolated(back ?? r)));
}

/** Delete: a row from Heroku is marked (its Undo gets the focus); a new row leaves the draft (the next row gets it). */
function remove(r: DraftRow): void {
  const text = state.text!;
  if (r.originalKey === null) {
    const next = neighbour(rowsShown().map((tr) => tr.dataset.id ?? ''), r.id);
    focusNext = next ? { id: next, col: 'delete' } : { element: 'add' };
    update((s) => {
      s.rows = s.rows.filter((x) => x !== r);
      s.editing = s.editing.filter((x) => x !== r.id);
      s.editStarts = s.editStarts.filter((e) => e.id !== r.id);
    });
    say(fill(text.droppedNew, isolated(r)));
    return;
  }
  focusNext = { id: r.id, col: 'undo' };
  update((s) => {
    r.deleted = true;
    s.editing = s.editing.filter((x) => x !== r.id);
    s.editStarts = s.editStarts.filter((e) => e.id !== r.id);
  });
  say(fill(text.markedRemoved, isolated(r)));
}

/** Undo: the row as Heroku has it; its Edit button gets the focus. */
function undo(r: DraftRow): void {
  focusNext = { id: r.id, col: 'edit' };
  update(() => {
    r.key = r.originalKey as string;
    r.value = own(state.base, r.originalKey as string) ?? '';
    r.deleted = false;
  });
  say(fill(state.text!.undone, isolated(r)));
}

// ---- keyboard -------------------------------------------------------------------------

/** Up and Down scroll a long value while it has more to show that way, then move on. */
function scrollsItself(target: HTMLElement, key: string): boolean {
  const box = target.classList.contains('valuetext') ? target.parentElement : null;
  if (!box || (key !== 'ArrowDown' && key !== 'ArrowUp')) return false;
  const room = key === 'ArrowDown' ? box.scrollHeight - box.clientHeight - box.scrollTop : box.scrollTop;
  if (room < 1) return false;
  box.scrollBy({ top: key === 'ArrowDown' ? 40 : -40 });
  return true;
}

$('rows').addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  const stop = target.closest<HTMLElement>('[data-col]');
  const tr = stop?.closest<HTMLTableRowElement>('tr.row');
  if (!stop || !tr) return;
  const id = tr.dataset.id ?? '';
  const col = stop.dataset.col ?? '';
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    // In a field the arrow keys edit text; these keys end the edit, or go on to the value.
    if (e.key === 'Escape') cancel(id);
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) finishEdit(id);
    else if (e.key === 'Enter' && target instanceof HTMLInputElement && !e.shiftKey && !e.altKey) tr.querySelector<HTMLElement>('textarea[data-col]')?.focus();
    else return;
    e.preventDefault();
    return;
  }
  if ((e.key === 'Enter' || e.key === 'F2') && (col === 'key' || col === 'value')) {
    e.preventDefault();
    startEdit(id, col);
    return;
  }
  if (!e.ctrlKey && scrollsItself(target, e.key)) {
    e.preventDefault();
    return;
  }
  const rows = rowsShown();
  const to = move(rows.map((r) => stopsOf(r).map((s) => s.dataset.col ?? '')), { row: rows.indexOf(tr), col }, e);
  if (!to) return;
  e.preventDefault();
  const row = rows[to.row];
  (row && stopsOf(row).find((s) => s.dataset.col === to.col))?.focus();
});

// The grid's Tab stop follows the focus (a click, an arrow key, a field).
$('rows').addEventListener('focusin', (e) => {
  const stop = (e.target as HTMLElement).closest<HTMLElement>('[data-col]');
  const tr = stop?.closest<HTMLTableRowElement>('tr.row');
  if (!stop || !tr) return;
  state.cursor = { id: tr.dataset.id ?? '', col: stop.dataset.col ?? '' };
  makeTabStop(stop);
});

/**
 * A control that takes the focus under the sticky header (Shift+Tab, an arrow key) is
 * scrolled clear of it, once the browser has scrolled it into view its own way.
 */
document.addEventListener('focusin', (e) => {
  const target = e.target;
  requestAnimationFrame(() => {
    const header = document.querySelector('header');
    if (!(target instanceof HTMLElement) || !header || document.activeElement !== target || header.contains(target)) return;
    if (getComputedStyle(header).position !== 'sticky') return;
    const clear = header.getBoundingClientRect().bottom + 4;
    const top = target.getBoundingClientRect().top;
    if (top < clear) window.scrollBy(0, top - clear);
  });
});

/**
 * When VS Code gives the page the focus (the editor opened, a dialog closed) and no control
 * holds it, the last one that had it gets it back, else the filter box (as VS Code's own
 * Settings and Keyboard Shortcuts editors focus their search).
 */
let lastFocused: HTMLElement | undefined;
document.addEventListener('focusin', (e) => {
  if (e.target instanceof HTMLElement) lastFocused = e.target;
});
function takeFocusBack(): void {
  const lost = () => !document.activeElement || document.activeElement === document.body;
  if (!lost()) return;
  // (Only where the page has the focus: never taken from elsewhere.)
  lastFocused?.focus();
  // It was redrawn meanwhile: the table's Tab stop, where the user was.
  // (Or the page was drawn again after being hidden: the table's Tab stop, if it had one.)
  if (lost() && (lastFocused || state.cursor)) cursorStop()?.focus();
  if (lost()) $('search').focus();
}
window.addEventListener('focus', takeFocusBack);

// ---- toolbar ------------------------------------------------------------------------

$<HTMLInputElement>('search').value = state.filter;
$('search').addEventListener('input', (e) => update((s) => (s.filter = (e.target as HTMLInputElement).value)));
$('revealAll').addEventListener('click', () => update((s) => (s.revealAll = !s.revealAll)));
$('add').addEventListener('click', () => {
  const id = `n${nextId++}`;
  focusNext = { id, col: 'key' };
  $<HTMLInputElement>('search').value = '';
  update((s) => {
    s.rows = [...s.rows, { id, key: '', value: '', originalKey: null, deleted: false }];
    s.editing = [...s.editing, id];
    s.editStarts = [...s.editStarts, { id, key: '', value: '' }];
    s.filter = '';
  });
});
/** Save and Reload are off from the click until the host answers: a second click cannot race the first. */
function request(type: 'save' | 'reload', label: string): void {
  if (state.busy) return;
  if (type === 'save' && saveBlocked()) return;
  // The host must store the last edit before it reloads (and asks about the draft).
  flushDraft();
  update((s) => (s.busy = label));
  post(type === 'save' ? { type, draft: { rows: state.rows }, baseVersion: state.baseVersion } : { type });
}
$('save').addEventListener('click', () => request('save', state.text?.saving ?? '…'));
$('reload').addEventListener('click', () => request('reload', state.text?.reloading ?? '…'));
$('import').addEventListener('click', () => post({ type: 'importEnv', draft: { rows: state.rows }, baseVersion: state.baseVersion }));
$('export').addEventListener('click', () => post({ type: 'exportEnv', draft: { rows: state.rows }, baseVersion: state.baseVersion }));
$('discard').addEventListener('click', () => {
  // A draft still on its way would store again what is being discarded.
  clearTimeout(draftTimer);
  draftTimer = undefined;
  post({ type: 'discardDraft' });
});
for (const id of ['notice', 'error'] as const) {
  $(`${id}Close`).addEventListener('click', () => {
    // The banner and its button go: the focus goes on to the table.
    focusNext = 'grid';
    update((s) => (s[id] = ''));
  });
}

// ---- host messages --------------------------------------------------------------------

/** The cursor's row in new rows: the same key (rows are numbered afresh by a reload or a save). */
function followCursor(oldRows: DraftRow[], rows: DraftRow[]): Cursor | undefined {
  const c = state.cursor;
  if (!c) return undefined;
  const key = oldRows.find((r) => r.id === c.id)?.key;
  const row = rows.find((r) => r.key === key) ?? rows.find((r) => r.id === c.id);
  return row ? { id: row.id, col: c.col } : undefined;
}

/** A message from the host. Every `Outbound` variant is handled: a new one is a compile error here until it is. */
export function receive(m: Outbound): void {
  switch (m.type) {
    case 'init': {
      const rows = m.draft?.rows ?? rowsFromBase(m.base);
      state = { ...state, text: m.text, app: m.app, base: m.base, baseVersion: m.baseVersion, rows, cursor: followCursor(state.rows, rows), notice: m.notice ?? '', error: '', busy: '', release: m.release ?? '', editing: [], editStarts: [], revealed: [] };
      nextId = state.rows.length + 1;
      break;
    }
    case 'saved': {
      const rows = rowsFromBase(m.base);
      state = { ...state, base: m.base, baseVersion: m.baseVersion, rows, cursor: followCursor(state.rows, rows), error: '', busy: '', editing: [], editStarts: [], release: m.release ?? '', notice: m.release ? fill(state.text?.savedRelease ?? '{0}', m.release) : (state.text?.saved ?? '') };
      break;
    }
    case 'saveFailed':
      state = { ...state, error: m.message, busy: '' };
      break;
    case 'busy':
      state = { ...state, busy: m.busy ? (m.label ?? state.text?.working ?? '…') : '' };
      break;
    case 'applyDraft':
      state = { ...state, rows: m.draft.rows, notice: m.notice ?? state.notice };
      break;
    case 'status':
      // Words only: the rows and a draft still on its way stay as they are.
      say(m.message);
      return;
    default: {
      // Only something other than the host's messages gets here (at run time): ignored.
      const _unhandled: never = m;
      return _unhandled;
    }
  }
  // A new state: what the status line said was about the old one.
  if (m.type === 'init' || m.type === 'saved') $('status').textContent = '';
  // The host's own state needs no draft echo: an echo of the rows it just sent would race
  // the user's (or a test's) newer draft and could delete it. A pending edit made on the
  // replaced rows is dropped with them.
  clearTimeout(draftTimer);
  draftTimer = undefined;
  show();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (m && typeof m === 'object' && 'type' in m) receive(m as Outbound);
});

render();
// VS Code may have focused this frame before this script listened (a busy machine).
if (document.hasFocus()) takeFocusBack();
post({ type: 'ready' });
