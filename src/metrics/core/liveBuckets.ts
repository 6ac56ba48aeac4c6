// Live metrics from the router log: requests, status classes, `service=` percentiles and
// error codes in 10-second buckets by each line's own time, the last few minutes kept.
// Adding a line is O(1) and memory is bounded whatever the rate: a bucket's service times
// are a histogram (every millisecond up to 1 s, then steps of 1 %), so its percentiles are
// exact below a second and within 1 % above it. Plain Node.
import { parseRouterLine, type RouterRequest } from './routerLine';

export const BUCKET_MS = 10_000;
/** Five minutes of buckets. */
export const LIVE_BUCKETS = 30;

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

const EXACT_MS = 1000;
const GROWTH = Math.log(1.01);
/** Up to Heroku's 30-second router timeout and well past it. */
const BINS = EXACT_MS + Math.ceil(Math.log(120_000 / EXACT_MS) / GROWTH) + 1;
/** A line may be a little ahead of our clock. */
const CLOCK_SLACK_MS = 60_000;
/** Distinct error codes counted per bucket (there are 37). */
const MAX_CODES = 64;

function binOf(ms: number): number {
  if (ms < EXACT_MS) return Math.max(0, Math.floor(ms));
  return Math.min(BINS - 1, EXACT_MS + Math.floor(Math.log(ms / EXACT_MS) / GROWTH));
}

/** The smallest value a bin holds. */
function valueOf(bin: number): number {
  return bin < EXACT_MS ? bin : Math.round(EXACT_MS * Math.exp((bin - EXACT_MS) * GROWTH));
}

/** The nearest-rank percentile (p in 0–100) of a histogram of `total` values; undefined when empty. */
export function histogramPercentile(bins: ArrayLike<number>, total: number, p: number): number | undefined {
  if (total <= 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b]!;
    if (seen >= rank) return valueOf(b);
  }
  return undefined;
}

/** The nearest-rank percentile of plain values (the tests' reference, and small sets). */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

class Bucket {
  requests = 0;
  readonly classes = [0, 0, 0, 0];
  readonly service = new Uint32Array(BINS);
  timed = 0;
  readonly codes = new Map<string, number>();
  constructor(readonly start: number) {}
}

/** One bucket as the page draws it. */
export interface LivePoint {
  /** The bucket's start, ms since the epoch. */
  start: number;
  /** Requests per second over the bucket. */
  rps: number;
  /** Requests per status class. */
  classes: Record<StatusClass, number>;
  p50?: number;
  p95?: number;
  codes: Record<string, number>;
}

export class LiveBuckets {
  private readonly buckets = new Map<number, Bucket>();
  private newest = -Infinity;
  /** Lines read, router lines among them (for the page's "waiting for traffic"). */
  lines = 0;
  requests = 0;
  /** Bumped by every counted request: the panel sends a new picture only when it moved. */
  version = 0;

  constructor(private readonly keep = LIVE_BUCKETS) {}

  /** Counts one log line; returns the request it described, if it was a router line within the window. */
  add(line: string, now = Date.now()): RouterRequest | undefined {
    this.lines++;
    const req = parseRouterLine(line);
    if (!req) return undefined;
    return this.addRequest(req, now) ? req : undefined;
  }

  addRequest(req: RouterRequest, now = Date.now()): boolean {
    if (req.at > now + CLOCK_SLACK_MS) return false;
    const start = req.at - (req.at % BUCKET_MS);
    if (start <= this.newest - this.keep * BUCKET_MS) return false;
    let b = this.buckets.get(start);
    if (!b) {
      b = new Bucket(start);
      this.buckets.set(start, b);
      if (start > this.newest) {
        this.newest = start;
        for (const k of this.buckets.keys()) if (k <= start - this.keep * BUCKET_MS) this.buckets.delete(k);
      }
    }
    b.requests++;
    if (req.status !== undefined) {
      const c = Math.floor(req.status / 100) - 2;
      if (c >= 0 && c < 4) b.classes[c]!++;
    }
    if (req.serviceMs !== undefined) {
      b.service[binOf(req.serviceMs)]!++;
      b.timed++;
    }
    if (req.code && (b.codes.has(req.code) || b.codes.size < MAX_CODES)) b.codes.set(req.code, (b.codes.get(req.code) ?? 0) + 1);
    this.requests++;
    this.version++;
    return true;
  }

  /**
   * The window's points, oldest first, one per bucket from `keep` buckets before the
   * newest (or `now`'s, whichever is later) to it: a bucket without requests is a zero,
   * so a quiet spell shows as one.
   */
  points(now = Date.now()): LivePoint[] {
    const last = Math.max(this.newest, now - (now % BUCKET_MS));
    const out: LivePoint[] = [];
    for (let start = last - (this.keep - 1) * BUCKET_MS; start <= last; start += BUCKET_MS) {
      const b = this.buckets.get(start);
      const classes = { '2xx': b?.classes[0] ?? 0, '3xx': b?.classes[1] ?? 0, '4xx': b?.classes[2] ?? 0, '5xx': b?.classes[3] ?? 0 };
      const point: LivePoint = { start, rps: (b?.requests ?? 0) / (BUCKET_MS / 1000), classes, codes: b ? Object.fromEntries(b.codes) : {} };
      if (b && b.timed) {
        point.p50 = histogramPercentile(b.service, b.timed, 50);
        point.p95 = histogramPercentile(b.service, b.timed, 95);
      }
      out.push(point);
    }
    return out;
  }
}
