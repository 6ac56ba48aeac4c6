// What the teammate-deploy watch knows of each linked app's releases, plain Node: every list
// of an app's latest releases read (the watch's own poll, or a view's) is a look; the first
// look of a watch only sets the baseline (the newest version seen: history is not news); a
// later look's releases above the baseline that this window did not make are news, told as
// one piece per app and look. An app is due for a poll when nothing was read of it for a
// minute; when each app was read outlives one watch (`LookMemory`), so turning the watch off
// and on again does not read at once what was read within the minute.
import { AppSchedule, POLL_MS, refKey, type AppState, type Touched, type WatchedRef } from '../../shared/core/appPoller';

/** What a look needs of a release. */
export interface ReleaseSeen {
  version: number;
  description: string;
  created_at?: string | null;
  user?: { email?: string | null } | null;
}

export interface AppLook extends AppState {
  /** The newest version seen in this watch (undefined: not looked at yet: the next look is the baseline). */
  baseline?: number;
}

/** New releases of one app since the last look that this window did not make. */
export interface DeployNews<R extends ReleaseSeen = ReleaseSeen> {
  ref: WatchedRef;
  /** The newest of them. */
  latest: R;
  /** How many (releases between the last look and the oldest one read are counted too). */
  count: number;
}

/** When each app was read or polled, by `refKey`: kept by the composition root from one watch to the next. */
export type LookMemory = Map<string, Touched>;

export class ReleaseLooks extends AppSchedule<AppLook> {
  constructor(
    private readonly memory: LookMemory = new Map(),
    pollMs = POLL_MS,
  ) {
    super(pollMs);
  }

  /** The apps watched from now on: those still watched keep their baseline; a new one gets its first look. */
  setApps(refs: readonly WatchedRef[]): void {
    const before = new Map(this.apps);
    this.apps.clear();
    for (const ref of refs) {
      const key = refKey(ref);
      const app = before.get(key) ?? { ref, ...this.memory.get(key) };
      this.apps.set(key, app);
    }
  }

  /**
   * A list of an app's latest releases (newest first or not) read at `at`; `mine` says
   * which of them this window made. Returns the news to tell, if any.
   */
  observe<R extends ReleaseSeen>(ref: WatchedRef, releases: readonly R[], at: number, mine: (r: R) => boolean): DeployNews<R> | undefined {
    const app = this.apps.get(refKey(ref));
    if (!app) return undefined;
    this.touch(app, { observedAt: at });
    app.problem = undefined;
    const newest = Math.max(...releases.map((r) => r.version), app.baseline ?? 0);
    const baseline = app.baseline;
    app.baseline = newest;
    if (baseline === undefined) return undefined;
    const fresh = releases.filter((r) => r.version > baseline).sort((a, b) => b.version - a.version);
    const theirs = fresh.filter((r) => !mine(r));
    if (!theirs.length) return undefined;
    // Versions between the baseline and the oldest release read were not seen: made elsewhere.
    const oldestRead = Math.min(...releases.map((r) => r.version));
    const unseen = Math.max(0, oldestRead - baseline - 1);
    return { ref: app.ref, latest: theirs[0]!, count: theirs.length + unseen };
  }

  /** Kept in the memory too: the next watch knows when each app was read. */
  protected override touch(app: AppLook, times: Touched): void {
    Object.assign(app, times);
    const key = refKey(app.ref);
    this.memory.set(key, { ...this.memory.get(key), ...times });
  }
}
