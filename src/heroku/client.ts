// Typed Heroku operations over Membrane. Reads use the connection's pre-built actions
// where offered (input names from their inputSchema) and the proxy otherwise; lists are
// complete (Range paging through the proxy whenever an action's answer may be a first
// page only); reads are cached with in-flight sharing; each mutation invalidates exactly
// what it changes; CLI calls are bounded; 429s are backed off; two-factor is named.
import { ApiError, CancelledError, CommandFailedError, OutcomeUnknownError, RateLimitedError } from '../membrane/errors';
import { parseWith } from '../membrane/envelopes';
import { abortableSleep } from '../membrane/sleep';
import { herokuError, type MembraneApi, type ProxyRequest, type ProxyResponse, type RequestOptions } from '../membrane/api';
import type { CallOptions } from '../membrane/invoke';
import type { Action } from '../membrane/schemas';
import type { ZodMiniType } from 'zod/mini';
import { ActionCatalog, bindInput, isReadOnlyAction, type CatalogMemory, type Role } from './actions';
import { ReadCache, Semaphore } from './cache';
import { diffConfig, findConflicts, patchBody, type ConfigChange, type ConfigConflict } from './configVars';
import { DEFAULT_PAGE, fetchAllPages } from './paging';
import * as schemas from './schemas';
import type { Account, Addon, AddonService, App, Attachment, Build, BuildpackInstallation, Collaborator, ConfigVars, Domain, Dyno, Formation, LogSession, Pipeline, PipelineCoupling, Plan, Promotion, PromotionTarget, Release, ReviewApp, Slug, Source, Stack } from './schemas';
import { cacheKey as key, changeOf, type AccountData, type AppData, type DataChange } from './cacheKeys';
import * as l10n from '@vscode/l10n';
import { MetricsClient } from './metrics';
import { Emitter } from '../shared/core/emitter';
import { appOfPath, WriteLog } from './writeLog';

export const HEROKU_ACCEPT = 'application/vnd.heroku+json; version=3';
/** The variant of Heroku's Accept header that `DELETE /apps/{app}/builds/{id}` needs to cancel a build. */
export const CANCEL_BUILD_ACCEPT = 'application/vnd.heroku+json; version=3.cancel-build';

export interface HerokuClientOptions {
  api: MembraneApi;
  connectionId: string;
  /** The connection's actions; omit for a proxy-only client. */
  listActions?: () => Promise<Action[]>;
  /** Where the connection's action catalogue is kept between windows: a window's first read then needs no `action list` first. */
  catalogMemory?: CatalogMemory;
  /** Membrane's search of the connection's actions by intent (Run Action's picker). */
  searchActions?: (intent: string, limit: number, signal?: AbortSignal) => Promise<Action[]>;
  /** Concurrent CLI processes at most (default 8). */
  concurrency?: number;
  /** First back-off after a 429 (doubles per retry). */
  backoffMs?: number;
  maxRetries?: number;
  /** How a back-off waits (tests pass one that records the wait and returns at once); a cancel ends it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRateLimit?: (info: { attempt: number; waitMs: number; message: string }) => void;
}

export type ConfigUpdateResult =
  | { kind: 'saved'; vars: ConfigVars; changes: ConfigChange[]; release: Release | undefined }
  | { kind: 'conflict'; conflicts: ConfigConflict[]; remote: ConfigVars }
  | { kind: 'unchanged' };

interface ReadSpec {
  action?: string;
  roles?: Partial<Record<Role, string>>;
  path: string;
}

interface ListSpec extends ReadSpec {
  /** Range field Heroku pages this list by. */
  field: string;
}

const enc = encodeURIComponent;

export class HerokuClient {
  readonly cache = new ReadCache();
  /** Heroku's `RateLimit-Remaining` from the latest answer that carried it. */
  rateLimitRemaining: number | undefined;
  private readonly catalog: ActionCatalog | undefined;
  private readonly limiter: Semaphore;

  /** The Membrane connection (the Heroku account) this client reaches. */
  get connectionId(): string {
    return this.options.connectionId;
  }

  /**
   * What this account's cache forgot, as a data change: every write announces what it
   * changed (whatever its outcome), so the views follow the data with no call of their own.
   */
  onDidForget(listener: (change: DataChange) => void): { dispose(): void } {
    return this.cache.onDidForget((forgotten) => listener(changeOf(forgotten)));
  }

  /**
   * Heroku's metrics service (full URLs to its allow-listed hosts only: metrics.ts), through
   * this account's proxy, concurrency limit and rate-limit back-off; never cached.
   */
  readonly metrics = new MetricsClient((req, opts) => this.send(req, { ...opts, allowErrorStatus: true, rateLimited: true }));

  private readonly dynosRead = new Emitter<{ app: string; dynos: Dyno[] }>();
  /**
   * Every dyno list read from Heroku (not a cached answer): what the tree, a command or the
   * crash watch read is one more observation of the app's dynos for whoever listens.
   */
  readonly onDidReadDynos = this.dynosRead.event;

  private readonly releasesRead = new Emitter<{ app: string; releases: Release[] }>();
  /** Every list of an app's latest releases read from Heroku (not a cached answer): a look at its releases for whoever listens. */
  readonly onDidReadReleases = this.releasesRead.event;

  /** When this window wrote to each app (every write passes through `write`, `request` or `runAction`). */
  readonly writes = new WriteLog();
  /** Builds and promotions this window started, until they settle: their releases land then. */
  private readonly landing = new Map<string, () => void>();

  constructor(private readonly options: HerokuClientOptions) {
    this.catalog = options.listActions ? new ActionCatalog(options.listActions, options.catalogMemory) : undefined;
    // 8: an app's categories load in one parallel round (docs/ARCHITECTURE.md, Budgets).
    this.limiter = new Semaphore(options.concurrency ?? 8);
  }

  /**
   * Ready the action catalogue now, so the first read a view makes is a single CLI call
   * instead of two in a row: the one an earlier window remembered (no CLI call), else one
   * `action list`.
   */
  async warmUp(): Promise<void> {
    await this.catalog?.load();
  }

  // ---- reads ---------------------------------------------------------------------

  account(opts: CallOptions = {}): Promise<Account> {
    return this.one(key.account('account'), { action: 'get-account', path: '/account' }, schemas.AccountSchema, opts);
  }

  listApps(opts: CallOptions = {}): Promise<App[]> {
    return this.list(key.account('apps'), { action: 'list-apps', path: '/apps', field: 'id' }, schemas.AppSchema, opts);
  }

  /** The newest `count` releases, newest first: one proxy call however long the history. */
  latestReleases(app: string, count: number, opts: CallOptions = {}): Promise<Release[]> {
    return this.cache.get(
      key.latestReleases(app, count),
      async (signal) => {
        const { items } = await fetchAllPages((h) => this.get(`/apps/${enc(app)}/releases`, h, signal), { field: 'version', order: 'desc', limit: count });
        const releases = this.parseAll(`/apps/${app}/releases`, schemas.ReleaseSchema, items);
        this.releasesRead.fire({ app, releases });
        return releases;
      },
      opts.signal,
    );
  }

  /** The newest `count` releases read again (that list only is forgotten first: a view showing it reads it with this load). */
  latestReleasesAfresh(app: string, count: number, opts: CallOptions = {}): Promise<Release[]> {
    this.cache.invalidate(key.latestReleases(app, count));
    return this.latestReleases(app, count, opts);
  }

  /** The `count` releases before `version`, newest first: one call, however long the history. */
  releasesBefore(app: string, version: number, count: number, opts: CallOptions = {}): Promise<Release[]> {
    return this.cache.get(
      key.releasesBefore(app, version, count),
      async (signal) => {
        const { items } = await fetchAllPages((h) => this.get(`/apps/${enc(app)}/releases`, h, signal), { field: 'version', order: 'desc', limit: count, after: version });
        return this.parseAll(`/apps/${app}/releases`, schemas.ReleaseSchema, items);
      },
      opts.signal,
    );
  }

  /** The config vars as they were at a release (what a rollback to it restores). */
  async releaseConfigVars(app: string, version: number, opts: CallOptions = {}): Promise<ConfigVars> {
    return withoutNulls(await this.one(key.releaseConfig(app, version), { path: `/apps/${enc(app)}/releases/${version}/config-vars` }, schemas.ConfigVarsSchema, opts));
  }

  /** A slug: the code a release runs, and the commit it was built from. */
  getSlug(app: string, id: string, opts: CallOptions = {}): Promise<Slug> {
    return this.one(key.slug(app, id), { path: `/apps/${enc(app)}/slugs/${enc(id)}` }, schemas.SlugSchema, opts);
  }

  listDynos(app: string, opts: CallOptions = {}): Promise<Dyno[]> {
    return this.list(key.app(app, 'dynos'), { action: 'list-dynos', roles: { app }, path: `/apps/${enc(app)}/dynos`, field: 'id' }, schemas.DynoSchema, opts, (dynos) => this.dynosRead.fire({ app, dynos }));
  }

  listFormation(app: string, opts: CallOptions = {}): Promise<Formation[]> {
    return this.list(key.app(app, 'formation'), { action: 'list-formation', roles: { app }, path: `/apps/${enc(app)}/formation`, field: 'type' }, schemas.FormationSchema, opts);
  }

  listAddons(app: string, opts: CallOptions = {}): Promise<Addon[]> {
    return this.list(key.app(app, 'addons'), { action: 'list-addons', roles: { app }, path: `/apps/${enc(app)}/addons`, field: 'id' }, schemas.AddonSchema, opts);
  }

  listDomains(app: string, opts: CallOptions = {}): Promise<Domain[]> {
    return this.list(key.app(app, 'domains'), { action: 'list-domains', roles: { app }, path: `/apps/${enc(app)}/domains`, field: 'id' }, schemas.DomainSchema, opts);
  }

  listBuilds(app: string, opts: CallOptions = {}): Promise<Build[]> {
    return this.list(key.app(app, 'builds'), { action: 'list-builds', roles: { app }, path: `/apps/${enc(app)}/builds`, field: 'created_at' }, schemas.BuildSchema, opts);
  }

  /** One release, read fresh (never cached): its `output_stream_url` is short-lived. */
  async getRelease(app: string, version: number, opts: CallOptions = {}): Promise<Release> {
    const res = await this.get(`/apps/${enc(app)}/releases/${enc(String(version))}`, {}, opts.signal);
    return parseWith(`heroku GET /apps/${app}/releases/${version}`, schemas.ReleaseSchema, res.body);
  }

  /** One build, read fresh (never cached): its `output_stream_url` is short-lived. */
  async getBuild(app: string, id: string, opts: CallOptions = {}): Promise<Build> {
    const res = await this.get(`/apps/${enc(app)}/builds/${enc(id)}`, {}, opts.signal);
    const build = parseWith(`heroku GET /apps/${app}/builds/${id}`, schemas.BuildSchema, res.body);
    if (build.status !== 'pending') this.landed(`build:${id}`);
    return build;
  }

  listCollaborators(app: string, opts: CallOptions = {}): Promise<Collaborator[]> {
    return this.list(key.app(app, 'collaborators'), { action: 'list-collaborators', roles: { app }, path: `/apps/${enc(app)}/collaborators`, field: 'id' }, schemas.CollaboratorSchema, opts);
  }

  listPipelines(opts: CallOptions = {}): Promise<Pipeline[]> {
    return this.list(key.account('pipelines'), { action: 'list-pipelines', path: '/pipelines', field: 'id' }, schemas.PipelineSchema, opts);
  }

  listPipelineCouplings(pipelineId?: string, opts: CallOptions = {}): Promise<PipelineCoupling[]> {
    const spec = pipelineId
      ? { action: 'list-pipeline-couplings', roles: { pipeline: pipelineId }, path: `/pipelines/${enc(pipelineId)}/pipeline-couplings`, field: 'id' }
      : { action: 'list-pipeline-couplings', path: '/pipeline-couplings', field: 'id' };
    return this.list(key.couplings(pipelineId), spec, schemas.PipelineCouplingSchema, opts);
  }

  async getConfigVars(app: string, opts: CallOptions = {}): Promise<ConfigVars> {
    const vars = await this.one(key.app(app, 'config'), { action: 'get-config-vars', roles: { app }, path: `/apps/${enc(app)}/config-vars` }, schemas.ConfigVarsSchema, opts);
    return withoutNulls(vars);
  }

  // ---- mutations -------------------------------------------------------------------

  async createApp(input: { name?: string; region?: string; team?: string; stack?: string }, opts: CallOptions = {}): Promise<App> {
    const body = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''));
    const res = await this.write([key.account('apps')], { method: 'POST', path: input.team ? '/teams/apps' : '/apps', body }, opts);
    return parseWith('heroku create app', schemas.AppSchema, res.body);
  }

  async updateApp(app: string, changes: { maintenance?: boolean; name?: string; build_stack?: string }, opts: CallOptions = {}): Promise<App> {
    const res = await this.write([key.account('apps'), ...(changes.name ? [key.app(app)] : [])], { method: 'PATCH', path: `/apps/${enc(app)}`, body: changes }, opts);
    return parseWith('heroku update app', schemas.AppSchema, res.body);
  }

  /**
   * Start a one-off dyno (`heroku run`). A 409 (Heroku busy placing it) is retried twice,
   * as the Heroku CLI does; the answer's `attach_url` is the rendezvous address.
   */
  async createDyno(app: string, input: { command: string; attach: boolean; size?: string; env?: Record<string, string>; time_to_live?: number }, opts: CallOptions = {}): Promise<Dyno> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.write([key.app(app, 'dynos')], { method: 'POST', path: `/apps/${enc(app)}/dynos`, body: { ...input, type: 'run' } }, opts);
        return parseWith('heroku run', schemas.DynoSchema, res.body);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 409 || attempt >= 2) throw e;
      }
    }
  }

  /** The dyno sizes Heroku offers. */
  listDynoSizes(opts: CallOptions = {}): Promise<Array<{ name: string }>> {
    return this.list(key.account('dynoSizes'), { path: '/dyno-sizes', field: 'id' }, schemas.DynoSizeSchema, opts);
  }

  /** Delete an app and everything that is its own (add-ons and their data, domains, config, history). */
  async deleteApp(app: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.account('apps'), key.account('pipelines'), key.app(app)], { method: 'DELETE', path: `/apps/${enc(app)}` }, opts);
  }

  /** The app's buildpacks in the order they run (read fresh: the editor changes them). */
  async listBuildpacks(app: string, opts: CallOptions = {}): Promise<BuildpackInstallation[]> {
    const res = await this.get(`/apps/${enc(app)}/buildpack-installations`, {}, opts.signal);
    const items = Array.isArray(res.body) ? res.body : [];
    return this.parseAll(`heroku GET /apps/${app}/buildpack-installations`, schemas.BuildpackInstallationSchema, items).sort((a, b) => a.ordinal - b.ordinal);
  }

  /** Replace the buildpack list (Heroku's only form of add, remove and reorder); the next build uses it. */
  async setBuildpacks(app: string, buildpacks: string[], opts: CallOptions = {}): Promise<BuildpackInstallation[]> {
    const res = await this.write([], { method: 'PUT', path: `/apps/${enc(app)}/buildpack-installations`, body: { updates: buildpacks.map((buildpack) => ({ buildpack })) } }, opts);
    return this.parseAll('heroku set buildpacks', schemas.BuildpackInstallationSchema, Array.isArray(res.body) ? res.body : []);
  }

  listStacks(opts: CallOptions = {}): Promise<Stack[]> {
    return this.list(key.account('stacks'), { path: '/stacks', field: 'id' }, schemas.StackSchema, opts);
  }

  setMaintenance(app: string, on: boolean, opts: CallOptions = {}): Promise<App> {
    return this.updateApp(app, { maintenance: on }, opts);
  }

  /** Roll back to a release: Heroku creates a new release "Rollback to vN". */
  async rollback(app: string, release: string | number, opts: CallOptions = {}): Promise<Release> {
    const res = await this.write([key.app(app, 'releases'), key.app(app, 'config'), key.app(app, 'dynos'), key.account('apps')], { method: 'POST', path: `/apps/${enc(app)}/releases`, body: { release: String(release) } }, opts);
    return parseWith('heroku rollback', schemas.ReleaseSchema, res.body);
  }

  async restartDyno(app: string, dyno: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'dynos')], { method: 'DELETE', path: `/apps/${enc(app)}/dynos/${enc(dyno)}` }, opts);
  }

  async restartAllDynos(app: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'dynos')], { method: 'DELETE', path: `/apps/${enc(app)}/dynos` }, opts);
  }

  async stopDyno(app: string, dyno: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'dynos')], { method: 'POST', path: `/apps/${enc(app)}/dynos/${enc(dyno)}/actions/stop` }, opts);
  }

  /** Scale and/or resize one process type. */
  async updateFormation(app: string, type: string, change: { quantity?: number; size?: string }, opts: CallOptions = {}): Promise<Formation> {
    const res = await this.write([key.app(app, 'formation'), key.app(app, 'dynos')], { method: 'PATCH', path: `/apps/${enc(app)}/formation/${enc(type)}`, body: change }, opts);
    return parseWith('heroku update formation', schemas.FormationSchema, res.body);
  }

  /**
   * Save the editor's config: re-read, refuse on conflicting keys, else PATCH only the
   * changed keys (`null` deletes). Heroku then creates a release and restarts the dynos.
   */
  async updateConfigVars(app: string, base: ConfigVars, edited: ConfigVars, opts: CallOptions = {}): Promise<ConfigUpdateResult> {
    const changes = diffConfig(base, edited);
    if (!changes.length) return { kind: 'unchanged' };
    this.cache.invalidate(key.app(app, 'config'));
    const remote = await this.getConfigVars(app, opts);
    const conflicts = findConflicts(base, edited, remote);
    if (conflicts.length) return { kind: 'conflict', conflicts, remote };
    const res = await this.write([key.app(app, 'config'), key.app(app, 'releases'), key.app(app, 'dynos')], { method: 'PATCH', path: `/apps/${enc(app)}/config-vars`, body: patchBody(base, edited) }, opts);
    const [release] = await this.latestReleases(app, 1, opts).catch(() => [] as Release[]);
    return { kind: 'saved', vars: withoutNulls(parseWith('heroku config update', schemas.ConfigVarsSchema, res.body)), changes, release };
  }

  /** A log session: its `logplex_url` is a short-lived stream URL fetched directly. */
  async createLogSession(app: string, opts: { tail?: boolean; lines?: number; dyno?: string; source?: string } = {}, call: CallOptions = {}): Promise<LogSession> {
    const res = await this.send({ method: 'POST', path: `/apps/${enc(app)}/log-sessions`, body: { tail: true, lines: 100, ...opts } }, { signal: call.signal });
    return parseWith('heroku log session', schemas.LogSessionSchema, res.body);
  }

  // ---- pipelines: promotions, review apps -------------------------------------------

  /**
   * Promote the source app's current release to the targets. `twoFactorCode`: Heroku asked
   * for one (a `two_factor` error) and the user gave it; it is sent once, in a header.
   */
  async createPromotion(input: { pipelineId: string; sourceAppId: string; targetAppIds: string[]; twoFactorCode?: string }, opts: CallOptions = {}): Promise<Promotion> {
    const body = { pipeline: { id: input.pipelineId }, source: { app: { id: input.sourceAppId } }, targets: input.targetAppIds.map((id) => ({ app: { id } })) };
    const headers = input.twoFactorCode ? { 'Heroku-Two-Factor-Code': input.twoFactorCode } : undefined;
    const landing = this.writes.begin(undefined);
    try {
      const res = await this.write([key.account('apps')], { method: 'POST', path: '/pipeline-promotions', body, ...(headers ? { headers } : {}) }, opts);
      const promotion = parseWith('heroku create promotion', schemas.PromotionSchema, res.body);
      this.landing.set(`promotion:${promotion.id}`, landing);
      return promotion;
    } catch (e) {
      landing();
      throw e;
    }
  }

  /** A promotion's targets, read fresh (they settle one by one). */
  async listPromotionTargets(promotionId: string, opts: CallOptions = {}): Promise<PromotionTarget[]> {
    const { items } = await fetchAllPages((h) => this.get(`/pipeline-promotions/${enc(promotionId)}/promotion-targets`, h, opts.signal), { field: 'id' });
    const targets = this.parseAll('heroku promotion targets', schemas.PromotionTargetSchema, items);
    if (targets.every((t) => t.status !== 'pending')) this.landed(`promotion:${promotionId}`);
    return targets;
  }

  listReviewApps(pipelineId: string, opts: CallOptions = {}): Promise<ReviewApp[]> {
    return this.list(key.reviewApps(pipelineId), { path: `/pipelines/${enc(pipelineId)}/review-apps`, field: 'id' }, schemas.ReviewAppSchema, opts);
  }

  /** Delete a review app: Heroku deletes its app too. */
  async deleteReviewApp(id: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.account('apps'), key.account('pipelines')], { method: 'DELETE', path: `/review-apps/${enc(id)}` }, opts);
  }

  // ---- add-ons, domains, collaborators ---------------------------------------------

  /** The add-on marketplace's services (cached for the session: it rarely changes). */
  listAddonServices(opts: CallOptions = {}): Promise<AddonService[]> {
    return this.list(key.account('addonServices'), { path: '/addon-services', field: 'id' }, schemas.AddonServiceSchema, opts);
  }

  listPlans(serviceId: string, opts: CallOptions = {}): Promise<Plan[]> {
    return this.list(key.plans(serviceId), { path: `/addon-services/${enc(serviceId)}/plans`, field: 'id' }, schemas.PlanSchema, opts);
  }

  /** Where an add-on is attached (its own app and any other). */
  listAttachments(app: string, addonId: string, opts: CallOptions = {}): Promise<Attachment[]> {
    return this.list(key.attachments(app, addonId), { path: `/addons/${enc(addonId)}/addon-attachments`, field: 'id' }, schemas.AttachmentSchema, opts);
  }

  /** Provision an add-on: Heroku sets its config vars, which makes a release. */
  async createAddon(app: string, input: { plan: string; name?: string }, opts: CallOptions = {}): Promise<Addon> {
    const res = await this.write(appChange(app, 'addons'), { method: 'POST', path: `/apps/${enc(app)}/addons`, body: input.name ? input : { plan: input.plan } }, opts);
    return parseWith('heroku create add-on', schemas.AddonSchema, res.body);
  }

  async deleteAddon(app: string, addon: string, opts: CallOptions = {}): Promise<void> {
    // Every app it was attached to loses its config vars and gets a release: forget all apps' add-on reads.
    await this.write([...appChange(app, 'addons'), key.account('apps')], { method: 'DELETE', path: `/apps/${enc(app)}/addons/${enc(addon)}` }, opts);
  }

  async createDomain(app: string, hostname: string, opts: CallOptions = {}): Promise<Domain> {
    const res = await this.write([key.app(app, 'domains')], { method: 'POST', path: `/apps/${enc(app)}/domains`, body: { hostname, sni_endpoint: null } }, opts);
    return parseWith('heroku create domain', schemas.DomainSchema, res.body);
  }

  async deleteDomain(app: string, domain: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'domains')], { method: 'DELETE', path: `/apps/${enc(app)}/domains/${enc(domain)}` }, opts);
  }

  /** Automated Certificate Management on or off (Heroku's `certs:auto:enable|disable`). */
  async setAcm(app: string, on: boolean, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'domains'), key.account('apps')], { method: on ? 'POST' : 'DELETE', path: `/apps/${enc(app)}/acm` }, opts);
  }

  async addCollaborator(app: string, email: string, opts: CallOptions = {}): Promise<Collaborator> {
    const res = await this.write([key.app(app, 'collaborators')], { method: 'POST', path: `/apps/${enc(app)}/collaborators`, body: { user: email, silent: false } }, opts);
    return parseWith('heroku add collaborator', schemas.CollaboratorSchema, res.body);
  }

  async removeCollaborator(app: string, email: string, opts: CallOptions = {}): Promise<void> {
    await this.write([key.app(app, 'collaborators')], { method: 'DELETE', path: `/apps/${enc(app)}/collaborators/${enc(email)}` }, opts);
  }

  // ---- deploys (the Build API) -----------------------------------------------------

  /** Where to upload a source archive: pre-signed, short-lived URLs (used directly, never logged in clear). */
  async createSource(opts: CallOptions = {}): Promise<Source['source_blob']> {
    const res = await this.send({ method: 'POST', path: '/sources' }, { signal: opts.signal });
    return parseWith('heroku create source', schemas.SourceSchema, res.body).source_blob;
  }

  /** Start a build of an uploaded archive. Its release (if it succeeds) comes later: the build's reads are forgotten now and when it ends. */
  async createBuild(app: string, source: { url: string; version?: string; checksum: string; version_description?: string }, opts: CallOptions = {}): Promise<Build> {
    const landing = this.writes.begin(app);
    try {
      const res = await this.write([key.app(app, 'builds')], { method: 'POST', path: `/apps/${enc(app)}/builds`, body: { source_blob: source } }, opts);
      const build = parseWith('heroku create build', schemas.BuildSchema, res.body);
      if (build.status === 'pending') this.landing.set(`build:${build.id}`, landing);
      else landing();
      return build;
    } catch (e) {
      landing();
      throw e;
    }
  }

  /** Stop a running build (Heroku marks it failed; no release is made). */
  async cancelBuild(app: string, id: string, opts: CallOptions = {}): Promise<void> {
    try {
      await this.write([key.app(app, 'builds')], { method: 'DELETE', path: `/apps/${enc(app)}/builds/${enc(id)}`, headers: { Accept: CANCEL_BUILD_ACCEPT } }, opts);
    } finally {
      this.landed(`build:${id}`);
    }
  }

  /** Empty the app's build cache: the next build installs its dependencies from scratch. */
  async purgeBuildCache(app: string, opts: CallOptions = {}): Promise<void> {
    await this.write([], { method: 'DELETE', path: `/apps/${enc(app)}/build-cache` }, opts);
  }

  // ---- any action, any endpoint (the palette) ----------------------------------------

  /** The connection's actions Membrane finds for an intent, e.g. "list releases". */
  async searchActions(intent: string, limit: number, opts: CallOptions = {}): Promise<Action[]> {
    if (!this.options.searchActions) return [];
    return this.withRetry(() => this.options.searchActions!(intent, limit, opts.signal), opts.signal);
  }

  /**
   * Run any action of the connection, bounded and backed off like every call. Its effect
   * is unknown here, so unless its key says it only reads, every cached read is forgotten.
   */
  async runAction(action: Action, input: Record<string, unknown>, opts: CallOptions = {}): Promise<{ output: unknown; actionRunId?: string }> {
    const wrote = isReadOnlyAction(action) ? undefined : this.writes.begin(undefined);
    try {
      return await this.withRetry(() => this.options.api.runAction(this.options.connectionId, action.id, input, { signal: opts.signal }), opts.signal);
    } finally {
      wrote?.();
      if (!isReadOnlyAction(action)) this.forgetAll();
    }
  }

  /**
   * Any Platform API request (Proxy Request): Heroku's Accept header unless the caller
   * sets one, and an HTTP error comes back as the response it is. A write forgets every
   * cached read, whatever it touched.
   */
  async request(req: ProxyRequest, opts: CallOptions = {}): Promise<ProxyResponse> {
    const wrote = req.method === 'GET' ? undefined : this.writes.begin(appOfPath(req.path));
    try {
      return await this.send(req, { signal: opts.signal, allowErrorStatus: true });
    } finally {
      wrote?.();
      if (req.method !== 'GET') this.forgetAll();
    }
  }

  /** Forget what is cached about an app: the kinds of data named, or (none named) all of it. */
  forget(app: string, ...data: AppData[]): void {
    this.cache.invalidate(...(data.length ? data.map((d) => key.app(app, d)) : [key.app(app)]));
  }

  /** Forget account-wide lists (`pipelines` includes their couplings). */
  forgetAccount(...data: AccountData[]): void {
    this.cache.invalidate(...data.map((d) => key.account(d)));
  }

  /** Forget every cached read. */
  forgetAll(): void {
    this.cache.clear();
  }

  // ---- plumbing --------------------------------------------------------------------

  /**
   * A write, and the reads it touches forgotten whatever its outcome: done, failed, or
   * unknown (its answer was unreadable after Heroku may have applied it): the views that
   * show them read Heroku again instead of showing what may no longer be true.
   */
  private async write(touches: string[], req: ProxyRequest, opts: CallOptions): Promise<ProxyResponse> {
    let sent = false;
    const wrote = this.writes.begin(appOfPath(req.path));
    try {
      return await this.send(req, { signal: opts.signal, onSent: () => (sent = true) });
    } catch (e) {
      // Stopped after the CLI took it: Heroku may have applied it, so the user is told so.
      if (sent && e instanceof CancelledError) throw new OutcomeUnknownError(`${req.method} ${req.path}`, l10n.t('cancelled after it was sent'), 'cancelled');
      throw e;
    } finally {
      wrote();
      this.cache.invalidate(...touches);
    }
  }

  /** A build or promotion this window started settled: its span of writes ends. */
  private landed(what: string): void {
    this.landing.get(what)?.();
    this.landing.delete(what);
  }

  /** A cached read. The load is shared by every caller waiting for it and stopped only when all of them gave up. */
  private one<T>(key: string, spec: ReadSpec, schema: ZodMiniType<T>, opts: CallOptions): Promise<T> {
    return this.cache.get(
      key,
      async (signal) => {
        const viaAction = await this.tryAction(spec, signal);
        const value = viaAction !== NO_ACTION ? viaAction : (await this.get(spec.path, {}, signal)).body;
        return parseWith(`heroku GET ${spec.path}`, schema, value);
      },
      opts.signal,
    );
  }

  /** `loaded`: told each list read from Heroku (a cached answer is not read again). */
  private list<T>(key: string, spec: ListSpec, schema: ZodMiniType<T>, opts: CallOptions, loaded?: (items: T[]) => void): Promise<T[]> {
    return this.cache.get(
      key,
      async (signal) => {
        const viaAction = await this.tryAction(spec, signal);
        // A shorter answer than Heroku's first page is the whole list; a full one may not be.
        let items = Array.isArray(viaAction) && viaAction.length < DEFAULT_PAGE ? viaAction : undefined;
        if (!items) items = (await fetchAllPages((h) => this.get(spec.path, h, signal), { field: spec.field })).items;
        const parsed = this.parseAll(`heroku GET ${spec.path}`, schema, items);
        loaded?.(parsed);
        return parsed;
      },
      opts.signal,
    );
  }

  private parseAll<T>(command: string, schema: ZodMiniType<T>, items: unknown[]): T[] {
    return items.map((x, i) => parseWith(command, schema, x, `[${i}]`));
  }

  /** The action's output, or NO_ACTION when the connection offers no usable action. */
  private async tryAction(spec: ReadSpec, signal?: AbortSignal, firstTry = true): Promise<unknown> {
    if (!this.catalog || !spec.action) return NO_ACTION;
    const action = await this.catalog.find(spec.action);
    const input = action && bindInput(action, spec.roles ?? {});
    if (!action || !input) return NO_ACTION;
    try {
      const out = await this.withRetry(() => {
        return this.options.api.runAction(this.options.connectionId, action.id, input, { signal });
      }, signal);
      return out.output;
    } catch (e) {
      // An action an earlier window remembered that Membrane refuses (not Heroku's answer):
      // the catalogue changed since. List it again, and read once more with what it says.
      if (!firstTry || !this.catalog.remembered || !refusedByMembrane(e)) throw e;
      await this.catalog.relist();
      return this.tryAction(spec, signal, false);
    }
  }

  private get(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<ProxyResponse> {
    return this.send({ method: 'GET', path, headers }, { signal });
  }

  /**
   * `onSent`: told when the request is handed to the CLI (after the concurrency limit and any back-off).
   * `rateLimited`: with `allowErrorStatus`, a 429 is still the rate limit, backed off and retried
   * like any other (the metrics service's); without it, a 429 comes back as the response it is.
   */
  private async send(req: ProxyRequest, opts: RequestOptions & CallOptions & { onSent?: () => void; rateLimited?: boolean } = {}): Promise<ProxyResponse> {
    const { onSent, rateLimited, ...callOpts } = opts;
    const res = await this.withRetry(async () => {
      onSent?.();
      const answer = await this.options.api.request(this.options.connectionId, { ...req, headers: { Accept: HEROKU_ACCEPT, ...req.headers } }, callOpts);
      if (rateLimited && answer.status === 429) throw herokuError(answer);
      return answer;
    }, opts.signal);
    const remaining = Number(res.headers['ratelimit-remaining']);
    if (res.headers['ratelimit-remaining'] !== undefined && Number.isFinite(remaining)) this.rateLimitRemaining = remaining;
    return res;
  }

  /** Bounded concurrency; 429 backed off and retried; two-factor named. */
  private async withRetry<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const retries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new CancelledError('heroku call');
      try {
        return await this.limiter.run(call);
      } catch (e) {
        if (e instanceof ApiError && e.id === 'two_factor') throw twoFactor(e);
        if (!(e instanceof RateLimitedError)) throw e;
        this.rateLimitRemaining = 0;
        if (attempt >= retries) throw e;
        const waitMs = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : (this.options.backoffMs ?? 1000) * 2 ** attempt;
        this.options.onRateLimit?.({ attempt: attempt + 1, waitMs, message: e.apiMessage });
        await (this.options.sleep ?? ((ms: number, s?: AbortSignal) => abortableSleep(ms, s, 'heroku call')))(Math.min(waitMs, 60_000), signal);
      }
    }
  }
}

const NO_ACTION = Symbol('no action');

/** Membrane itself refused the call (an unknown action, say), as opposed to Heroku answering an error. */
function refusedByMembrane(e: unknown): boolean {
  return (e instanceof ApiError && e.source === 'membrane') || e instanceof CommandFailedError;
}

/** What a change that makes a release touches: the data named, the config, releases and dynos. */
function appChange(app: string, data: AppData): string[] {
  return [key.app(app, data), key.app(app, 'config'), key.app(app, 'releases'), key.app(app, 'dynos')];
}


function twoFactor(e: ApiError): ApiError {
  return new ApiError(e.status ?? 403, 'two_factor', l10n.t(`Heroku requires two-factor authentication for this request: {0} Confirm it in the Heroku Dashboard or CLI, then retry.`, e.apiMessage), 'heroku');
}

function withoutNulls(vars: Record<string, string | null>): ConfigVars {
  return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => e[1] !== null));
}
