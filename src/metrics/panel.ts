// Show Metrics: one panel per app (of an account; opening it again reveals it). Two
// sources: Heroku's metrics for a range, loaded through the command wrapper as the
// config-vars page's loads are (its progress, its errors with their next step; the page's
// banner too), and the app's router log, tailed while the panel is open and counted in
// 10-second buckets (core/liveBuckets.ts). A refusal of the metrics service is said once in
// the page, with a button to the Dashboard's Metrics tab, and is not an error. Strict CSP
// with a nonce, a separately bundled page script, every inbound message validated.
import * as vscode from 'vscode';
import type { AppTarget } from '../apps/appPick';
import { tailLogs } from '../heroku/streams/logTail';
import { isErrorKind, isMembraneError } from '../membrane/errors';
import { logSessionBody } from '../logs/core/logTarget';
import { runCommand, type CommandDeps, type CommandRun, type CommandSpec } from '../shared/commands';
import type { Prompts } from '../shared/prompts';
import { webviewPage, webviewRoots } from '../shared/webviewPage';
import { AppPanels } from '../shared/appPanels';
import { liveCharts } from './core/chartModel';
import { LiveBuckets } from './core/liveBuckets';
import type { ReleaseMarker } from './core/markers';
import { pageText } from './core/pageText';
import { InboundSchema, type Inbound, type Outbound } from './core/protocol';
import type { MetricsRange, MetricsStep } from './core/ranges';
import { loadMetrics, type MetricsLoad } from './source';
import * as l10n from '@vscode/l10n';

export interface MetricsDeps {
  extensionUri: vscode.Uri;
  /** The account's e-mail for the title when there are several accounts. */
  accountLabel(connectionId: string): string | undefined;
  log(message: string): void;
  prompts: Prompts;
  commands: CommandDeps;
  /** Shows a release (as Show JSON and a deploy's Show Release do). */
  showRelease(app: string, version: number, release: unknown): Promise<unknown>;
  /** Told of every message sent to a page (the in-host tests' probe). */
  onPosted?(app: string, message: Outbound, panel: object): void;
}

/** The live charts are sent at most this often (and only when they changed, or a bucket went by). */
const LIVE_TICK_MS = 1000;
/** History lines asked with the live tail: the last minutes of a busy app's router lines. */
const LIVE_HISTORY = 300;
const LOAD = { progress: 'window', cancellable: false } as const;

export function dashboardMetricsUrl(app: string): string {
  return `https://dashboard.heroku.com/apps/${encodeURIComponent(app)}/metrics`;
}

function messageOf(e: unknown): string {
  return isMembraneError(e) || e instanceof Error ? e.message : String(e);
}

/** The metrics panels, one per app of an account. */
export class MetricsPanels extends AppPanels<AppTarget, MetricsPanel> {
  constructor(deps: MetricsDeps) {
    super((target, onDispose) => new MetricsPanel(target, deps, onDispose));
  }
}

export class MetricsPanel {
  readonly panel: vscode.WebviewPanel;
  readonly app: string;
  private range: MetricsRange = '24h';
  private lastMetrics: Extract<Outbound, { type: 'metrics' }> | undefined;
  private markers: ReleaseMarker[] = [];
  private readonly live = new LiveBuckets();
  private liveStatus: string;
  private sentVersion = -1;
  private sentBucket = 0;
  private readonly stop = new AbortController();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly disposables: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;
  /** Resolves once the first metrics answer (or failure) was sent (tests wait on it). */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};

  constructor(
    readonly target: AppTarget,
    private readonly deps: MetricsDeps,
    onDispose: () => void,
  ) {
    this.app = target.name;
    const { scripts, media } = webviewRoots(deps.extensionUri);
    this.panel = vscode.window.createWebviewPanel('heroku.metrics', this.titleText(), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [scripts, media] });
    this.loaded = new Promise((r) => (this.markLoaded = r));
    this.panel.iconPath = vscode.Uri.joinPath(media, 'heroku.svg');
    this.panel.webview.html = this.html(this.panel.webview);
    this.liveStatus = l10n.t('Connecting to the router log of {0}…', this.app);
    this.timer = setInterval(() => this.sendLive(false), LIVE_TICK_MS);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m) => void this.receive(m)),
      this.panel.onDidDispose(() => {
        // The stream stops with the panel.
        this.stop.abort();
        clearInterval(this.timer);
        onDispose();
        for (const d of this.disposables) d.dispose();
      }),
    );
    void this.tail();
  }

  private titleText(): string {
    const account = this.deps.accountLabel(this.target.connectionId);
    return account ? l10n.t('Metrics: {0} ({1})', this.app, account) : l10n.t('Metrics: {0}', this.app);
  }

  /** Validates, then acts; anything malformed is dropped (and noted without its content). */
  async receive(raw: unknown): Promise<void> {
    const parsed = InboundSchema.safeParse(raw);
    if (!parsed.success) return this.deps.log(`Metrics panel (${this.app}): ignored a malformed message from the webview.`);
    await this.handle(parsed.data);
  }

  private async handle(m: Inbound): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'init', app: this.app, range: this.range, text: pageText() });
        if (this.lastMetrics) this.post(this.lastMetrics);
        else await this.load();
        this.sendLive(true);
        return;
      case 'setRange':
        if (m.range === this.range && this.lastMetrics) return;
        this.range = m.range;
        return this.load();
      case 'openDashboard':
        await this.deps.prompts.openExternal(vscode.Uri.parse(dashboardMetricsUrl(this.app)));
        return;
      case 'showRelease':
        return this.showRelease(m.version);
      default: {
        const _unhandled: never = m;
        return _unhandled;
      }
    }
  }

  /**
   * One load at a time; a range chosen meanwhile is loaded after it, once: a load that
   * waited is dropped when the range it would load is the one shown by then (several
   * clicks queued, or a `ready` during the first load), or the panel is closed.
   */
  private async load(): Promise<void> {
    if (this.loading) {
      while (this.loading) await this.loading;
      if (this.stop.signal.aborted || this.lastMetrics?.range === this.range) return;
    }
    this.loading = this.command(LOAD, (e) => l10n.t("Couldn't load the metrics: {0}", messageOf(e)), (run) => this.loadRange(run)).finally(() => {
      this.loading = undefined;
      this.markLoaded();
    });
    return this.loading;
  }

  private async loadRange(run: CommandRun): Promise<void> {
    const range = this.range;
    const label = l10n.t("Loading {0}'s metrics…", this.app);
    this.post({ type: 'busy', label });
    let result: MetricsLoad;
    try {
      // Closing the panel stops its load too, not only the progress's Cancel.
      result = await run.busy(label, (signal) => loadMetrics(this.target.heroku, this.target.app, range, AbortSignal.any([signal, this.stop.signal])));
    } catch (e) {
      // The page goes back to the range it shows (unless another was chosen meanwhile), so the failed one can be asked again.
      if (this.range === range) this.range = this.lastMetrics?.range ?? range;
      throw e;
    }
    this.markers = result.markers;
    this.lastMetrics = this.metricsMessage(range, result);
    this.post(this.lastMetrics);
  }

  private metricsMessage(range: MetricsRange, result: MetricsLoad): Extract<Outbound, { type: 'metrics' }> {
    const { window } = result;
    const fmt = (ms: number) => new Date(ms).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
    const base = { type: 'metrics' as const, range, window: windowText(fmt(window.start), fmt(window.end), window.step), markers: result.markers };
    const note = window.narrowed ? l10n.t('Basic dynos keep only the last 24 hours, at 10 minutes: this is all there is.') : undefined;
    if (result.kind === 'unsupported') {
      this.deps.log(`Metrics panel (${this.app}): the metrics service is not reachable (${result.answer.reason}).`);
      return { ...base, charts: [], unsupported: unsupportedText(result.answer.reason) };
    }
    return { ...base, charts: result.charts, ...(note ? { note } : {}) };
  }

  private async showRelease(version: number): Promise<void> {
    if (!this.markers.some((m) => m.version === version)) return this.deps.log(`Metrics panel (${this.app}): ignored a release the page was not sent.`);
    await this.command(
      LOAD,
      (e) => l10n.t("Couldn't read release v{0}: {1}", version, messageOf(e)),
      async (run) => {
        const releases = await run.busy(l10n.t('Reading release v{0} of {1}…', version, this.app), (signal) => this.target.heroku.latestReleases(this.app, 200, { signal: AbortSignal.any([signal, this.stop.signal]) }));
        const release = releases.find((r) => r.version === version);
        if (release && !this.stop.signal.aborted) await this.deps.showRelease(this.app, version, release);
      },
    );
  }

  /** The router log, tailed while the panel is open, counted into the buckets. */
  private async tail(): Promise<void> {
    const { heroku } = this.target;
    const body = logSessionBody({ app: this.app, dyno: 'router', lines: LIVE_HISTORY, fir: this.target.app.generation?.name === 'fir' });
    try {
      await tailLogs(
        {
          openSession: async (signal) => (await heroku.createLogSession(this.app, body, { signal })).logplex_url,
          onLine: (line) => void this.live.add(line),
          onNotice: (n) => {
            if (n.kind === 'connected') this.liveStatus = l10n.t('Counting the router log of {0} as it arrives.', this.app);
            else if (n.kind === 'reconnecting') this.liveStatus = l10n.t('The router log stream of {0} is reconnecting ({1}).', this.app, n.reason);
            else this.liveStatus = l10n.t('The router log stream of {0} stopped: {1}', this.app, n.reason);
            this.sendLive(true);
          },
        },
        this.stop.signal,
      );
    } catch (e) {
      if (this.stop.signal.aborted) return;
      this.liveStatus = l10n.t('The router log stream of {0} stopped: {1}', this.app, messageOf(e));
      this.deps.log(`Metrics panel (${this.app}): the router log stream stopped: ${messageOf(e)}`);
      this.sendLive(true);
    }
  }

  /** The live charts, when they changed or a bucket went by (the window moves on). */
  private sendLive(force: boolean): void {
    if (this.stop.signal.aborted) return;
    const now = Date.now();
    const bucket = Math.floor(now / 10_000);
    if (!force && this.live.version === this.sentVersion && bucket === this.sentBucket) return;
    this.sentVersion = this.live.version;
    this.sentBucket = bucket;
    this.post({ type: 'live', charts: liveCharts(this.live.points(now)), status: this.liveStatus });
  }

  /**
   * Work the page started, through the command wrapper (its progress and its error with the
   * next step); the page's banner too, with the range it shows. Once the panel is closed,
   * whatever its work ends with is nobody's concern: no banner, no toast.
   */
  private async command(kind: Pick<CommandSpec, 'progress' | 'cancellable'>, failure: (e: unknown) => string, work: (run: CommandRun) => Promise<void>): Promise<void> {
    const spec: CommandSpec = {
      ...kind,
      run: async (run) => {
        try {
          await work(run);
        } catch (e) {
          if (this.stop.signal.aborted) return;
          if (!isErrorKind(e, 'cancelled')) this.post({ type: 'failed', message: failure(e), range: this.range });
          throw e;
        }
      },
    };
    await runCommand(spec, [], this.deps.commands);
  }

  private post(m: Outbound): void {
    if (this.stop.signal.aborted) return;
    this.deps.onPosted?.(this.app, m, this);
    void this.panel.webview.postMessage(m);
  }

  /** The page's markup (src/shared/webviewPage.ts adds the CSP, the stylesheet and the script). */
  private html(webview: vscode.Webview): string {
    return webviewPage(webview, {
      name: 'metrics',
      extensionUri: this.deps.extensionUri,
      title: l10n.t('Metrics'),
      body: `<header>
  <h1 id="title"></h1>
  <div id="ranges" role="group"></div>
  <button id="tableToggle" type="button" aria-pressed="false"></button>
</header>
<main>
<div id="error" class="banner empty" role="alert"></div>
<section id="heroku" aria-labelledby="herokuTitle">
  <h2 id="herokuTitle"></h2>
  <p id="window" role="status"></p>
  <p id="note" hidden></p>
  <div id="unsupported" class="banner empty"><p id="unsupportedText"></p><button id="dashboard" type="button"></button></div>
  <div id="markers"></div>
  <div id="herokuCharts"></div>
</section>
<section id="live" aria-labelledby="liveTitle">
  <h2 id="liveTitle"></h2>
  <p id="liveStatus" role="status"></p>
  <div id="liveCharts"></div>
</section>
</main>`,
    });
  }
}

/** The window, one whole sentence per step (a translator sees each sentence entire). */
function windowText(start: string, end: string, step: MetricsStep): string {
  switch (step) {
    case '1m':
      return l10n.t('{0} to {1}, a point every minute', start, end);
    case '10m':
      return l10n.t('{0} to {1}, a point every 10 minutes', start, end);
    case '1h':
      return l10n.t('{0} to {1}, a point every hour', start, end);
    case '2h':
      return l10n.t('{0} to {1}, a point every 2 hours', start, end);
  }
}

function unsupportedText(reason: string): string {
  switch (reason) {
    case 'refused':
      return l10n.t("Heroku's metrics service cannot be reached from here: Membrane does not pass requests on to it. The Dashboard shows these charts; the live charts below work without it.");
    case 'unauthorized':
      return l10n.t("Heroku's metrics service cannot be reached from here: it does not accept this connection (HTTP 401). The Dashboard shows these charts; the live charts below work without it.");
    case 'forbidden':
      return l10n.t("Heroku's metrics service cannot be reached from here: it refused this connection (HTTP 403). The Dashboard shows these charts; the live charts below work without it.");
    default:
      return l10n.t("Heroku's metrics service cannot be reached from here: it did not find this app through Membrane (HTTP 404). The Dashboard shows these charts; the live charts below work without it.");
  }
}

