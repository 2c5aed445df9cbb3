/** Decodes a parsed OTLP/JSON `ExportTraceServiceRequest` into {@link SpanRecord}s, validating every field. */
import { NO_ATTRIBUTES } from '../store/attributes';
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import { isRecord } from '../is';
import type { ResourceInfo, ScopeInfo, SpanEvent, SpanLink, SpanRecord, SpanStatus, StatusCode } from '../store/model';
import { attributesOf, objects, optArray, optCount, optEnum, optId, optNanos, optObject, optString, resourceBlocks, scopeBlocks } from './otlp-json-common';
import { MAX_LIST_ITEMS } from './otlp-protobuf-common';
import { DecodeError } from './protobuf-reader';
import { nanosToMs, NO_EVENTS, NO_LINKS, SPAN_KINDS, UNSET_STATUS } from '../store/record-defaults';
import { makeSpan } from '../store/records';
import { isValidHexId } from '../store/span-ids';
import type { SpanFields } from '../store/records';

const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/** Decodes a parsed request; throws {@link DecodeError} on a wrong shape; invalid spans are counted in `rejected`. */
export function decodeTraceRequestJson(request: unknown, out: DecodedBatch<SpanRecord> = emptyBatch()): DecodedBatch<SpanRecord> {
  if (!isRecord(request)) throw new DecodeError('the request must be a JSON object');
  for (const { block, resource } of resourceBlocks(request, 'resourceSpans')) {
    for (const { block: scopeBlock, scope } of scopeBlocks(block, 'Spans', 'resourceSpans[]')) {
      for (const item of objects(optArray(scopeBlock, 'spans', undefined, 'scopeSpans[]'), 'spans')) {
        const span = readSpanJson(item, resource, scope);
        if (span !== undefined) out.items.push(span);
        else {
          out.rejected++;
          out.reason ??= 'spans with an invalid traceId or spanId were dropped';
        }
      }
    }
  }
  return out;
}

/** A span, or undefined when its trace or span id is invalid (after checking every field's shape). */
function readSpanJson(o: Record<string, unknown>, resource: ResourceInfo, scope: ScopeInfo): SpanRecord | undefined {
  const where = 'span';
  const { attributes, dropped } = attributesOf(o, where);
  const eventItems = objects(optArray(o, 'events', undefined, where), 'span.events');
  const linkItems = objects(optArray(o, 'links', undefined, where), 'span.links');
  const parent = optId(o, 'parentSpanId', 'parent_span_id', 8, where);
  const traceId = optId(o, 'traceId', 'trace_id', 16, where);
  const spanId = optId(o, 'spanId', 'span_id', 8, where);
  const fields: SpanFields = {
    traceId,
    spanId,
    parentSpanId: parent === '' ? undefined : parent,
    traceState: optString(o, 'traceState', 'trace_state', where),
    name: optString(o, 'name', undefined, where),
    kind: SPAN_KINDS[optEnum(o, 'kind', undefined, where, 'SPAN_KIND_', SPAN_KINDS)] ?? 'unspecified',
    startTimeUnixNano: optNanos(o, 'startTimeUnixNano', 'start_time_unix_nano', where),
    endTimeUnixNano: optNanos(o, 'endTimeUnixNano', 'end_time_unix_nano', where),
    status: readStatusJson(optObject(o, 'status', undefined, where)),
    attributes,
    events: eventItems.length === 0 ? NO_EVENTS : eventItems.slice(0, MAX_LIST_ITEMS).map(readEventJson),
    links: linkItems.length === 0 ? NO_LINKS : linkItems.slice(0, MAX_LIST_ITEMS).map(readLinkJson),
    resource,
    scope,
    flags: optCount(o, 'flags', undefined, where),
    droppedAttributesCount: dropped,
    droppedEventsCount: optCount(o, 'droppedEventsCount', 'dropped_events_count', where) + Math.max(0, eventItems.length - MAX_LIST_ITEMS),
    droppedLinksCount: optCount(o, 'droppedLinksCount', 'dropped_links_count', where) + Math.max(0, linkItems.length - MAX_LIST_ITEMS),
  };
  return isValidHexId(traceId, 16) && isValidHexId(spanId, 8) ? makeSpan(fields) : undefined;
}

function readStatusJson(o: Record<string, unknown> | undefined): SpanStatus {
  if (o === undefined) return UNSET_STATUS;
  const code = STATUS_CODES[optEnum(o, 'code', undefined, 'span.status', 'STATUS_CODE_', STATUS_CODES)] ?? 'unset';
  const message = optString(o, 'message', undefined, 'span.status');
  return code === 'unset' && message === '' ? UNSET_STATUS : { code, message };
}

function readEventJson(o: Record<string, unknown>): SpanEvent {
  const time = optNanos(o, 'timeUnixNano', 'time_unix_nano', 'span.events[]');
  const { attributes, dropped } = attributesOf(o, 'span.events[]');
  return { name: optString(o, 'name', undefined, 'span.events[]'), timeUnixNano: time, timeMs: nanosToMs(time), attributes, droppedAttributesCount: dropped };
}

function readLinkJson(o: Record<string, unknown>): SpanLink {
  const where = 'span.links[]';
  const { attributes, dropped } = attributesOf(o, where);
  return {
    traceId: optId(o, 'traceId', 'trace_id', 16, where),
    spanId: optId(o, 'spanId', 'span_id', 8, where),
    traceState: optString(o, 'traceState', 'trace_state', where),
    attributes: attributes.length === 0 ? NO_ATTRIBUTES : attributes,
    droppedAttributesCount: dropped,
    flags: optCount(o, 'flags', undefined, where),
  };
}
