import * as vscode from 'vscode';
import type { TreeNode } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { describeNode } from './span-tree-items';
import type { NodeView } from './span-tree-items';

const COLLAPSIBLE: Readonly<Record<NodeView['collapsible'], vscode.TreeItemCollapsibleState>> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/**
 * Tree data over the runs module's {@link SpanTreeModel} (lazy children, pages of 500, filter, sort,
 * critical path). Empty until the run store exists. Refreshes through one emitter: the model fires
 * on store changes (throttled) and on filter/sort changes; the whole tree is refreshed then, and
 * `TreeItem.id` (the node id) keeps expansion and selection.
 */
export class SpanTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private isSubscribed = false;

  constructor(private readonly host: RunsHost) {
    this.subscriptions.push(host.onDidChange(() => this.subscribeOnce()));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const tree = this.host.tree;
    if (tree === undefined) return [];
    return [...(node === undefined ? tree.roots() : tree.children(node))];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.host.tree?.parent(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, describeNode(node));
  }

  /** Refreshes the whole tree. */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }

  private subscribeOnce(): void {
    const tree = this.host.tree;
    if (this.isSubscribed || tree === undefined) return;
    this.isSubscribed = true;
    // The model fires with a subtree node or undefined; node objects are rebuilt per call, so
    // refresh from the root and let the ids match the items.
    const subscription = tree.onDidChange(() => this.refresh());
    this.subscriptions.push(new vscode.Disposable(() => subscription.dispose()));
    this.refresh();
  }
}

function toTreeItem(node: TreeNode, view: NodeView): vscode.TreeItem {
  const label: vscode.TreeItemLabel = { label: view.label, ...(view.isHighlighted ? { highlights: [[0, view.label.length]] } : {}) };
  const item = new vscode.TreeItem(label, COLLAPSIBLE[view.collapsible]);
  item.id = node.id;
  item.description = view.description;
  item.tooltip = view.tooltip;
  item.iconPath = view.icon.color === undefined ? new vscode.ThemeIcon(view.icon.id) : new vscode.ThemeIcon(view.icon.id, new vscode.ThemeColor(view.icon.color));
  item.contextValue = view.contextValue;
  if (view.command !== undefined) item.command = { command: view.command.id, title: view.command.title, arguments: [node] };
  return item;
}
