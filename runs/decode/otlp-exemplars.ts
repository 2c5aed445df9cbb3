/**
 * Decoding of OTLP metric exemplars (protobuf and JSON) into {@link PointExemplar}s. An exemplar is kept
 * only with a well-formed trace id (16 bytes) and span id (8 bytes), neither all zero: it exists to open
 * its trace. Malformed ones (ids of another length, missing or zero ids) and those past
 * {@link MAX_EXEMPLARS_PER_POINT} are dropped and counted, never thrown.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import type { PointExemplar } from '../store/model';
import { isValidHexId } from '../store/span-ids';
import { nanosToMs } from '../store/record-defaults';
import { readKeyValueInto } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { attributesOf, objects, optArray, optDouble, optId, optNanos, toInt64 } from './otlp-json-common';
import { ExemplarField } from './otlp-proto-fields';
import { fieldWires, WIRE_FIXED64, WIRE_LEN } from './protobuf-reader';
import type { ProtoReader } from './protobuf-reader';

/** More exemplars than this on one point are dropped (a point has one per bucket at most, in practice). */
export const MAX_EXEMPLARS_PER_POINT = 256;

/** The exemplars of one point while it is decoded. */
export interface ExemplarList {
  items: PointExemplar[] | undefined;
  dropped: number;
}

export function newExemplarList(): ExemplarList {
  return { items: undefined, dropped: 0 };
}

/** The point fields for `list`: absent when the point carried no exemplar. */
export function exemplarFields(list: ExemplarList): { exemplars?: readonly PointExemplar[]; droppedExemplars?: number } {
  if (list.items === undefined && list.dropped === 0) return {};
  return { exemplars: list.items ?? [], droppedExemplars: list.dropped };
}

function accept(list: ExemplarList, e: PointExemplar): void {
  const items = (list.items ??= []);
  if (!isValidHexId(e.traceId, 16) || !isValidHexId(e.spanId, 8) || items.length >= MAX_EXEMPLARS_PER_POINT || !Number.isFinite(e.value)) list.dropped++;
  else items.push(e);
}

const EXEMPLAR = fieldWires({
  [ExemplarField.TimeUnixNano]: WIRE_FIXED64,
  [ExemplarField.AsDouble]: WIRE_FIXED64,
  [ExemplarField.SpanId]: WIRE_LEN,
  [ExemplarField.TraceId]: WIRE_LEN,
  [ExemplarField.AsInt]: WIRE_FIXED64,
  [ExemplarField.FilteredAttributes]: WIRE_LEN,
});

/** Reads one embedded protobuf Exemplar into `list`. */
export function readExemplar(r: ProtoReader, list: ExemplarList): void {
  const outer = r.enter();
  let time = 0n;
  let value = 0;
  let traceId = '';
  let spanId = '';
  const attributes: AttributeList = { items: undefined, dropped: 0 };
  for (let field = r.nextField(EXEMPLAR); field !== 0; field = r.nextField(EXEMPLAR)) {
    switch (field) {
      case ExemplarField.TimeUnixNano:
        time = r.fixed64Big();
        break;
      case ExemplarField.AsDouble:
        value = r.double();
        break;
      case ExemplarField.AsInt:
        value = r.sfixed64();
        break;
      case ExemplarField.SpanId:
        spanId = r.hex();
        break;
      case ExemplarField.TraceId:
        traceId = r.hex();
        break;
      case ExemplarField.FilteredAttributes:
        readKeyValueInto(r, attributes, 0);
        break;
    }
  }
  r.leave(outer);
  accept(list, { traceId, spanId, value, timeUnixNano: time, timeMs: nanosToMs(time), filteredAttributes: attributes.items ?? NO_ATTRIBUTES });
}

type Json = Record<string, unknown>;

/** Reads the `exemplars` of a JSON data point (ids in hex, or base64 as some exporters send them). */
export function readExemplarsJson(p: Json, where: string): ExemplarList {
  const list = newExemplarList();
  const at = `${where}.exemplars[]`;
  for (const e of objects(optArray(p, 'exemplars', undefined, where), `${where}.exemplars`)) {
    const time = optNanos(e, 'timeUnixNano', 'time_unix_nano', at);
    const asInt = e['asInt'] ?? e['as_int'];
    const value = asInt !== undefined ? Number(toInt64(asInt, `${at}.asInt`)) : (optDouble(e, 'asDouble', 'as_double', at) ?? 0);
    accept(list, {
      traceId: optId(e, 'traceId', 'trace_id', 16, at),
      spanId: optId(e, 'spanId', 'span_id', 8, at),
      value,
      timeUnixNano: time,
      timeMs: nanosToMs(time),
      filteredAttributes: attributesOf({ attributes: e['filteredAttributes'] ?? e['filtered_attributes'] ?? [] }, at).attributes,
    });
  }
  return list;
}
