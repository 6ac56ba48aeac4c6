// Config vars of two sides of a comparison (two apps, two releases) as lines of a text
// document for the diff editor. Values are masked unless revealed: a value the same on
// both sides, one only on this side, one that differs (named by its side, so the two
// documents' lines differ and the diff editor marks them). Keys and values are data:
// nothing in them can start a line of its own or reorder what is shown. Plain Node.
import * as l10n from '@vscode/l10n';

type ConfigVars = Record<string, string>;

const hasOwn = (o: ConfigVars, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// C0 and C1 controls, the soft hyphen, the Arabic letter mark, the Mongolian vowel separator,
// zero-width and direction marks, line and paragraph separators, isolates, BOM, and the
// interlinear annotation marks: each is invisible, or moves or hides the text around it.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const PLAIN_KEY = /^[A-Za-z0-9_.:/@-]+$/;

/** A string as a JSON literal, with every character that could break or reorder a line escaped. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A key as written: plain when it is an ordinary name, else quoted. */
export function keyText(key: string): string {
  return PLAIN_KEY.test(key) ? key : quoted(key);
}

/** Heroku-provided text (a description, a commit message) on one line, without characters that break or reorder it. */
export function lineText(text: string): string {
  return text.replace(UNSAFE, ' ').replace(/ {2,}/g, ' ').trim();
}

export const maskedSame = (): string => l10n.t('‹masked · same on both›');
/** A differing value, masked: the text names its side. */
export const maskedOwn = (side: string): string => l10n.t(`‹masked · differs: {0}'s value›`, side);
const maskedOnly = (): string => l10n.t('‹masked›');

/** The `KEY = value` lines of one side, sorted; `side` names this side in a masked differing value. */
export function configLines(self: ConfigVars, other: ConfigVars, side: string, reveal: boolean): string[] {
  // Own keys only: `k in config` would find `constructor` or `toString` everywhere.
  return Object.keys(self)
    .sort()
    .map((k) => {
      const inOther = hasOwn(other, k);
      const same = inOther && other[k] === self[k];
      const value = reveal ? quoted(self[k]!) : same ? maskedSame() : inOther ? maskedOwn(side) : maskedOnly();
      return `${keyText(k)} = ${value}`;
    });
}

export interface KeyCounts {
  onlyA: string[];
  onlyB: string[];
  differing: string[];
  same: number;
}

/** Which keys are only on one side, which differ, how many are the same (each list sorted). */
export function keyCounts(a: ConfigVars, b: ConfigVars): KeyCounts {
  const both = Object.keys(a).filter((k) => hasOwn(b, k));
  const differing = both.filter((k) => a[k] !== b[k]).sort();
  return { onlyA: Object.keys(a).filter((k) => !hasOwn(b, k)).sort(), onlyB: Object.keys(b).filter((k) => !hasOwn(a, k)).sort(), differing, same: both.length - differing.length };
}
