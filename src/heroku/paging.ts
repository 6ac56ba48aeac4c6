// Whole lists through the proxy with Heroku's Range paging: `Range: <field> ..; max=1000`,
// then each `Next-Range` until the answer is complete (200, or no Next-Range). When the
// CLI prints only bodies (no headers), a full page means "maybe more": the next page
// starts after the last item (`]<value>..`).
import type { ProxyResponse } from '../membrane/envelopes';

export const PAGE_MAX = 1000;
/** What Heroku returns for a list without a Range header: a shorter list is complete. */
export const DEFAULT_PAGE = 200;

export type Fetch = (headers: Record<string, string>) => Promise<ProxyResponse>;

export interface PageOptions {
  field: string;
  order?: 'asc' | 'desc';
  /** Stop once this many items are in (e.g. the newest 50 releases). */
  limit?: number;
  /** Start after this value (exclusive), e.g. the releases before v40, newest first. */
  after?: string | number;
}

export async function fetchAllPages(fetch: Fetch, opts: PageOptions): Promise<{ items: unknown[]; calls: number }> {
  const max = Math.min(PAGE_MAX, opts.limit ?? PAGE_MAX);
  const suffix = `; max=${max}${opts.order === 'desc' ? ', order=desc' : ''}`;
  let range: string | undefined = `${opts.field} ${opts.after !== undefined ? `]${opts.after}` : ''}..${suffix}`;
  const items: unknown[] = [];
  let calls = 0;
  while (range) {
    const res = await fetch({ Range: range });
    calls++;
    const page = Array.isArray(res.body) ? res.body : [];
    items.push(...page);
    if (opts.limit !== undefined && items.length >= opts.limit) return { items: items.slice(0, opts.limit), calls };
    if (res.enveloped) {
      range = res.status === 206 ? res.headers['next-range'] : undefined;
    } else {
      const last = page[page.length - 1] as Record<string, unknown> | undefined;
      range = page.length >= max && last && last[opts.field] !== undefined ? `${opts.field} ]${String(last[opts.field])}..${suffix}` : undefined;
    }
  }
  return { items, calls };
}
