// The read cache's keys, built in this one place. Callers outside the Heroku layer never
// spell a key: they name what to forget (`heroku.forget(app, 'dynos')`), and the keys'
// prefixes make forgetting an app, or a list, forget everything under it.

/** What the cache holds per app. */
/** `errors` is never cached (counts of the last 24 hours): forgetting it reloads the Errors category. */
export type AppData = 'releases' | 'dynos' | 'formation' | 'addons' | 'domains' | 'builds' | 'collaborators' | 'config' | 'errors';
/** What the cache holds for the whole account (`pipelines` includes every coupling list). */
export type AccountData = 'account' | 'apps' | 'pipelines' | 'addonServices' | 'stacks' | 'dynoSizes';

export const cacheKey = {
  account: (data: AccountData): string => data,
  /** One kind of an app's data, or (without `data`) the prefix of all of it. */
  app: (app: string, data?: AppData): string => (data ? `app:${app}:${data}` : `app:${app}:`),
  latestReleases: (app: string, count: number): string => `app:${app}:releases:latest:${count}`,
  releasesBefore: (app: string, version: number, count: number): string => `app:${app}:releases:before:${version}:${count}`,
  /** A past release's config and a slug never change; they are forgotten with the app's releases all the same. */
  releaseConfig: (app: string, version: number): string => `app:${app}:releases:config:${version}`,
  slug: (app: string, id: string): string => `app:${app}:releases:slug:${id}`,
  couplings: (pipelineId?: string): string => `pipelines:${pipelineId ?? '*'}:couplings`,
  plans: (serviceId: string): string => `addonServices:${serviceId}:plans`,
  reviewApps: (pipelineId: string): string => `pipelines:${pipelineId}:reviewApps`,
  attachments: (app: string, addonId: string): string => `app:${app}:addons:${addonId}:attachments`,
};

/** What a forgetting changed, in the terms views think in: an app's kinds of data, account-wide lists, or everything. */
export interface DataChange {
  /** Every cached read of the account (a write whose effect is unknown: Run Action, Proxy Request). */
  all: boolean;
  /** Per app: the kinds of data forgotten, or 'all' of it. */
  apps: Map<string, Set<AppData> | 'all'>;
  account: Set<AccountData>;
}

const APP_DATA = new Set<string>(['releases', 'dynos', 'formation', 'addons', 'domains', 'builds', 'collaborators', 'config', 'errors']);
const ACCOUNT_DATA = new Set<string>(['account', 'apps', 'pipelines', 'addonServices', 'stacks', 'dynoSizes']);

/** The change a set of forgotten key prefixes (or everything) makes; keys are read back here, where they are spelt. */
export function changeOf(forgotten: { prefixes: string[] } | { all: true }): DataChange {
  const change: DataChange = { all: 'all' in forgotten, apps: new Map(), account: new Set() };
  if ('all' in forgotten) return change;
  for (const prefix of forgotten.prefixes) {
    const app = /^app:(.+?):(?:([a-z]+)(?::.*)?)?$/i.exec(prefix);
    if (app) {
      const [, name, data] = app as unknown as [string, string, string | undefined];
      const known = change.apps.get(name);
      if (!data || !APP_DATA.has(data)) change.apps.set(name, 'all');
      else if (known !== 'all') change.apps.set(name, (known ?? new Set<AppData>()).add(data as AppData));
      continue;
    }
    const account = prefix.split(':')[0]!;
    if (ACCOUNT_DATA.has(account)) change.account.add(account as AccountData);
  }
  return change;
}
