// How long ago, in the tree's short form ("5m ago"). Plain Node: unit-tested without VS Code.
import * as l10n from '@vscode/l10n';

/** Codicon id and optional theme colour id, as the nodes' icons are specified. */
export interface IconSpec {
  icon: string;
  color?: string;
}

export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return l10n.t('just now');
  const units: Array<[number, (n: number) => string]> = [
    [60 * 60 * 24 * 365, (n) => l10n.t('{0}y ago', n)],
    [60 * 60 * 24 * 30, (n) => l10n.t('{0}mo ago', n)],
    [60 * 60 * 24, (n) => l10n.t('{0}d ago', n)],
    [60 * 60, (n) => l10n.t('{0}h ago', n)],
    [60, (n) => l10n.t('{0}m ago', n)],
  ];
  for (const [size, ago] of units) if (s >= size) return ago(Math.floor(s / size));
  return l10n.t('just now');
}

/** Heroku- or CLI-provided text inside a Markdown tooltip, shown literally: every Markdown and HTML special character escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+|<>~&!]/g, '\\$&');
}

/** Items as a list in the reader's language ("a, b, c"): the separator is a translator's. */
export function listText(items: readonly string[]): string {
  return items.length ? items.reduce((list, item) => l10n.t({ message: '{0}, {1}', args: [list, item], comment: ['A list: the items so far, then one more.'] })) : '';
}

/** Text without control characters: a hostile name cannot break a question's or a title's layout. */
export function printable(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127).join('');
}

/** Bidirectional formatting characters: an override can make a name read as another. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text shown on one line, as written: line breaks as spaces, no control or bidirectional formatting characters. */
export function displayable(text: string): string {
  return printable(text.replace(/[\r\n\t]+/g, ' ')).replace(BIDI_CONTROLS, '');
}

/** Text for a notification: VS Code makes `[label](target)` in one a link (a `command:` one runs a command), so the syntax is broken with a space. */
export function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

/** At most `max` UTF-16 units of `text`, never half of a surrogate pair (an emoji is kept whole or left out). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
