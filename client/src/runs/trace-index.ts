/**
 * All spans of one trace, indexed by span id and by parent id, so a tree of any size is built
 * lazily: `children(id)` is one map lookup, never a scan. Roots are computed on demand and cached
 * until the next span arrives. Broken input cannot make the tree infinite: spans whose parent is
 * missing become roots (orphans), and parent cycles are broken by promoting one member to a root.
 */
import type { SpanRecord } from './model';

const NONE: readonly SpanRecord[] = Object.freeze([]);

export class TraceIndex {
  private readonly list: SpanRecord[] = [];
  /** Span id → index in `list` (lets traversals mark visits in a typed array instead of a Set). */
  private readonly byId = new Map<string, number>();
  private readonly byParent = new Map<string, SpanRecord[]>();
  private cache: { version: number; roots: readonly SpanRecord[]; forced: ReadonlySet<string> } | undefined;
  private version = 0;
  /**
   * Union-find over span indices, linking each span with its parent as both arrive: linking two
   * spans already in one set means a parent cycle. Without one (the normal case) the roots are
   * simply the spans without a present parent, and no traversal is needed.
   */
  private sets = new Int32Array(64);
  private hasCycle = false;
  /** Earliest start among the spans, epoch ms. */
  startTimeMs = Infinity;
  /** Latest end among the spans, epoch ms. */
  endTimeMs = -Infinity;
  errorCount = 0;
  unendedCount = 0;

  constructor(readonly traceId: string) {}

  /** Number of spans. */
  get size(): number {
    return this.list.length;
  }

  /** Wall-clock extent of the trace in ms (0 when empty). */
  get durationMs(): number {
    return this.list.length === 0 ? 0 : this.endTimeMs - this.startTimeMs;
  }

  /** Increases each time a span is added; lets views cache derived data. */
  get changeCount(): number {
    return this.version;
  }

  /** Adds a span; returns false (and keeps the first) when the span id is already present. */
  add(span: SpanRecord): boolean {
    if (this.byId.has(span.spanId)) return false;
    const index = this.list.length;
    this.byId.set(span.spanId, index);
    this.list.push(span);
    this.link(span, index);
    if (span.parentSpanId !== undefined) {
      const siblings = this.byParent.get(span.parentSpanId);
      if (siblings === undefined) this.byParent.set(span.parentSpanId, [span]);
      else siblings.push(span);
    }
    if (span.parentSpanId === undefined && (this.entry === undefined || isEarlier(span, this.entry))) this.entry = span;
    if (span.startTimeMs < this.startTimeMs) this.startTimeMs = span.startTimeMs;
    if (span.endTimeMs > this.endTimeMs) this.endTimeMs = span.endTimeMs;
    if (span.isError) this.errorCount++;
    if (span.isUnended) this.unendedCount++;
    this.version++;
    return true;
  }

  span(spanId: string): SpanRecord | undefined {
    const index = this.byId.get(spanId);
    return index === undefined ? undefined : this.list[index];
  }

  /** Every span, in arrival order. */
  spans(): readonly SpanRecord[] {
    return this.list;
  }

  /** Top-level spans: true roots, orphans (parent not received) and cycle breakers; arrival order. */
  roots(): readonly SpanRecord[] {
    return this.structure().roots;
  }

  /**
   * The trace's entry span: the earliest-starting span without a parent (kept up to date as spans
   * arrive, so this is O(1)); when that has not arrived, the earliest-starting top-level span.
   */
  rootSpan(): SpanRecord | undefined {
    if (this.entry !== undefined) return this.entry;
    let best: SpanRecord | undefined;
    for (const root of this.roots()) if (best === undefined || isEarlier(root, best)) best = root;
    return best;
  }

  private entry: SpanRecord | undefined;

  /** Direct children of a span, arrival order. O(1) unless the trace contains parent cycles. */
  children(spanId: string): readonly SpanRecord[] {
    const children = this.byParent.get(spanId);
    if (children === undefined || !this.byId.has(spanId)) return NONE;
    const forced = this.structure().forced;
    return forced.size === 0 ? children : children.filter((c) => !forced.has(c.spanId));
  }

  hasChildren(spanId: string): boolean {
    return this.children(spanId).length > 0;
  }

  /** The parent of a span as shown in the tree (undefined for roots). */
  parentOf(span: SpanRecord): SpanRecord | undefined {
    if (span.parentSpanId === undefined || this.structure().forced.has(span.spanId)) return undefined;
    return this.span(span.parentSpanId);
  }

  /** Joins the new span (at `index`) with its already-present children and its present parent. */
  private link(span: SpanRecord, index: number): void {
    if (index >= this.sets.length) {
      const grown = new Int32Array(this.sets.length * 2);
      grown.set(this.sets);
      this.sets = grown;
    }
    this.sets[index] = index;
    const children = this.byParent.get(span.spanId);
    if (children !== undefined) for (const child of children) this.union(this.byId.get(child.spanId) as number, index);
    const parent = span.parentSpanId;
    if (parent === undefined) return;
    if (parent === span.spanId) this.hasCycle = true;
    else {
      const parentIndex = this.byId.get(parent);
      if (parentIndex !== undefined) this.union(index, parentIndex);
    }
  }

  private find(i: number): number {
    const sets = this.sets;
    let x = i;
    while (sets[x] !== x) {
      const next = sets[x] as number;
      sets[x] = sets[next] as number; // path halving
      x = next;
    }
    return x;
  }

  private union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) this.hasCycle = true;
    else this.sets[ra] = rb;
  }

  private structure(): { roots: readonly SpanRecord[]; forced: ReadonlySet<string> } {
    if (this.cache?.version === this.version) return this.cache;
    const forced = new Set<string>();
    const roots: SpanRecord[] = [];
    for (const span of this.list) {
      const parent = span.parentSpanId;
      if (parent === undefined || !this.byId.has(parent)) roots.push(span);
      else if (parent === span.spanId) {
        roots.push(span);
        forced.add(span.spanId);
      }
    }
    // Rare: parent cycles (broken input). A traversal finds the spans they cut off.
    const seen = this.hasCycle ? new Uint8Array(this.list.length) : undefined;
    if (seen !== undefined && this.markReachable(roots, forced, seen) < this.list.length) {
      // Parent cycles: promote the first unreachable span of each cycle, in arrival order.
      for (let i = 0; i < this.list.length; i++) {
        if (seen[i] === 1) continue;
        const span = this.list[i] as SpanRecord;
        roots.push(span);
        forced.add(span.spanId);
        this.markReachable([span], forced, seen);
      }
    }
    this.cache = { version: this.version, roots, forced };
    return this.cache;
  }

  /**
   * Breadth-first marking of the spans reachable from `roots` in `seen` (by list index); returns
   * how many were newly marked. Iterative: deep chains cannot overflow the stack.
   */
  private markReachable(roots: readonly SpanRecord[], forced: ReadonlySet<string>, seen: Uint8Array): number {
    let marked = 0;
    const queue: SpanRecord[] = [];
    for (const root of roots) {
      const index = this.byId.get(root.spanId) as number;
      if (seen[index] === 1) continue;
      seen[index] = 1;
      marked++;
      queue.push(root);
    }
    for (let head = 0; head < queue.length; head++) {
      const children = this.byParent.get((queue[head] as SpanRecord).spanId);
      if (children === undefined) continue;
      for (const child of children) {
        const index = this.byId.get(child.spanId) as number;
        if (seen[index] === 1 || (forced.size > 0 && forced.has(child.spanId))) continue;
        seen[index] = 1;
        marked++;
        queue.push(child);
      }
    }
    return marked;
  }
}

/** Earlier start first; on equal starts, the longer span (the enclosing one). */
function isEarlier(a: SpanRecord, b: SpanRecord): boolean {
  return a.startTimeMs < b.startTimeMs || (a.startTimeMs === b.startTimeMs && a.durationMs > b.durationMs);
}
