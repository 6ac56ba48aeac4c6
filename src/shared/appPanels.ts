// The webview panels of a feature, one per app of an account: opening it again reveals it,
// a closed one is forgotten. Used by the config-vars editor and the metrics panel.
import type * as vscode from 'vscode';

export interface AppPanel {
  readonly panel: vscode.WebviewPanel;
  readonly app: string;
  readonly target: { connectionId: string };
}

export class AppPanels<T extends { connectionId: string; name: string }, P extends AppPanel> implements vscode.Disposable {
  private readonly open = new Map<string, P>();

  /** `create` makes a panel and calls `onDispose` when it is closed. */
  constructor(private readonly create: (target: T, onDispose: () => void) => P) {}

  /** The panel of an app of an account, revealed, or created once. */
  show(target: T): P {
    const key = `${target.connectionId}\n${target.name}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = this.create(target, () => this.open.delete(key));
    this.open.set(key, panel);
    return panel;
  }

  /** The open panel of an app (of that account; without one, of any account). */
  get(app: string, connectionId?: string): P | undefined {
    return [...this.open.values()].find((p) => p.app === app && (!connectionId || p.target.connectionId === connectionId));
  }

  /** Closes every open panel. Not once-only like `Disposable`: the in-host tests close them between tests and go on. */
  dispose(): void {
    for (const p of [...this.open.values()]) p.panel.dispose();
  }
}
