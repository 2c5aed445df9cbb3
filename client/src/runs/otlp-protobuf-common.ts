/**
 * Protobuf decoding of the OTLP messages shared by all signals: AnyValue, KeyValue, Resource and
 * InstrumentationScope (opentelemetry/proto/common/v1, resource/v1).
 */
import { NO_ATTRIBUTES } from './attributes';
import type { Attribute, AttributeValue, ResourceInfo, ScopeInfo } from './model';
import { DecodeError, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import type { ProtoReader } from './protobuf-reader';
import { EMPTY_RESOURCE, EMPTY_SCOPE, makeResource } from './records';
import { BytesCache } from './bytes-cache';

/** Deepest nesting of array/kvlist values accepted. */
export const MAX_VALUE_DEPTH = 32;
/** Most attributes, events, links or array items kept per list; the rest are dropped and counted. */
export const MAX_LIST_ITEMS = 1024;

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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        key = r.string();
        break;
      case 2:
        r.expect(wire, WIRE_LEN);
        value = readAnyValue(r, depth + 1);
        break;
      default:
        r.skip(wire);
    }
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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        value = r.string();
        break;
      case 2:
        r.expect(wire, WIRE_VARINT);
        value = r.bool();
        break;
      case 3:
        r.expect(wire, WIRE_VARINT);
        value = r.int64();
        break;
      case 4:
        r.expect(wire, WIRE_FIXED64);
        value = r.double();
        break;
      case 5:
        r.expect(wire, WIRE_LEN);
        value = readArrayValue(r, depth);
        break;
      case 6: {
        r.expect(wire, WIRE_LEN);
        const list = readKeyValueList(r, depth);
        value = { kvlist: list.items ?? NO_ATTRIBUTES };
        break;
      }
      case 7:
        r.expect(wire, WIRE_LEN);
        value = r.bytes();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return value;
}

function readArrayValue(r: ProtoReader, depth: number): AttributeValue[] {
  const outer = r.enter();
  const values: AttributeValue[] = [];
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    if (tag >>> 3 === 1) {
      r.expect(wire, WIRE_LEN);
      const item = readAnyValue(r, depth + 1);
      if (values.length < MAX_LIST_ITEMS) values.push(item);
    } else r.skip(wire);
  }
  r.leave(outer);
  return values;
}

function readKeyValueList(r: ProtoReader, depth: number): AttributeList {
  const outer = r.enter();
  const list: AttributeList = { items: undefined, dropped: 0 };
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    if (tag >>> 3 === 1) {
      r.expect(wire, WIRE_LEN);
      readKeyValueInto(r, list, depth + 1);
    } else r.skip(wire);
  }
  r.leave(outer);
  return list;
}

/** Decodes an embedded Resource message. */
export function readResource(r: ProtoReader, schemaUrl: string): ResourceInfo {
  const outer = r.enter();
  const list: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, list, 0);
        break;
      case 2:
        r.expect(wire, WIRE_VARINT);
        dropped = r.uint32();
        break;
      default:
        r.skip(wire);
    }
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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        name = r.string();
        break;
      case 2:
        r.expect(wire, WIRE_LEN);
        version = r.string();
        break;
      case 3:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, list, 0);
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { name, version, attributes: list.items ?? NO_ATTRIBUTES, schemaUrl };
}

/** Where the header fields of a ResourceX/ScopeX wrapper are. */
export interface WrapperHeader {
  /** Position of the field-1 message (resource or scope) length prefix, or -1 when absent. */
  readonly headerAt: number;
  /** Field 3, schema_url. */
  readonly schemaUrl: string;
}

/**
 * Pre-scans a ResourceX/ScopeX wrapper message for its field 1 (resource/scope) and field 3
 * (schema_url), which the wire format allows after the records they qualify. Skipping the records
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
    if (field === 1 && wire === WIRE_LEN) {
      headerAt = r.pos;
      r.skip(wire);
    } else if (field === 3 && wire === WIRE_LEN) schemaUrl = r.string();
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
