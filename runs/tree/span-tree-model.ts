/**
 * The plain model behind a span tree view: runs → traces → span hierarchy, with filtering, sorting,
 * critical-path marks and paging of long child lists. No `vscode` types: a `TreeDataProvider` maps
 * `roots()`/`children()`/`parent()` to `getChildren`/`getParent` and nodes to `TreeItem`s (use
 * `node.id` as `TreeItem.id` so expansion survives refreshes).
 *
 * Everything is lazy: `children()` of a node costs O(its children · log) after one O(spans) pass per
 * trace (visibility when a filter is active; critical path on first expansion); nothing is computed
 * for traces that are never expanded beyond their summary. Results are cached until the trace
 * receives spans or the filter/sort changes.
 */
import type { Disposable } from '../store/change-throttle';
import { criticalChildren, criticalRoot } from './critical-path';
import type { SpanRecord } from '../store/model';
import type { Run } from '../store/run';
import type { RunStore } from '../store/run-store';
import { isFilterActive, spanMatcher, traceVisibility } from './span-filter';
import type { SpanFilter, TraceVisibility } from './span-filter';
import type { TraceIndex } from '../store/trace-index';

/** `start`: earliest first; `duration`: longest first. */
export type SpanSort = 'start' | 'duration';

export interface SpanTreeOptions {
  readonly filter?: SpanFilter;
  readonly sort?: SpanSort;
  /** Children shown per page before a "more" node. Default 500. */
  readonly pageSize?: number;
}

export interface RunTreeNode {
  readonly kind: 'run';
  readonly id: string;
  readonly run: Run;
}

export interface TraceTreeNode {
  readonly kind: 'trace';
  readonly id: string;
  readonly run: Run;
  readonly trace: TraceIndex;
  /** The root span's name, or the trace id when no root arrived yet. */
  readonly name: string;
  readonly rootSpan: SpanRecord | undefined;
  readonly durationMs: number;
  readonly spanCount: number;
  readonly errorCount: number;
}

export interface SpanTreeNode {
  readonly kind: 'span';
  readonly id: string;
  readonly run: Run;
  readonly trace: TraceIndex;
  readonly span: SpanRecord;
  /** False when the span is shown only because a descendant matches the filter. */
  readonly isMatch: boolean;
  readonly isOnCriticalPath: boolean;
  readonly hasChildren: boolean;
}

/** Stands for the children not shown yet; pass it to {@link SpanTreeModel.showMore}. */
export interface MoreTreeNode {
  readonly kind: 'more';
  readonly id: string;
  readonly parentId: string;
  readonly remaining: number;
}

export type TreeNode = RunTreeNode | TraceTreeNode | SpanTreeNode | MoreTreeNode;

/** Per-trace derived data, valid for one trace version and one filter/sort generation. */
interface TraceView {
  readonly version: number;
  readonly generation: number;
  visibility: TraceVisibility | undefined;
  /** Critical-path spans found so far → their bound; extended lazily under the spans shown. */
  critical: Map<string, number> | undefined;
  /** Spans whose children were already checked for the critical path. */
  readonly extended: Set<string>;
  /** Filtered, sorted children per parent span id ('' for the trace's top level). */
  readonly sorted: Map<string, SpanRecord[]>;
}

const SEP = '/';

/** A list whose nodes are only created for the slice asked for. */
interface LazyList<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

export class SpanTreeModel {
  private filterValue: SpanFilter;
  private sortValue: SpanSort;
  private readonly pageSize: number;
  private matcher: ((span: SpanRecord) => boolean) | undefined;
  private generation = 0;
  private readonly views = new WeakMap<TraceIndex, TraceView>();
  private readonly pages = new Map<string, number>();
  private readonly listeners = new Set<(node: TreeNode | undefined) => void>();
  private readonly subscription: Disposable;

  constructor(
    private readonly store: RunStore,
    options: SpanTreeOptions = {},
  ) {
    this.filterValue = options.filter ?? {};
    this.sortValue = options.sort ?? 'start';
    this.pageSize = Math.max(1, options.pageSize ?? 500);
    this.matcher = isFilterActive(this.filterValue) ? spanMatcher(this.filterValue) : undefined;
    // Metrics and logs do not change the tree; spans, run state and the set of runs do.
    this.subscription = store.onDidChange((e) => {
      if (e.runsChanged || [...e.runs.values()].some((kinds) => kinds.has('spans') || kinds.has('state'))) this.fire(undefined);
    });
  }

  get filter(): SpanFilter {
    return this.filterValue;
  }

  get sort(): SpanSort {
    return this.sortValue;
  }

  setFilter(filter: SpanFilter): void {
    this.filterValue = filter;
    this.matcher = isFilterActive(filter) ? spanMatcher(filter) : undefined;
    this.invalidate();
  }

  setSort(sort: SpanSort): void {
    if (sort === this.sortValue) return;
    this.sortValue = sort;
    this.invalidate();
  }

  /** Fires with the node whose subtree changed, or undefined for the whole tree. */
  onDidChange(listener: (node: TreeNode | undefined) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Runs, newest first. */
  roots(): readonly RunTreeNode[] {
    return this.store
      .runs()
      .slice()
      .reverse()
      .map((run) => ({ kind: 'run', id: run.id, run }));
  }

  children(node: TreeNode): readonly TreeNode[] {
    switch (node.kind) {
      case 'run':
        return this.page(node.id, this.traceNodes(node.run));
      case 'trace':
        return this.page(node.id, this.spanNodes(node.run, node.trace, '', node.trace.roots()));
      case 'span':
        return this.page(node.id, this.spanNodes(node.run, node.trace, node.span.spanId, node.trace.children(node.span.spanId)));
      case 'more':
        return [];
    }
  }

  /** The parent node (for `TreeDataProvider.getParent`/reveal); undefined for runs and unknown nodes. */
  parent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'run':
        return undefined;
      case 'trace':
        return this.runNode(node.run);
      case 'span': {
        const parent = node.trace.parentOf(node.span);
        return parent === undefined ? this.traceNode(node.run, node.trace) : this.spanNode(node.run, node.trace, parent);
      }
      case 'more':
        return this.find(node.parentId);
    }
  }

  /** Finds a node by id (`run`, `run/trace`, `run/trace/span`). */
  find(id: string): TreeNode | undefined {
    const [runId, traceId, spanId] = id.split(SEP);
    const run = runId === undefined ? undefined : this.store.getRun(runId);
    if (run === undefined) return undefined;
    if (traceId === undefined) return this.runNode(run);
    const trace = run.trace(traceId);
    if (trace === undefined) return undefined;
    if (spanId === undefined) return this.traceNode(run, trace);
    const span = trace.span(spanId);
    return span === undefined ? undefined : this.spanNode(run, trace, span);
  }

  /** The node of a span, e.g. to reveal it from an editor position. */
  nodeOfSpan(run: Run, traceId: string, spanId: string): SpanTreeNode | undefined {
    const trace = run.trace(traceId);
    const span = trace?.span(spanId);
    return trace === undefined || span === undefined ? undefined : this.spanNode(run, trace, span);
  }

  /** Shows the next page of the parent's children. */
  showMore(node: MoreTreeNode): void {
    this.pages.set(node.parentId, (this.pages.get(node.parentId) ?? this.pageSize) + this.pageSize);
    this.fire(this.find(node.parentId));
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private invalidate(): void {
    this.generation++;
    this.pages.clear();
    this.fire(undefined);
  }

  private fire(node: TreeNode | undefined): void {
    for (const listener of [...this.listeners]) listener(node);
  }

  private runNode(run: Run): RunTreeNode {
    return { kind: 'run', id: run.id, run };
  }

  private traceNode(run: Run, trace: TraceIndex): TraceTreeNode {
    const root = trace.rootSpan();
    return {
      kind: 'trace',
      id: `${run.id}${SEP}${trace.traceId}`,
      run,
      trace,
      name: root?.name ?? trace.traceId,
      rootSpan: root,
      durationMs: trace.durationMs,
      spanCount: trace.size,
      errorCount: trace.errorCount,
    };
  }

  private spanNode(run: Run, trace: TraceIndex, span: SpanRecord): SpanTreeNode {
    const view = this.view(trace);
    const children = trace.children(span.spanId);
    const visible = view.visibility?.visible;
    return {
      kind: 'span',
      id: `${run.id}${SEP}${trace.traceId}${SEP}${span.spanId}`,
      run,
      trace,
      span,
      isMatch: view.visibility === undefined || view.visibility.matches.has(span.spanId),
      isOnCriticalPath: this.isCritical(trace, view, span),
      hasChildren: visible === undefined ? children.length > 0 : children.some((c) => visible.has(c.spanId)),
    };
  }

  private view(trace: TraceIndex): TraceView {
    let view = this.views.get(trace);
    if (view === undefined || view.version !== trace.changeCount || view.generation !== this.generation) {
      view = { version: trace.changeCount, generation: this.generation, visibility: undefined, critical: undefined, extended: new Set(), sorted: new Map() };
      if (this.matcher !== undefined) view.visibility = traceVisibility(trace, this.matcher);
      this.views.set(trace, view);
    }
    return view;
  }

  /**
   * Whether a span is on the critical path, extending the path lazily from the root down through
   * its ancestors only (so expanding one branch of a huge trace never walks the whole trace).
   */
  private isCritical(trace: TraceIndex, view: TraceView, span: SpanRecord): boolean {
    if (view.critical === undefined) {
      view.critical = new Map();
      const root = criticalRoot(trace);
      if (root !== undefined) view.critical.set(root.span.spanId, root.bound);
    }
    const critical = view.critical;
    if (critical.has(span.spanId)) return true;
    const ancestors: SpanRecord[] = [];
    for (let p = trace.parentOf(span); p !== undefined; p = trace.parentOf(p)) ancestors.push(p);
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const ancestor = ancestors[i] as SpanRecord;
      const bound = critical.get(ancestor.spanId);
      if (bound === undefined) return false;
      if (!view.extended.has(ancestor.spanId)) {
        view.extended.add(ancestor.spanId);
        for (const step of criticalChildren(trace, { span: ancestor, bound })) critical.set(step.span.spanId, step.bound);
      }
    }
    return critical.has(span.spanId);
  }

  /** Filtered, sorted traces; nodes are built only for the page shown. */
  private traceNodes(run: Run): LazyList<TraceTreeNode> {
    let traces = run.traces();
    if (this.matcher !== undefined) traces = traces.filter((t) => (this.view(t).visibility?.matches.size ?? 0) > 0);
    const sorted = this.sortValue === 'start' ? traces.slice().sort((a, b) => a.startTimeMs - b.startTimeMs) : traces.slice().sort((a, b) => b.durationMs - a.durationMs);
    return { length: sorted.length, slice: (start, end) => sorted.slice(start, end).map((trace) => this.traceNode(run, trace)) };
  }

  /** Sorted, filtered span records; nodes are built only for the page shown. */
  /** Sorted, filtered span records (cached per trace version and filter/sort); nodes are built only for the page shown. */
  private spanNodes(run: Run, trace: TraceIndex, parentKey: string, spans: readonly SpanRecord[]): LazyList<SpanTreeNode> {
    const view = this.view(trace);
    let shown = view.sorted.get(parentKey);
    if (shown === undefined) {
      const visible = view.visibility?.visible;
      const list = visible === undefined ? spans.slice() : spans.filter((s) => visible.has(s.spanId));
      if (this.sortValue === 'start') list.sort((a, b) => a.startTimeMs - b.startTimeMs || b.durationMs - a.durationMs);
      else list.sort((a, b) => b.durationMs - a.durationMs || a.startTimeMs - b.startTimeMs);
      view.sorted.set(parentKey, list);
      shown = list;
    }
    const sorted = shown;
    return { length: sorted.length, slice: (start, end) => sorted.slice(start, end).map((span) => this.spanNode(run, trace, span)) };
  }

  private page<T extends TreeNode>(parentId: string, items: LazyList<T>): TreeNode[] {
    const limit = this.pages.get(parentId) ?? this.pageSize;
    if (items.length <= limit) return items.slice(0, items.length);
    const more: MoreTreeNode = { kind: 'more', id: `${parentId}${SEP}more`, parentId, remaining: items.length - limit };
    return [...items.slice(0, limit), more];
  }
}
