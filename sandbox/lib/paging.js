'use strict';
// Heroku's list paging: `Range: <field> [<start>]..[<end>][; max=<n>][, order=<asc|desc>]`
// (an exclusive start is written `]value`), answered with 206 Partial Content,
// `Content-Range` and `Next-Range` while more remain. 200 per page by default, 1,000 max.

const DEFAULT_MAX = 200;
const MAX_MAX = 1000;

function parseRange(header, defaultField) {
  const r = { field: defaultField, start: undefined, exclusive: false, max: DEFAULT_MAX, order: 'asc' };
  if (!header) return r;
  const m = String(header).match(/^\s*([a-z_]+)\s*(\]?)([^;]*?)\.\.([^;]*?)\s*(?:;(.*))?$/i);
  if (!m) return { error: `Invalid Range header: ${header}` };
  r.field = m[1];
  r.exclusive = m[2] === ']';
  r.start = m[3] ? m[3].trim() : undefined;
  for (const part of (m[5] || '').split(/[;,]/)) {
    const [k, v] = part.split('=').map((s) => s && s.trim());
    if (k === 'max') r.max = Math.max(1, Math.min(MAX_MAX, Number(v) || DEFAULT_MAX));
    if (k === 'order' && (v === 'asc' || v === 'desc')) r.order = v;
  }
  return r;
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** Sort, cut one page, and build the headers Heroku sends. */
function page(items, rangeHeader, defaultField, sortable) {
  const range = parseRange(rangeHeader, defaultField);
  if (range.error) return { error: range.error };
  if (!sortable.includes(range.field)) return { error: `Invalid Range field ${range.field}; use one of ${sortable.join(', ')}` };
  const f = range.field;
  const sorted = [...items].sort((a, b) => compare(a[f], b[f]) * (range.order === 'desc' ? -1 : 1));
  let from = 0;
  if (range.start !== undefined) {
    const start = typeof sorted[0]?.[f] === 'number' ? Number(range.start) : range.start;
    from = sorted.findIndex((x) => {
      const c = compare(x[f], start) * (range.order === 'desc' ? -1 : 1);
      return range.exclusive ? c > 0 : c >= 0;
    });
    if (from < 0) from = sorted.length;
  }
  const slice = sorted.slice(from, from + range.max);
  const more = from + range.max < sorted.length;
  const headers = { 'accept-ranges': sortable.join(', ') };
  if (slice.length) {
    headers['content-range'] = `${f} ${slice[0][f]}..${slice[slice.length - 1][f]}; max=${range.max}${range.order === 'desc' ? ', order=desc' : ''}`;
  }
  if (more) headers['next-range'] = `${f} ]${slice[slice.length - 1][f]}..; max=${range.max}${range.order === 'desc' ? ', order=desc' : ''}`;
  return { status: more ? 206 : 200, headers, items: slice };
}

module.exports = { page, parseRange, DEFAULT_MAX, MAX_MAX };
