// The read cache's keys, built in this one place. Callers outside the Heroku layer never
// spell a key: they name what to forget (`heroku.forget(app, 'dynos')`), and the keys'
// prefixes make forgetting an app, or a list, forget everything under it.

/** What the cache holds per app. */
export type AppData = 'releases' | 'dynos' | 'formation' | 'addons' | 'domains' | 'builds' | 'collaborators' | 'config';
/** What the cache holds for the whole account (`pipelines` includes every coupling list). */
export type AccountData = 'account' | 'apps' | 'pipelines' | 'addonServices' | 'stacks' | 'dynoSizes';

export const cacheKey = {
  account: (data: AccountData): string => data,
  /** One kind of an app's data, or (without `data`) the prefix of all of it. */
  app: (app: string, data?: AppData): string => (data ? `app:${app}:${data}` : `app:${app}:`),
  latestReleases: (app: string, count: number): string => `app:${app}:releases:latest:${count}`,
  couplings: (pipelineId?: string): string => `pipelines:${pipelineId ?? '*'}:couplings`,
  plans: (serviceId: string): string => `addonServices:${serviceId}:plans`,
  reviewApps: (pipelineId: string): string => `pipelines:${pipelineId}:reviewApps`,
  attachments: (app: string, addonId: string): string => `app:${app}:addons:${addonId}:attachments`,
};
