// One TreeDataProvider over Node objects: each node makes its own item and children.
// `redraw` asks VS Code to show a node (or the whole view) again from what the nodes hold.
import * as vscode from 'vscode';
import type { Node } from './node';
import { CategoryNode } from './categoryNode';

export class NodeTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: Promise<Node[]> | undefined;

  constructor(private readonly loadRoots: () => Promise<Node[]>) {}

  getTreeItem(node: Node): vscode.TreeItem {
    return node.treeItem();
  }

  getChildren(node?: Node): Promise<Node[]> {
    // A category that loaded on its own expansion (a lazy one) is drawn again: its description was drawn before it loaded.
    if (node) return node.children().then((kids) => (node instanceof CategoryNode && node.takeLateLoad() && this.emitter.fire(node), kids));
    this.roots ??= this.loadRoots();
    return this.roots;
  }

  getParent(node: Node): Node | undefined {
    return node.parent;
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
}
