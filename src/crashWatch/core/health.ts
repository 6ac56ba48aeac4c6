// What the crash watch knows of each watched app's dynos, plain Node: every dyno list read
// (the watch's own poll, or the tree's read of the same app) is an observation; a dyno
// that is `crashed` now and was not at the previous observation is news; news of one app
// is told at most once per quiet period (a dyno in a crash loop goes crashed, starting,
// crashed…); an app is due for a poll when nothing was read of it for a minute. What is
// known of an app outlives one watch (a `WatchMemory` the composition root keeps): turned
// off and on again, or removed and added again, an app read within the minute is not read
// again, and its quiet period goes on.
import { AppSchedule, lastTouched, POLL_MS } from '../../shared/core/appPoller';
import { refKey, type WatchedRef } from './watchedApps';

/** What a dyno list says of one dyno. */
export interface DynoSeen {
  name: string;
  type: string;
  state: string;
}

export interface AppHealth {
  ref: WatchedRef;
  /** When its dynos were last read (ms). */
  observedAt?: number;
  /** When a poll of it last started (ms), whatever its outcome. */
  polledAt?: number;
  dynos?: DynoSeen[];
  /** Why the last poll failed, until a read works again. */
  problem?: string;
  /** When news of it was last told (ms). */
  toldAt?: number;
}

/** Dynos of one app that crashed since the previous observation (or, at the first, that are crashed). */
export interface CrashNews {
  ref: WatchedRef;
  dynos: DynoSeen[];
  /** The first observation of the app: they may have crashed before the watch began. */
  first: boolean;
}

export interface HealthOptions {
  /** Between two polls of one app at least (default a minute). */
  pollMs?: number;
  /** Between two notifications of one app at least (default 15 minutes). */
  quietMs?: number;
  /** What is known of each app, kept from one watch to the next (default: this watch's own). */
  memory?: WatchMemory;
}

/** What the watches knew of each app (by `refKey`), watched now or earlier. */
export type WatchMemory = Map<string, AppHealth>;

export { POLL_MS };
export const QUIET_MS = 15 * 60_000;

export const isCrashed = (d: DynoSeen): boolean => d.state === 'crashed';

export class WatchHealth extends AppSchedule<AppHealth> {
  private readonly quietMs: number;
  private readonly memory: WatchMemory;

  constructor(opts: HealthOptions = {}) {
    super(opts.pollMs ?? POLL_MS);
    this.quietMs = opts.quietMs ?? QUIET_MS;
    this.memory = opts.memory ?? new Map();
  }

  /**
   * The apps watched from now on: those still watched keep what was known of them; one
   * watched again keeps it when it was read (or polled) within the minute, else only when it
   * was polled and told (its dynos, of unknown age since, are read afresh).
   */
  setApps(refs: readonly WatchedRef[], now: number): void {
    const watched = new Set(this.apps.keys());
    this.apps.clear();
    for (const ref of refs) {
      const key = refKey(ref);
      let app = this.memory.get(key);
      if (!app || (!watched.has(key) && now - lastTouched(app) >= this.pollMs)) {
        app = { ref, ...(app?.polledAt !== undefined ? { polledAt: app.polledAt } : {}), ...(app?.toldAt !== undefined ? { toldAt: app.toldAt } : {}) };
        this.memory.set(key, app);
      }
      this.apps.set(key, app);
    }
  }

  /**
   * A dyno list read at `at`; undefined for an app not watched. Returns the news to tell:
   * none when no dyno newly crashed, or when this app's news was told within the quiet period.
   */
  observe(ref: WatchedRef, dynos: readonly DynoSeen[], at: number): CrashNews | undefined {
    const app = this.apps.get(refKey(ref));
    if (!app) return undefined;
    const before = app.dynos;
    const crashedBefore = new Set((before ?? []).filter(isCrashed).map((d) => d.name));
    app.dynos = dynos.map((d) => ({ name: d.name, type: d.type, state: d.state }));
    app.observedAt = at;
    app.problem = undefined;
    const fresh = app.dynos.filter((d) => isCrashed(d) && !crashedBefore.has(d.name));
    if (!fresh.length) return undefined;
    if (app.toldAt !== undefined && at - app.toldAt < this.quietMs) return undefined;
    app.toldAt = at;
    return { ref: app.ref, dynos: fresh, first: before === undefined };
  }
}
