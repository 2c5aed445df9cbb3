/** Test support: small hand-made records. Not used by product code. */
import { NO_ATTRIBUTES } from '../store/attributes';
import type { Attribute, ResourceInfo, SpanRecord, SpanStatus } from '../store/model';
import { EMPTY_RESOURCE, EMPTY_SCOPE, NO_EVENTS, NO_LINKS, UNSET_STATUS } from '../store/record-defaults';
import { fieldsOf, makeSpan } from '../store/records';

/** A fixed base time (2023-11-14T22:13:20Z) in ns. */
export const T0 = 1_700_000_000_000_000_000n;

export interface TestSpan {
  readonly id: number;
  readonly parent?: number;
  readonly trace?: number;
  readonly name?: string;
  /** Start and end, in ms after {@link T0}. */
  readonly start: number;
  readonly end: number;
  readonly error?: boolean;
  readonly attributes?: readonly Attribute[];
  readonly resource?: ResourceInfo;
}

/** A 16-hex-char span id for a number. */
export function sid(n: number): string {
  return (n + 1).toString(16).padStart(16, '0');
}

/** A 32-hex-char trace id for a number. */
export function tid(n: number): string {
  return (n + 1).toString(16).padStart(32, 'a');
}

export function testSpan(s: TestSpan): SpanRecord {
  const status: SpanStatus = s.error === true ? { code: 'error', message: 'failed' } : UNSET_STATUS;
  return makeSpan({
    traceId: tid(s.trace ?? 0),
    spanId: sid(s.id),
    parentSpanId: s.parent === undefined ? undefined : sid(s.parent),
    traceState: '',
    name: s.name ?? `span ${s.id}`,
    kind: 'internal',
    startTimeUnixNano: T0 + BigInt(Math.round(s.start * 1e6)),
    endTimeUnixNano: T0 + BigInt(Math.round(s.end * 1e6)),
    status,
    attributes: s.attributes ?? NO_ATTRIBUTES,
    events: NO_EVENTS,
    links: NO_LINKS,
    resource: s.resource ?? EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    flags: 0,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  });
}

/**
 * `count` spans in one trace as a balanced tree with `fanOut` children per span, each child
 * inside its parent's time range. Returned in breadth-first order.
 */
export function spanTree(count: number, fanOut: number, trace = 0): SpanRecord[] {
  const spans: SpanRecord[] = [];
  const ranges: Array<[number, number]> = [];
  for (let id = 0; id < count; id++) {
    const parent = id === 0 ? undefined : Math.floor((id - 1) / fanOut);
    let start = 0;
    let end = 1000;
    if (parent !== undefined) {
      const [ps, pe] = ranges[parent] as [number, number];
      const slot = (id - 1) % fanOut;
      const width = (pe - ps) / fanOut;
      start = ps + slot * width;
      end = start + width * (0.5 + ((id * 7919) % 50) / 100);
    }
    ranges[id] = [start, end];
    spans.push(testSpan({ id, trace, start, end, error: id % 97 === 5, ...(parent === undefined ? {} : { parent }) }));
  }
  return spans;
}

/**
 * Every field of a span as a plain object (spans are accessor objects: `{ ...span }` copies nothing),
 * for deep comparisons in tests.
 */
export function plainSpan(span: SpanRecord): Record<keyof SpanRecord, unknown> {
  // The stored fields, plus the ones derived from them.
  return { ...fieldsOf(span), spanId: span.spanId, sharedSpanId: span.sharedSpanId, startTimeMs: span.startTimeMs, endTimeMs: span.endTimeMs, durationMs: span.durationMs, isError: span.isError, isUnended: span.isUnended, code: span.code };
}
