/**
 * The critical path of a trace: the chain of spans that determined its end-to-end duration
 * (Jaeger's definition). Start from the root that ended last; walking back in time from a span's
 * end, the child that finished last blocked it; before that child started, the child that finished
 * last before that start; and so on, recursively into each chosen child. A child still running
 * after its parent ended is clipped to the parent's end; a child that ends after the cursor
 * overlapped the one already chosen, so it did not block.
 *
 * {@link criticalChildren} is the step for one span, so views can extend the path lazily, only
 * under the spans they show; {@link criticalPath} applies it to the whole trace (iteratively).
 */
import type { SpanRecord } from './model';
import type { TraceIndex } from './trace-index';

/** A span on the critical path and the time (epoch ms) up to which it is on it. */
export interface CriticalStep {
  readonly span: SpanRecord;
  readonly bound: number;
}

/** Where the path starts: the root that ended last (earliest start on ties). */
export function criticalRoot(trace: TraceIndex): CriticalStep | undefined {
  let root: SpanRecord | undefined;
  for (const candidate of trace.roots()) {
    if (root === undefined || candidate.endTimeMs > root.endTimeMs || (candidate.endTimeMs === root.endTimeMs && candidate.startTimeMs < root.startTimeMs)) root = candidate;
  }
  return root === undefined ? undefined : { span: root, bound: root.endTimeMs };
}

/** The children of a span on the critical path (given the span's own step), each with its bound. */
export function criticalChildren(trace: TraceIndex, step: CriticalStep): CriticalStep[] {
  const { span, bound } = step;
  const children = trace.children(span.spanId);
  if (children.length === 0) return [];
  const byEnd = children.slice().sort((a, b) => b.endTimeMs - a.endTimeMs);
  const chosen: CriticalStep[] = [];
  let cursor = Math.min(span.endTimeMs, bound);
  for (const child of byEnd) {
    if (Math.min(child.endTimeMs, span.endTimeMs) > cursor || child.startTimeMs >= cursor) continue;
    chosen.push({ span: child, bound: cursor });
    cursor = child.startTimeMs;
    if (cursor <= span.startTimeMs) break;
  }
  return chosen;
}

/** The span ids on the critical path of `trace` (empty for an empty trace). O(n log n). */
export function criticalPath(trace: TraceIndex): ReadonlySet<string> {
  const onPath = new Set<string>();
  const root = criticalRoot(trace);
  const stack: CriticalStep[] = root === undefined ? [] : [root];
  while (stack.length > 0) {
    const step = stack.pop() as CriticalStep;
    if (onPath.has(step.span.spanId)) continue;
    onPath.add(step.span.spanId);
    stack.push(...criticalChildren(trace, step));
  }
  return onPath;
}
