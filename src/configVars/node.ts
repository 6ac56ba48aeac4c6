// The app's "Config Vars" entry in the tree: a click opens the editor.
import * as vscode from 'vscode';
import { contextValue } from '../explorer/core/contextValues';
import { AppChildNode, None, treeItem, type AppParent } from '../explorer/node';
import * as l10n from '@vscode/l10n';

export class ConfigVarsNode extends AppChildNode {
  constructor(app: AppParent) {
    super(app, 'config');
  }

  treeItem(): vscode.TreeItem {
    return treeItem(l10n.t('Config Vars'), None, {
      id: this.id,
      iconPath: new vscode.ThemeIcon('symbol-key'),
      description: l10n.t('open editor'),
      tooltip: l10n.t('Edit config vars in a safe editor (values masked, conflict-checked saves).'),
      contextValue: contextValue.configVars(),
      command: { command: 'herokuMembrane.openConfigVars', title: l10n.t('Open Config Vars'), arguments: [this] },
    });
  }
}
