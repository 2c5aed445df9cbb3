/**
 * The critical path of a whole trace over numeric columns: the same definition and clock-granularity
 * rules as critical-path.ts (see there), for views that need every span's mark at once. Reading span
 * getters and id strings per comparison costs about 5 µs a span; on columns a 100,000-span trace
 * takes a few milliseconds. A test checks both give the same spans on random traces.
 */

import type { SpanRecord } from '../store/model';
import type { TraceIndex } from '../store/trace-index';

/** A trace as columns indexed by span (any fixed order, e.g. arrival). */
export interface SpanColumns {
  /** Epoch ms, as `span.startTimeMs` / `span.endTimeMs` (the same doubles, so ties compare alike). */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** 1 when the start is a whole millisecond (`startTimeUnixNano % 1e6 === 0`): it may be up to 1 ms early. */
  readonly wholeMs: Uint8Array;
  /** Children of span i: `children[childStart[i] .. childStart[i + 1])`, in arrival order. */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /** Top-level spans, in arrival order. */
  readonly roots: Int32Array;
}

const NANOS_PER_MS = 1_000_000n;

/**
 * Times and structure of a trace's spans as columns, in arrival order (index = position in
 * `trace.spans()`), nested as `trace.parentOf` nests them. `parent[i]` is -1 for top-level spans.
 */
export function spanColumns(trace: TraceIndex, spans: readonly SpanRecord[] = trace.spans()): SpanColumns & { readonly parent: Int32Array } {
  const n = spans.length;
  const indexOf = new Map<SpanRecord, number>();
  for (let i = 0; i < n; i++) indexOf.set(spans[i] as SpanRecord, i);
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const wholeMs = new Uint8Array(n);
  const parent = new Int32Array(n);
  const childCount = new Int32Array(n + 1);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const span = spans[i] as SpanRecord;
    start[i] = span.startTimeMs;
    end[i] = span.endTimeMs;
    wholeMs[i] = span.startTimeUnixNano % NANOS_PER_MS === 0n ? 1 : 0;
    const p = trace.parentOf(span);
    const pi = p === undefined ? -1 : (indexOf.get(p) ?? -1);
    parent[i] = pi;
    if (pi < 0) roots.push(i);
    else childCount[pi + 1] = (childCount[pi + 1] as number) + 1;
  }
  // Children lists as one array with offsets (arrival order within each list).
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childStart[i + 1] = (childStart[i] as number) + (childCount[i + 1] as number);
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n - roots.length);
  for (let i = 0; i < n; i++) {
    const p = parent[i] as number;
    if (p < 0) continue;
    const at = fill[p] as number;
    children[at] = i;
    fill[p] = at + 1;
  }
  return { start, end, wholeMs, childStart, children, roots: Int32Array.from(roots), parent };
}

/** 1 for each span on the critical path. */
export function criticalColumns(c: SpanColumns): Uint8Array {
  const onPath = new Uint8Array(c.start.length);
  let root = -1;
  for (const r of c.roots) {
    if (root < 0 || (c.end[r] as number) > (c.end[root] as number) || (c.end[r] === c.end[root] && (c.start[r] as number) < (c.start[root] as number))) root = r;
  }
  if (root < 0) return onPath;
  const spans = [root];
  const bounds = [c.end[root] as number];
  while (spans.length > 0) {
    const span = spans.pop() as number;
    const bound = bounds.pop() as number;
    if (onPath[span] === 1) continue;
    onPath[span] = 1;
    criticalSteps(c, span, bound, spans, bounds);
  }
  return onPath;
}

/** Pushes the children of `span` on the path (given its bound) with their bounds. */
function criticalSteps(c: SpanColumns, span: number, bound: number, spans: number[], bounds: number[]): void {
  const from = c.childStart[span] as number;
  const to = c.childStart[span + 1] as number;
  if (from === to) return;
  const { start, end } = c;
  // Latest end first; the sort is stable, so equal ends keep arrival order (as in critical-path.ts).
  const byEnd = Array.from(c.children.subarray(from, to)).sort((a, b) => (end[b] as number) - (end[a] as number));
  const taken = new Uint8Array(byEnd.length);
  const spanEnd = end[span] as number;
  const spanStart = start[span] as number;
  let cursor = Math.min(spanEnd, bound);
  let slack = c.wholeMs[span] as number;
  let lead = slack;
  const blocks = (child: number): boolean => Math.min(end[child] as number, spanEnd) <= cursor + slack && ((start[child] as number) < cursor + lead || (slack > 0 && start[child] === cursor));
  for (let first = 0; first < byEnd.length; first++) {
    if (taken[first] === 1 || !blocks(byEnd[first] as number)) continue;
    const best = latestStarter(c, byEnd, taken, first, blocks);
    const child = byEnd[best] as number;
    taken[best] = 1;
    spans.push(child);
    bounds.push(cursor + lead);
    cursor = start[child] as number;
    slack = c.wholeMs[child] as number;
    lead = 0;
    if (cursor < spanStart || (cursor === spanStart && slack === 0)) break;
    if (best !== first) first--;
  }
}

/** Among blocking children ending within clock granularity of the head's end, the one that started last. */
function latestStarter(c: SpanColumns, byEnd: readonly number[], taken: Uint8Array, first: number, blocks: (child: number) => boolean): number {
  const { start, end } = c;
  let best = first;
  const headEnd = end[byEnd[first] as number] as number;
  for (let j = first + 1; j < byEnd.length; j++) {
    const other = byEnd[j] as number;
    const otherEnd = end[other] as number;
    if (otherEnd < headEnd - (c.wholeMs[other] as number)) {
      if (otherEnd < headEnd - 1) break;
      continue;
    }
    if (taken[j] === 0 && (start[other] as number) > (start[byEnd[best] as number] as number) && blocks(other)) best = j;
  }
  return best;
}
