// The Dynos and Formation categories of an app, and their nodes.
import * as vscode from 'vscode';
import type { Dyno, Formation } from '../heroku/schemas';
import type { CategorySpec } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { AppResourceNode, None, themeIcon, treeItem, type AppParent } from '../explorer/node';
import { dynoCommand, dynoDescription, dynoIcon, stateSummary } from './core/format';
import * as l10n from '@vscode/l10n';

export class DynoNode extends AppResourceNode<Dyno> {
  constructor(app: AppParent, dyno: Dyno) {
    super(app, `dyno:${dyno.name}`, dyno);
  }

  get dyno(): Dyno {
    return this.resource;
  }

  jsonTitle(): string {
    return `${this.app.name} dyno ${this.dyno.name}`;
  }

  treeItem(): vscode.TreeItem {
    const d = this.dyno;
    return treeItem(d.name, None, {
      id: this.id,
      description: dynoDescription(d),
      tooltip: l10n.t(`{0} — {1}\n{2}\n{3} · release v{4} · since {5}`, d.name, d.state, dynoCommand(d) ?? '', d.size ?? '', d.release?.version ?? '?', d.updated_at ?? d.created_at ?? '?'),
      iconPath: themeIcon(dynoIcon(d.state)),
      contextValue: contextValue.dyno(d.state),
    });
  }
}

/** One process type of the app's formation: its quantity and size. */
export class FormationNode extends AppResourceNode<Formation> {
  constructor(app: AppParent, formation: Formation) {
    super(app, `formation:${formation.type}`, formation);
  }

  get formation(): Formation {
    return this.resource;
  }

  jsonTitle(): string {
    return `${this.app.name} formation ${this.formation.type}`;
  }

  treeItem(): vscode.TreeItem {
    const f = this.formation;
    return treeItem(f.type, None, {
      id: this.id,
      description: `${f.quantity} × ${f.size}`,
      tooltip: f.command ? `${f.type} — ${f.command}` : f.type,
      iconPath: themeIcon('symbol-class'),
      contextValue: contextValue.formation(),
    });
  }
}

export const DYNOS: CategorySpec<Dyno> = {
  key: 'dynos',
  // A getter: read when shown, after the bundle is configured (module constants are built earlier).
  get label() {
    return l10n.t('Dynos');
  },
  icon: 'server-process',
  load: (heroku, app, signal) => heroku.listDynos(app, { signal }),
  toNode: (app, dyno) => new DynoNode(app, dyno),
  summary: (dynos) => stateSummary(dynos.map((d) => d.state)),
};

export const FORMATION: CategorySpec<Formation> = {
  key: 'formation',
  get label() {
    return l10n.t('Formation');
  },
  icon: 'layers',
  load: (heroku, app, signal) => heroku.listFormation(app, { signal }),
  toNode: (app, formation) => new FormationNode(app, formation),
};
