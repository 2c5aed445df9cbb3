/**
 * Builds the stored records from decoded fields, computing the derived fields (milliseconds,
 * error and unended flags, source location) in one place for every decoder (protobuf, JSON, Jaeger).
 */
import { getStringAttribute, NO_ATTRIBUTES, spanAttributeFacts } from './attributes';
import type { Attribute, AttributeValue, LogEntry, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus } from './model';

/** Nanoseconds since the epoch to fractional milliseconds. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}

export const NO_EVENTS: readonly SpanEvent[] = Object.freeze([]);
export const NO_LINKS: readonly SpanLink[] = Object.freeze([]);
export const UNSET_STATUS: SpanStatus = Object.freeze({ code: 'unset', message: '' });

/** OTLP span kind numbers, index = wire value. */
export const SPAN_KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/** A resource record; `service.name` is looked up once here. */
export function makeResource(attributes: readonly Attribute[], droppedAttributesCount = 0, schemaUrl = ''): ResourceInfo {
  return { attributes, serviceName: getStringAttribute(attributes, 'service.name') ?? 'unknown_service', droppedAttributesCount, schemaUrl };
}

/** The resource used when a payload has none. */
export const EMPTY_RESOURCE: ResourceInfo = Object.freeze(makeResource(NO_ATTRIBUTES));

/** The scope used when a payload has none. */
export const EMPTY_SCOPE: ScopeInfo = Object.freeze({ name: '', version: '', attributes: NO_ATTRIBUTES, schemaUrl: '' });

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
  readonly flags: number;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** A writable view of a readonly record type. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Blank span fields (for decoders that fill one reused object). */
export function newSpanFields(): SpanFields {
  return {
    traceId: '',
    spanId: '',
    parentSpanId: undefined,
    traceState: '',
    name: '',
    kind: 'unspecified',
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    status: UNSET_STATUS,
    attributes: NO_ATTRIBUTES,
    events: NO_EVENTS,
    links: NO_LINKS,
    resource: EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    flags: 0,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** Fractional epoch milliseconds from the two 32-bit halves of a nanosecond timestamp (same value as {@link nanosToMs}). */
export function halvesToMs(high: number, low: number): number {
  return (high * 4294967296 + low) / 1e6;
}

/**
 * Exact duration in ms between two nanosecond timestamps given as 32-bit halves; -1 when the end is
 * missing (0) or before the start. Equals `Number(end - start) / 1e6` for durations under 104 days.
 */
export function halvesDurationMs(startHigh: number, startLow: number, endHigh: number, endLow: number): number {
  if (endHigh === 0 && endLow === 0) return -1;
  const nanos = (endHigh - startHigh) * 4294967296 + (endLow - startLow);
  return nanos < 0 ? -1 : nanos / 1e6;
}

function durationOf(f: SpanFields): number {
  return f.endTimeUnixNano > 0n && f.endTimeUnixNano >= f.startTimeUnixNano ? Number(f.endTimeUnixNano - f.startTimeUnixNano) / 1e6 : -1;
}

/**
 * Adds the derived fields. Always creates objects of one shape (keeps property access monomorphic).
 * Decoders that already know the times as numbers, or the attribute facts, pass them
 * (`rawDurationMs` -1 = no valid end).
 */
export function makeSpan(f: SpanFields, startTimeMs = nanosToMs(f.startTimeUnixNano), rawDurationMs = durationOf(f), facts = spanAttributeFacts(f.attributes)): SpanRecord {
  const hasEnd = rawDurationMs >= 0;
  const durationMs = hasEnd ? rawDurationMs : 0;
  return {
    traceId: f.traceId,
    spanId: f.spanId,
    parentSpanId: f.parentSpanId !== undefined && isValidHexId(f.parentSpanId, 8) ? f.parentSpanId : undefined,
    traceState: f.traceState,
    name: f.name,
    kind: f.kind,
    startTimeUnixNano: f.startTimeUnixNano,
    endTimeUnixNano: f.endTimeUnixNano,
    startTimeMs,
    endTimeMs: startTimeMs + durationMs,
    durationMs,
    status: f.status,
    isError: f.status.code === 'error',
    isUnended: !hasEnd || facts.isMarkedUnended,
    attributes: f.attributes,
    events: f.events,
    links: f.links,
    resource: f.resource,
    scope: f.scope,
    code: facts.code,
    flags: f.flags,
    droppedAttributesCount: f.droppedAttributesCount,
    droppedEventsCount: f.droppedEventsCount,
    droppedLinksCount: f.droppedLinksCount,
  };
}

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** A valid (non-zero, lowercase hex) trace id. */
export function isValidTraceId(id: string): boolean {
  return id.length === 32 && id !== ZERO_TRACE_ID && HEX_TRACE_ID.test(id);
}

/** A valid (non-zero, lowercase hex) span id. */
export function isValidSpanId(id: string): boolean {
  return id.length === 16 && id !== ZERO_SPAN_ID && HEX_SPAN_ID.test(id);
}

/**
 * Validity of an id that is known to be lowercase hex already (decoded from protobuf bytes):
 * only its length and non-zero-ness need checking.
 */
export function isValidHexId(id: string, bytes: 8 | 16): boolean {
  return id.length === bytes * 2 && id !== (bytes === 16 ? ZERO_TRACE_ID : ZERO_SPAN_ID);
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
