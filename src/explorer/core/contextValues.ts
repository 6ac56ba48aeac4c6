// The `contextValue` of every tree node kind, made in one place: package.json's menus
// match them (`viewItem =~ /^heroku\.app\b/`), and test/unit/contextValues.test.ts checks
// that every menu clause matches a value made here. Form: `heroku.<kind>[+flag…]`.

export const contextValue = {
  message: (kind: 'error' | 'info') => (kind === 'error' ? 'heroku.error' : 'heroku.message'),
  group: () => 'heroku.group',
  app: (flags: { maintenance: boolean; workspace: boolean }) => `heroku.app${flags.maintenance ? '+maintenance' : ''}${flags.workspace ? '+workspace' : ''}`,
  /** An app row of the workspace's group: the app's own value with `+link` (its menus and Unlink). */
  linkedApp: (app: string) => `${app}+link`,
  /** A linked app no account can see. */
  missingLink: () => 'heroku.link+missing',
  workspaceGroup: () => 'heroku.workspace',
  category: (key: string) => `heroku.category+${key}`,
  configVars: () => 'heroku.configVars',
  release: (status: string, current: boolean, output = false) => `heroku.release+${status}${current ? '+current' : ''}${output ? '+output' : ''}`,
  loadMore: () => 'heroku.loadMore',
  dyno: (state: string) => `heroku.dyno+${state}`,
  formation: () => 'heroku.formation',
  addon: (state: string | null | undefined, attachedOnly = false) => `heroku.addon+${state ?? 'unknown'}${attachedOnly ? '+attached' : ''}`,
  attachment: () => 'heroku.attachment',
  domain: (kind: string) => `heroku.domain+${kind}`,
  build: (status: string) => `heroku.build+${status}`,
  collaborator: (owner = false) => `heroku.collaborator${owner ? '+owner' : ''}`,
  pipeline: () => 'heroku.pipeline',
  errorCode: () => 'heroku.errorCode',
  account: (kind: string) => `heroku.account+${kind}`,
  stage: (stage: string) => `heroku.stage+${stage}`,
  deployedCode: (standing: string) => `heroku.deployedCode+${standing}`,
};

/** Every form each kind takes (its flags' combinations), for the manifest test. */
export function contextValueExamples(): string[] {
  const c = contextValue;
  const bools = [false, true];
  return [
    c.message('error'),
    c.message('info'),
    c.group(),
    ...bools.flatMap((maintenance) => bools.map((workspace) => c.app({ maintenance, workspace }))),
    // A review app (pipelines/nodes.ts) is an app with `+review` after its flags.
    ...bools.map((maintenance) => `${c.app({ maintenance, workspace: false })}+review`),
    ...bools.map((maintenance) => c.linkedApp(c.app({ maintenance, workspace: true }))),
    c.missingLink(),
    c.workspaceGroup(),
    ...['releases', 'dynos', 'formation', 'addons', 'domains', 'builds', 'collaborators', 'errors'].map(c.category),
    c.configVars(),
    ...['succeeded', 'failed', 'pending'].flatMap((status) => bools.flatMap((current) => bools.map((output) => c.release(status, current, output)))),
    c.loadMore(),
    ...['up', 'starting', 'restarting', 'crashed', 'idle', 'down'].map(c.dyno),
    c.formation(),
    ...['provisioned', 'provisioning', 'deprovisioned', undefined].flatMap((state) => bools.map((attached) => c.addon(state, attached))),
    c.attachment(),
    ...['heroku', 'custom'].map(c.domain),
    ...['pending', 'succeeded', 'failed'].map(c.build),
    ...bools.map(c.collaborator),
    c.pipeline(),
    c.errorCode(),
    ...['ready', 'connecting', 'browserStep', 'failed'].map(c.account),
    ...['review', 'development', 'staging', 'production'].map(c.stage),
    ...['compared', 'missing', 'unborn', 'no-commit', 'nothing-deployed', 'not-repository', 'untrusted', 'failed', 'reading'].map(c.deployedCode),
  ];
}
