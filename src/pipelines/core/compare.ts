// "What would a promotion change": two apps side by side, as two text documents whose
// sections line up, so VS Code's diff editor highlights exactly the differences:
// the current release and the deploys one lacks, config var keys (only here, only
// there, same or different values: values masked unless revealed), add-on plans and
// the formation. The comparison itself runs here, locally. Plain Node, unit-tested.
import type { Addon, ConfigVars, Formation, Release } from '../../heroku/schemas';

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

const MASK_SAME = '‹masked · same on both›';
/** A differing value, masked: the text names its app, so the two sides' lines differ and the diff marks them. */
const maskedOwn = (app: string) => `‹masked · differs: ${app}'s value›`;

/** The commit of a release: "Deploy abc1234" descriptions carry it. */
export function commitOf(release: Pick<Release, 'description'>): string | undefined {
  return /^Deploy ([0-9a-f]{7,40})\b/.exec(release.description ?? '')?.[1];
}

const deploys = (releases: Release[]) => releases.filter((r) => commitOf(r) && r.status !== 'failed');

/** The release that brought the code `current` runs: the newest deploy at or before it (a newer one may be pending or failed). Releases newest first. */
export function deployOf(releases: Release[], current: Pick<Release, 'version'> | undefined): Release | undefined {
  return deploys(releases).find((r) => !current || r.version <= current.version);
}

export function compareApps(a: AppSnapshot, b: AppSnapshot, reveal = false): Comparison {
  const keysA = Object.keys(a.config);
  const keysB = Object.keys(b.config);
  const onlyA = keysA.filter((k) => !(k in b.config)).sort();
  const onlyB = keysB.filter((k) => !(k in a.config)).sort();
  const both = keysA.filter((k) => k in b.config).sort();
  const differing = both.filter((k) => a.config[k] !== b.config[k]);

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
    `# Releases: ${b.name} lacks ${plural(lacksB.length, 'deploy')} of ${a.name}; ${a.name} lacks ${plural(lacksA.length, 'deploy')} of ${b.name}.`,
    `# Config vars: ${plural(onlyA.length, 'key')} only on ${a.name}, ${plural(onlyB.length, 'key')} only on ${b.name}, ${differing.length} with different values, ${both.length - differing.length} the same.${reveal ? ' Values shown.' : ' Values masked (Reveal Values shows them).'}`,
    `# Add-ons: ${addonDiffs.length ? `${plural(addonDiffs.length, 'service')} differ (${addonDiffs.join(', ')})` : 'the same plans'}. Formation: ${formDiffs.length ? `${formDiffs.join(', ')} differ` : 'the same'}.`,
  ];

  const render = (self: AppSnapshot, other: AppSnapshot, lacking: Release[]) => {
    const lines = [...summary, '', `App: ${self.name}${self.role ? ` (${self.role})` : ''}`, '', '== Current release =='];
    const current = self.releases.find((r) => r.current) ?? self.releases[0];
    const lastDeploy = deployOf(self.releases, current);
    lines.push(current ? `v${current.version} · ${current.description ?? ''}` : '(no release)');
    lines.push(`code: ${lastDeploy ? `commit ${commitOf(lastDeploy)} (deployed in v${lastDeploy.version})` : 'unknown'}`);
    lines.push('', '== Config vars ==');
    for (const k of [...new Set([...Object.keys(self.config), ...Object.keys(other.config)])].sort()) {
      if (!(k in self.config)) continue;
      const same = k in other.config && other.config[k] === self.config[k];
      const value = reveal ? JSON.stringify(self.config[k]) : same ? MASK_SAME : k in other.config ? maskedOwn(self.name) : '‹masked›';
      lines.push(`${k} = ${value}`);
    }
    lines.push('', '== Add-ons ==');
    const own = plans(self);
    lines.push(...[...own].sort(([x], [y]) => x.localeCompare(y)).map(([s, p]) => `${s}: ${p}`));
    if (!own.size) lines.push('(none)');
    lines.push('', '== Formation ==');
    const f = forms(self);
    lines.push(...[...f].sort(([x], [y]) => x.localeCompare(y)).map(([t, q]) => `${t}: ${q}`));
    if (!f.size) lines.push('(none)');
    // Last: the list can be long, and the sections above are what a promotion changes at a glance.
    lines.push('', `== Deploys ${other.name} lacks ==`);
    lines.push(...(lacking.length ? lacking.map((r) => `v${r.version} · ${r.description}`) : ['(none)']));
    return `${lines.join('\n')}\n`;
  };

  return { summary, left: render(a, b, lacksB), right: render(b, a, lacksA) };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
