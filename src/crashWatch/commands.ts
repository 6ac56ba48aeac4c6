// Heroku: Watch for Crashes… (choose the apps, across accounts, the workspace's first; from
// an app node that app is chosen already), Stop Watching for Crashes (an app node: that
// app; the palette: the whole watch, its apps kept for next time), and the status item's
// click: the watched apps with their dynos' state, each opening its logs.
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { appItems, appPlaceholder, targetOfNode, type AppPickItem, type AppTargetDeps } from '../apps/appPick';
import type { AccountLogTarget } from '../logs/core/logTarget';
import { UI, type CommandTable } from '../shared/commands';
import { prompts } from '../shared/prompts';
import type { Settings } from '../shared/settings';
import type { CrashWatch } from './crashWatch';
import { isCrashed, type AppHealth } from './core/health';
import { isWatched, MAX_WATCHED_APPS, refKey, withoutApp, type WatchedApp, type WatchedRef } from './core/watchedApps';

export interface CrashWatchCommandDeps extends AppTargetDeps {
  settings: Pick<Settings, 'current' | 'updateCrashWatch'>;
  /** The watch while it is on (once its code is loaded). */
  watch(): Promise<CrashWatch | undefined>;
  showLogs(target: AccountLogTarget): void;
}

export function crashWatchCommands(deps: CrashWatchCommandDeps): CommandTable {
  const watchForCrashes = async (node?: unknown): Promise<void> => {
    const accounts = await deps.accounts();
    const first = accounts.find((a) => a.first)?.status.connectionId;
    const { crashWatchApps: current } = deps.settings.current;
    const fromNode = targetOfNode(node);
    const ws = deps.workspaceApps();
    const chosen = (item: AppPickItem): boolean => {
      const ref = { app: item.target.name, connectionId: item.target.connectionId };
      if (isWatched(current, ref, first)) return true;
      if (fromNode) return refKey(ref) === refKey({ app: fromNode.name, connectionId: fromNode.connectionId });
      // Nothing chosen yet: the workspace's own apps are offered chosen.
      return current.length === 0 && ws.has(item.target.name);
    };
    const items = (await appItems(accounts, { workspaceApps: ws, linkNote: deps.linkNote })).map((item) => ({ ...item, picked: chosen(item) }));
    // The apps chosen already first (a stable sort keeps the workspace's first among them).
    items.sort((a, b) => Number(b.picked) - Number(a.picked));
    const picks = await prompts.pickMany(items, {
      title: l10n.t('Watch for Crashes'),
      placeHolder: l10n.t('{0}: at most {1}, each read once a minute while the watch is on', appPlaceholder(accounts), MAX_WATCHED_APPS),
      matchOnDescription: true,
    });
    if (!picks) return;
    // Apps of accounts not connected now were not offered: they stay as they were.
    const offered = new Set(accounts.map((a) => a.status.connectionId));
    const kept = current.filter((a) => !offered.has(a.connectionId ?? first ?? ''));
    const all: WatchedApp[] = [...kept, ...picks.map((p) => ({ app: p.target.name, connectionId: p.target.connectionId }))];
    if (all.length > MAX_WATCHED_APPS) void prompts.showWarningMessage(l10n.t('The crash watch follows {0} apps at most: the first {0} are watched.', MAX_WATCHED_APPS));
    const apps = all.slice(0, MAX_WATCHED_APPS);
    await deps.settings.updateCrashWatch({ apps, enabled: apps.length > 0 });
  };

  return {
    'herokuMembrane.watchForCrashes': { ...UI, run: (_run, node) => watchForCrashes(node) },
    'herokuMembrane.stopWatchingForCrashes': {
      ...UI,
      run: async (_run, node) => {
        const target = targetOfNode(node);
        if (!target) return deps.settings.updateCrashWatch({ enabled: false });
        const first = (await deps.accounts()).find((a) => a.first)?.status.connectionId;
        const { crashWatchApps: current, crashWatchEnabled: enabled } = deps.settings.current;
        const ref = { app: target.name, connectionId: target.connectionId };
        if (!enabled || !isWatched(current, ref, first)) {
          void prompts.showInformationMessage(l10n.t('{0} is not watched for crashes.', target.name));
          return;
        }
        const apps = withoutApp(current, ref, first);
        await deps.settings.updateCrashWatch({ apps, ...(apps.length ? {} : { enabled: false }) });
      },
    },
    'herokuMembrane.showCrashWatch': {
      ...UI,
      run: async () => {
        const watch = await deps.watch();
        const change = { label: l10n.t('$(eye) Watch for Crashes…'), description: l10n.t('choose the apps to watch') };
        if (!watch) {
          const turnOn = l10n.t('Watch for Crashes…');
          if ((await prompts.showInformationMessage(l10n.t('The crash watch is off.'), turnOn)) === turnOn) await watchForCrashes();
          return;
        }
        type Row = vscode.QuickPickItem & { ref?: WatchedRef };
        const rows: Row[] = watch.apps().map(({ health, account, line }) => ({
          label: `${iconOf(health)} ${health.ref.app}`,
          description: account,
          detail: line,
          ref: health.ref,
        }));
        const stop = { label: l10n.t('$(eye-closed) Stop Watching for Crashes'), description: l10n.t('the apps are kept for next time') };
        const pick = await prompts.showQuickPick<Row>([...rows, { label: '', kind: vscode.QuickPickItemKind.Separator }, change, stop], {
          title: l10n.t('Crash Watch'),
          placeHolder: l10n.t('Choose an app to show its logs'),
          matchOnDetail: true,
        });
        if (pick?.ref) deps.showLogs(watch.logTarget(pick.ref));
        else if (pick === change) await watchForCrashes();
        else if (pick === stop) await deps.settings.updateCrashWatch({ enabled: false });
      },
    },
  };
}

function iconOf(a: AppHealth): string {
  if ((a.dynos ?? []).some(isCrashed)) return '$(error)';
  if (a.problem) return '$(warning)';
  return a.dynos ? '$(pass)' : '$(circle-outline)';
}
