/**
 * Decodes a Jaeger JSON export (`{"data":[{"traceID","spans":[…],"processes":{…}}]}`, as the Jaeger
 * UI's "Download JSON" and its query API produce, or one such trace object on its own) into
 * {@link SpanRecord}s. Validated like OTLP input. The v3 API's answer (`{"result":{"resourceSpans":…}}`)
 * is OTLP/JSON inside an envelope: {@link jaegerApiV3Result} unwraps it.
 * Jaeger's OTLP conventions are mapped back: `span.kind`, `otel.status_code`,
 * `otel.status_description`, `error=true`, `otel.scope.name`/`otel.library.name`; `CHILD_OF`
 * (else `FOLLOWS_FROM`) becomes the parent, other references become links, logs become events.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import { emptyBatch } from '../decode/decoded-batch';
import type { DecodedBatch } from '../decode/decoded-batch';
import { isRecord } from '../is';
import type { Attribute, AttributeValue, ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus } from '../store/model';
import { objects, optArray, optString } from '../decode/otlp-json-common';
import { DecodeError } from '../decode/protobuf-reader';
import { EMPTY_SCOPE, makeResource, nanosToMs, NO_EVENTS, NO_LINKS, UNSET_STATUS } from '../store/record-defaults';
import { makeSpan } from '../store/records';
import { isValidSpanId, isValidTraceId } from '../store/span-ids';

type Json = Record<string, unknown>;

/** A Jaeger trace object: `{"traceID", "spans": […], "processes": {…}}`. */
function isJaegerTrace(value: unknown): boolean {
  return isRecord(value) && ('spans' in value || 'traceID' in value);
}

/** Whether a parsed JSON document looks like a Jaeger export: `{"data": [trace…]}` or one trace object. */
export function isJaegerDocument(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  if (Array.isArray(doc['data'])) return doc['data'].every(isJaegerTrace);
  return Array.isArray(doc['spans']) && (typeof doc['traceID'] === 'string' || isRecord(doc['processes']));
}

/**
 * The OTLP/JSON request inside an answer of Jaeger's v3 API (`/api/v3/traces…`: `{"result": {"resourceSpans": …}}`,
 * one such object per line when streamed), or undefined when `doc` is not one. An error answer of that
 * API (`{"error": {"message": …}}`) throws a {@link DecodeError} with its message.
 */
export function jaegerApiV3Result(doc: Record<string, unknown>): Record<string, unknown> | undefined {
  if (doc['resourceSpans'] !== undefined || doc['resource_spans'] !== undefined) return undefined;
  const result = doc['result'];
  if (isRecord(result)) return result;
  const error = doc['error'];
  if (isRecord(error) && Object.keys(doc).length === 1) {
    const message = typeof error['message'] === 'string' ? error['message'].slice(0, 200) : 'no message';
    throw new DecodeError(`a Jaeger API error answer, not traces: ${JSON.stringify(message)}`);
  }
  return undefined;
}

/** Decodes a Jaeger export; throws {@link DecodeError} on a wrong shape, counts invalid spans as rejected. */
export function decodeJaeger(doc: unknown): DecodedBatch<SpanRecord> {
  if (!isRecord(doc)) throw new DecodeError('a Jaeger export must be a JSON object');
  const out = emptyBatch<SpanRecord>();
  const scopes = new Map<string, ScopeInfo>();
  const traces = doc['data'] === undefined && isJaegerTrace(doc) ? [doc] : objects(optArray(doc, 'data', undefined, 'jaeger'), 'jaeger.data');
  for (const traceEntry of traces) {
    const processes = readProcesses(traceEntry);
    for (const item of objects(optArray(traceEntry, 'spans', undefined, 'jaeger.data[]'), 'jaeger.data[].spans')) {
      const span = readSpan(item, processes, scopes);
      if (span === undefined) {
        out.rejected++;
        out.reason ??= 'Jaeger spans with an invalid traceID or spanID were dropped';
      } else out.items.push(span);
    }
  }
  return out;
}

function readProcesses(traceEntry: Json): Map<string, ResourceInfo> {
  const processes = new Map<string, ResourceInfo>();
  const raw = traceEntry['processes'];
  if (raw === undefined || raw === null) return processes;
  if (!isRecord(raw)) throw new DecodeError('jaeger.data[].processes must be an object');
  for (const [id, process] of Object.entries(raw)) {
    if (!isRecord(process)) throw new DecodeError('jaeger process must be an object');
    const serviceName = optString(process, 'serviceName', undefined, 'jaeger.process');
    const tags = readTags(optArray(process, 'tags', undefined, 'jaeger.process'));
    processes.set(id, makeResource([{ key: 'service.name', value: serviceName }, ...tags.filter((t) => t.key !== 'service.name')]));
  }
  return processes;
}

/** A Jaeger id (hex, possibly shorter than OTLP's) left-padded to `length` hex chars; '' when invalid. */
function paddedId(value: unknown, length: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > length || !/^[0-9a-fA-F]+$/.test(value)) return '';
  return value.toLowerCase().padStart(length, '0');
}

function tagValue(tag: Json): AttributeValue {
  const value = tag['value'];
  switch (tag['type']) {
    case 'bool':
      return value === true || value === 'true';
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
      if (typeof value === 'string' && /^-?\d{1,19}$/.test(value) && BigInt.asIntN(64, BigInt(value)) === BigInt(value)) return BigInt(value);
      break;
    case 'float64':
      if (typeof value === 'number') return value;
      break;
    case 'binary':
      if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
      break;
    default:
      // Untyped: a whole number is taken for an integer, as Jaeger's own clients send them.
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  }
  throw new DecodeError(`jaeger tag '${String(tag['key']).slice(0, 100)}' has a value that does not match its type`);
}

function readTags(items: readonly unknown[]): Attribute[] {
  return objects(items, 'jaeger tags').map((tag) => ({ key: optString(tag, 'key', undefined, 'jaeger tag'), value: tagValue(tag) }));
}

/** Microseconds (a JSON number) to nanoseconds. */
function micros(value: unknown, where: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new DecodeError(`${where} must be a non-negative integer (microseconds)`);
  return BigInt(value) * 1000n;
}

const KINDS: readonly SpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer'];
const SPECIAL_TAGS: ReadonlySet<string> = new Set(['span.kind', 'otel.status_code', 'otel.status_description', 'otel.scope.name', 'otel.scope.version', 'otel.library.name', 'otel.library.version']);

function readSpan(o: Json, processes: ReadonlyMap<string, ResourceInfo>, scopes: Map<string, ScopeInfo>): SpanRecord | undefined {
  const traceId = paddedId(o['traceID'], 32);
  const spanId = paddedId(o['spanID'], 16);
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
  const tags = readTags(optArray(o, 'tags', undefined, 'jaeger span'));
  const tag = (key: string): AttributeValue | undefined => tags.find((t) => t.key === key)?.value;
  const start = micros(o['startTime'], 'jaeger span.startTime');
  const end = start + micros(o['duration'], 'jaeger span.duration');
  const { parent, links } = readReferences(optArray(o, 'references', undefined, 'jaeger span'), traceId);
  const kind = tag('span.kind');
  const processId = o['processID'];
  const resource = (typeof processId === 'string' ? processes.get(processId) : undefined) ?? makeResource(NO_ATTRIBUTES);
  const attributes = tags.filter((t) => !SPECIAL_TAGS.has(t.key));
  return makeSpan({
    traceId,
    spanId,
    parentSpanId: parent,
    traceState: '',
    name: optString(o, 'operationName', undefined, 'jaeger span'),
    kind: KINDS.find((k) => k === kind) ?? 'unspecified',
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    status: statusOf(tag),
    attributes: attributes.length === 0 ? NO_ATTRIBUTES : attributes,
    events: readLogs(optArray(o, 'logs', undefined, 'jaeger span')),
    links,
    resource,
    scope: scopeOf(tag, scopes),
    flags: typeof o['flags'] === 'number' && Number.isInteger(o['flags']) ? o['flags'] & 0xff : 0,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  });
}

function readReferences(items: readonly unknown[], traceId: string): { parent: string | undefined; links: readonly SpanLink[] } {
  const refs = objects(items, 'jaeger references').map((r) => ({ type: r['refType'], traceId: paddedId(r['traceID'], 32), spanId: paddedId(r['spanID'], 16) }));
  const parentRef = refs.find((r) => r.type === 'CHILD_OF' && r.traceId === traceId) ?? refs.find((r) => r.type === 'FOLLOWS_FROM' && r.traceId === traceId);
  const links = refs
    .filter((r) => r !== parentRef && r.traceId !== '' && r.spanId !== '')
    .map((r): SpanLink => ({ traceId: r.traceId, spanId: r.spanId, traceState: '', attributes: NO_ATTRIBUTES, droppedAttributesCount: 0, flags: 0 }));
  return { parent: parentRef?.spanId === '' ? undefined : parentRef?.spanId, links: links.length === 0 ? NO_LINKS : links };
}

function statusOf(tag: (key: string) => AttributeValue | undefined): SpanStatus {
  const code = tag('otel.status_code');
  const message = tag('otel.status_description');
  const text = typeof message === 'string' ? message : '';
  if (code === 'ERROR' || tag('error') === true) return { code: 'error', message: text };
  if (code === 'OK') return { code: 'ok', message: text };
  return UNSET_STATUS;
}

/** The span's scope, one shared object per name and version (so exports group spans by scope). */
function scopeOf(tag: (key: string) => AttributeValue | undefined, scopes: Map<string, ScopeInfo>): ScopeInfo {
  const name = tag('otel.scope.name') ?? tag('otel.library.name');
  const rawVersion = tag('otel.scope.version') ?? tag('otel.library.version');
  if (typeof name !== 'string') return EMPTY_SCOPE;
  const version = typeof rawVersion === 'string' ? rawVersion : '';
  const key = `${name}\u0000${version}`;
  let scope = scopes.get(key);
  if (scope === undefined) scopes.set(key, (scope = { name, version, attributes: NO_ATTRIBUTES, schemaUrl: '' }));
  return scope;
}

function readLogs(items: readonly unknown[]): readonly SpanEvent[] {
  if (items.length === 0) return NO_EVENTS;
  return objects(items, 'jaeger logs').map((log) => {
    const time = micros(log['timestamp'], 'jaeger log.timestamp');
    const fields = readTags(optArray(log, 'fields', undefined, 'jaeger log'));
    const event = fields.find((f) => f.key === 'event');
    return {
      name: typeof event?.value === 'string' ? event.value : 'log',
      timeUnixNano: time,
      timeMs: nanosToMs(time),
      attributes: fields.filter((f) => f !== event),
      droppedAttributesCount: 0,
    };
  });
}
