/**
 * Decodes an OTLP `ExportLogsServiceRequest` protobuf into {@link LogEntry} records
 * (opentelemetry/proto/collector/logs/v1, logs/v1).
 */
import { NO_ATTRIBUTES } from './attributes';
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import type { AttributeValue, LogEntry, ResourceInfo, ScopeInfo } from './model';
import { readAnyValue, readKeyValueInto, readResourceAt, readScopeAt, scanWrapperHeader } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import { makeLog } from './records';

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeLogsRequestProto(body: Buffer): DecodedBatch<LogEntry> {
  const r = new ProtoReader(body);
  const out = emptyBatch<LogEntry>();
  forEachMessage(r, 1, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    forEachMessage(r, 2, () => {
      const scope = readScopeAt(r, scanWrapperHeader(r));
      forEachMessage(r, 2, () => out.items.push(readLogRecord(r, resource, scope)));
    });
  });
  return out;
}

/** For each length-delimited `field` of the current message: enters it, calls `read`, leaves it. */
function forEachMessage(r: ProtoReader, field: number, read: () => void): void {
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === field) {
      r.expect(tag & 7, WIRE_LEN);
      const outer = r.enter();
      read();
      r.leave(outer);
    } else r.skip(tag & 7);
  }
}

function readLogRecord(r: ProtoReader, resource: ResourceInfo, scope: ScopeInfo): LogEntry {
  let time = 0n;
  let observed = 0n;
  let severityNumber = 0;
  let severityText = '';
  let body: AttributeValue = null;
  const attributes: AttributeList = { items: undefined, dropped: 0 };
  let dropped = 0;
  let flags = 0;
  let traceId = '';
  let spanId = '';
  let eventName = '';
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_FIXED64);
        time = r.fixed64Big();
        break;
      case 2:
        r.expect(wire, WIRE_VARINT);
        severityNumber = r.uint32();
        break;
      case 3:
        r.expect(wire, WIRE_LEN);
        severityText = r.string();
        break;
      case 5:
        r.expect(wire, WIRE_LEN);
        body = readAnyValue(r, 0);
        break;
      case 6:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, attributes, 0);
        break;
      case 7:
        r.expect(wire, WIRE_VARINT);
        dropped = r.uint32();
        break;
      case 8:
        r.expect(wire, WIRE_FIXED32);
        flags = r.fixed32();
        break;
      case 9:
        r.expect(wire, WIRE_LEN);
        traceId = r.hex();
        break;
      case 10:
        r.expect(wire, WIRE_LEN);
        spanId = r.hex();
        break;
      case 11:
        r.expect(wire, WIRE_FIXED64);
        observed = r.fixed64Big();
        break;
      case 12:
        r.expect(wire, WIRE_LEN);
        eventName = r.string();
        break;
      default:
        r.skip(wire);
    }
  }
  return makeLog({
    timeUnixNano: time,
    observedTimeUnixNano: observed,
    severityNumber,
    severityText,
    body,
    attributes: attributes.items ?? NO_ATTRIBUTES,
    traceId,
    spanId,
    flags,
    eventName,
    resource,
    scope,
    droppedAttributesCount: dropped + attributes.dropped,
  });
}
