// Commands on releases: roll back (from a release node, or picked), load more releases.
import * as vscode from 'vscode';
import type { Explorer } from '../explorer/explorer';
import type { Build, Release } from '../heroku/schemas';
import { pickOne, targetApp, targetOfNode, type AppClient, type AppTargetDeps } from '../apps/appPick';
import { writeAfterAsking } from '../accounts/confirmWrite';
import { UI, WORK, type CommandTable } from '../shared/commands';
import { timeAgo } from '../shared/core/text';
import { prompts } from '../shared/prompts';
import { RELEASE_PAGE } from './core/format';
import { OutputTerminal } from '../logs/outputTerminal';
import { BuildNode, LoadMoreNode, ReleaseNode } from './nodes';
import { buildLabel } from './core/format';
import * as l10n from '@vscode/l10n';

export interface ReleaseCommandDeps extends AppTargetDeps {
  explorer: Explorer;
  /** Told of every text an output terminal writes, keyed `build:<id>` (the in-host tests' probe). */
  onText?(key: string, text: string): void;
}

export function releaseCommands(deps: ReleaseCommandDeps): CommandTable {
  const { explorer } = deps;

  const releaseTarget = async (node: unknown, title: string, offer: (r: Release) => boolean = () => true): Promise<{ app: string; at: AppClient; release: Release } | undefined> => {
    const fromNode = node instanceof ReleaseNode ? targetOfNode(node) : undefined;
    if (node instanceof ReleaseNode && fromNode) return { app: fromNode.name, at: fromNode, release: node.release };
    const at = await targetApp(node, title, deps);
    if (!at) return undefined;
    const app = at.name;
    const releases = (await at.heroku.latestReleases(app, 100)).filter(offer);
    if (!releases.length) return void prompts.showInformationMessage(l10n.t(`{0} has no release to choose here.`, app));
    const release = await pickOne(
      releases,
      (r) => ({ label: r.current ? l10n.t('v{0} (current)', r.version) : `v${r.version}`, description: `${r.status} · ${r.description}`, detail: l10n.t(`{0} · {1}`, r.user?.email ?? '', timeAgo(r.created_at)) }),
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
    const build = await pickOne(builds, (b) => ({ label: buildLabel(b), description: `${b.status} · ${b.source_blob?.version_description ?? ''}`, detail: l10n.t(`{0} · {1}`, b.user?.email ?? '', timeAgo(b.created_at)) }), l10n.t(`Show Build Output — {0}`, app));
    return build && { app, at, build };
  };

  return {
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
        await writeAfterAsking(deps, run, { connectionId: t.at.connectionId, message: l10n.t(`Roll back {0} to v{1}?`, t.app, r.version), detail: l10n.t(`Heroku creates a new release with the code (slug) and config vars of v{0} ("{1}") and restarts the dynos.\n\n`, r.version, r.description) +
              l10n.t('It does not roll back database schema or data, add-ons, or anything outside the app: migrations stay applied.'), confirm: l10n.t('Roll Back'),
          busy: l10n.t(`Rolling back {0} to v{1}…`, t.app, r.version),
          work: (signal) => t.at.heroku.rollback(t.app, r.version, { signal }),
          done: (created) => l10n.t(`{0}: released v{1} ({2}).`, t.app, created.version, created.description) });
      },
    },
  };
}
