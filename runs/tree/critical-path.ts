/**
 * The critical path of a trace: the chain of spans that determined its end-to-end duration
 * (Jaeger's definition). Start from the root that ended last; walking back in time from a span's
 * end, the child that finished last blocked it; before that child started, the child that finished
 * last before that start; and so on, recursively into each chosen child. A child still running
 * after its parent ended is clipped to the parent's end; a child that ends after the cursor
 * overlapped the one already chosen, so it did not block.
 *
 * Clock granularity: OpenTelemetry JS stamps a span's start with `Date.now()` (whole milliseconds) and
 * measures its duration precisely, so a child that started right after its sibling ended can appear to
 * start up to 1 ms before that end, and even end before it. So when the chosen child's start is a whole
 * millisecond, a sibling ending less than 1 ms after that start (and starting earlier) is taken as
 * sequential, not as overlapping (also when it is recorded as starting in the same millisecond); and
 * among children whose ends lie within that 1 ms of each other, the one that started last is taken as
 * the one that finished last. The parent's end is shifted the same way, so its last child may seem to
 * start up to 1 ms after it ended. Sub-millisecond children that really ran concurrently within one
 * millisecond cannot be told apart from sequential ones and are all marked.
 *
 * {@link criticalChildren} is the step for one span, so views can extend the path lazily, only
 * under the spans they show; {@link criticalPath} applies it to the whole trace (iteratively).
 */
import type { SpanRecord } from '../store/model';
import type { TraceIndex } from '../store/trace-index';

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
  const taken = new Uint8Array(byEnd.length);
  const chosen: CriticalStep[] = [];
  let cursor = Math.min(span.endTimeMs, bound);
  // The parent's own whole-ms start shifts its recorded end early too: its last child may seem to
  // start (and end) up to 1 ms after it.
  let slack = startSlackMs(span);
  let lead = slack;
  // With a whole-ms cursor, a child recorded as starting in that same millisecond may still have run
  // before it (sub-millisecond steps); sequential is the likelier reading.
  const blocks = (child: SpanRecord): boolean => Math.min(child.endTimeMs, span.endTimeMs) <= cursor + slack && (child.startTimeMs < cursor + lead || (slack > 0 && child.startTimeMs === cursor));
  // Children before `first` can never block again: the cursor only moves back in time.
  for (let first = 0; first < byEnd.length; first++) {
    const head = byEnd[first] as SpanRecord;
    if (taken[first] === 1 || !blocks(head)) continue;
    const best = latestStarterAmongTies(byEnd, taken, first, blocks);
    const child = byEnd[best] as SpanRecord;
    taken[best] = 1;
    chosen.push({ span: child, bound: cursor + lead });
    cursor = child.startTimeMs;
    slack = startSlackMs(child);
    lead = 0;
    if (cursor < span.startTimeMs || (cursor === span.startTimeMs && slack === 0)) break;
    if (best !== first) first--; // the head is still a candidate
  }
  return chosen;
}

/**
 * Among blocking children whose recorded ends are within clock granularity of the head's (index
 * `first`), the one that started last: with whole-millisecond starts, recorded end order is not
 * reliable, but start order of sequential siblings is.
 */
function latestStarterAmongTies(byEnd: readonly SpanRecord[], taken: Uint8Array, first: number, blocks: (child: SpanRecord) => boolean): number {
  let best = first;
  const head = byEnd[first] as SpanRecord;
  for (let j = first + 1; j < byEnd.length; j++) {
    const other = byEnd[j] as SpanRecord;
    if (other.endTimeMs < head.endTimeMs - startSlackMs(other)) {
      if (other.endTimeMs < head.endTimeMs - 1) break;
      continue;
    }
    if (taken[j] === 0 && other.startTimeMs > (byEnd[best] as SpanRecord).startTimeMs && blocks(other)) best = j;
  }
  return best;
}

/** How far before its recorded start a span may really have started: 1 ms for whole-millisecond starts. */
function startSlackMs(span: SpanRecord): number {
  // From the exact nanoseconds: the millisecond double of an epoch time is not exact.
  return span.startTimeUnixNano % NANOS_PER_MS === 0n ? 1 : 0;
}

const NANOS_PER_MS = 1_000_000n;

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
