/**
 * Protobuf decoding of the OTLP messages shared by all signals: AnyValue, KeyValue, Resource and
 * InstrumentationScope (opentelemetry/proto/common/v1, resource/v1).
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import type { Attribute, AttributeValue, ResourceInfo, ScopeInfo } from '../store/model';
import { DecodeError, fieldWires, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import type { ProtoReader } from './protobuf-reader';
import { AnyValueField, InstrumentationScopeField, KeyValueField, ResourceDataField, ResourceField, ValuesField } from './otlp-proto-fields';
import { EMPTY_RESOURCE, EMPTY_SCOPE, makeResource } from '../store/record-defaults';
import { BytesCache } from './bytes-cache';

/** Deepest nesting of array/kvlist values accepted. */
export const MAX_VALUE_DEPTH = 32;
/** Most attributes, events, links or array items kept per list; the rest are dropped and counted. */
export const MAX_LIST_ITEMS = 1024;

const KEY_VALUE = fieldWires({ [KeyValueField.Key]: WIRE_LEN, [KeyValueField.Value]: WIRE_LEN });
const ANY_VALUE = fieldWires({
  [AnyValueField.StringValue]: WIRE_LEN,
  [AnyValueField.BoolValue]: WIRE_VARINT,
  [AnyValueField.IntValue]: WIRE_VARINT,
  [AnyValueField.DoubleValue]: WIRE_FIXED64,
  [AnyValueField.ArrayValue]: WIRE_LEN,
  [AnyValueField.KvlistValue]: WIRE_LEN,
  [AnyValueField.BytesValue]: WIRE_LEN,
});
const VALUES = fieldWires({ [ValuesField.Values]: WIRE_LEN });
const RESOURCE = fieldWires({ [ResourceField.Attributes]: WIRE_LEN, [ResourceField.DroppedAttributesCount]: WIRE_VARINT });
/** Name, version, attributes (dropped_attributes_count is not kept). */
const SCOPE = fieldWires({ [InstrumentationScopeField.Name]: WIRE_LEN, [InstrumentationScopeField.Version]: WIRE_LEN, [InstrumentationScopeField.Attributes]: WIRE_LEN });

/** A mutable attribute list under construction, with its drop count. */
export interface AttributeList {
  items: Attribute[] | undefined;
  dropped: number;
}

/** Key/value pairs up to this encoded size are decoded once and shared (see {@link BytesCache}). */
const SHARED_PAIR_MAX_BYTES = 160;
const sharedPairs = new BytesCache<Attribute>(4096);

/** Decodes one KeyValue and appends it to `list` (or counts it dropped past {@link MAX_LIST_ITEMS}). */
export function readKeyValueInto(r: ProtoReader, list: AttributeList, depth: number): void {
  if (list.items === undefined) list.items = [];
  if (list.items.length >= MAX_LIST_ITEMS) {
    list.dropped++;
    r.skip(WIRE_LEN);
    return;
  }
  const start = r.pos;
  const outer = r.enter();
  const end = r.end;
  // Attributes are immutable, so identical encoded pairs can share one decoded object.
  const isShareable = end - start <= SHARED_PAIR_MAX_BYTES;
  if (isShareable) {
    const shared = sharedPairs.get(r.view, start, end);
    if (shared !== undefined) {
      r.leave(outer);
      list.items.push(shared);
      return;
    }
  }
  let key = '';
  let value: AttributeValue = null;
  for (let field = r.nextField(KEY_VALUE); field !== 0; field = r.nextField(KEY_VALUE)) {
    if (field === KeyValueField.Key) key = r.string();
    else value = readAnyValue(r, depth + 1);
  }
  r.leave(outer);
  const pair: Attribute = { key, value };
  if (isShareable && sharedPairs.isRepeat(r.view, start, end)) sharedPairs.set(r.view, start, end, pair);
  list.items.push(pair);
}

/** Decodes an embedded AnyValue message. */
export function readAnyValue(r: ProtoReader, depth: number): AttributeValue {
  if (depth > MAX_VALUE_DEPTH) throw new DecodeError(`values nested deeper than ${MAX_VALUE_DEPTH}`);
  const outer = r.enter();
  let value: AttributeValue = null;
  for (let field = r.nextField(ANY_VALUE); field !== 0; field = r.nextField(ANY_VALUE)) {
    switch (field) {
      case AnyValueField.StringValue:
        value = r.string();
        break;
      case AnyValueField.BoolValue:
        value = r.bool();
        break;
      case AnyValueField.IntValue:
        value = r.int64();
        break;
      case AnyValueField.DoubleValue:
        value = r.double();
        break;
      case AnyValueField.ArrayValue:
        value = readArrayValue(r, depth);
        break;
      case AnyValueField.KvlistValue:
        value = { kvlist: readKeyValueList(r, depth).items ?? NO_ATTRIBUTES };
        break;
      case AnyValueField.BytesValue:
        value = r.bytes();
        break;
    }
  }
  r.leave(outer);
  return value;
}

function readArrayValue(r: ProtoReader, depth: number): AttributeValue[] {
  const outer = r.enter();
  const values: AttributeValue[] = [];
  while (r.nextField(VALUES) !== 0) {
    const item = readAnyValue(r, depth + 1);
    if (values.length < MAX_LIST_ITEMS) values.push(item);
  }
  r.leave(outer);
  return values;
}

function readKeyValueList(r: ProtoReader, depth: number): AttributeList {
  const outer = r.enter();
  const list: AttributeList = { items: undefined, dropped: 0 };
  while (r.nextField(VALUES) !== 0) readKeyValueInto(r, list, depth + 1);
  r.leave(outer);
  return list;
}

/** Decodes an embedded Resource message. */
export function readResource(r: ProtoReader, schemaUrl: string): ResourceInfo {
  const outer = r.enter();
  const list: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  for (let field = r.nextField(RESOURCE); field !== 0; field = r.nextField(RESOURCE)) {
    if (field === ResourceField.Attributes) readKeyValueInto(r, list, 0);
    else dropped = r.uint32();
  }
  r.leave(outer);
  return makeResource(list.items ?? NO_ATTRIBUTES, dropped + list.dropped, schemaUrl);
}

/** Decodes an embedded InstrumentationScope message. */
export function readScope(r: ProtoReader, schemaUrl: string): ScopeInfo {
  const outer = r.enter();
  let name = '';
  let version = '';
  const list: AttributeList = { items: undefined, dropped: 0 };
  for (let field = r.nextField(SCOPE); field !== 0; field = r.nextField(SCOPE)) {
    if (field === InstrumentationScopeField.Name) name = r.string();
    else if (field === InstrumentationScopeField.Version) version = r.string();
    else readKeyValueInto(r, list, 0);
  }
  r.leave(outer);
  return { name, version, attributes: list.items ?? NO_ATTRIBUTES, schemaUrl };
}

/** Where the header fields of a ResourceX/ScopeX wrapper are. */
export interface WrapperHeader {
  /** Position of the resource or scope message's length prefix, or -1 when absent. */
  readonly headerAt: number;
  readonly schemaUrl: string;
}

/**
 * Pre-scans a ResourceX/ScopeX wrapper message for its resource or scope and its schema_url (the
 * same field numbers in both), which the wire format allows after the records they qualify. Skipping the records
 * is cheap (length prefixes only). The reader position is restored.
 */
export function scanWrapperHeader(r: ProtoReader): WrapperHeader {
  const start = r.pos;
  let headerAt = -1;
  let schemaUrl = '';
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (field === ResourceDataField.Resource && wire === WIRE_LEN) {
      headerAt = r.pos;
      r.skip(wire);
    } else if (field === ResourceDataField.SchemaUrl && wire === WIRE_LEN) schemaUrl = r.string();
    else r.skip(wire);
  }
  r.pos = start;
  return { headerAt, schemaUrl };
}

/** Reads the wrapper's resource found by {@link scanWrapperHeader}, leaving the reader position unchanged. */
export function readResourceAt(r: ProtoReader, header: WrapperHeader): ResourceInfo {
  if (header.headerAt < 0) return header.schemaUrl === '' ? EMPTY_RESOURCE : makeResource(NO_ATTRIBUTES, 0, header.schemaUrl);
  const pos = r.pos;
  r.pos = header.headerAt;
  const resource = readResource(r, header.schemaUrl);
  r.pos = pos;
  return resource;
}

/** Reads the wrapper's scope found by {@link scanWrapperHeader}, leaving the reader position unchanged. */
export function readScopeAt(r: ProtoReader, header: WrapperHeader): ScopeInfo {
  if (header.headerAt < 0) return header.schemaUrl === '' ? EMPTY_SCOPE : { ...EMPTY_SCOPE, schemaUrl: header.schemaUrl };
  const pos = r.pos;
  r.pos = header.headerAt;
  const scope = readScope(r, header.schemaUrl);
  r.pos = pos;
  return scope;
}
