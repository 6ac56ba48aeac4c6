// The config-vars page's words. The page is a browser bundle without VS Code's l10n, so
// the host makes them in its display language (configVars/pageStrings.ts) and sends them
// in every `init`; the page only looks them up and fills their {0} placeholders.
// No `vscode`, no DOM, no l10n: shared by the host and the page, unit-tested in plain Node.
import type { KeyProblem } from './model';

export interface PageText {
  /** The page's own title: {0} the app. */
  title: string;
  /** The counts line: {0} a number. */
  vars: string;
  varsOne: string;
  pending: string;
  pendingOne: string;
  /** {0} the size in kB (one decimal). */
  size: string;
  /** While filtering: {0} shown of {1}. */
  shown: string;
  revealAll: string;
  hideAll: string;
  /** Beside Save while a key is invalid: {0} the keys to fix. */
  saveInvalid: string;
  saveNothing: string;
  saveReady: string;
  empty: string;
  emptyFiltered: string;
  noKey: string;
  newVar: string;
  key: string;
  /** {0} the key. */
  valueOf: string;
  hiddenValue: string;
  reveal: string;
  hide: string;
  copy: string;
  copyValue: string;
  edit: string;
  done: string;
  delete: string;
  undo: string;
  undoChange: string;
  /** The status line after an action on a row: {0} the key. */
  markedRemoved: string;
  droppedNew: string;
  undone: string;
  editCancelled: string;
  added: string;
  changed: string;
  removed: string;
  saving: string;
  reloading: string;
  working: string;
  saved: string;
  /** {0} the release, e.g. "v42". */
  savedRelease: string;
  keyRequired: string;
  /** {0} the key. */
  keyDuplicate: string;
  /** {0} the limit. */
  keyTooLong: string;
  keyLeadingDigit: string;
  keyCharacters: string;
}

/** `template` with {0}, {1}… replaced by `args` (the same placeholders @vscode/l10n uses). */
export function fill(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (match, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : match));
}

/** A key problem in words. */
export function describeKeyProblem(problem: KeyProblem, text: PageText): string {
  switch (problem.kind) {
    case 'required':
      return text.keyRequired;
    case 'duplicate':
      return fill(text.keyDuplicate, problem.key);
    case 'tooLong':
      return fill(text.keyTooLong, problem.limit);
    case 'leadingDigit':
      return text.keyLeadingDigit;
    case 'characters':
      return text.keyCharacters;
  }
}
