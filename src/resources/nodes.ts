// The Add-ons, Domains and Collaborators categories of an app, and their nodes.
import * as vscode from 'vscode';
import type { Addon, Attachment, Collaborator, Domain } from '../heroku/schemas';
import type { CategorySpec } from '../explorer/categoryNode';
import { contextValue } from '../explorer/core/contextValues';
import { AppResourceNode, Collapsed, MessageNode, None, errorText, herokuOf, themeIcon, treeItem, type Node, type AppParent } from '../explorer/node';
import { addonDescription, collaboratorDescription, domainDescription } from './core/format';
import * as l10n from '@vscode/l10n';

export class AddonNode extends AppResourceNode<Addon> {
  constructor(app: AppParent, addon: Addon) {
    super(app, `addon:${addon.id}`, addon);
  }

  jsonTitle(): string {
    return `${this.app.name} add-on ${this.resource.name}`;
  }

  /** Owned by another app and attached here. */
  get attachedOnly(): boolean {
    return Boolean(this.resource.app?.name && this.resource.app.name !== this.app.name);
  }

  treeItem(): vscode.TreeItem {
    const a = this.resource;
    const label = a.addon_service?.name ?? a.name;
    return treeItem(label, Collapsed, {
      id: this.id,
      description: addonDescription(a),
      tooltip: this.attachedOnly ? l10n.t('{0} — {1} (owned by {2})', label, a.name, a.app?.name ?? '') : `${label} — ${a.name}`,
      iconPath: themeIcon(a.state === 'provisioned' ? 'package' : 'loading~spin'),
      contextValue: contextValue.addon(a.state, this.attachedOnly),
    });
  }

  /** Where it is attached, and under which config var name. */
  protected override async loadChildren(): Promise<Node[]> {
    try {
      const attachments = await herokuOf(this.app.ctx).listAttachments(this.app.name, this.resource.id);
      if (!attachments.length) return [new MessageNode(`${this.id}/none`, l10n.t('Not attached to any app'), 'info')];
      return attachments.map((at) => new AttachmentNode(this, at));
    } catch (e) {
      return [new MessageNode(`${this.id}/error`, l10n.t(`Couldn't load its attachments: {0}`, errorText(e)), 'error', this)];
    }
  }
}

export class AttachmentNode extends AppResourceNode<Attachment> {
  constructor(addon: AddonNode, attachment: Attachment) {
    super(addon.app, `addon:${addon.resource.id}/attachment:${attachment.id}`, attachment);
  }

  jsonTitle(): string {
    return `${this.app.name} attachment ${this.resource.name}`;
  }

  treeItem(): vscode.TreeItem {
    const a = this.resource;
    return treeItem(a.name, None, { id: this.id, description: l10n.t(`on {0} · {1}_URL`, a.app?.name ?? l10n.t('an app'), a.name), iconPath: themeIcon('link'), contextValue: contextValue.attachment() });
  }
}

export class DomainNode extends AppResourceNode<Domain> {
  constructor(app: AppParent, domain: Domain) {
    super(app, `domain:${domain.id}`, domain);
  }

  jsonTitle(): string {
    return `${this.app.name} domain ${this.resource.hostname}`;
  }

  treeItem(): vscode.TreeItem {
    const d = this.resource;
    return treeItem(d.hostname, None, {
      id: this.id,
      description: domainDescription(d),
      tooltip: d.hostname,
      iconPath: themeIcon(d.acm_status === 'failed' || d.status === 'failed' ? 'warning' : 'globe'),
      contextValue: contextValue.domain(d.kind),
    });
  }
}

export class CollaboratorNode extends AppResourceNode<Collaborator> {
  constructor(app: AppParent, collaborator: Collaborator) {
    super(app, `collaborator:${collaborator.id}`, collaborator);
  }

  jsonTitle(): string {
    return `${this.app.name} collaborator ${this.resource.user.email}`;
  }

  treeItem(): vscode.TreeItem {
    const c = this.resource;
    return treeItem(c.user.email, None, {
      id: this.id,
      description: collaboratorDescription(c),
      tooltip: c.user.email,
      iconPath: themeIcon(c.role === 'owner' ? 'account' : 'person'),
      contextValue: contextValue.collaborator(c.role === 'owner'),
    });
  }
}

export const ADDONS: CategorySpec<Addon> = {
  key: 'addons',
  // A getter: read when shown, after the bundle is configured (module constants are built earlier).
  get label() {
    return l10n.t('Add-ons');
  },
  icon: 'extensions',
  load: (heroku, app, signal) => heroku.listAddons(app, { signal }),
  toNode: (app, addon) => new AddonNode(app, addon),
};

export const DOMAINS: CategorySpec<Domain> = {
  key: 'domains',
  get label() {
    return l10n.t('Domains');
  },
  icon: 'globe',
  load: (heroku, app, signal) => heroku.listDomains(app, { signal }),
  toNode: (app, domain) => new DomainNode(app, domain),
};

export const COLLABORATORS: CategorySpec<Collaborator> = {
  key: 'collaborators',
  get label() {
    return l10n.t('Collaborators');
  },
  icon: 'person',
  load: (heroku, app, signal) => heroku.listCollaborators(app, { signal }),
  toNode: (app, collaborator) => new CollaboratorNode(app, collaborator),
};
