// How long ago, in the tree's short form ("5m ago"). Plain Node: unit-tested without VS Code.

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
  if (s < 60) return 'just now';
  const units: Array<[number, string]> = [
    [60 * 60 * 24 * 365, 'y'],
    [60 * 60 * 24 * 30, 'mo'],
    [60 * 60 * 24, 'd'],
    [60 * 60, 'h'],
    [60, 'm'],
  ];
  for (const [size, unit] of units) if (s >= size) return `${Math.floor(s / size)}${unit} ago`;
  return 'just now';
}

/** Text without control characters: a hostile name cannot break a question's or a title's layout. */
export function printable(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127).join('');
}
