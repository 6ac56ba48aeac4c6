// The last deploy of each folder (its app, and the connection it went through), so that
// *Redeploy* is one click (still confirmed). Kept in the extension's global state, keyed
// by the folder's URI; nothing secret is in it.
import type * as vscode from 'vscode';

export interface LastDeploy {
  folder: string;
  app: string;
  connectionId: string;
  at: string;
}

const KEY = 'deploy.last';
/** Folders remembered at most: the oldest are forgotten first. */
const KEEP = 50;

export class DeployMemory {
  constructor(private readonly memory: vscode.Memento) {}

  all(): LastDeploy[] {
    const stored = this.memory.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter(isLastDeploy) : [];
  }

  of(folder: string, connectionId: string): LastDeploy | undefined {
    return this.all().find((d) => d.folder === folder && d.connectionId === connectionId);
  }

  async remember(entry: LastDeploy): Promise<void> {
    const rest = this.all().filter((d) => !(d.folder === entry.folder && d.connectionId === entry.connectionId));
    await this.memory.update(KEY, [entry, ...rest].slice(0, KEEP));
  }
}

function isLastDeploy(x: unknown): x is LastDeploy {
  const d = x as LastDeploy;
  return Boolean(d) && typeof d.folder === 'string' && typeof d.app === 'string' && typeof d.connectionId === 'string' && typeof d.at === 'string';
}
