// The context keys the extension sets (menus, welcome views and the walkthrough's steps
// read them), each set once per change, with its value kept so the in-host tests can read
// what `when` clauses see.
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
