/**
 * Decodes an OTLP `ExportTraceServiceRequest` protobuf straight into {@link SpanRecord}s
 * (opentelemetry/proto/collector/trace/v1, trace/v1).
 */
import { NO_ATTRIBUTES } from './attributes';
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import { joinBlocks, NO_BLOCK, readAttributeBlock } from './attribute-blocks';
import type { ResourceInfo, ScopeInfo, SpanEvent, SpanKind, SpanLink, SpanRecord, SpanStatus, StatusCode } from './model';
import { MAX_LIST_ITEMS, readKeyValueInto, readResourceAt, readScopeAt, scanWrapperHeader } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import type { Mutable, SpanFields } from './records';
import { ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import { halvesDurationMs, halvesToMs, isValidHexId, makeSpan, newSpanFields, NO_EVENTS, NO_LINKS, SPAN_KINDS, UNSET_STATUS } from './records';

const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

const FIELDS: Mutable<SpanFields> = newSpanFields();

/** Decodes a whole request body. Throws {@link DecodeError} on malformed input; invalid spans are counted in `rejected`. */
export function decodeTraceRequestProto(body: Buffer): DecodedBatch<SpanRecord> {
  const r = new ProtoReader(body);
  const out = emptyBatch<SpanRecord>();
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag & 7, WIRE_LEN);
      readResourceSpans(r, out);
    } else r.skip(tag & 7);
  }
  return out;
}

function readResourceSpans(r: ProtoReader, out: DecodedBatch<SpanRecord>): void {
  const outer = r.enter();
  const resource = readResourceAt(r, scanWrapperHeader(r));
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === 2) {
      r.expect(tag & 7, WIRE_LEN);
      readScopeSpans(r, resource, out);
    } else r.skip(tag & 7);
  }
  r.leave(outer);
}

function readScopeSpans(r: ProtoReader, resource: ResourceInfo, out: DecodedBatch<SpanRecord>): void {
  const outer = r.enter();
  const scope = readScopeAt(r, scanWrapperHeader(r));
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === 2) {
      r.expect(tag & 7, WIRE_LEN);
      const span = readSpan(r, resource, scope);
      if (isValidHexId(span.traceId, 16) && isValidHexId(span.spanId, 8)) out.items.push(span);
      else {
        out.rejected++;
        out.reason ??= 'spans with an invalid trace_id or span_id were dropped';
      }
    } else r.skip(tag & 7);
  }
  r.leave(outer);
}

function readSpan(r: ProtoReader, resource: ResourceInfo, scope: ScopeInfo): SpanRecord {
  const outer = r.enter();
  let traceId = '';
  let spanId = '';
  let parentSpanId: string | undefined;
  let traceState = '';
  let name = '';
  let kind: SpanKind = 'unspecified';
  let start = 0n;
  let end = 0n;
  let startHigh = 0;
  let startLow = 0;
  let endHigh = 0;
  let endLow = 0;
  let status: SpanStatus = UNSET_STATUS;
  let block = NO_BLOCK;
  let events: SpanEvent[] | undefined;
  let links: SpanLink[] | undefined;
  let flags = 0;
  let droppedAttributes = 0;
  let droppedEvents = 0;
  let droppedLinks = 0;
  while (!r.isAtEnd()) {
    const tagStart = r.pos;
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        traceId = r.hex(true);
        break;
      case 2:
        r.expect(wire, WIRE_LEN);
        spanId = r.hex();
        break;
      case 3:
        r.expect(wire, WIRE_LEN);
        traceState = r.string();
        break;
      case 4: {
        r.expect(wire, WIRE_LEN);
        const id = r.hex();
        parentSpanId = id === '' ? undefined : id;
        break;
      }
      case 5:
        r.expect(wire, WIRE_LEN);
        name = r.string();
        break;
      case 6:
        r.expect(wire, WIRE_VARINT);
        kind = SPAN_KINDS[r.uint32()] ?? 'unspecified';
        break;
      case 7:
        r.expect(wire, WIRE_FIXED64);
        start = r.fixed64Big();
        startHigh = r.lastHigh;
        startLow = r.lastLow;
        break;
      case 8:
        r.expect(wire, WIRE_FIXED64);
        end = r.fixed64Big();
        endHigh = r.lastHigh;
        endLow = r.lastLow;
        break;
      case 9: {
        r.expect(wire, WIRE_LEN);
        const next = readAttributeBlock(r, tagStart, tag);
        block = block === NO_BLOCK ? next : joinBlocks(block, next);
        break;
      }
      case 10:
        r.expect(wire, WIRE_VARINT);
        droppedAttributes = r.uint32();
        break;
      case 11:
        r.expect(wire, WIRE_LEN);
        events ??= [];
        if (events.length < MAX_LIST_ITEMS) events.push(readEvent(r));
        else {
          droppedEvents++;
          r.skip(wire);
        }
        break;
      case 12:
        r.expect(wire, WIRE_VARINT);
        droppedEvents += r.uint32();
        break;
      case 13:
        r.expect(wire, WIRE_LEN);
        links ??= [];
        if (links.length < MAX_LIST_ITEMS) links.push(readLink(r));
        else {
          droppedLinks++;
          r.skip(wire);
        }
        break;
      case 14:
        r.expect(wire, WIRE_VARINT);
        droppedLinks += r.uint32();
        break;
      case 15:
        r.expect(wire, WIRE_LEN);
        status = readStatus(r);
        break;
      case 16:
        r.expect(wire, WIRE_FIXED32);
        flags = r.fixed32();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  // One reused fields object: makeSpan copies what it keeps, so no intermediate object per span.
  const f = FIELDS;
  f.traceId = traceId;
  f.spanId = spanId;
  f.parentSpanId = parentSpanId;
  f.traceState = traceState;
  f.name = name;
  f.kind = kind;
  f.startTimeUnixNano = start;
  f.endTimeUnixNano = end;
  f.status = status;
  f.attributes = block.attributes;
  f.events = events ?? NO_EVENTS;
  f.links = links ?? NO_LINKS;
  f.resource = resource;
  f.scope = scope;
  f.flags = flags;
  f.droppedAttributesCount = droppedAttributes + block.dropped;
  f.droppedEventsCount = droppedEvents;
  f.droppedLinksCount = droppedLinks;
  return makeSpan(f, halvesToMs(startHigh, startLow), halvesDurationMs(startHigh, startLow, endHigh, endLow), block.facts);
}

function readEvent(r: ProtoReader): SpanEvent {
  const outer = r.enter();
  let time = 0n;
  let timeMs = 0;
  let name = '';
  const attributes: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_FIXED64);
        time = r.fixed64Big();
        timeMs = halvesToMs(r.lastHigh, r.lastLow);
        break;
      case 2:
        r.expect(wire, WIRE_LEN);
        name = r.string();
        break;
      case 3:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, attributes, 0);
        break;
      case 4:
        r.expect(wire, WIRE_VARINT);
        dropped = r.uint32();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { name, timeUnixNano: time, timeMs, attributes: attributes.items ?? NO_ATTRIBUTES, droppedAttributesCount: dropped + attributes.dropped };
}

function readLink(r: ProtoReader): SpanLink {
  const outer = r.enter();
  let traceId = '';
  let spanId = '';
  let traceState = '';
  const attributes: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  let flags = 0;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        traceId = r.hex();
        break;
      case 2:
        r.expect(wire, WIRE_LEN);
        spanId = r.hex();
        break;
      case 3:
        r.expect(wire, WIRE_LEN);
        traceState = r.string();
        break;
      case 4:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, attributes, 0);
        break;
      case 5:
        r.expect(wire, WIRE_VARINT);
        dropped = r.uint32();
        break;
      case 6:
        r.expect(wire, WIRE_FIXED32);
        flags = r.fixed32();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { traceId, spanId, traceState, attributes: attributes.items ?? NO_ATTRIBUTES, droppedAttributesCount: dropped + attributes.dropped, flags };
}

function readStatus(r: ProtoReader): SpanStatus {
  const outer = r.enter();
  let message = '';
  let code = 0;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 2:
        r.expect(wire, WIRE_LEN);
        message = r.string();
        break;
      case 3:
        r.expect(wire, WIRE_VARINT);
        code = r.uint32();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  if (code === 0 && message === '') return UNSET_STATUS;
  return { code: STATUS_CODES[code] ?? 'unset', message };
}
