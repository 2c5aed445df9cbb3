import * as vscode from 'vscode';
import { formatDuration } from '../../../runs/tree/format';
import type { Run, SpanFilter, SpanSort, TreeNode } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { filterSummary, parseDurationMs, queryProblem } from './duration-input';
import { revealSource } from './reveal-source';
import { SpanTreeProvider } from './span-tree-provider';

export const SPANS_VIEW_ID = 'statscope.spans';

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  filterActive: 'statscope.spans.filterActive',
  errorsOnly: 'statscope.spans.errorsOnly',
  sort: 'statscope.spans.sort',
  hasRuns: 'statscope.hasRuns',
} as const;

/**
 * The Spans view: the tree, its filter and sort actions (with `when` contexts so the toolbar shows
 * that a filter is on), and the span actions of its context menu.
 */
export class SpansView implements vscode.Disposable {
  readonly provider: SpanTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: RunsHost) {
    this.provider = new SpanTreeProvider(host);
    this.view = vscode.window.createTreeView(SPANS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.provider,
      this.view,
      host.onDidChange(() => this.updateContext()),
      // Editor hints and live checks follow the run of the selected node.
      this.view.onDidChangeSelection((e) => {
        const node = e.selection[0];
        if (node !== undefined && node.kind !== 'more') host.selectRun(node.run.id);
      }),
    );
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sort, 'start');
  }

  /** The filter in effect (empty before the store exists). */
  get filter(): SpanFilter {
    return this.host.tree?.filter ?? {};
  }

  /** Asks for (or takes) the text filter; empty text removes it. */
  async filterText(text?: unknown): Promise<void> {
    const value =
      typeof text === 'string'
        ? text
        : await vscode.window.showInputBox({
            title: 'Filter Spans',
            prompt: 'Words in the name, key=value (attributes, service.name=…), status=error, >10ms, 10ms..50ms (empty: no filter)',
            placeHolder: 'http.route=/predict status=error >10ms',
            value: this.filter.text ?? '',
            validateInput: (t) => queryProblem(t),
          });
    if (value === undefined) return;
    await this.setFilter({ ...this.filter, text: value.trim() });
  }

  /** Toggles "errors only" (or sets it when a boolean is passed). */
  async toggleErrorsOnly(value?: unknown): Promise<void> {
    await this.setFilter({ ...this.filter, errorsOnly: typeof value === 'boolean' ? value : this.filter.errorsOnly !== true });
  }

  /** Asks for (or takes, in ms) the minimum duration; 0 removes it. */
  async filterSlowerThan(value?: unknown): Promise<void> {
    let ms = typeof value === 'number' ? value : undefined;
    if (ms === undefined) {
      const current = this.filter.minDurationMs;
      const text = await vscode.window.showInputBox({
        title: 'Show Spans Slower Than…',
        prompt: 'A duration such as 50ms, 1.5s or 250us (empty or 0: no limit)',
        value: current === undefined || current === 0 ? '' : `${current}ms`,
        validateInput: (t) => (parseDurationMs(t) === undefined ? 'Not a duration: try 50ms, 1.5s or 250us' : undefined),
      });
      if (text === undefined) return;
      ms = parseDurationMs(text);
    }
    if (ms === undefined || !(ms >= 0)) return;
    await this.setFilter({ ...this.filter, minDurationMs: ms });
  }

  async clearFilter(): Promise<void> {
    await this.setFilter({});
  }

  async sortBy(sort: SpanSort): Promise<void> {
    const { tree } = await this.host.load();
    tree.setSort(sort);
    this.updateContext();
  }

  showMore(node: unknown): void {
    if (isNode(node) && node.kind === 'more') this.host.tree?.showMore(node);
  }

  /** Opens the source line of a span node. */
  async revealSource(node: unknown): Promise<vscode.TextEditor | undefined> {
    if (!isNode(node) || node.kind !== 'span' || node.span.code === undefined) {
      void vscode.window.setStatusBarMessage('Statscope: this span has no source location.', 3000);
      return undefined;
    }
    return revealSource(node.span.code);
  }

  /** Copies the trace id of a trace or span node (or the selected node). */
  async copyTraceId(node: unknown): Promise<string | undefined> {
    const target = isNode(node) ? node : this.view.selection[0];
    const id = target?.kind === 'span' ? target.span.traceId : target?.kind === 'trace' ? target.trace.traceId : undefined;
    if (id === undefined) return undefined;
    await vscode.env.clipboard.writeText(id);
    void vscode.window.setStatusBarMessage(`Statscope: copied trace id ${id}`, 3000);
    return id;
  }

  async copySpanId(node: unknown): Promise<string | undefined> {
    const target = isNode(node) ? node : this.view.selection[0];
    if (target?.kind !== 'span') return undefined;
    await vscode.env.clipboard.writeText(target.span.spanId);
    void vscode.window.setStatusBarMessage(`Statscope: copied span id ${target.span.spanId}`, 3000);
    return target.span.spanId;
  }

  /**
   * Selects a span in the tree (its trace expanded) and opens its source line; false when the run or
   * the span is not in the store.
   */
  async revealSpan(target: { readonly runId: string; readonly traceId: string; readonly spanId: string }): Promise<boolean> {
    const { tree } = await this.host.load();
    const run = this.host.getRun(target.runId);
    const span = run?.span(target.traceId, target.spanId);
    if (run === undefined || span === undefined) return false;
    const node = tree.nodeOfSpan(run, target.traceId, target.spanId);
    if (node !== undefined) {
      try {
        await this.view.reveal(node, { select: true, focus: false, expand: true });
      } catch {
        // The view may be hidden in a closed container; the source still opens.
      }
    }
    if (span.code !== undefined) await revealSource(span.code);
    return true;
  }

  /** Shows a run in the tree (expanded, not focused). */
  async revealRun(run: Run): Promise<void> {
    const node = this.host.tree?.find(run.id);
    if (node === undefined) return;
    try {
      await this.view.reveal(node, { select: false, focus: false, expand: true });
    } catch {
      // The view may be hidden in a closed container; the run is still in the tree.
    }
  }

  /** Removes a run (node or id) from the store; editor hints and panels follow the store. */
  closeRun(node: unknown): void {
    const id = typeof node === 'string' ? node : isNode(node) && node.kind === 'run' ? node.run.id : undefined;
    if (id !== undefined) this.host.store?.removeRun(id);
    this.host.store?.flushNotifications();
  }

  clearRuns(): void {
    this.host.store?.clear();
    this.host.store?.flushNotifications();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private async setFilter(filter: SpanFilter): Promise<void> {
    const { tree } = await this.host.load();
    tree.setFilter(filter);
    this.updateContext();
  }

  private updateContext(): void {
    const tree = this.host.tree;
    const filter = tree?.filter ?? {};
    const summary = filterSummary(filter, formatDuration);
    this.view.message = summary ?? '';
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.filterActive, summary !== undefined);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.errorsOnly, filter.errorsOnly === true);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sort, tree?.sort ?? 'start');
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasRuns, this.host.runs().length > 0);
  }
}

/** Narrows a command argument to a tree node (menus pass the node they were opened on). */
export function isNode(value: unknown): value is TreeNode {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (kind === 'run' || kind === 'trace' || kind === 'span' || kind === 'more') && typeof (value as { id?: unknown }).id === 'string';
}
