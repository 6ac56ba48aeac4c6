// When this window wrote to each app of an account: every write the client sends (its own
// operations, Proxy Request, Run Action) is a span from the moment it is sent to its answer;
// a build's span stays open until the build settles and a promotion's until its targets do,
// since their releases land then. A write whose app is not in its path (a promotion, an
// action, a request elsewhere) is a span on every app of the account. The teammate-deploy
// notification asks whether a release falls in one of these spans (docs/ARCHITECTURE.md,
// "Teammate deploys"). Plain Node, bounded: spans older than an hour are dropped.

/** The key of a write whose app is unknown: it may have touched every app. */
const ANY_APP = '\n*';

/** How far a release's time may precede the write's start (Heroku's clock against ours). */
export const WRITE_SKEW_MS = 60_000;
/** How long after a write ends its release may still be stamped (clocks, Heroku's own lag). */
export const WRITE_GRACE_MS = 60_000;
/** A span left open (a build never read again) closes by itself after this long. */
export const OPEN_SPAN_MAX_MS = 30 * 60_000;
const KEEP_MS = 60 * 60_000;
const MAX_SPANS = 100;

interface Span {
  from: number;
  to?: number;
}

export class WriteLog {
  private readonly spans = new Map<string, Span[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A write to `app` (undefined: to apps unknown) begins now; the function returned ends it (once). */
  begin(app: string | undefined): () => void {
    const span: Span = { from: this.now() };
    const key = app ?? ANY_APP;
    const list = (this.spans.get(key) ?? []).filter((s) => !this.stale(s));
    list.push(span);
    this.spans.set(key, list.slice(-MAX_SPANS));
    return () => {
      span.to ??= this.now();
    };
  }

  /** Whether a write of this window to `app` (or to apps unknown) was under way around `at` (ms). */
  covers(app: string, at: number): boolean {
    const now = this.now();
    return [...(this.spans.get(app) ?? []), ...(this.spans.get(ANY_APP) ?? [])].some((s) => {
      const to = s.to ?? Math.min(now, s.from + OPEN_SPAN_MAX_MS);
      return at >= s.from - WRITE_SKEW_MS && at <= to + WRITE_GRACE_MS;
    });
  }

  private stale(s: Span): boolean {
    return (s.to ?? s.from + OPEN_SPAN_MAX_MS) < this.now() - KEEP_MS;
  }
}

/** The app a request's path names (`/apps/{app}/…`), or undefined. */
export function appOfPath(path: string): string | undefined {
  const m = /^\/apps\/([^/?#]+)/.exec(path);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
}
