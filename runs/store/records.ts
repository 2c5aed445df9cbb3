/**
 * Builds the stored records from decoded fields, with the derived fields (milliseconds, error and
 * unended flags, source location) defined in one place for every decoder (protobuf, JSON, Jaeger).
 * Spans are stored compactly (`StoredSpan`, one row each, stored-span.ts); log records are plain objects.
 */
import type { Attribute, AttributeValue, LogEntry, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus } from './model';
import { nanosToMs } from './record-defaults';
import { isValidHexId } from './span-ids';
import { ROW_END_LO, ROW_FLAGS, ROW_ID_HI, ROW_ID_LO, ROW_KIND, ROW_PARENT_HI, ROW_START_LO, ROW_WORDS, writeHexId, writeNanos } from './span-row';
import { blockOf, spanSource } from './span-source';
import { SPAN_ROWS } from './stored-span';

/** The decoded fields of a span, before derived fields are added. Ids are lowercase hex of the right length, or ''. */
export interface SpanFields {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly status: SpanStatus;
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  /** A fixed32 (wider values are truncated to 32 bits). */
  readonly flags: number;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A writable view of a readonly record type. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const KIND_NUMBERS: Readonly<Record<SpanKind, number>> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/**
 * A stored span from decoded fields (the JSON and Jaeger decoders, tests). A `spanId` that is not
 * 16 lowercase hex digits (or is all zeros) is kept as given; such a `parentSpanId` becomes undefined.
 */
export function makeSpan(f: SpanFields): SpanRecord {
  const o = SPAN_ROWS.claim();
  const chunk = SPAN_ROWS.chunk;
  const w = chunk.words;
  writeNanos(w, o + ROW_START_LO, f.startTimeUnixNano);
  writeNanos(w, o + ROW_END_LO, f.endTimeUnixNano);
  const isHexId = writeHexId(w, o + ROW_ID_HI, f.spanId) && (w[o + ROW_ID_HI] !== 0 || w[o + ROW_ID_LO] !== 0);
  writeHexId(w, o + ROW_PARENT_HI, f.parentSpanId);
  w[o + ROW_FLAGS] = f.flags;
  w[o + ROW_KIND] = KIND_NUMBERS[f.kind] ?? 0;
  const source = spanSource(f.resource, f.scope, f.traceState, f.links, f.droppedAttributesCount, f.droppedEventsCount, f.droppedLinksCount);
  chunk.setRefs(o, f.traceId, f.name, f.status, blockOf(f.attributes), source, f.events);
  if (!isHexId) chunk.idTexts()[(o / ROW_WORDS) * 2] = f.spanId;
  return chunk.spanAt(o);
}

/**
 * The fields of any span record as they were received (to store a span made elsewhere with
 * {@link makeSpan}): a span kept under a derived id has its shared id back (`sharedSpanId`).
 */
export function fieldsOf(span: SpanRecord): SpanFields {
  return {
    traceId: span.traceId,
    spanId: span.sharedSpanId ?? span.spanId,
    parentSpanId: span.parentSpanId,
    traceState: span.traceState,
    name: span.name,
    kind: span.kind,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    status: span.status,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    resource: span.resource,
    scope: span.scope,
    flags: span.flags,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** The decoded fields of a log record; ids are lowercase hex of the right length, or ''. */
export interface LogFields {
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: readonly Attribute[];
  readonly traceId: string;
  readonly spanId: string;
  readonly flags: number;
  readonly eventName: string;
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly droppedAttributesCount: number;
}

/** A log record with derived fields; invalid trace/span ids become undefined. */
export function makeLog(f: LogFields): LogEntry {
  return {
    timeUnixNano: f.timeUnixNano,
    observedTimeUnixNano: f.observedTimeUnixNano,
    timeMs: nanosToMs(f.timeUnixNano > 0n ? f.timeUnixNano : f.observedTimeUnixNano),
    severityNumber: f.severityNumber,
    severityText: f.severityText,
    body: f.body,
    attributes: f.attributes,
    traceId: isValidHexId(f.traceId, 16) ? f.traceId : undefined,
    spanId: isValidHexId(f.spanId, 8) ? f.spanId : undefined,
    flags: f.flags,
    eventName: f.eventName,
    resource: f.resource,
    scope: f.scope,
    droppedAttributesCount: f.droppedAttributesCount,
  };
}
