// "What would a promotion change": two apps side by side, as two text documents whose
// sections line up, so VS Code's diff editor highlights exactly the differences:
// the current release and the deploys one lacks, config var keys (only here, only
// there, same or different values: values masked unless revealed), add-on plans and
// the formation. The comparison itself runs here, locally. Plain Node, unit-tested.
import type { Addon, ConfigVars, Formation, Release } from '../../heroku/schemas';
import { configLines, keyCounts } from '../../shared/core/maskedConfig';
import * as l10n from '@vscode/l10n';

export interface AppSnapshot {
  name: string;
  /** e.g. "staging of acme-api" */
  role?: string;
  releases: Release[];
  config: ConfigVars;
  addons: Addon[];
  formation: Formation[];
}

export interface Comparison {
  /** One line each, the same in both documents. */
  summary: string[];
  left: string;
  right: string;
}

/** The commit of a release: "Deploy abc1234" descriptions carry it. */
export function commitOf(release: Pick<Release, 'description'>): string | undefined {
  return /^Deploy ([0-9a-f]{7,40})\b/.exec(release.description ?? '')?.[1];
}

const deploys = (releases: Release[]) => releases.filter((r) => commitOf(r) && r.status !== 'failed');

/** The release that brought the code `current` runs: the newest deploy at or before it (a newer one may be pending or failed). Releases newest first. */
export function deployOf(releases: Release[], current: Pick<Release, 'version'> | undefined): Release | undefined {
  return deploys(releases).find((r) => !current || r.version <= current.version);
}

/** The commits between the two apps' code, when a linked repository has both (its summary line, then each side's section). */
export interface CodeLines {
  summary: string;
  a: string[];
  b: string[];
}

export function compareApps(a: AppSnapshot, b: AppSnapshot, reveal = false, code?: CodeLines): Comparison {
  const { onlyA, onlyB, differing, same } = keyCounts(a.config, b.config);

  const commitsA = new Set(deploys(a.releases).map((r) => commitOf(r)));
  const commitsB = new Set(deploys(b.releases).map((r) => commitOf(r)));
  const lacksB = deploys(a.releases).filter((r) => !commitsB.has(commitOf(r)));
  const lacksA = deploys(b.releases).filter((r) => !commitsA.has(commitOf(r)));

  const plans = (s: AppSnapshot) => new Map(s.addons.map((x) => [x.addon_service?.name ?? x.name, x.plan?.name ?? '?']));
  const plansA = plans(a);
  const plansB = plans(b);
  const services = [...new Set([...plansA.keys(), ...plansB.keys()])].sort();
  const addonDiffs = services.filter((s) => plansA.get(s) !== plansB.get(s));

  const forms = (s: AppSnapshot) => new Map(s.formation.map((f) => [f.type, `${f.quantity} × ${f.size}`]));
  const formA = forms(a);
  const formB = forms(b);
  const types = [...new Set([...formA.keys(), ...formB.keys()])].sort();
  const formDiffs = types.filter((t) => formA.get(t) !== formB.get(t));

  const summary = [
    `# ${a.name} ↔ ${b.name}`,
    l10n.t('# Releases: {0} lacks {1} of {2}; {2} lacks {3} of {0}.', b.name, deployCount(lacksB.length), a.name, deployCount(lacksA.length)),
    l10n.t('# Config vars: {0} only on {1}, {2} only on {3}, {4} with different values, {5} the same.', keyCount(onlyA.length), a.name, keyCount(onlyB.length), b.name, differing.length, same) +
      (reveal ? l10n.t(' Values shown.') : l10n.t(' Values masked (Reveal Values shows them).')),
    l10n.t(
      '# Add-ons: {0}. Formation: {1}.',
      addonDiffs.length ? l10n.t('{0} differ ({1})', serviceCount(addonDiffs.length), addonDiffs.join(', ')) : l10n.t('the same plans'),
      formDiffs.length ? l10n.t('{0} differ', formDiffs.join(', ')) : l10n.t('the same'),
    ),
    ...(code ? [code.summary] : []),
  ];

  const render = (self: AppSnapshot, other: AppSnapshot, lacking: Release[], commits: string[] | undefined) => {
    const lines = [...summary, '', self.role ? l10n.t('App: {0} ({1})', self.name, self.role) : l10n.t('App: {0}', self.name), '', l10n.t('== Current release ==')];
    const current = self.releases.find((r) => r.current) ?? self.releases[0];
    const lastDeploy = deployOf(self.releases, current);
    lines.push(current ? `v${current.version} · ${current.description ?? ''}` : l10n.t('(no release)'));
    lines.push(lastDeploy ? l10n.t('code: commit {0} (deployed in v{1})', commitOf(lastDeploy) ?? '', lastDeploy.version) : l10n.t('code: unknown'));
    lines.push('', l10n.t('== Config vars =='));
    lines.push(...configLines(self.config, other.config, self.name, reveal));
    lines.push('', l10n.t('== Add-ons =='));
    const own = plans(self);
    lines.push(...[...own].sort(([x], [y]) => x.localeCompare(y)).map(([s, p]) => `${s}: ${p}`));
    if (!own.size) lines.push(l10n.t('(none)'));
    lines.push('', l10n.t('== Formation =='));
    const f = forms(self);
    lines.push(...[...f].sort(([x], [y]) => x.localeCompare(y)).map(([t, q]) => `${t}: ${q}`));
    if (!f.size) lines.push(l10n.t('(none)'));
    // Last: the list can be long, and the sections above are what a promotion changes at a glance.
    lines.push('', l10n.t('== Deploys {0} lacks ==', other.name));
    lines.push(...(lacking.length ? lacking.map((r) => `v${r.version} · ${r.description}`) : [l10n.t('(none)')]));
    if (commits) lines.push('', ...commits);
    return `${lines.join('\n')}\n`;
  };

  return { summary, left: render(a, b, lacksB, code?.a), right: render(b, a, lacksA, code?.b) };
}

const deployCount = (n: number) => (n === 1 ? l10n.t('1 deploy') : l10n.t('{0} deploys', n));
const keyCount = (n: number) => (n === 1 ? l10n.t('1 key') : l10n.t('{0} keys', n));
const serviceCount = (n: number) => (n === 1 ? l10n.t('1 service') : l10n.t('{0} services', n));
