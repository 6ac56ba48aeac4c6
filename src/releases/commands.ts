// Commands on releases: roll back (from a release node, or picked; the question says what
// it undoes, and offers the whole difference), compare a release with the one before it,
// load more releases, show build and release output.
import * as vscode from 'vscode';
import type { Explorer } from '../explorer/explorer';
import type { Build, Release } from '../heroku/schemas';
import { pickOne, targetApp, targetOfNode, type AppClient, type AppTargetDeps } from '../apps/appPick';
import { askBeforeWrite } from '../accounts/confirmWrite';
import type { Comparisons } from '../shared/comparison';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { displayable, timeAgo } from '../shared/core/text';
import { prompts } from '../shared/prompts';
import { RELEASE_PAGE } from './core/format';
import { OutputTerminal } from '../logs/outputTerminal';
import { BuildNode, LoadMoreNode, ReleaseNode } from './nodes';
import { ReleaseOfApp } from './releaseOfApp';
import { buildLabel } from './core/format';
import { comparisonTitle, renderReleaseComparison, sideNames, type ReleaseComparison } from './core/releaseDiff';
import { compareWithPrevious, rollbackPreview, type CountCommits } from './core/releaseSides';
import { countCommitsIn } from '../sinceDeploy/core/codeBetween';
import { lineText } from '../shared/core/maskedConfig';
import * as l10n from '@vscode/l10n';

export interface ReleaseCommandDeps extends AppTargetDeps {
  explorer: Explorer;
  comparisons: Comparisons;
  /** Told of every text an output terminal writes, keyed `build:<id>` (the in-host tests' probe). */
  onText?(key: string, text: string): void;
  /** The workspace folders linked to an app: the rollback question counts the commits it undoes there. */
  linkedFolders?(app: string): readonly vscode.Uri[];
}

export function releaseCommands(deps: ReleaseCommandDeps): CommandTable {
  // git runs only in a trusted workspace: a repository's own config can make it run a program.
  const commitCounter = (app: string): CountCommits | undefined => {
    const folders = deps.linkedFolders?.(app).map((f) => f.fsPath) ?? [];
    return folders.length && vscode.workspace.isTrusted ? (has, lacks, signal) => countCommitsIn(folders, has, lacks, signal) : undefined;
  };
  const { explorer } = deps;

  const releaseTarget = async (node: unknown, title: string, offer: (r: Release) => boolean = () => true): Promise<{ app: string; at: AppClient; release: Release } | undefined> => {
    const fromNode = node instanceof ReleaseNode ? targetOfNode(node) : undefined;
    if (node instanceof ReleaseNode && fromNode) return { app: fromNode.name, at: fromNode, release: node.release };
    if (node instanceof ReleaseOfApp) {
      const account = (await deps.accounts()).find((a) => a.status.connectionId === node.connectionId);
      if (!account) return void prompts.showInformationMessage(l10n.t('The Heroku account of {0} is not connected.', node.app));
      return { app: node.app, at: { name: node.app, connectionId: node.connectionId, heroku: account.heroku }, release: node.release };
    }
    const at = await targetApp(node, title, deps);
    if (!at) return undefined;
    const app = at.name;
    const releases = (await at.heroku.latestReleases(app, 100)).filter(offer);
    if (!releases.length) return void prompts.showInformationMessage(l10n.t(`{0} has no release to choose here.`, app));
    const release = await pickOne(
      releases,
      (r) => ({ label: r.current ? l10n.t('v{0} (current)', r.version) : `v${r.version}`, description: `${r.status} · ${displayable(r.description ?? '')}`, detail: l10n.t(`{0} · {1}`, r.user?.email ?? '', timeAgo(r.created_at)) }),
      l10n.t('{0} — {1}', title, app),
    );
    return release && { app, at, release };
  };

  /** One output stream in its own terminal; `key` names it for the in-host tests' probe. */
  const openOutput = (key: string, name: string, title: string, url: (signal: AbortSignal) => Promise<string | null | undefined>) => {
    const pty = new OutputTerminal({ title, url }, (text) => deps.onText?.(key, text));
    vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('output') }).show();
  };

  const buildTarget = async (node: unknown): Promise<{ app: string; at: AppClient; build: Build } | undefined> => {
    const fromNode = node instanceof BuildNode ? targetOfNode(node) : undefined;
    if (node instanceof BuildNode && fromNode) return { app: fromNode.name, at: fromNode, build: node.resource };
    const at = await targetApp(node, l10n.t('Show Build Output'), deps);
    if (!at) return undefined;
    const app = at.name;
    const builds = [...(await at.heroku.listBuilds(app))].reverse();
    if (!builds.length) return void prompts.showInformationMessage(l10n.t(`{0} has no builds.`, app));
    const build = await pickOne(builds, (b) => ({ label: buildLabel(b), description: `${b.status} · ${displayable(b.source_blob?.version_description ?? '')}`, detail: l10n.t(`{0} · {1}`, b.user?.email ?? '', timeAgo(b.created_at)) }), l10n.t(`Show Build Output — {0}`, app));
    return build && { app, at, build };
  };

  /** A release comparison in the diff editor. */
  const showComparison = (c: ReleaseComparison) => {
    const [a, b] = sideNames(c);
    const files: [string, string] = c.kind === 'rollback' ? [`${c.app}-${a}-now`, `${c.app}-after-rollback-to-${b}`] : [`${c.app}-${a}`, `${c.app}-${b}`];
    return deps.comparisons.show({ names: [`${c.app} ${a}`, `${c.app} ${b}`], files, title: comparisonTitle(c), render: (revealed) => renderReleaseComparison(c, revealed) });
  };

  return {
    'herokuMembrane.compareWithPreviousRelease': {
      ...WORK,
      run: async (run, node) => {
        const t = await releaseTarget(node, l10n.t('Compare with Previous Release'));
        if (!t) return;
        const v = t.release.version;
        const result = await run.busy(l10n.t('Comparing {0} v{1} with the release before it…', t.app, v), (signal) => compareWithPrevious(t.at.heroku, t.app, t.release, signal));
        if (result.kind === 'first') return void prompts.showInformationMessage(l10n.t('v{0} is the first release of {1}: there is no release before it to compare with.', v, t.app));
        if (result.kind === 'none-succeeded') return void prompts.showInformationMessage(l10n.t('None of the {0} releases before v{1} of {2} succeeded: there is none to compare with.', result.read, v, t.app));
        await showComparison(result.comparison);
      },
    },

    'herokuMembrane.showBuildOutput': {
      ...UI,
      run: async (_run, node) => {
        const t = await buildTarget(node);
        if (!t) return;
        const label = buildLabel(t.build);
        openOutput(`build:${t.build.id}`, l10n.t('Heroku build: {0} {1}', t.app, label), l10n.t('build {0} of {1} ({2})', label, t.app, t.build.status), async (signal) => (await t.at.heroku.getBuild(t.app, t.build.id, { signal })).output_stream_url);
      },
    },

    'herokuMembrane.showReleaseOutput': {
      ...UI,
      run: async (_run, node) => {
        const t = await releaseTarget(node, l10n.t('Show Release Output'), (r) => Boolean(r.output_stream_url));
        if (!t) return;
        const v = t.release.version;
        openOutput(`release:${t.app}:${v}`, l10n.t('Heroku release: {0} v{1}', t.app, v), l10n.t('release phase of {0} v{1} ({2})', t.app, v, t.release.status), async (signal) => (await t.at.heroku.getRelease(t.app, v, { signal })).output_stream_url);
      },
    },

    'herokuMembrane.loadMoreReleases': {
      ...UI,
      run: async (_run, node) => {
        if (!(node instanceof LoadMoreNode)) return;
        const app = node.releases.app.name;
        const shown = node.releases.app.ctx.releasesShown;
        shown.set(app, (shown.get(app) ?? RELEASE_PAGE) + RELEASE_PAGE * 3);
        await explorer.reloadNode(node.releases);
      },
    },

    'herokuMembrane.rollback': {
      ...WORK,
      run: async (run, node) => {
        const t = await releaseTarget(node, l10n.t('Roll Back'));
        if (!t) return;
        const r = t.release;
        // What it undoes, before the question: the release running now against the target.
        const read = await run.busy(l10n.t('Reading what rolling back {0} to v{1} changes…', t.app, r.version), (signal) => rollbackPreview(t.at.heroku, t.app, r, signal, commitCounter(t.app)));
        const ROLL_BACK = l10n.t('Roll Back');
        const SHOW = l10n.t('Show What a Rollback Changes');
        const question = {
          connectionId: t.at.connectionId,
          message: l10n.t(`Roll back {0} to v{1}?`, t.app, r.version),
          detail: `${read.summary}\n\n` + l10n.t(`Heroku creates a new release with the code (slug) and config vars of v{0} ("{1}") and restarts the dynos.\n\n`, r.version, lineText(r.description ?? '')) +
            l10n.t('It does not roll back database schema or data, add-ons, or anything outside the app: migrations stay applied.'),
          confirm: ROLL_BACK,
          others: read.comparison ? [SHOW] : [],
        };
        for (;;) {
          const answer = await askBeforeWrite(deps, question);
          if (answer === ROLL_BACK) break;
          if (answer !== SHOW || !read.comparison) return;
          // A modal question would keep the diff from being read (scrolled, revealed): a
          // notification waits instead, and Roll Back… asks the question again.
          await showComparison(read.comparison);
          const ASK_AGAIN = l10n.t('Roll Back…');
          if ((await prompts.showInformationMessage(l10n.t('What rolling back {0} to v{1} changes is open in the diff editor.', t.app, r.version), ASK_AGAIN)) !== ASK_AGAIN) return;
        }
        const created = await run.busy(l10n.t(`Rolling back {0} to v{1}…`, t.app, r.version), (signal) => t.at.heroku.rollback(t.app, r.version, { signal }));
        void prompts.showInformationMessage(l10n.t(`{0}: released v{1} ({2}).`, t.app, created.version, lineText(created.description ?? '')));
      },
    },
  };
}
