// The left side of "changes since deploy": a file as it was at a commit, read-only, through
// our own `heroku-deployed:` documents (`git show` through execFile). Not the built-in Git
// extension's `git:` URIs: its API may be off, not yet active, or absent (code-server,
// a window with `git.enabled` false), and its URIs' query format is not public API.
// Any such URI can be opened (a link in a markdown file, another extension): git runs
// only for a folder linked now (`fileRefOf`).
import * as vscode from 'vscode';
import { fileRefOf, type FileRef } from './core/fileRef';
import { fileAt } from './core/repository';
import * as l10n from '@vscode/l10n';

export const DEPLOYED_SCHEME = 'heroku-deployed';

/** A file of `folder` (a path relative to it) as it was at `commit`. The path shows in the tab; the query says where to read it. */
export function deployedFileUri(folder: vscode.Uri, commit: string, path: string): vscode.Uri {
  const ref: FileRef = { folder: folder.fsPath, commit, path };
  return vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${commit.slice(0, 7)}/${path}`, query: JSON.stringify(ref) });
}

export class DeployedFiles implements vscode.TextDocumentContentProvider {
  /** `linkedFolders`: every folder linked to an app now. */
  constructor(private readonly linkedFolders: () => readonly vscode.Uri[]) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = fileRefOf(uri.query, (folder) => this.linkedFolders().some((f) => f.fsPath === folder));
    if (!ref) return l10n.t('This document names no file of a folder linked to an app: it cannot be shown.');
    // A repository's config can run programs: git runs only in a trusted workspace.
    if (!vscode.workspace.isTrusted) return l10n.t('Files are read with git only in a trusted workspace.');
    const ac = new AbortController();
    const stop = token.onCancellationRequested(() => ac.abort());
    try {
      const content = await fileAt(ref.folder, ref.commit, ref.path, ac.signal);
      switch (content.kind) {
        case 'text':
          return content.text;
        case 'binary':
          return l10n.t('(a binary file: not shown)');
        case 'too-large':
          return l10n.t('(larger than 5 MB: not shown)');
        case 'absent':
          return '';
      }
    } finally {
      stop.dispose();
    }
  }
}
