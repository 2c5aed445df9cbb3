/**
 * Maps one trace to the Trace timeline's columns (pure): rows in tree order (depth first, siblings
 * by start time, as the Spans view nests them: `trace.parentOf`), offsets from the trace start, flags
 * (error, critical path, unended, has source), event times, and one deduplicated string table.
 * Spans are accessor objects: each field is read once per span into a column, and the structure and
 * the critical path are computed on numbers (100,000 spans: see client/bench/timeline.bench.ts).
 * The span of each row is returned beside the columns so a row index from the webview finds it again.
 */
import { ROW_CRITICAL, ROW_ERROR, ROW_HAS_SOURCE, ROW_UNENDED } from '../../../protocol/webview';
import type { TimelineData } from '../../../protocol/webview';
import { StringTableBuilder } from '../../../protocol/timeline-view';
import { criticalColumns, spanColumns } from '../../../runs/tree/critical-path-columns';
import type { SpanColumns } from '../../../runs/tree/critical-path-columns';
import type { SpanRecord, TraceIndex } from '../../../runs/index';

export interface TimelineBuild {
  readonly data: TimelineData;
  /** The span of each row. */
  readonly spans: readonly SpanRecord[];
}

export interface TimelineBuildOptions {
  readonly runId: string;
  readonly version: number;
}

/** Arrival indices in tree order, and each row's parent row. Siblings by start (ties: arrival order). */
function treeOrder(c: SpanColumns): { order: Int32Array; parentRow: Int32Array } {
  const n = c.start.length;
  const order = new Int32Array(n);
  const parentRow = new Int32Array(n);
  const rowOf = new Int32Array(n);
  const seen = new Uint8Array(n);
  const byStart = (a: number, b: number): number => (c.start[a] as number) - (c.start[b] as number);
  const stack = Array.from(c.roots).sort(byStart).reverse();
  const stackParent: number[] = stack.map(() => -1);
  let row = 0;
  // Spans unreachable from a root (a parent cycle the index did not break) are appended as roots.
  for (let next = 0; stack.length > 0 || next < n; ) {
    if (stack.length === 0) {
      if (seen[next] === 0) {
        stack.push(next);
        stackParent.push(-1);
      }
      next++;
      continue;
    }
    const i = stack.pop() as number;
    const p = stackParent.pop() as number;
    if (seen[i] === 1) continue;
    seen[i] = 1;
    order[row] = i;
    parentRow[row] = p;
    rowOf[i] = row;
    const from = c.childStart[i] as number;
    const to = c.childStart[i + 1] as number;
    if (to > from) {
      const kids = to - from === 1 ? [c.children[from] as number] : Array.from(c.children.subarray(from, to)).sort(byStart);
      for (let k = kids.length - 1; k >= 0; k--) {
        stack.push(kids[k] as number);
        stackParent.push(row);
      }
    }
    row++;
  }
  return { order, parentRow };
}

/** Builds the columns of `trace`. */
export function buildTimeline(trace: TraceIndex, options: TimelineBuildOptions): TimelineBuild {
  const arrival = trace.spans();
  const columns = spanColumns(trace, arrival);
  const critical = criticalColumns(columns);
  const { order, parentRow } = treeOrder(columns);
  const n = order.length;
  const strings = new StringTableBuilder();
  const origin = n === 0 ? 0 : trace.startTimeMs;
  const spans: SpanRecord[] = new Array<SpanRecord>(n);
  const start = new Float64Array(n);
  const duration = new Float64Array(n);
  const depth = new Uint16Array(n);
  const name = new Uint32Array(n);
  const service = new Uint32Array(n);
  const flags = new Uint8Array(n);
  const eventStart = new Uint32Array(n + 1);
  const eventTime: number[] = [];
  for (let row = 0; row < n; row++) {
    const i = order[row] as number;
    const span = arrival[i] as SpanRecord;
    spans[row] = span;
    const p = parentRow[row] as number;
    depth[row] = p < 0 ? 0 : Math.min(0xffff, (depth[p] as number) + 1);
    start[row] = (columns.start[i] as number) - origin;
    duration[row] = Math.max(0, span.durationMs);
    name[row] = strings.add(span.name);
    service[row] = strings.add(span.resource.serviceName);
    flags[row] = (span.isError ? ROW_ERROR : 0) | (critical[i] === 1 ? ROW_CRITICAL : 0) | (span.isUnended ? ROW_UNENDED : 0) | (span.code !== undefined ? ROW_HAS_SOURCE : 0);
    eventStart[row] = eventTime.length;
    for (const event of span.events) eventTime.push(event.timeMs - origin);
  }
  eventStart[n] = eventTime.length;
  const data: TimelineData = {
    runId: options.runId,
    traceId: trace.traceId,
    version: options.version,
    title: trace.rootSpan()?.name ?? trace.traceId,
    startTimeMs: origin,
    durationMs: trace.durationMs,
    ...strings.build(),
    start,
    duration,
    depth,
    parent: parentRow,
    // Arrival order only grows (TraceIndex.spans), so arrival indices identify spans across posts.
    key: order,
    name,
    service,
    flags,
    eventStart,
    eventTime: Float64Array.from(eventTime),
  };
  return { data, spans };
}
