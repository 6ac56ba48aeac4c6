// The config-vars editor's page (bundled separately for the browser). Keys and values are
// only ever set as text (textContent / input values: never HTML); no inline handlers; all
// state changes go to the host as messages it validates.
import type { Inbound, Outbound } from '../core/protocol';
import { type DraftRow, type RowStatus, configBytes, CONFIG_LIMIT_BYTES, editedConfig, isDirty, keyCounts, keyProblem, own, rowStatus, rowsFromBase } from '../core/model';
import { describeKeyProblem, fill, type PageText } from '../core/pageText';

declare function acquireVsCodeApi(): { postMessage(m: Inbound): void; getState(): unknown; setState(s: unknown): void };
const vscode = acquireVsCodeApi();

interface State {
  app: string;
  base: Record<string, string>;
  rows: DraftRow[];
  revealed: string[];
  revealAll: boolean;
  editing: string[];
  filter: string;
  notice: string;
  error: string;
  busy: string;
  release: string;
  /** The host's version of `base`; sent with every message that carries rows. */
  baseVersion: number;
  /** The page's words, from the host's `init` (none before it: nothing is drawn then). */
  text?: PageText;
}

let state: State = (vscode.getState() as State | undefined) ?? { app: '', base: {}, rows: [], revealed: [], revealAll: false, editing: [], filter: '', notice: '', error: '', busy: '', release: '', baseVersion: -1 };
let nextId = state.rows.length + 1;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** An element with properties (never innerHTML) and text or element children. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const c of children) e.append(c);
  return e;
}

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
  draftTimer = setTimeout(() => post({ type: 'draftChanged', draft: { rows: state.rows }, baseVersion: state.baseVersion }), 250);
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

// ---- rendering ----------------------------------------------------------------------

function render(): void {
  if (!state.text) return;
  renderHeader();
  renderRows();
}

/** Counts, buttons, banners and title: cheap, and never moves the focus. */
function renderHeader(): void {
  const { rows, base } = state;
  const text = state.text!;
  $('app').textContent = state.app;
  const live = rows.filter((r) => !r.deleted);
  const pending = rows.filter((r) => rowStatus(r, base) !== 'unchanged').length;
  const bytes = configBytes(editedConfig(rows));
  $('count').textContent = [
    live.length === 1 ? text.varsOne : fill(text.vars, live.length),
    pending === 1 ? text.pendingOne : fill(text.pending, pending),
    fill(text.size, (bytes / 1024).toFixed(1)),
  ].join(' · ');
  $('count').classList.toggle('over', bytes > CONFIG_LIMIT_BYTES);
  $<HTMLButtonElement>('revealAll').textContent = state.revealAll ? text.hideAll : text.revealAll;
  $<HTMLButtonElement>('revealAll').setAttribute('aria-pressed', String(state.revealAll));
  counts = keyCounts(rows);
  const invalid = rows.some((r) => keyProblem(r, rows, counts));
  const save = $<HTMLButtonElement>('save');
  save.disabled = Boolean(state.busy) || pending === 0 || invalid;
  $<HTMLButtonElement>('reload').disabled = Boolean(state.busy);
  save.title = invalid ? text.saveInvalid : pending === 0 ? text.saveNothing : text.saveReady;
  setBanner('notice', state.notice);
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
  $('shown').textContent = needle ? fill(text.shown, shown.length, rows.length) : '';
  const focus = rememberFocus();
  const body = $('rows');
  body.replaceChildren(...shown.map(renderRow));
  if (!shown.length) body.append(el('tr', {}, el('td', { colSpan: 3, className: 'empty' }, needle ? text.emptyFiltered : text.empty)));
  restoreFocus(focus);
}

function setBanner(id: string, text: string): void {
  const b = $(id);
  b.hidden = !text;
  $(`${id}Text`).textContent = text;
}

function renderRow(r: DraftRow): HTMLTableRowElement {
  const text = state.text!;
  const status = rowStatus(r, state.base);
  const editing = state.editing.includes(r.id);
  const revealed = state.revealAll || state.revealed.includes(r.id) || editing;
  const problem = problemText(r, state.rows, counts);
  const tr = el('tr', { className: `row ${status}` });
  tr.dataset.id = r.id;

  const keyCell = el('td', { className: 'key' });
  if (editing && !r.deleted) {
    const input = el('input', { type: 'text', value: r.key, spellcheck: false, className: problem ? 'invalid' : '' });
    input.setAttribute('aria-label', text.key);
    input.dataset.role = 'key';
    input.addEventListener('input', () => {
      r.key = input.value.trim();
      vscode.setState(state);
      const msg = problemText(r, state.rows, keyCounts(state.rows));
      input.classList.toggle('invalid', Boolean(msg));
      const m = tr.querySelector('.problem');
      if (m) m.textContent = msg ?? '';
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
    keyCell.append(el('span', { className: 'keytext' }, r.key || text.noKey));
  }
  keyCell.append(el('span', { className: `badge ${status}`, hidden: status === 'unchanged' }, statusText(status)));
  keyCell.append(el('div', { className: 'problem', role: 'alert' }, problem ?? ''));
  tr.append(keyCell);

  const valueCell = el('td', { className: 'value' });
  if (editing && !r.deleted) {
    const area = el('textarea', { value: r.value, spellcheck: false, rows: Math.min(12, Math.max(1, r.value.split('\n').length)) });
    area.setAttribute('aria-label', fill(text.valueOf, r.key));
    area.dataset.role = 'value';
    area.addEventListener('input', () => {
      r.value = area.value;
      area.rows = Math.min(12, Math.max(1, area.value.split('\n').length));
      vscode.setState(state);
      sendDraft();
    });
    area.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        update((s) => (s.editing = s.editing.filter((x) => x !== r.id)));
      }
    });
    valueCell.append(area);
  } else if (revealed) {
    valueCell.append(el('pre', { className: 'valuetext' }, r.value));
  } else {
    const masked = el('span', { className: 'masked' }, '••••••••');
    masked.setAttribute('aria-label', text.hiddenValue);
    valueCell.append(masked);
  }
  tr.append(valueCell);

  const actions = el('td', { className: 'actions' });
  const button = (label: string, role: string, onClick: () => void, title = label) => {
    const b = el('button', { type: 'button', className: 'icon' }, label);
    b.title = `${title} (${r.key || text.newVar})`;
    b.setAttribute('aria-label', `${title} ${r.key}`);
    b.dataset.role = role;
    b.addEventListener('click', onClick);
    actions.append(b);
  };
  if (!r.deleted) {
    if (!editing) button(revealed ? text.hide : text.reveal, 'reveal', () => update((s) => (s.revealed = toggle(s.revealed, r.id))));
    button(text.copy, 'copy', () => post({ type: 'copyValue', value: r.value }), text.copyValue);
    button(editing ? text.done : text.edit, 'edit', () => update((s) => (s.editing = toggle(s.editing, r.id))));
    button(text.delete, 'delete', () =>
      update((s) => {
        if (r.originalKey === null) s.rows = s.rows.filter((x) => x !== r);
        else r.deleted = true;
        s.editing = s.editing.filter((x) => x !== r.id);
      }),
    );
  }
  if (status !== 'unchanged' && r.originalKey !== null) {
    button(text.undo, 'undo', () =>
      update(() => {
        r.key = r.originalKey as string;
        r.value = own(state.base, r.originalKey as string) ?? '';
        r.deleted = false;
      }),
    text.undoChange);
  }
  tr.append(actions);
  return tr;
}

/** A row's status badge in the host's words. */
function statusText(status: RowStatus): string {
  return status === 'unchanged' || !state.text ? '' : state.text[status];
}

/** A row's status marks, updated in place. */
function decorate(tr: HTMLTableRowElement, r: DraftRow): void {
  const status = rowStatus(r, state.base);
  tr.className = `row ${status}`;
  const badge = tr.querySelector<HTMLElement>('.badge');
  if (badge) {
    badge.className = `badge ${status}`;
    badge.textContent = statusText(status);
    badge.hidden = status === 'unchanged';
  }
}

function rememberFocus(): { id?: string; role?: string; start?: number | null } {
  const a = document.activeElement as HTMLElement | null;
  const tr = a?.closest('tr');
  return { id: tr?.dataset.id, role: a?.dataset.role, start: a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement ? a.selectionStart : undefined };
}

function restoreFocus(f: { id?: string; role?: string; start?: number | null }): void {
  if (!f.id || !f.role) return;
  const target = document.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(f.id)}"] [data-role="${CSS.escape(f.role)}"]`);
  target?.focus();
  if (f.start !== undefined && f.start !== null && (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) target.setSelectionRange(f.start, f.start);
}

// ---- toolbar ------------------------------------------------------------------------

$('search').addEventListener('input', (e) => update((s) => (s.filter = (e.target as HTMLInputElement).value)));
$('revealAll').addEventListener('click', () => update((s) => (s.revealAll = !s.revealAll)));
$('add').addEventListener('click', () =>
  update((s) => {
    const id = `n${nextId++}`;
    s.rows = [...s.rows, { id, key: '', value: '', originalKey: null, deleted: false }];
    s.editing = [...s.editing, id];
    s.filter = '';
    queueMicrotask(() => document.querySelector<HTMLInputElement>(`tr[data-id="${id}"] [data-role="key"]`)?.focus());
  }),
);
/** Save and Reload are disabled from the click until the host answers: a second click cannot race the first. */
function request(type: 'save' | 'reload', label: string): void {
  if (state.busy) return;
  update((s) => (s.busy = label));
  post(type === 'save' ? { type, draft: { rows: state.rows }, baseVersion: state.baseVersion } : { type });
}
$('save').addEventListener('click', () => request('save', state.text?.saving ?? '…'));
$('reload').addEventListener('click', () => request('reload', state.text?.reloading ?? '…'));
$('import').addEventListener('click', () => post({ type: 'importEnv', draft: { rows: state.rows }, baseVersion: state.baseVersion }));
$('export').addEventListener('click', () => post({ type: 'exportEnv', draft: { rows: state.rows }, baseVersion: state.baseVersion }));
$('discard').addEventListener('click', () => post({ type: 'discardDraft' }));
for (const id of ['notice', 'error']) $(`${id}Close`).addEventListener('click', () => update((s) => ((s as unknown as Record<string, string>)[id] = '')));

// ---- host messages --------------------------------------------------------------------

/** A message from the host. Every `Outbound` variant is handled: a new one is a compile error here until it is. */
export function receive(m: Outbound): void {
  switch (m.type) {
    case 'init':
      state = { ...state, text: m.text, app: m.app, base: m.base, baseVersion: m.baseVersion, rows: m.draft?.rows ?? rowsFromBase(m.base), notice: m.notice ?? '', error: '', busy: '', release: m.release ?? '', editing: [], revealed: [] };
      nextId = state.rows.length + 1;
      break;
    case 'saved':
      state = { ...state, base: m.base, baseVersion: m.baseVersion, rows: rowsFromBase(m.base), error: '', busy: '', editing: [], release: m.release ?? '', notice: m.release ? fill(state.text?.savedRelease ?? '{0}', m.release) : (state.text?.saved ?? '') };
      break;
    case 'saveFailed':
      state = { ...state, error: m.message, busy: '' };
      break;
    case 'busy':
      state = { ...state, busy: m.busy ? (m.label ?? state.text?.working ?? '…') : '' };
      break;
    case 'applyDraft':
      state = { ...state, rows: m.draft.rows, notice: m.notice ?? state.notice };
      break;
    default: {
      // Only something other than the host's messages gets here (at run time): ignored.
      const _unhandled: never = m;
      return _unhandled;
    }
  }
  // The host's own state needs no draft echo: an echo of the rows it just sent would race
  // the user's (or a test's) newer draft and could delete it. A pending edit made on the
  // replaced rows is dropped with them.
  clearTimeout(draftTimer);
  show();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (m && typeof m === 'object' && 'type' in m) receive(m as Outbound);
});

render();
post({ type: 'ready' });
