// The agent tools' registration, at activation: VS Code asks for a tool's implementation
// right after the activation a tool call caused, so each tool package.json contributes is
// registered here, calling into the features bundle on its first use. Write tools (tag
// `heroku-write`) are registered only while `herokuMembrane.agentTools.allowWrites` is on:
// the features' Settings applies each change (`allowWrites`); activation reads it once.
import * as vscode from 'vscode';

export interface ToolContribution {
  name: string;
  tags?: string[];
}

export class AgentToolRegistry implements vscode.Disposable {
  private readonly reads: vscode.Disposable[] = [];
  private writes: vscode.Disposable[] | undefined;
  private readonly names = new Set<string>();

  constructor(
    private readonly contributed: readonly ToolContribution[],
    /** The tool's implementation (in the features bundle, loaded by the first call). */
    private readonly impl: (name: string) => vscode.LanguageModelTool<object>,
  ) {
    for (const t of contributed.filter((t) => !isWrite(t))) this.reads.push(this.register(t.name));
    this.allowWrites(vscode.workspace.getConfiguration('herokuMembrane').get<boolean>('agentTools.allowWrites', true) !== false);
  }

  /** Registers the write tools, or unregisters them (they are then unknown to VS Code's tool calls). */
  allowWrites(on: boolean): void {
    if (on && !this.writes) this.writes = this.contributed.filter(isWrite).map((t) => this.register(t.name));
    if (!on && this.writes) {
      for (const d of this.writes) d.dispose();
      this.writes = undefined;
    }
  }

  /** The tools registered now (the in-host tests' view). */
  registered(): string[] {
    return [...this.names];
  }

  private register(name: string): vscode.Disposable {
    const registration = vscode.lm.registerTool<object>(name, {
      prepareInvocation: (options, token) => this.impl(name).prepareInvocation?.(options, token),
      invoke: (options, token) => this.impl(name).invoke(options, token),
    });
    this.names.add(name);
    return { dispose: () => (registration.dispose(), this.names.delete(name)) };
  }

  dispose(): void {
    this.allowWrites(false);
    for (const d of this.reads) d.dispose();
  }
}

function isWrite(t: ToolContribution): boolean {
  return t.tags?.includes('heroku-write') ?? false;
}
