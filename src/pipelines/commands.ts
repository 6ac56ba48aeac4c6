// Pipelines you act on: promote an app's release to the next stage (targets picked, all
// by default; each target's outcome shown as it settles; two-factor asked and retried
// as the Heroku CLI does), compare two apps (the diff editor), and delete a review app.
import * as vscode from 'vscode';
import { appOf } from '../apps/appNode';
import { accountOfNode, pickAccount } from '../accounts/accounts';
import { pickOne, targetApp, targetOfNode, type AppTargetDeps } from '../apps/appPick';
import { herokuOf } from '../explorer/node';
import type { HerokuClient } from '../heroku/client';
import type { App, PipelineCoupling, PromotionTarget, Release, ReviewApp } from '../heroku/schemas';
import { ApiError, isErrorKind } from '../membrane/errors';
import { abortableSleep } from '../membrane/sleep';
import { OutputTerminal } from '../logs/outputTerminal';
import { confirmWrite, writeAfterAsking } from '../accounts/confirmWrite';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { commitOf, compareApps, deployOf, type AppSnapshot } from './core/compare';
import { promotionPlan } from './core/promotionPlan';
import { nextStage } from './core/stages';
import { COMPARE_SCHEME, type Comparisons } from '../shared/comparison';
import { PipelineNode, ReviewAppNode, STAGES } from './nodes';
import { codeBetween, codeSection, codeSummary, promotionWords, type CodeBetween } from '../sinceDeploy/core/codeBetween';
import * as l10n from '@vscode/l10n';

export interface PipelineCommandDeps extends AppTargetDeps {
  comparisons: Comparisons;
  /** The folders linked to an app: their repositories name the commits between two stages. */
  linkedFolders?(app: string): readonly vscode.Uri[];
  /** Told of every text a release-output terminal writes, keyed `release:<app>` (the in-host tests' probe). */
  onText?(key: string, text: string): void;
}

const POLL_MS = 1_000;

/**
 * The commits between two apps' code, read from a linked repository that has both (git only
 * in a trusted workspace). These words only inform: whatever stops the read leaves them out;
 * only a cancel stops the command.
 */
async function commitsOf(deps: PipelineCommandDeps, client: HerokuClient, a: string, b: string, signal: AbortSignal): Promise<CodeBetween | undefined> {
  if (!deps.linkedFolders || !vscode.workspace.isTrusted) return undefined;
  const folders = [...new Set([...deps.linkedFolders(a), ...deps.linkedFolders(b)].map((f) => f.fsPath))];
  try {
    return await codeBetween(client, a, b, folders, signal);
  } catch (e) {
    if (signal.aborted) throw e;
    return undefined;
  }
}

export function pipelineCommands(deps: PipelineCommandDeps): CommandTable {

  /** The account of the node the command started from, else the user's pick (when there are several). */
  const accountFor = async (node: unknown, title: string) => {
    const accounts = await deps.accounts();
    return (accountOfNode(node, accounts) ?? (await pickAccount(accounts, title)))?.heroku;
  };

  /** The apps that can be promoted (development and staging), for the palette. */
  const promotableApps = async (client: HerokuClient): Promise<App[]> => {
    const [couplings, apps] = await Promise.all([client.listPipelineCouplings(), client.listApps()]);
    const ids = new Set(couplings.filter((c) => nextStage(c.stage)).map((c) => c.app.id));
    return apps.filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name));
  };

  return {
    'herokuMembrane.promote': {
      ...WORK,
      run: async (run, node) => {
        const client = await accountFor(node, l10n.t('Promote: in which account'));
        if (!client) return;
        const source = appOf(node)?.app ?? (await pickOne(await promotableApps(client), (a) => ({ label: a.name, description: a.team?.name ?? '' }), l10n.t('Promote: which app')));
        if (!source) return;
        const plan = await promotionPlan(client, source);
        if ('problem' in plan) return void prompts.showInformationMessage(plan.problem!);
        const picked = await prompts.pickMany(
          plan.targets.map((a) => ({ label: a.name, description: a.team?.name ?? '', picked: true, app: a })),
          { title: l10n.t(`Promote {0} to {1}`, source.name, plan.next), placeHolder: l10n.t('The apps to promote to (all are selected)') },
        );
        if (!picked?.length) return;
        const targets = picked.map((p) => p.app);
        const recent = await client.latestReleases(source.name, 20);
        const release = recent.find((r) => r.current);
        if (!release) return void prompts.showInformationMessage(l10n.t(`{0} has no current release to promote.`, source.name));
        const deployed = deployOf(recent, release);
        const commit = deployed && commitOf(deployed);
        // What each target gets, in commits, when a linked repository knows both.
        const withRepository = [source, ...targets].some((a) => deps.linkedFolders?.(a.name).length);
        const carried = withRepository ? (await run.busy(l10n.t('Reading {0}…', source.name), (signal) => Promise.all(targets.map((t) => commitsOf(deps, client, source.name, t.name, signal))))).flatMap((c) => (c ? [promotionWords(c)] : [])) : [];
        const ok = await confirmWrite(deps, { connectionId: client.connectionId, message: l10n.t(`Promote {0} v{1} to {2}?`, source.name, release.version, targets.map((t) => t.name).join(', ')), detail: (commit ? l10n.t('Release: v{0} · {1}\nCode: commit {2}', release.version, release.description ?? '', commit) : l10n.t('Release: v{0} · {1}', release.version, release.description ?? '')) +
              (carried.length ? `\n${carried.join('\n')}` : '') +
              l10n.t(`\nTargets ({0}): {1}\n\nEach target gets a new release with {2}'s build (its slug) and restarts; its own config vars and add-ons stay as they are.`, plan.next, targets.map((t) => t.name).join(', '), source.name), confirm: l10n.t('Promote') });
        if (!ok) return;
        const input = { pipelineId: plan.pipelineId, sourceAppId: source.id, targetAppIds: targets.map((t) => t.id) };
        let settled: PromotionTarget[];
        let started = false;
        try {
          settled = await run.busy(l10n.t(`Promoting {0} v{1}…`, source.name, release.version), async (signal, progress) => {
            const promotion = await createWithTwoFactor(client, input, signal);
            started = true;
            progress.report({ message: l10n.t(`started: waiting for {0}`, targets.length === 1 ? targets[0]!.name : l10n.t('{0} targets', targets.length)) });
            const reported = new Set<string>();
            for (;;) {
              const current = await client.listPromotionTargets(promotion.id, { signal });
              for (const t of current) {
                if (t.status === 'pending' || reported.has(t.id)) continue;
                reported.add(t.id);
                progress.report({ message: `${nameOf(targets, t)}: ${t.status} (${reported.size} of ${current.length})` });
              }
              if (current.every((t) => t.status !== 'pending')) return current;
              await abortableSleep(POLL_MS, signal, 'promotion');
            }
          });
        } catch (e) {
          // Heroku has no way to stop a promotion: Cancel only stops watching it, and says so.
          if (started && isErrorKind(e, 'cancelled')) void prompts.showInformationMessage(l10n.t(`Stopped watching the promotion of {0} v{1}: it goes on at Heroku, and the targets' new releases show when it is done.`, source.name, release.version));
          throw e;
        } finally {
          // Each target made a release and restarted (or may have): what shows them is read again.
          for (const t of targets) client.forget(t.name, 'releases', 'dynos');
          client.forgetAccount('apps');
        }
        await reportPromotion(client, source, release, targets, settled, deps);
      },
    },

    'herokuMembrane.compareApps': {
      ...WORK,
      run: async (run, node) => {
        const from = node instanceof PipelineNode ? { heroku: herokuOf(node.ctx) } : await targetApp(node, l10n.t('Compare'), deps);
        if (!from) return;
        // Both apps of one account (each account's names are its own).
        const client = from.heroku;
        const pair = node instanceof PipelineNode ? await pickPipelinePair(client, node) : 'app' in from ? await pickPair(client, from.app) : undefined;
        if (!pair) return;
        const [a, b, commits] = await run.busy(l10n.t(`Comparing {0} and {1}…`, pair[0].name, pair[1].name), (signal) =>
          Promise.all([snapshot(client, pair[0], signal), snapshot(client, pair[1], signal), commitsOf(deps, client, pair[0].name, pair[1].name, signal)]),
        );
        const code = commits && { summary: codeSummary(commits), a: codeSection(commits, 'a'), b: codeSection(commits, 'b') };
        await deps.comparisons.show({ names: [a.name, b.name], files: [a.name, b.name], title: l10n.t('{0} ↔ {1} (Heroku)', a.name, b.name), render: (revealed) => compareApps(a, b, revealed, code) });
      },
    },

    'herokuMembrane.revealComparison': {
      ...UI,
      run: async (_run, uri) => {
        const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
        if (!target || target.scheme !== COMPARE_SCHEME) return void prompts.showInformationMessage(l10n.t('Open a Heroku comparison first (Compare with… on an app, or Compare with Previous Release on a release).'));
        const apps = deps.comparisons.namesOf(target);
        if (!apps) return;
        const REVEAL = l10n.t('Reveal Values');
        const ok = await prompts.confirm(l10n.t(`Show the config var values of {0} and {1}?`, apps[0], apps[1]), { modal: true, detail: l10n.t('They appear in clear in this comparison (for anyone who can see your screen) until it is closed. Nothing is written to disk.') }, REVEAL);
        if (ok === REVEAL) deps.comparisons.reveal(target);
      },
    },

    'herokuMembrane.deleteReviewApp': {
      ...WORK,
      run: async (run, node) => {
        const client = node instanceof ReviewAppNode ? targetOfNode(node)?.heroku : await accountFor(node, l10n.t('Delete Review App: in which account'));
        if (!client) return;
        const target = node instanceof ReviewAppNode ? { reviewApp: node.reviewApp, appName: node.app.name } : await pickReviewApp(client);
        if (!target) return;
        const r = target.reviewApp;
        await writeAfterAsking(deps, run, { connectionId: client.connectionId, message: l10n.t(`Delete the review app {0}{1}?`, target.appName, r.pr_number ? l10n.t(` (pull request #{0})`, r.pr_number) : ''), detail: l10n.t(`Heroku deletes the app {0}, its add-ons and their data. The pull request and its branch are not touched; a new push can create the review app again.`, target.appName), confirm: l10n.t('Delete Review App') , busy: l10n.t(`Deleting the review app {0}…`, target.appName), work: (signal) => client.deleteReviewApp(r.id, { signal }) });
      },
    },
  };
}

/** The palette's form: every review app of every pipeline, by pull request. */
async function pickReviewApp(client: HerokuClient): Promise<{ reviewApp: ReviewApp; appName: string } | undefined> {
  const [pipelines, apps] = await Promise.all([client.listPipelines(), client.listApps()]);
  const all = (await Promise.all(pipelines.map(async (p) => (await client.listReviewApps(p.id)).map((r) => ({ reviewApp: r, pipeline: p.name, appName: apps.find((a) => a.id === r.app?.id)?.name ?? r.app?.name ?? r.id }))))).flat();
  if (!all.length) return void prompts.showInformationMessage(l10n.t('No pipeline has a review app.'));
  return pickOne(all, (e) => ({ label: `${e.reviewApp.pr_number ? `#${e.reviewApp.pr_number} ` : ''}${e.reviewApp.branch ?? e.appName}`, description: `${e.appName} · ${e.pipeline}` }), l10n.t('Delete Review App'));
}

async function createWithTwoFactor(client: HerokuClient, input: Parameters<HerokuClient['createPromotion']>[0], signal: AbortSignal) {
  try {
    return await client.createPromotion(input, { signal });
  } catch (e) {
    if (!(e instanceof ApiError) || e.id !== 'two_factor') throw e;
    // As the Heroku CLI: ask for the code once, and send the request again with it.
    const code = await prompts.showInputBox({ title: l10n.t('Heroku two-factor authentication'), prompt: l10n.t('This promotion needs your two-factor code (from your authenticator app)'), password: true, ignoreFocusOut: true, validateInput: (v) => (/^\d{6,8}$/.test(v.trim()) ? undefined : '6 to 8 digits') });
    if (!code) throw e;
    return client.createPromotion({ ...input, twoFactorCode: code.trim() }, { signal });
  }
}

const nameOf = (apps: App[], t: PromotionTarget) => apps.find((a) => a.id === t.app.id)?.name ?? t.app.name ?? t.app.id;

async function reportPromotion(client: HerokuClient, source: App, release: Release, targets: App[], settled: PromotionTarget[], deps: PipelineCommandDeps): Promise<void> {
  const lines: string[] = [];
  // In the order the user picked them (Heroku lists targets by id).
  const order = (t: PromotionTarget) => targets.findIndex((a) => a.id === t.app.id);
  for (const t of [...settled].sort((x, y) => order(x) - order(y))) {
    const name = nameOf(targets, t);
    if (t.status === 'succeeded') {
      const created = t.release?.id ? (await client.latestReleases(name, 5).catch(() => [] as Release[])).find((r) => r.id === t.release!.id) : undefined;
      lines.push(`${name}: succeeded${created ? ` (v${created.version})` : ''}`);
    } else lines.push(`${name}: ${t.status}${t.error_message ? ` — ${t.error_message.replace(/\.$/, '')}` : ''}`);
  }
  const failed = settled.filter((t) => t.status !== 'succeeded');
  const text = l10n.t(`Promotion of {0} v{1}: {2}.`, source.name, release.version, lines.join('; '));
  if (failed.length) void prompts.showErrorMessage(text);
  else void prompts.showInformationMessage(text);
  // One target: its release phase's output, as the Heroku CLI streams it.
  const only = settled.length === 1 ? settled[0] : undefined;
  if (only?.status === 'succeeded' && only.release?.id) {
    const name = nameOf(targets, only);
    const created = (await client.latestReleases(name, 5).catch(() => [] as Release[])).find((r) => r.id === only.release!.id);
    if (created?.output_stream_url) {
      const pty = new OutputTerminal({ title: l10n.t(`release phase of {0} v{1}`, name, created.version), url: async (signal) => (await client.getRelease(name, created.version, { signal })).output_stream_url }, (text) => deps.onText?.(`release:${name}`, text));
      vscode.window.createTerminal({ name: l10n.t('Heroku release: {0} v{1}', name, created.version), pty, iconPath: new vscode.ThemeIcon('output') }).show(true);
    }
  }
}

/** What the comparison reads of an app. */
async function snapshot(client: HerokuClient, app: App, signal: AbortSignal): Promise<AppSnapshot> {
  const [releases, config, addons, formation, couplings] = await Promise.all([
    client.latestReleases(app.name, 50, { signal }),
    client.getConfigVars(app.name, { signal }),
    client.listAddons(app.name, { signal }),
    client.listFormation(app.name, { signal }),
    client.listPipelineCouplings(undefined, { signal }).catch(() => [] as PipelineCoupling[]),
  ]);
  const stage = couplings.find((c) => c.app.id === app.id)?.stage;
  return { name: app.name, ...(stage ? { role: l10n.t('{0} stage', stage) } : {}), releases, config, addons, formation };
}

/** From an app: the other app, with its pipeline neighbours first. */
async function pickPair(client: HerokuClient, first: App): Promise<[App, App] | undefined> {
  const [apps, couplings] = await Promise.all([client.listApps(), client.listPipelineCouplings()]);
  const own = couplings.find((c) => c.app.id === first.id);
  const neighbours = new Set(couplings.filter((c) => own && c.pipeline.id === own.pipeline.id && c.app.id !== first.id).map((c) => c.app.id));
  const stageOf = (a: App) => couplings.find((c) => c.app.id === a.id)?.stage;
  const others = apps.filter((a) => a.id !== first.id).sort((a, b) => Number(neighbours.has(b.id)) - Number(neighbours.has(a.id)) || a.name.localeCompare(b.name));
  const second = await pickOne(others, (a) => ({ label: a.name, description: neighbours.has(a.id) ? l10n.t(`{0} · same pipeline`, stageOf(a) ?? '') : (a.team?.name ?? ''), detail: undefined }), l10n.t('Compare {0} with…', first.name));
  return second && [first, second];
}

/** From a pipeline: an app of one stage and one of the next (staging ↔ production when there is one of each). */
async function pickPipelinePair(client: HerokuClient, node: PipelineNode): Promise<[App, App] | undefined> {
  const [apps, couplings] = await Promise.all([client.listApps(), client.listPipelineCouplings(node.pipeline.id)]);
  const inStage = (stage: string) => couplings.filter((c) => c.stage === stage).map((c) => apps.find((a) => a.id === c.app.id)).filter((a): a is App => Boolean(a));
  const entries = STAGES.flatMap((stage) => inStage(stage).map((app) => ({ app, stage })));
  if (entries.length < 2) return void prompts.showInformationMessage(l10n.t(`{0} has fewer than two apps to compare.`, node.pipeline.name));
  const first = await pickOne(entries, (e) => ({ label: e.app.name, description: e.stage }), l10n.t(`Compare in {0}: the first app`, node.pipeline.name));
  if (!first) return undefined;
  const rest = entries.filter((e) => e.app.id !== first.app.id);
  const second = await pickOne(rest, (e) => ({ label: e.app.name, description: e.stage }), l10n.t('Compare {0} with…', first.app.name));
  return second && [first.app, second.app];
}
