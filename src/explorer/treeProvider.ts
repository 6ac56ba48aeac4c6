// One TreeDataProvider over Node objects: each node makes its own item and children.
// `redraw` asks VS Code to show a node (or the whole view) again from what the nodes hold.
// Loaded at activation (src/extension.ts registers the views with it), so it imports
// only types: the nodes, and what makes the roots, load later.
import * as vscode from 'vscode';
import type { Node } from './node';

export class NodeTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<Node[]> | undefined;
  /** Every node this view was handed: a redraw goes to the view that shows the node. */
  private readonly handedOut = new WeakSet<Node>();

  constructor(private readonly loadRoots: () => Promise<Node[]>) {}

  getTreeItem(node: Node): vscode.TreeItem {
    return node.treeItem();
  }

  getChildren(node?: Node): Promise<Node[]> {
    // A node that loaded after VS Code drew its line (a lazy category, on its own expansion) is drawn again.
    if (node) return node.children().then((kids) => (node.takeLateLoad() && this.emitter.fire(node), this.handOut(kids)));
    this.roots ??= this.loadRoots().then((kids) => this.handOut(kids));
    return this.roots;
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
  }

  /** Whether this view was handed the node. */
  shows(node: Node): boolean {
    return this.handedOut.has(node);
  }

  /** Show a node again, its children asked anew; without a node, the whole view from its roots. */
  redraw(node?: Node): void {
    if (node) {
      node.forgetChildren();
      this.emitter.fire(node);
    } else {
      this.roots = undefined;
      this.emitter.fire(undefined);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private handOut(nodes: Node[]): Node[] {
    for (const n of nodes) this.handedOut.add(n);
    return nodes;
  }
}

/** A registered view and its provider. */
export interface NodeView {
  provider: NodeTreeProvider;
  view: vscode.TreeView<Node>;
}

/** Registers the view `id` over Node objects; its roots come from `roots`, asked when it first shows and after each full redraw. */
export function createNodeView(id: string, roots: () => Promise<Node[]>): NodeView {
  const provider = new NodeTreeProvider(roots);
  return { provider, view: vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true }) };
}
