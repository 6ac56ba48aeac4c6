// The window interactions the commands use, gathered in one object: the seam that
// in-host tests replace (an InputBox or openExternal cannot be answered from a test).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';

export const prompts = {
  showInputBox: (o: vscode.InputBoxOptions) => vscode.window.showInputBox(o),
  showQuickPick: async <T extends vscode.QuickPickItem>(items: T[], o: vscode.QuickPickOptions): Promise<T | undefined> => {
    const shown = items.map(iconAsPath);
    const pick = await vscode.window.showQuickPick(shown, o);
    return pick && items[shown.indexOf(pick)];
  },
  /** Several items, some selected at first (`picked`): the chosen ones, or undefined when cancelled. */
  pickMany: async <T extends vscode.QuickPickItem>(items: T[], o: vscode.QuickPickOptions): Promise<T[] | undefined> => {
    const shown = items.map(iconAsPath);
    const picks = await vscode.window.showQuickPick(shown, { ...o, canPickMany: true });
    return picks?.map((p) => items[shown.indexOf(p)]!);
  },
  showOpenDialog: (o: vscode.OpenDialogOptions) => vscode.window.showOpenDialog(o),
  showSaveDialog: (o: vscode.SaveDialogOptions) => vscode.window.showSaveDialog(o),
  openExternal: (uri: vscode.Uri) => vscode.env.openExternal(uri),
  showErrorMessage: (message: string, ...actions: string[]) => vscode.window.showErrorMessage(message, ...actions),
  showWarningMessage: (message: string, ...actions: string[]) => vscode.window.showWarningMessage(message, ...actions),
  /** A modal question before a destructive operation; resolves to the chosen action. */
  confirm: (message: string, options: vscode.MessageOptions, ...actions: string[]) => vscode.window.showWarningMessage(message, { modal: true, ...options }, ...actions),
  showInformationMessage: (message: string, ...actions: string[]) => vscode.window.showInformationMessage(message, ...actions),
  searchQuickPick: <T extends vscode.QuickPickItem>(o: Parameters<typeof searchQuickPick<T>>[0]) => searchQuickPick<T>(o),
  editJson: (title: string, initial: unknown, action?: string) => editJsonInInputBox(title, initial, action),
  withProgress: <R>(o: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>) => vscode.window.withProgress(o, task),
  showWorkspaceFolderPick: (o: vscode.WorkspaceFolderPickOptions) => vscode.window.showWorkspaceFolderPick(o),
  /** Whether the workspace is trusted: read here so that a test can answer no (the harness's workspace is trusted). */
  isTrusted: () => vscode.workspace.isTrusted,
};

export type Prompts = typeof prompts;

/**
 * An item whose label starts with `$(icon)` shown with that icon as its `iconPath`: in a
 * label a screen reader reads the icon's name aloud ("history GET /account"). The caller
 * keeps its own item: the one chosen is mapped back.
 */
export function iconAsPath<T extends vscode.QuickPickItem>(item: T): T {
  const m = /^\$\(([a-z0-9-]+(?:~[a-z]+)?)\)\s+/.exec(item.label);
  return m && !item.iconPath ? { ...item, label: item.label.slice(m[0].length), iconPath: new vscode.ThemeIcon(m[1]!) } : item;
}

/**
 * A QuickPick that searches as the user types: debounced, and each new search cancels
 * the one before it (its AbortSignal fires).
 */
export function searchQuickPick<T extends vscode.QuickPickItem>(o: {
  title: string;
  placeholder: string;
  initial: T[];
  search: (query: string, signal: AbortSignal) => Promise<T[]>;
  debounceMs?: number;
}): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = o.title;
    qp.placeholder = o.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    // Items shown with their icons as iconPath (see iconAsPath); the caller's own item is resolved.
    const shownOf = new Map<vscode.QuickPickItem, T>();
    const show = (items: T[]) => items.map((i) => { const s = iconAsPath(i); shownOf.set(s, i); return s; });
    qp.items = show(o.initial);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: AbortController | undefined;
    qp.onDidChangeValue((value) => {
      clearTimeout(timer);
      running?.abort();
      if (!value.trim()) {
        qp.items = show(o.initial);
        qp.busy = false;
        return;
      }
      timer = setTimeout(() => {
        const ac = new AbortController();
        running = ac;
        qp.busy = true;
        o.search(value, ac.signal).then(
          (items) => {
            if (ac.signal.aborted) return;
            qp.items = show(items);
            qp.busy = false;
          },
          (e: unknown) => {
            if (ac.signal.aborted) return;
            qp.busy = false;
            qp.items = show([{ label: l10n.t(`$(error) {0}`, (e as Error).message ?? String(e)), alwaysShow: true } as T]);
          },
        );
      }, o.debounceMs ?? 300);
    });
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0] && shownOf.get(qp.selectedItems[0]);
      if (!picked || !('action' in picked || 'value' in picked || 'id' in picked)) return;
      resolve(picked);
      qp.hide();
    });
    qp.onDidHide(() => {
      running?.abort();
      clearTimeout(timer);
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/**
 * JSON typed by the user, prefilled, validated as they type: the text, or undefined when
 * cancelled. An InputBox, not an untitled editor: hot exit backs untitled editors up to
 * disk, and a request body can hold secrets (a config-vars PATCH).
 */
export async function editJsonInInputBox(title: string, initial: unknown, action = l10n.t('Run')): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: l10n.t(`JSON, on one line; Enter to {0}, Escape to cancel`, action.toLowerCase()),
    value: JSON.stringify(initial ?? {}),
    ignoreFocusOut: true,
    validateInput: (v) => jsonProblem(v),
  });
}

/** Why `text` is not JSON, or undefined when it is. */
export function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return l10n.t(`Not JSON yet: {0}`, (e as Error).message);
  }
}

/** Only http(s) URLs from the CLI are opened: never `file:`, `command:` or others. */
export function safeExternalUri(url: string): vscode.Uri | undefined {
  try {
    const u = vscode.Uri.parse(url, true);
    return u.scheme === 'https' || u.scheme === 'http' ? u : undefined;
  } catch {
    return undefined;
  }
}
