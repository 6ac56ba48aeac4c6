// An app's lifecycle: rename (Heroku's name rules as the user types; the git remote and
// herokuapp.com URL change, and the workspace's remotes can be updated), delete (the
// name typed, after a question listing what goes with it), buildpacks (add, remove,
// reorder: Heroku replaces the whole list) and the stack of the next build.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { accountLine, confirmWrite, writeAfterAsking } from '../accounts/confirmWrite';
import { pickOne, targetApp, type AppTargetDeps } from './appPick';
import { WORK, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import { displayable, withoutLinks } from '../shared/core/text';
import { appNameProblem, herokuRemotesOfGitConfig } from './core/format';
import * as l10n from '@vscode/l10n';

export type LifecycleDeps = AppTargetDeps;

const BUILDPACK = /^([a-z0-9-]+\/[a-z0-9-]+|https:\/\/\S+)$/;

export function lifecycleCommands(deps: LifecycleDeps): CommandTable {
  return {
    'herokuMembrane.renameApp': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Rename App'), deps);
        if (!t) return;
        const { app } = t;
        const name = (await prompts.showInputBox({ title: l10n.t(`Rename {0}`, app.name), value: app.name, prompt: l10n.t('The new name: lowercase letters, digits and dashes'), validateInput: (v) => (v.trim() === app.name ? l10n.t('Type a new name') : appNameProblem(v.trim())) }))?.trim();
        if (!name || name === app.name) return;
        await writeAfterAsking(deps, run, { connectionId: t.connectionId, message: l10n.t(`Rename {0} to {1}?`, app.name, name), detail: l10n.t(`Its git remote becomes https://git.heroku.com/{0}.git and its herokuapp.com address changes: links, webhooks and git remotes that use the old name stop working. The old name becomes free for anyone to take.`, name), confirm: l10n.t('Rename') , busy: l10n.t(`Renaming {0} to {1}…`, app.name, name), work: (signal) => t.heroku.updateApp(app.name, { name }, { signal }) });
        await offerRemoteUpdate(app.name, name);
      },
    },

    'herokuMembrane.deleteApp': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Delete App'), deps);
        if (!t) return;
        const { app, heroku: client } = t;
        const [addons, domains, config] = await run.busy(l10n.t(`Reading what {0} holds…`, app.name), (signal) => Promise.all([client.listAddons(app.name, { signal }), client.listDomains(app.name, { signal }), client.getConfigVars(app.name, { signal })]));
        const owned = addons.filter((a) => !a.app?.name || a.app.name === app.name).sort((a, b) => a.name.localeCompare(b.name));
        const custom = domains.filter((d) => d.kind === 'custom').sort((a, b) => a.hostname.localeCompare(b.hostname));
        const ok = await confirmWrite(deps, { connectionId: t.connectionId, message: l10n.t(`Delete {0}? This cannot be undone.`, app.name), detail: [
              l10n.t(`Add-ons deleted with their data: {0}`, owned.length ? owned.map((a) => `${a.name} (${a.plan?.name ?? a.addon_service?.name ?? ''})`).join(', ') : l10n.t('none')),
              l10n.t(`Custom domains removed: {0}`, custom.length ? custom.map((d) => d.hostname).join(', ') : l10n.t('none')),
              l10n.t(`Config vars deleted: {0}`, Object.keys(config).length),
              l10n.t('Also its releases, builds, dynos and logs. You type its name next.'),
            ].join('\n'), confirm: l10n.t('Continue…') });
        if (!ok) return;
        const account = await accountLine(deps, t.connectionId);
        const typed = await prompts.showInputBox({ title: l10n.t(`Delete {0}`, app.name), prompt: [account, l10n.t(`Type {0} to delete it for good`, app.name)].filter(Boolean).join(' '), placeHolder: app.name, ignoreFocusOut: true, validateInput: (v) => (v === app.name ? undefined : l10n.t('Type {0} exactly', app.name)) });
        if (typed !== app.name) return;
        await run.busy(l10n.t(`Deleting {0}…`, app.name), (signal) => client.deleteApp(app.name, { signal }));
        void prompts.showInformationMessage(l10n.t(`Deleted {0}.`, app.name));
      },
    },

    'herokuMembrane.editBuildpacks': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Buildpacks'), deps);
        if (!t) return;
        const { name: app, heroku: client } = t;
        let list = (await run.busy(l10n.t(`Reading the buildpacks of {0}…`, app), (signal) => client.listBuildpacks(app, { signal }))).map((b) => b.buildpack.name || b.buildpack.url);
        // One change at a time, each applied (Heroku replaces the list), until the user is done.
        for (;;) {
          const items: Array<vscode.QuickPickItem & { index?: number; add?: true }> = [
            ...list.map((b, i) => ({ label: l10n.t(`{0}. {1}`, i + 1, b), description: i === list.length - 1 ? l10n.t('runs last: sets the process types') : '', index: i })),
            { label: l10n.t('$(add) Add a buildpack…'), add: true as const },
          ];
          const picked = await prompts.showQuickPick(items, { title: l10n.t(`Buildpacks of {0} (the next build uses them)`, app), placeHolder: list.length ? l10n.t('Choose one to move or remove, or add one') : l10n.t('None set: Heroku detects one from the source. Add one to choose.') });
          if (!picked) return;
          let next: string[] | undefined;
          if (picked.add) {
            const added = (await prompts.showInputBox({ title: l10n.t(`Add a buildpack to {0}`, app), prompt: l10n.t('A registry name (heroku/nodejs) or an https URL; it runs after the others'), validateInput: (v) => (BUILDPACK.test(v.trim()) ? (list.includes(v.trim()) ? l10n.t('Already installed') : undefined) : l10n.t('A registry name like heroku/python, or an https:// URL')) }))?.trim();
            if (added) next = [...list, added];
          } else if (picked.index !== undefined) {
            const i = picked.index;
            const action = await pickOne(['up', 'down', 'remove'].filter((a) => (a === 'up' ? i > 0 : a === 'down' ? i < list.length - 1 : true)), (a) => ({ label: a === 'up' ? l10n.t('$(arrow-up) Move up') : a === 'down' ? l10n.t('$(arrow-down) Move down') : l10n.t('$(trash) Remove') }), `${list[i]}`);
            if (action === 'remove') next = list.filter((_, j) => j !== i);
            if (action === 'up' || action === 'down') {
              next = [...list];
              const j = action === 'up' ? i - 1 : i + 1;
              [next[i], next[j]] = [next[j]!, next[i]!];
            }
          }
          if (!next) continue;
          const asked = await confirmWrite(deps, { connectionId: t.connectionId, message: l10n.t(`Set the buildpacks of {0} to {1}?`, app, next.length ? next.join(', ') : l10n.t('none (detected from the source)')), detail: l10n.t('The next build uses them; the running app is not changed until then.'), confirm: l10n.t('Set Buildpacks') });
          if (!asked) continue;
          const target = next;
          list = (await run.busy(l10n.t(`Updating the buildpacks of {0}…`, app), (signal) => client.setBuildpacks(app, target, { signal }))).sort((a, b) => a.ordinal - b.ordinal).map((b) => b.buildpack.name || b.buildpack.url);
          void prompts.showInformationMessage(l10n.t(`{0}: buildpacks are now {1}. The next build uses them.`, app, list.length ? list.join(', ') : l10n.t('detected from the source')));
        }
      },
    },

    'herokuMembrane.changeStack': {
      ...WORK,
      run: async (run, node) => {
        const t = await targetApp(node, l10n.t('Change Stack'), deps);
        if (!t) return;
        const { app, heroku: client } = t;
        const current = app.build_stack?.name ?? app.stack?.name;
        const stacks = (await client.listStacks()).filter((s) => s.state !== 'retired');
        const stack = await pickOne(stacks, (s) => ({ label: s.name, description: [s.name === current ? l10n.t('current') : '', s.default ? l10n.t('default') : '', s.state ?? ''].filter(Boolean).join(' · ') }), l10n.t(`Change the stack of {0}`, app.name));
        if (!stack || stack.name === current) return;
        await writeAfterAsking(deps, run, { connectionId: t.connectionId, message: l10n.t(`Build {0} on {1}?`, app.name, stack.name), detail: l10n.t(`The next build uses {0}; the running app stays on {1} until then. Deploy (or rebuild) to move it.`, stack.name, current ?? l10n.t('its stack')), confirm: l10n.t('Change Stack') , busy: l10n.t(`Changing the stack of {0}…`, app.name), work: (signal) => client.updateApp(app.name, { build_stack: stack.name }, { signal }) });
        void prompts.showInformationMessage(l10n.t(`{0}: the next build uses {1}.`, app.name, stack.name));
      },
    },
  };
}

/** After a rename: offer to point the workspace's git remotes at the new name (git runs without a shell). */
async function offerRemoteUpdate(oldName: string, newName: string): Promise<void> {
  const found: Array<{ folder: vscode.Uri; remote: string }> = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config')));
      for (const r of herokuRemotesOfGitConfig(text)) if (r.app === oldName) found.push({ folder: folder.uri, remote: r.remote });
    } catch {
      // Not a repository.
    }
  }
  if (!found.length) return void prompts.showInformationMessage(l10n.t(`Renamed {0} to {1}.`, oldName, newName));
  // A remote's name is the repository's text: one line, and no link syntax in a notification.
  const named = (remote: string) => withoutLinks(`"${displayable(remote)}"`);
  const message =
    found.length === 1
      ? l10n.t('Renamed {0} to {1}. The remote {2} still points at the old git URL.', oldName, newName, named(found[0]!.remote))
      : l10n.t('Renamed {0} to {1}. The remotes {2} still point at the old git URL.', oldName, newName, found.map((f) => named(f.remote)).join(', '));
  const UPDATE = l10n.t('Update Git Remote');
  if ((await prompts.showInformationMessage(message, UPDATE)) !== UPDATE) return;
  for (const f of found) {
    await new Promise<void>((resolve, reject) =>
      execFile('git', ['remote', 'set-url', f.remote, `https://git.heroku.com/${newName}.git`], { cwd: f.folder.fsPath, windowsHide: true }, (e) => (e ? reject(new Error(l10n.t('git remote set-url {0} failed: {1}', f.remote, e.message))) : resolve())),
    );
  }
  void prompts.showInformationMessage(l10n.t(`Updated {0} to https://git.heroku.com/{1}.git.`, found.map((f) => named(f.remote)).join(', '), newName));
}
