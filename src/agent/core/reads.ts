// The agent's reads, as compact lines of text (never raw JSON, never a config value
// unless asked for through the tool that asks the user first). Plain Node over the Heroku
// layer and the features' plain-Node parts: the same calls, cache and paging as the views.
import type { HerokuClient } from '../../heroku/client';
import type { App, Build, PipelineCoupling, Release } from '../../heroku/schemas';
import { streamLines } from '../../heroku/streams/textStream';
import { lineMatcher, LOG_SOURCES, type LogFilter, type LogSource } from '../../logs/core/logFilter';
import { commitOf, compareApps, deployOf } from '../../pipelines/core/compare';
import { stateSummary } from '../../dynos/core/format';
import { timeAgo } from '../../shared/core/text';
import { CancelledError } from '../../membrane/errors';
import { MASK } from '../../membrane/redact';
import { apiPathProblem } from '../../palette/core/inputs';
import * as l10n from '@vscode/l10n';

/** One ready Heroku account, as the tools see it. */
export interface AgentAccount {
  /** How the user knows it: the e-mail (or the connection's name). */
  label: string;
  heroku: HerokuClient;
}

/** A tool's input the model got wrong: said back to it, so it can try again. */
export class AgentInputError extends Error {}

/** An app found by name, in the account it is in. */
export interface FoundApp {
  app: App;
  account: AgentAccount;
}

/** The accounts a hint names (its e-mail or name, any case), or all of them without one; an unknown hint is an input error. */
export function accountsNamed<A extends AgentAccount>(accounts: readonly A[], accountHint?: string): readonly A[] {
  if (!accountHint) return accounts;
  const wanted = accounts.filter((a) => a.label.toLowerCase() === accountHint.trim().toLowerCase());
  if (!wanted.length) throw new AgentInputError(l10n.t('No connected Heroku account is {0}. Accounts: {1}.', accountHint, accounts.map((a) => a.label).join(', ')));
  return wanted;
}

/** The app of that name: in the account named (by e-mail or name, when given), else in the one account that has it. */
export async function findApp(accounts: readonly AgentAccount[], name: string, accountHint?: string, signal?: AbortSignal): Promise<FoundApp> {
  const wanted = accountsNamed(accounts, accountHint);
  const found = (await Promise.all(wanted.map(async (account) => ({ account, app: (await account.heroku.listApps({ signal })).find((a) => a.name === name) })))).filter((f): f is FoundApp => Boolean(f.app));
  if (!found.length) throw new AgentInputError(l10n.t('No app named {0} in {1}. List the apps with the herokuApps tool.', name, wanted.map((a) => a.label).join(', ')));
  if (found.length > 1) throw new AgentInputError(l10n.t('{0} exists in several accounts ({1}): say which with account.', name, found.map((f) => f.account.label).join(', ')));
  return found[0]!;
}

/** Every app of every account, matching the filters (parts of the name, team, pipeline; any case). */
export async function appsLines(accounts: readonly AgentAccount[], filter: { name?: string; team?: string; pipeline?: string }, signal?: AbortSignal): Promise<string[]> {
  const has = (value: string | undefined | null, part: string | undefined) => !part || (value ?? '').toLowerCase().includes(part.toLowerCase());
  const several = accounts.length > 1;
  const perAccount = await Promise.all(
    accounts.map(async (account) => {
      const [apps, couplings, pipelines] = await Promise.all([
        account.heroku.listApps({ signal }),
        account.heroku.listPipelineCouplings(undefined, { signal }).catch(() => [] as PipelineCoupling[]),
        account.heroku.listPipelines({ signal }).catch(() => []),
      ]);
      return apps
        .map((app) => {
          const coupling = couplings.find((c) => c.app.id === app.id);
          const pipeline = coupling && pipelines.find((p) => p.id === coupling.pipeline.id)?.name;
          return { app, pipeline, stage: coupling?.stage };
        })
        .filter((x) => has(x.app.name, filter.name) && has(x.app.team?.name, filter.team) && has(x.pipeline, filter.pipeline))
        .map(({ app, pipeline, stage }) =>
          [
            app.name,
            app.team?.name ? l10n.t('team {0}', app.team.name) : l10n.t('personal'),
            app.region?.name,
            app.stack?.name ?? app.build_stack?.name,
            pipeline ? l10n.t('pipeline {0} ({1})', pipeline, stage ?? '?') : undefined,
            app.maintenance ? l10n.t('maintenance on') : undefined,
            several ? l10n.t('account {0}', account.label) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        );
    }),
  );
  return perAccount.flat().sort((a, b) => a.localeCompare(b));
}

/** Dynos by state, the formation, maintenance, the last release and its commit, the web URL. */
export async function statusLines(heroku: HerokuClient, app: App, signal?: AbortSignal): Promise<string[]> {
  const [dynos, formation, releases] = await Promise.all([heroku.listDynos(app.name, { signal }), heroku.listFormation(app.name, { signal }), heroku.latestReleases(app.name, 20, { signal })]);
  const current = releases.find((r) => r.current) ?? releases[0];
  const deploy = deployOf(releases, current);
  const byType = new Map<string, string[]>();
  for (const d of dynos) byType.set(d.type, [...(byType.get(d.type) ?? []), d.state]);
  return [
    l10n.t('App: {0}', app.name),
    l10n.t('Web URL: {0}', app.web_url ?? l10n.t('none')),
    l10n.t('Maintenance: {0}', app.maintenance ? l10n.t('on') : l10n.t('off')),
    l10n.t('Formation: {0}', formation.map((f) => `${f.type}=${f.quantity}:${f.size}`).join(', ') || l10n.t('none')),
    l10n.t('Dynos: {0}', [...byType].map(([type, states]) => `${type} ${stateSummary(states)}`).join('; ') || l10n.t('none running')),
    current ? l10n.t('Last release: v{0} · {1} · {2} · by {3} · {4}', current.version, current.status, current.description, current.user?.email ?? '?', timeAgo(current.created_at)) : l10n.t('Last release: none'),
    l10n.t('Code: {0}', (deploy && commitOf(deploy)) ?? l10n.t('no commit recorded')),
  ];
}

/** The latest `count` releases, newest first: version, status, who, what, when. */
export async function releasesLines(heroku: HerokuClient, app: App, count: number, signal?: AbortSignal): Promise<string[]> {
  const releases = await heroku.latestReleases(app.name, count, { signal });
  return releases.slice(0, count).map((r: Release) => `v${r.version}${r.current ? l10n.t(' (current)') : ''} · ${r.status} · ${r.user?.email ?? '?'} · ${timeAgo(r.created_at)} · ${r.description}`);
}

/** The logs filter of the agent's words: "errors", a source, a dyno (`web.1`) or process type (`dyno:web`), else text. */
export function agentLogFilter(text: string | undefined): Exclude<LogFilter, { kind: 'regex' }> | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  if (t.toLowerCase() === 'errors') return { kind: 'errors' };
  if ((LOG_SOURCES as readonly string[]).includes(t.toLowerCase())) return { kind: 'source', source: t.toLowerCase() as LogSource };
  const dyno = /^(?:dyno:\s*([a-z][a-z0-9_-]*(?:\.\d+)?)|([a-z][a-z0-9_-]*\.\d+))$/i.exec(t);
  if (dyno) return { kind: 'dyno', dyno: dyno[1] ?? dyno[2]! };
  return { kind: 'text', text: t };
}

/** The last log lines read without a tail; stops when the history has come (silence) or enough have. */
export async function recentLogLines(heroku: HerokuClient, app: App, count: number, filterText: string | undefined, signal?: AbortSignal): Promise<{ lines: string[]; matched: number; read: number }> {
  const filter = agentLogFilter(filterText);
  const matches = filter ? lineMatcher(filter) : () => [];
  // A filter looks through more history than it shows: the last 1,500 lines (Heroku's most).
  const session = await heroku.createLogSession(app.name, { tail: false, lines: filter ? 1500 : count }, { signal });
  const read = await readAll(session.logplex_url, 1500, signal);
  const kept = read.filter((l) => matches(l) !== undefined);
  return { lines: kept.slice(-count), matched: kept.length, read: read.length };
}

/** Config var names, sorted; never a value. */
export async function configNameLines(heroku: HerokuClient, app: App, signal?: AbortSignal): Promise<string[]> {
  return Object.keys(await heroku.getConfigVars(app.name, { signal })).sort();
}

/** Config var values (only through the tool that asked the user), the keys asked for or all. */
export async function configValueLines(heroku: HerokuClient, app: App, keys: readonly string[] | undefined, signal?: AbortSignal): Promise<string[]> {
  const vars = await heroku.getConfigVars(app.name, { signal });
  const names = keys?.length ? keys : Object.keys(vars).sort();
  return names.map((k) => (Object.hasOwn(vars, k) ? `${k}=${vars[k]}` : l10n.t('{0}: not set', k)));
}

export async function addonLines(heroku: HerokuClient, app: App, signal?: AbortSignal): Promise<string[]> {
  const addons = await heroku.listAddons(app.name, { signal });
  return addons.map((a) => [a.name, a.addon_service?.name, a.plan?.name ? l10n.t('plan {0}', a.plan.name) : undefined, a.state, a.config_vars?.length ? l10n.t('sets {0}', a.config_vars.join(', ')) : undefined].filter(Boolean).join(' · '));
}

export async function domainLines(heroku: HerokuClient, app: App, signal?: AbortSignal): Promise<string[]> {
  const domains = await heroku.listDomains(app.name, { signal });
  return domains.map((d) => [d.hostname, d.kind, d.cname ? l10n.t('CNAME {0}', d.cname) : undefined, d.acm_status ? l10n.t('certificate {0}', d.acm_status) : undefined].filter(Boolean).join(' · '));
}

/** The latest build (who, when, status, version) and the last lines of its output. */
export async function buildLines(heroku: HerokuClient, app: App, maxLines: number, signal?: AbortSignal): Promise<string[]> {
  const builds = await heroku.listBuilds(app.name, { signal });
  const latest = [...builds].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''))[0];
  if (!latest) return [l10n.t('No builds.')];
  const fresh: Build = await heroku.getBuild(app.name, latest.id, { signal });
  const head = l10n.t('Build {0} · {1} · by {2} · {3} · {4}', fresh.id, fresh.status, fresh.user?.email ?? '?', timeAgo(fresh.created_at), fresh.source_blob?.version_description ?? fresh.source_blob?.version ?? '');
  const output = fresh.output_stream_url ? await readAll(fresh.output_stream_url, 5000, signal) : [];
  return [head, l10n.t('Output (last {0} lines):', Math.min(maxLines, output.length)), ...output.slice(-maxLines)];
}

/** Every pipeline with its stages and apps. */
export async function pipelineLines(account: AgentAccount, signal?: AbortSignal): Promise<string[]> {
  const { heroku } = account;
  const [pipelines, couplings, apps] = await Promise.all([heroku.listPipelines({ signal }), heroku.listPipelineCouplings(undefined, { signal }), heroku.listApps({ signal })]);
  const nameOf = (id: string) => apps.find((a) => a.id === id)?.name ?? id;
  return pipelines.map((p) => {
    const stages = ['review', 'development', 'staging', 'production']
      .map((stage) => ({ stage, apps: couplings.filter((c) => c.pipeline.id === p.id && c.stage === stage).map((c) => nameOf(c.app.id)) }))
      .filter((s) => s.apps.length)
      .map((s) => `${s.stage}: ${s.apps.join(', ')}`);
    return `${p.name} · ${stages.join(' | ') || l10n.t('no apps')}`;
  });
}

/** What differs between two apps of one account, values masked (the compare's summary and sections). */
export async function compareLines(heroku: HerokuClient, a: App, b: App, signal?: AbortSignal): Promise<string[]> {
  const snap = async (app: App) => {
    const [releases, config, addons, formation] = await Promise.all([heroku.latestReleases(app.name, 50, { signal }), heroku.getConfigVars(app.name, { signal }), heroku.listAddons(app.name, { signal }), heroku.listFormation(app.name, { signal })]);
    return { name: app.name, releases, config, addons, formation };
  };
  const [sa, sb] = await Promise.all([snap(a), snap(b)]);
  // Masked: reveal=false puts no value in either side.
  const c = compareApps(sa, sb, false);
  return [...c.summary, '', `--- ${a.name}`, c.left, '', `--- ${b.name}`, c.right];
}

/** Reads a pre-signed stream to its end (history only), at most `max` lines. */
async function readAll(url: string, max: number, signal?: AbortSignal): Promise<string[]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  // History comes at once; a session that stays silent this long has given all it has.
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop.abort(), 3000);
  };
  const deadline = setTimeout(() => stop.abort(), 30_000);
  const lines: string[] = [];
  try {
    arm();
    for await (const line of streamLines(url, { signal: stop.signal, onData: arm })) {
      lines.push(line);
      if (lines.length > max) lines.shift();
    }
  } finally {
    clearTimeout(idle);
    clearTimeout(deadline);
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new CancelledError('logs');
  return lines;
}

/** The app a Platform API path is about (`/apps/{app}/…`), or why the path is not one the tool reads. */
export function appOfApiPath(path: string): { app: string } | { problem: string } {
  const problem = apiPathProblem(path);
  if (problem) return { problem };
  const m = /^\/apps\/([^/?#]+)(\/[^?#]*)?$/.exec(path);
  if (!m) return { problem: l10n.t('The path must be /apps/{app} or under it, without a query, e.g. /apps/my-app/features.') };
  // Only the app's name may be encoded: the rest is read as written, so what is checked is what Heroku reads.
  if (m[2]?.includes('%')) return { problem: l10n.t('Only the app name may be URL-encoded in the path; write the rest as it is, e.g. /apps/my-app/features.') };
  let app: string;
  try {
    app = decodeURIComponent(m[1]!);
  } catch {
    return { problem: l10n.t('The app name in the path is not valid URL encoding.') };
  }
  if (/config/i.test(`${app}${m[2] ?? ''}`)) return { problem: l10n.t('apiGet does not read config vars: use the herokuApp tool with what configNames for the names, or the herokuConfigValues tool, which asks the user first, for values.') };
  return { app };
}

/** Any GET under /apps/{app}/, the answer as `key: value` lines; values under a path that names config are masked. */
export async function apiGetLines(heroku: HerokuClient, path: string, signal?: AbortSignal): Promise<string[]> {
  const res = await heroku.request({ method: 'GET', path }, { signal });
  const mask = /config/i.test(path);
  return [`HTTP ${res.status}`, ...flatLines(res.body, '', mask, 400)];
}

/** A JSON value as one line per leaf (`0.name: web`), at most `max` lines. */
export function flatLines(value: unknown, prefix: string, mask: boolean, max: number, out: string[] = []): string[] {
  if (out.length >= max) return out;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (!entries.length) out.push(`${prefix || '.'}: ${Array.isArray(value) ? '[]' : '{}'}`);
    for (const [k, v] of entries) flatLines(v, prefix ? `${prefix}.${k}` : k, mask, max, out);
    return out;
  }
  out.push(`${prefix || '.'}: ${mask && value !== null ? MASK : String(value)}`);
  return out;
}
