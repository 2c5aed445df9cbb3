import * as vscode from 'vscode';
import type { SpansModel, SpansTreeNode } from './spans-model';

export const SPANS_VIEW_ID = 'statscope.spans';

/** Tree data over the plain spans model; refreshes through one event emitter. */
export class SpansTreeProvider implements vscode.TreeDataProvider<SpansTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SpansTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: SpansModel) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: SpansTreeNode): SpansTreeNode[] {
    return [...(node ? this.model.childrenOf(node) : this.model.roots)];
  }

  getTreeItem(node: SpansTreeNode): vscode.TreeItem {
    const collapsible = this.model.childrenOf(node).length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'run':
        return new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      case 'trace':
        return new vscode.TreeItem(`trace ${node.traceId.slice(0, 8)}`, collapsible);
      case 'span': {
        const item = new vscode.TreeItem(node.name, collapsible);
        item.description = `${node.durationMs.toFixed(1)} ms`;
        item.iconPath = new vscode.ThemeIcon(node.isError ? 'error' : 'pulse');
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Registers the Spans view; the caller owns the returned disposables. */
export function registerSpansView(model: SpansModel): { view: vscode.TreeView<SpansTreeNode>; disposables: vscode.Disposable[] } {
  const provider = new SpansTreeProvider(model);
  const view = vscode.window.createTreeView(SPANS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  return { view, disposables: [provider, view] };
}
