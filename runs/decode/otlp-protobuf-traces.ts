/**
 * Decodes an OTLP `ExportTraceServiceRequest` protobuf straight into span rows (see `SpanChunk` in
 * records.ts; opentelemetry/proto/collector/trace/v1, trace/v1): ids and times go into the row as
 * 32-bit words (no span objects, no id strings, no bigints); attribute blocks, statuses and sources
 * are shared.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import { SpanRowBatch } from './decoded-batch';
import { joinBlocks, readAttributeBlock } from './attribute-blocks';
import type { ResourceInfo, ScopeInfo, SpanEvent, SpanLink, SpanStatus, StatusCode } from '../store/model';
import { MAX_LIST_ITEMS, readKeyValueInto, readResourceAt, readScope, scanWrapperHeader } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { ANY_WIRE, fieldWires, ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import { EventField, ExportRequestField, LinkField, ResourceDataField, ScopeDataField, SpanField, StatusField } from './otlp-proto-fields';
import type { Mutable } from '../store/records';
import type { SpanSource } from '../store/span-source';
import { EMPTY_SCOPE, NO_EVENTS, NO_LINKS, SPAN_KINDS, UNSET_STATUS } from '../store/record-defaults';
import { isValidHexId } from '../store/span-ids';
import { halvesToMs, ROW_END_HI, ROW_END_LO, ROW_FLAGS, ROW_ID_HI, ROW_ID_LO, ROW_KIND, ROW_PARENT_HI, ROW_PARENT_LO, ROW_START_HI, ROW_START_LO } from '../store/span-row';
import { baseSource, isSourceOf, NO_BLOCK } from '../store/span-source';
import { SPAN_ROWS } from '../store/stored-span';

const STATUS_CODES: readonly StatusCode[] = ['unset', 'ok', 'error'];

/** ScopeSpans: scope, spans, schema_url (scope and schema_url of another wire type are skipped, as in the other signals). */
const SCOPE_SPANS = fieldWires({ [ScopeDataField.Scope]: ANY_WIRE, [ScopeDataField.Records]: WIRE_LEN, [ScopeDataField.SchemaUrl]: ANY_WIRE });
const SPAN = fieldWires({
  [SpanField.TraceId]: WIRE_LEN,
  [SpanField.SpanId]: WIRE_LEN,
  [SpanField.TraceState]: WIRE_LEN,
  [SpanField.ParentSpanId]: WIRE_LEN,
  [SpanField.Name]: WIRE_LEN,
  [SpanField.Kind]: WIRE_VARINT,
  [SpanField.StartTimeUnixNano]: WIRE_FIXED64,
  [SpanField.EndTimeUnixNano]: WIRE_FIXED64,
  [SpanField.Attributes]: WIRE_LEN,
  [SpanField.DroppedAttributesCount]: WIRE_VARINT,
  [SpanField.Events]: WIRE_LEN,
  [SpanField.DroppedEventsCount]: WIRE_VARINT,
  [SpanField.Links]: WIRE_LEN,
  [SpanField.DroppedLinksCount]: WIRE_VARINT,
  [SpanField.Status]: WIRE_LEN,
  [SpanField.Flags]: WIRE_FIXED32,
});
const EVENT = fieldWires({
  [EventField.TimeUnixNano]: WIRE_FIXED64,
  [EventField.Name]: WIRE_LEN,
  [EventField.Attributes]: WIRE_LEN,
  [EventField.DroppedAttributesCount]: WIRE_VARINT,
});
const LINK = fieldWires({
  [LinkField.TraceId]: WIRE_LEN,
  [LinkField.SpanId]: WIRE_LEN,
  [LinkField.TraceState]: WIRE_LEN,
  [LinkField.Attributes]: WIRE_LEN,
  [LinkField.DroppedAttributesCount]: WIRE_VARINT,
  [LinkField.Flags]: WIRE_FIXED32,
});
const STATUS = fieldWires({ [StatusField.Message]: WIRE_LEN, [StatusField.Code]: WIRE_VARINT });

const REJECTED_REASON = 'spans with an invalid trace_id or span_id were dropped';

/**
 * Decodes a whole request body into span rows (no span objects: see {@link SpanRowBatch}). Throws
 * {@link DecodeError} on malformed input; invalid spans are counted in `rejected`.
 */
export function decodeTraceRequestProto(body: Buffer): SpanRowBatch {
  const r = new ProtoReader(body);
  const out = new SpanRowBatch();
  r.forEachMessage(ExportRequestField.ResourceData, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    r.forEachMessage(ResourceDataField.ScopeData, () => readScopeSpans(r, resource, out));
  });
  return out;
}

/**
 * The sources of the spans of one `ScopeSpans`: a base one, and variants for spans that set a
 * rarely-set field. Its scope and schema_url may come anywhere, even after the
 * spans, so the scope is settled at the end.
 */
class ScopeSources {
  readonly base: Mutable<SpanSource>;
  private readonly variants: Array<Mutable<SpanSource>> = [];

  constructor(resource: ResourceInfo) {
    this.base = baseSource(resource, EMPTY_SCOPE);
  }

  /** The source for a span with these values. */
  of(traceState: string, links: readonly SpanLink[], droppedAttributes: number, droppedEvents: number, droppedLinks: number): SpanSource {
    const base = this.base;
    if (traceState === '' && links === NO_LINKS && droppedAttributes === 0 && droppedEvents === 0 && droppedLinks === 0) return base;
    const last = this.variants[this.variants.length - 1];
    if (last !== undefined && isSourceOf(last, base.resource, base.scope, traceState, links, droppedAttributes, droppedEvents, droppedLinks)) return last;
    const variant = { ...base, traceState, links, droppedAttributesCount: droppedAttributes, droppedEventsCount: droppedEvents, droppedLinksCount: droppedLinks };
    this.variants.push(variant);
    return variant;
  }

  settle(scope: ScopeInfo): void {
    this.base.scope = scope;
    for (const variant of this.variants) variant.scope = scope;
  }
}

/** The inside of a `ScopeSpans`, in one pass. */
function readScopeSpans(r: ProtoReader, resource: ResourceInfo, out: SpanRowBatch): void {
  const sources = new ScopeSources(resource);
  let scope: ScopeInfo | undefined;
  let schemaUrl = '';
  for (let field = r.nextField(SCOPE_SPANS); field !== 0; field = r.nextField(SCOPE_SPANS)) {
    if (field === ScopeDataField.Records) {
      if (!readSpan(r, sources, out)) {
        out.rejected++;
        out.reason ??= REJECTED_REASON;
      }
    } else if ((r.fieldTag & 7) !== WIRE_LEN) r.skip(r.fieldTag & 7);
    else if (field === ScopeDataField.Scope) scope = readScope(r, '');
    else schemaUrl = r.string();
  }
  if (scope === undefined) sources.settle(schemaUrl === '' ? EMPTY_SCOPE : { ...EMPTY_SCOPE, schemaUrl });
  else sources.settle(schemaUrl === '' ? scope : { ...scope, schemaUrl });
}

/** Decodes one span into a span row added to `out`; false for a span with an invalid trace or span id. */
function readSpan(r: ProtoReader, sources: ScopeSources, out: SpanRowBatch): boolean {
  const outer = r.enter();
  let traceId = '';
  let hasSpanId = false;
  let idHigh = 0;
  let idLow = 0;
  let parentHigh = 0;
  let parentLow = 0;
  let traceState = '';
  let name = '';
  let kind = 0;
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
  for (let field = r.nextField(SPAN); field !== 0; field = r.nextField(SPAN)) {
    switch (field) {
      case SpanField.TraceId:
        traceId = r.hex(true);
        break;
      case SpanField.SpanId:
        hasSpanId = r.id64();
        idHigh = r.lastHigh;
        idLow = r.lastLow;
        break;
      case SpanField.TraceState:
        traceState = r.string();
        break;
      case SpanField.ParentSpanId:
        // An empty or malformed parent id means no parent (halves 0).
        r.id64();
        parentHigh = r.lastHigh;
        parentLow = r.lastLow;
        break;
      case SpanField.Name:
        name = r.string();
        break;
      case SpanField.Kind: {
        const k = r.uint32();
        kind = k < SPAN_KINDS.length ? k : 0;
        break;
      }
      case SpanField.StartTimeUnixNano: {
        const at = r.fixed64At();
        startLow = r.view.getUint32(at, true);
        startHigh = r.view.getUint32(at + 4, true);
        break;
      }
      case SpanField.EndTimeUnixNano: {
        const at = r.fixed64At();
        endLow = r.view.getUint32(at, true);
        endHigh = r.view.getUint32(at + 4, true);
        break;
      }
      case SpanField.Attributes: {
        const next = readAttributeBlock(r, r.fieldStart, r.fieldTag);
        block = block === NO_BLOCK ? next : joinBlocks(block, next);
        break;
      }
      case SpanField.DroppedAttributesCount:
        droppedAttributes = r.uint32();
        break;
      case SpanField.Events:
        events ??= [];
        if (events.length < MAX_LIST_ITEMS) events.push(readEvent(r));
        else {
          droppedEvents++;
          r.skip(WIRE_LEN);
        }
        break;
      case SpanField.DroppedEventsCount:
        droppedEvents += r.uint32();
        break;
      case SpanField.Links:
        links ??= [];
        if (links.length < MAX_LIST_ITEMS) links.push(readLink(r));
        else {
          droppedLinks++;
          r.skip(WIRE_LEN);
        }
        break;
      case SpanField.DroppedLinksCount:
        droppedLinks += r.uint32();
        break;
      case SpanField.Status:
        status = readStatus(r);
        break;
      case SpanField.Flags:
        flags = r.fixed32();
        break;
    }
  }
  r.leave(outer);
  if (!isValidHexId(traceId, 16) || !hasSpanId || (idHigh === 0 && idLow === 0)) return false;
  const o = SPAN_ROWS.claim();
  const chunk = SPAN_ROWS.chunk;
  const w = chunk.words;
  w[o + ROW_START_LO] = startLow;
  w[o + ROW_START_HI] = startHigh;
  w[o + ROW_END_LO] = endLow;
  w[o + ROW_END_HI] = endHigh;
  w[o + ROW_ID_HI] = idHigh;
  w[o + ROW_ID_LO] = idLow;
  w[o + ROW_PARENT_HI] = parentHigh;
  w[o + ROW_PARENT_LO] = parentLow;
  w[o + ROW_FLAGS] = flags;
  w[o + ROW_KIND] = kind;
  chunk.setRefs(o, traceId, name, status, block, sources.of(traceState, links ?? NO_LINKS, droppedAttributes, droppedEvents, droppedLinks), events ?? NO_EVENTS);
  out.addRow(chunk, o);
  return true;
}

function readEvent(r: ProtoReader): SpanEvent {
  const outer = r.enter();
  let time = 0n;
  let timeMs = 0;
  let name = '';
  const attributes: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  for (let field = r.nextField(EVENT); field !== 0; field = r.nextField(EVENT)) {
    switch (field) {
      case EventField.TimeUnixNano:
        time = r.fixed64Big();
        timeMs = halvesToMs(r.lastHigh, r.lastLow);
        break;
      case EventField.Name:
        name = r.string();
        break;
      case EventField.Attributes:
        readKeyValueInto(r, attributes, 0);
        break;
      case EventField.DroppedAttributesCount:
        dropped = r.uint32();
        break;
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
  for (let field = r.nextField(LINK); field !== 0; field = r.nextField(LINK)) {
    switch (field) {
      case LinkField.TraceId:
        traceId = r.hex();
        break;
      case LinkField.SpanId:
        spanId = r.hex();
        break;
      case LinkField.TraceState:
        traceState = r.string();
        break;
      case LinkField.Attributes:
        readKeyValueInto(r, attributes, 0);
        break;
      case LinkField.DroppedAttributesCount:
        dropped = r.uint32();
        break;
      case LinkField.Flags:
        flags = r.fixed32();
        break;
    }
  }
  r.leave(outer);
  return { traceId, spanId, traceState, attributes: attributes.items ?? NO_ATTRIBUTES, droppedAttributesCount: dropped + attributes.dropped, flags };
}

/** Statuses repeat (the same error from one call site): the previous object is shared when equal. */
let lastStatus: SpanStatus = UNSET_STATUS;

function readStatus(r: ProtoReader): SpanStatus {
  const outer = r.enter();
  let message = '';
  let code = 0;
  for (let field = r.nextField(STATUS); field !== 0; field = r.nextField(STATUS)) {
    if (field === StatusField.Message) message = r.string();
    else code = r.uint32();
  }
  r.leave(outer);
  if (code === 0 && message === '') return UNSET_STATUS;
  const codeName = STATUS_CODES[code] ?? 'unset';
  if (lastStatus.code !== codeName || lastStatus.message !== message) lastStatus = { code: codeName, message };
  return lastStatus;
}
