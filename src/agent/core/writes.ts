// The agent's writes: for each, the question VS Code asks before it runs (what happens, to
// which app, in which account, what it costs or loses: the words of the feature's own
// command) and the write itself, through the Heroku client, so caches are forgotten and
// the views follow. `ask` only reads what its words need; nothing is changed before the
// user says yes. Plain Node.
import type { HerokuClient } from '../../heroku/client';
import type { App, PromotionTarget } from '../../heroku/schemas';
import { DYNO_SIZES, resizeEffect, scaleEffect } from '../../dynos/core/format';
import { commitOf, deployOf } from '../../pipelines/core/compare';
import { promotionPlan } from '../../pipelines/core/promotionPlan';
import { abortableSleep } from '../../membrane/sleep';
import { escapeMarkdown } from '../../shared/core/text';
import { AgentInputError, type FoundApp } from './reads';
import * as l10n from '@vscode/l10n';

/** VS Code's question: its title and message (the message names the account and the app). */
export interface WriteQuestion {
  title: string;
  message: string;
  /** What the chat shows while it runs. */
  running: string;
  /** A fingerprint of what the question showed that may change before the write (`facts` must give the same, or the write is refused). */
  facts?: string;
}

export interface AgentWrite<I> {
  ask(found: FoundApp, input: I, signal?: AbortSignal): Promise<WriteQuestion>;
  /** The write; what it did, in lines. */
  apply(found: FoundApp, input: I, signal?: AbortSignal): Promise<string[]>;
  /** The fingerprint of the facts the question showed, read again just before the write. */
  facts?(found: FoundApp, input: I, signal?: AbortSignal): Promise<string>;
}

/** Names a value of Heroku's or the model's in a question: no control characters, no line breaks, capped. */
export function q(text: string | number, max = 120): string {
  const one = String(text).replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A value in a question's message, which VS Code renders as Markdown: `q`, then every Markdown and HTML character escaped, so a value cannot bold, strike, link or code-format anything. */
export function qm(text: string | number, max = 120): string {
  return escapeMarkdown(q(text, max));
}

/** The question's body (Markdown, values through `qm`): the effect, the cost or loss, and the account. */
function body(found: FoundApp, ...parts: Array<string | undefined>): string {
  return [...parts.filter(Boolean), l10n.t('In the Heroku account {0}.', qm(found.account.label))].join('\n\n');
}

export interface RestartInput {
  dyno?: string;
}
export const restartWrite: AgentWrite<RestartInput> = {
  async ask(found, { dyno }) {
    checkDyno(dyno);
    const app = q(found.app.name);
    return dyno
      ? { title: l10n.t(`Restart {0} on {1}?`, q(dyno), app), message: body(found, l10n.t('Its process is stopped and started again: requests it is serving may fail, and a one-off dyno ends for good.')), running: l10n.t(`Restarting {0} on {1}…`, q(dyno), app) }
      : { title: l10n.t(`Restart every dyno of {0}? Requests in flight may fail while they restart.`, app), message: body(found, l10n.t('Every dyno of {0} is stopped and started again.', qm(found.app.name))), running: l10n.t(`Restarting all dynos of {0}…`, app) };
  },
  async apply({ app, account }, { dyno }, signal) {
    checkDyno(dyno);
    if (dyno) await account.heroku.restartDyno(app.name, dyno, { signal });
    else await account.heroku.restartAllDynos(app.name, { signal });
    return [dyno ? l10n.t('Restarted {0} on {1}.', dyno, app.name) : l10n.t('Restarted every dyno of {0}.', app.name)];
  },
};

function checkDyno(dyno: unknown): void {
  if (dyno !== undefined && (typeof dyno !== 'string' || !/^[a-z0-9][a-z0-9_-]*(\.\d+)?$/i.test(dyno))) throw new AgentInputError(l10n.t('dyno is a dyno name (web.1) or a process type (web), or left out for every dyno.'));
}

export interface ScaleInput {
  type: string;
  quantity?: number;
  size?: string;
}
export const scaleWrite: AgentWrite<ScaleInput> = {
  async ask(found, input, signal) {
    const f = await formationOf(found.account.heroku, found.app, input, signal);
    const app = q(found.app.name);
    const type = q(input.type);
    const quantity = input.quantity ?? f.quantity;
    const size = input.size ?? f.size;
    const effects: string[] = [];
    if (quantity !== f.quantity) effects.push(scaleEffect(f.quantity, quantity, qm(size)));
    if (size !== f.size) effects.push(resizeEffect(quantity, qm(f.size), qm(size)));
    return {
      title: l10n.t('Change {0} on {1} from {2} × {3} to {4} × {5}?', type, app, f.quantity, f.size, quantity, q(size)),
      message: body(found, ...effects),
      running: l10n.t(`Scaling {0} on {1} to {2}…`, type, app, `${quantity} × ${q(size)}`),
    };
  },
  async apply({ app, account }, input, signal) {
    checkScale(input);
    const f = await account.heroku.updateFormation(app.name, input.type, { ...(input.quantity !== undefined ? { quantity: input.quantity } : {}), ...(input.size ? { size: input.size } : {}) }, { signal });
    return [l10n.t('{0} on {1} is now {2} × {3}.', f.type, app.name, f.quantity, f.size)];
  },
};

/** The scale command's limit on a quantity. */
export const MAX_QUANTITY = 999;

/** VS Code does not check a tool's input against its schema: the types and ranges are checked here, before the question and again before the write. */
function checkScale(input: ScaleInput): void {
  if (typeof input.type !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/i.test(input.type)) throw new AgentInputError(l10n.t('type is a process type, e.g. web.'));
  if (input.quantity !== undefined && !(Number.isInteger(input.quantity) && input.quantity >= 0 && input.quantity <= MAX_QUANTITY)) throw new AgentInputError(l10n.t('quantity is a whole number from 0 to {0}.', MAX_QUANTITY));
  if (input.size !== undefined) checkSize(input.size);
  if (input.quantity === undefined && !input.size) throw new AgentInputError(l10n.t('Give a quantity, a size, or both.'));
}

function checkSize(size: unknown): void {
  if (typeof size !== 'string' || !DYNO_SIZES.includes(size)) throw new AgentInputError(l10n.t('size is one of {0}.', DYNO_SIZES.join(', ')));
}

async function formationOf(heroku: HerokuClient, app: App, input: ScaleInput, signal?: AbortSignal) {
  checkScale(input);
  const formation = await heroku.listFormation(app.name, { signal });
  const f = formation.find((x) => x.type === input.type);
  if (!f) throw new AgentInputError(l10n.t('{0} has no process type {1}. Its types: {2}.', app.name, input.type, formation.map((x) => x.type).join(', ') || l10n.t('none')));
  return f;
}

export interface MaintenanceInput {
  on: boolean;
}
export const maintenanceWrite: AgentWrite<MaintenanceInput> = {
  async ask(found, { on }) {
    checkOn(on);
    const app = q(found.app.name);
    return on
      ? { title: l10n.t(`Turn maintenance mode on for {0}?`, app), message: body(found, l10n.t('Visitors of {0} get a maintenance page (HTTP 503) until it is turned off.', qm(found.app.name))), running: l10n.t(`Maintenance on for {0}…`, app) }
      : { title: l10n.t(`Turn maintenance mode off for {0}?`, app), message: body(found, l10n.t('Visitors reach the app again at once, whatever state it is in.')), running: l10n.t(`Maintenance off for {0}…`, app) };
  },
  async apply({ app, account }, { on }, signal) {
    checkOn(on);
    await account.heroku.setMaintenance(app.name, on, { signal });
    return [on ? l10n.t('Maintenance mode is on for {0}.', app.name) : l10n.t('Maintenance mode is off for {0}.', app.name)];
  },
};

function checkOn(on: unknown): void {
  if (typeof on !== 'boolean') throw new AgentInputError(l10n.t('on is true (maintenance on) or false (off).'));
}

export interface ConfigInput {
  set?: Record<string, string>;
  unset?: string[];
}
export const configWrite: AgentWrite<ConfigInput> = {
  async ask(found, input, signal) {
    const { setKeys, unsetKeys } = configKeys(input);
    const current = await found.account.heroku.getConfigVars(found.app.name, { signal });
    const added = setKeys.filter((k) => !Object.hasOwn(current, k));
    const changed = setKeys.filter((k) => Object.hasOwn(current, k));
    const removed = unsetKeys.filter((k) => Object.hasOwn(current, k));
    // Keys only: the values the model chose are never shown back, nor the current ones.
    const lines = [
      added.length ? l10n.t('Add: {0}', added.map((k) => qm(k, 80)).join(', ')) : undefined,
      changed.length ? l10n.t('Change the value of: {0}', changed.map((k) => qm(k, 80)).join(', ')) : undefined,
      removed.length ? l10n.t('Remove (its value is lost): {0}', removed.map((k) => qm(k, 80)).join(', ')) : undefined,
    ].filter(Boolean);
    const n = added.length + changed.length + removed.length;
    if (!n) throw new AgentInputError(l10n.t('Nothing to change: the keys to unset are not set on {0}.', found.app.name));
    const app = q(found.app.name);
    return {
      title: n === 1 ? l10n.t("Save 1 change to {0}'s config vars?", app) : l10n.t("Save {0} changes to {1}'s config vars?", n, app),
      message: body(found, lines.join('\n'), l10n.t(`Heroku creates a new release and restarts the app's dynos.`)),
      running: l10n.t("Saving {0}'s config vars…", app),
    };
  },
  async apply({ app, account }, input, signal) {
    const { setKeys, unsetKeys } = configKeys(input);
    const base = await account.heroku.getConfigVars(app.name, { signal });
    const edited = { ...base, ...input.set };
    for (const k of unsetKeys) delete edited[k];
    const result = await account.heroku.updateConfigVars(app.name, base, edited, { signal });
    if (result.kind === 'unchanged') return [l10n.t('Nothing changed.')];
    if (result.kind === 'conflict') return [l10n.t('Not saved: {0} changed on Heroku meanwhile.', result.conflicts.join(', '))];
    return [l10n.t('Saved {0} on {1}: {2}.', [...setKeys, ...unsetKeys].join(', '), app.name, result.release ? l10n.t('release v{0}', result.release.version) : l10n.t('a new release'))];
  },
};

function configKeys(input: ConfigInput): { setKeys: string[]; unsetKeys: string[] } {
  const set: unknown = input.set ?? {};
  const unset: unknown = input.unset ?? [];
  // A null value would delete the key on Heroku while the question says "change": only strings.
  if (typeof set !== 'object' || set === null || Array.isArray(set) || Object.values(set).some((v) => typeof v !== 'string')) throw new AgentInputError(l10n.t('set maps each config var name to its new value, a string (use unset to remove one).'));
  if (!Array.isArray(unset) || unset.some((k) => typeof k !== 'string')) throw new AgentInputError(l10n.t('unset is a list of config var names.'));
  const setKeys = Object.keys(set);
  const unsetKeys = unset as string[];
  const bad = [...setKeys, ...unsetKeys].filter((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
  if (bad.length) throw new AgentInputError(l10n.t('Config var names are letters, digits and _ (not starting with a digit): {0}', bad.map((k) => q(k, 40)).join(', ')));
  if (!setKeys.length && !unsetKeys.length) throw new AgentInputError(l10n.t('Give set, unset, or both.'));
  const both = setKeys.filter((k) => unsetKeys.includes(k));
  if (both.length) throw new AgentInputError(l10n.t('Both set and unset: {0}', both.join(', ')));
  return { setKeys, unsetKeys };
}

export interface RollbackInput {
  version: number;
}
export const rollbackWrite: AgentWrite<RollbackInput> = {
  async ask(found, { version }, signal) {
    checkVersion(version);
    const r = await found.account.heroku.getRelease(found.app.name, version, { signal });
    const app = q(found.app.name);
    return {
      title: l10n.t(`Roll back {0} to v{1}?`, app, r.version),
      message: body(
        found,
        l10n.t(`Heroku creates a new release with the code (slug) and config vars of v{0} ("{1}") and restarts the dynos.\n\n`, r.version, qm(r.description)) + l10n.t('It does not roll back database schema or data, add-ons, or anything outside the app: migrations stay applied.'),
      ),
      running: l10n.t(`Rolling back {0} to v{1}…`, app, r.version),
    };
  },
  async apply({ app, account }, { version }, signal) {
    checkVersion(version);
    const r = await account.heroku.rollback(app.name, version, { signal });
    return [l10n.t('{0} is now at v{1} ({2}).', app.name, r.version, r.description)];
  },
};

function checkVersion(version: unknown): void {
  if (!Number.isInteger(version) || (version as number) < 1) throw new AgentInputError(l10n.t('version is a release number, a whole number from 1 (v12 is 12).'));
}

export const promoteWrite: AgentWrite<Record<string, never>> = {
  async ask(found, _input, signal) {
    const { plan, release, commit } = await promotionFacts(found, signal);
    const source = q(found.app.name);
    const targets = plan.targets.map((t) => q(t.name)).join(', ');
    const targetsM = plan.targets.map((t) => qm(t.name)).join(', ');
    return {
      title: l10n.t(`Promote {0} v{1} to {2}?`, source, release.version, targets),
      message: body(
        found,
        (commit ? l10n.t('Release: v{0} · {1}\nCode: commit {2}', release.version, qm(release.description), qm(commit)) : l10n.t('Release: v{0} · {1}', release.version, qm(release.description))) +
          l10n.t(`\nTargets ({0}): {1}\n\nEach target gets a new release with {2}'s build (its slug) and restarts; its own config vars and add-ons stay as they are.`, qm(plan.next), targetsM, qm(found.app.name)),
      ),
      running: l10n.t(`Promoting {0} v{1}…`, source, release.version),
      facts: promotionFingerprint(plan.targets, release),
    };
  },
  async facts(found, _input, signal) {
    const { plan, release } = await promotionFacts(found, signal);
    return promotionFingerprint(plan.targets, release);
  },
  async apply(found, _input, signal) {
    const { plan } = await promotionFacts(found, signal);
    const { heroku } = found.account;
    try {
      const promotion = await heroku.createPromotion({ pipelineId: plan.pipelineId, sourceAppId: found.app.id, targetAppIds: plan.targets.map((t) => t.id) }, { signal });
      let targets: PromotionTarget[] = [];
      for (let i = 0; i < 300; i++) {
        targets = await heroku.listPromotionTargets(promotion.id, { signal });
        if (targets.every((t) => t.status !== 'pending')) break;
        await abortableSleep(1000, signal, 'promotion');
      }
      const nameOf = (t: PromotionTarget) => plan.targets.find((a) => a.id === t.app.id)?.name ?? t.app.id;
      return targets.map((t) => `${nameOf(t)}: ${t.status}${t.error_message ? ` · ${t.error_message}` : ''}`);
    } finally {
      for (const t of plan.targets) heroku.forget(t.name, 'releases', 'dynos');
      heroku.forgetAccount('apps');
    }
  },
};

function promotionFingerprint(targets: ReadonlyArray<{ id: string }>, release: { id: string; slug?: { id: string } | null }): string {
  return JSON.stringify({ release: release.id, slug: release.slug?.id, targets: targets.map((t) => t.id) });
}

async function promotionFacts(found: FoundApp, signal?: AbortSignal) {
  const { heroku } = found.account;
  const plan = await promotionPlan(heroku, found.app, signal);
  if ('problem' in plan) throw new AgentInputError(plan.problem);
  const recent = await heroku.latestReleases(found.app.name, 20, { signal });
  const release = recent.find((r) => r.current);
  if (!release) throw new AgentInputError(l10n.t(`{0} has no current release to promote.`, found.app.name));
  const deployed = deployOf(recent, release);
  return { plan, release, commit: deployed && commitOf(deployed) };
}

export interface RunInput {
  command: string;
  size?: string;
}
/** The longest command the run tool takes: the question shows it whole. */
export const MAX_RUN_COMMAND = 1000;

/** Why a command cannot be shown whole in the question (a line break, a control or invisible character, too long), in words the model can act on. */
export function runCommandProblem(command: unknown): string | undefined {
  if (typeof command !== 'string' || !command.trim()) return l10n.t('Give the command to run as one line of text.');
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(command)) return l10n.t('The command must be one line without control or invisible characters (no newlines or tabs): run one command, or put several in a script and run that.');
  if (command.length > MAX_RUN_COMMAND) return l10n.t('The command is longer than {0} characters: put it in a script in the app and run that.', MAX_RUN_COMMAND);
  return undefined;
}

export const runWrite: AgentWrite<RunInput> = {
  async ask(found, { command, size: asked }, signal) {
    const problem = runCommandProblem(command);
    if (problem) throw new AgentInputError(problem);
    const app = q(found.app.name);
    const size = await runSize(found, asked, signal);
    return {
      title: l10n.t('Run a command detached on {0}?', app),
      message: body(
        found,
        l10n.t('Command: {0}', escapeMarkdown(command)),
        l10n.t("This starts a one-off {0} dyno, billed while it runs. Its output goes to the app's logs, which the AI agent can read: whatever the command prints (environment, secrets) becomes readable by it.", qm(size)),
      ),
      running: l10n.t('Starting "{0}" on {1}…', q(command, 60), app),
    };
  },
  async apply(found, { command, size: asked }, signal) {
    const problem = runCommandProblem(command);
    if (problem) throw new AgentInputError(problem);
    const size = await runSize(found, asked, signal);
    const dyno = await found.account.heroku.createDyno(found.app.name, { command, attach: false, size }, { signal });
    return [l10n.t('Started {0} on {1} ({2}). Its output goes to the logs: read them with the herokuApp tool, what logs, filter {3}.', dyno.name, found.app.name, dyno.size ?? size, dyno.name)];
  },
};

/** The size asked for, else the one Run Command offers first: the app's formation's, else Basic. */
async function runSize({ app, account }: FoundApp, asked: string | undefined, signal?: AbortSignal): Promise<string> {
  if (asked !== undefined) {
    checkSize(asked);
    return asked;
  }
  const formation = await account.heroku.listFormation(app.name, { signal });
  return formation[0]?.size ?? DYNO_SIZES[1]!;
}
