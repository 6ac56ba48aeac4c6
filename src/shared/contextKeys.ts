// Every context key the extension sets goes through here (menus, welcome views and the
// walkthrough's steps read them): each is sent to VS Code once per change, and its value
// kept so the in-host tests can read what `when` clauses see.
import * as vscode from 'vscode';

export class ContextKeys {
  private readonly values = new Map<string, unknown>();

  set(key: string, value: unknown): void {
    if (this.values.has(key) && this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  get(key: string): unknown {
    return this.values.get(key);
  }
}

/** The extension host's one set of context keys. */
export const contextKeys = new ContextKeys();
