// The "Deployed code" row, first under an app with a linked folder (one per folder): the
// deployed commit and where the folder's HEAD stands from it. It shows the app's releases
// (a category of that data without children), so a deploy, a rollback or a promotion
// that forgets them reads it again; a change of the repository's HEAD does too
// (`DeployedCode`). git runs only in a trusted workspace: a repository's config can run
// programs.
import * as vscode from 'vscode';
import { CategoryNode } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { None, treeItem, type AppParent, type ExplorerContext } from '../explorer/node';
import { deployedLines, folderLabels, readDeployed, standingDescription, standingOf, type Deployed, type Standing } from './core/deployedCode';
import * as l10n from '@vscode/l10n';

export interface DeployedCode {
  folder: vscode.Uri;
  deployed: Deployed | undefined;
  standing: Standing;
}

export class DeployedCodeNode extends CategoryNode<DeployedCode> {
  constructor(
    app: AppParent,
    readonly folder: vscode.Uri,
    /** The folder's name in the label, when the app has several linked folders. */
    private readonly folderShown: string | undefined,
    ctx: ExplorerContext,
  ) {
    super(
      app,
      {
        key: 'releases',
        id: `deployed:${folder.toString()}`,
        label: l10n.t('Deployed code'),
        icon: 'git-commit',
        load: async (heroku, name, signal) => {
          const deployed = await readDeployed(heroku, name, signal);
          const standing: Standing = vscode.workspace.isTrusted ? await standingOf(folder.fsPath, deployed, signal) : { kind: 'untrusted' };
          return [{ folder, deployed, standing }];
        },
        toNode: () => {
          throw new Error(l10n.t('The deployed code row has no rows under it.'));
        },
      },
      ctx,
    );
  }

  /** What was read, if it was. */
  get code(): DeployedCode | undefined {
    return this.result?.ok ? this.result.items[0] : undefined;
  }

  override treeItem(): vscode.TreeItem {
    const label = this.folderShown ? l10n.t('Deployed code ({0})', this.folderShown) : l10n.t('Deployed code');
    const r = this.result;
    if (r && !r.ok) {
      return treeItem(label, None, {
        id: this.id,
        description: l10n.t('could not be read'),
        tooltip: r.error,
        iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('errorForeground')),
        contextValue: contextValue.deployedCode('failed'),
      });
    }
    const code = this.code;
    if (!code) return treeItem(label, None, { id: this.id, description: l10n.t('reading…'), iconPath: new vscode.ThemeIcon('git-commit'), contextValue: contextValue.deployedCode('reading') });
    const s = code.standing;
    const tooltip = [...deployedLines(this.app.name, code.deployed, s), l10n.t('Folder: {0}', this.folder.fsPath)].join('\n');
    return treeItem(label, None, {
      id: this.id,
      description: standingDescription(s),
      tooltip,
      iconPath: new vscode.ThemeIcon(s.kind === 'missing' ? 'warning' : 'git-commit', s.kind === 'missing' ? new vscode.ThemeColor('editorWarning.foreground') : undefined),
      contextValue: contextValue.deployedCode(s.kind),
      command: s.kind === 'compared' ? { command: 'herokuMembrane.showChangesSinceDeploy', title: l10n.t('Show Changes Since Deploy'), arguments: [this] } : undefined,
    });
  }
}

/** The rows of an app: one per linked folder, the folder named when there are several. */
export function deployedCodeRows(app: AppParent, folders: readonly vscode.Uri[]): DeployedCodeNode[] {
  const labels = folderLabels(folders.map((f) => f.fsPath));
  return folders.map((folder, i) => new DeployedCodeNode(app, folder, folders.length > 1 ? labels[i] : undefined, app.ctx));
}
