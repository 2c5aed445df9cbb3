/**
 * Decodes an OTLP `ExportLogsServiceRequest` protobuf into {@link LogEntry} records
 * (opentelemetry/proto/collector/logs/v1, logs/v1).
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import type { AttributeValue, LogEntry, ResourceInfo, ScopeInfo } from '../store/model';
import { readAnyValue, readKeyValueInto, readResourceAt, readScopeAt, scanWrapperHeader } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { fieldWires, ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import { makeLog } from '../store/records';

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeLogsRequestProto(body: Buffer): DecodedBatch<LogEntry> {
  const r = new ProtoReader(body);
  const out = emptyBatch<LogEntry>();
  r.forEachMessage(1, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    r.forEachMessage(2, () => {
      const scope = readScopeAt(r, scanWrapperHeader(r));
      r.forEachMessage(2, () => out.items.push(readLogRecord(r, resource, scope)));
    });
  });
  return out;
}

const LOG_RECORD = fieldWires({
  1: WIRE_FIXED64, // time_unix_nano
  2: WIRE_VARINT, // severity_number
  3: WIRE_LEN, // severity_text
  5: WIRE_LEN, // body
  6: WIRE_LEN, // attributes
  7: WIRE_VARINT, // dropped_attributes_count
  8: WIRE_FIXED32, // flags
  9: WIRE_LEN, // trace_id
  10: WIRE_LEN, // span_id
  11: WIRE_FIXED64, // observed_time_unix_nano
  12: WIRE_LEN, // event_name
});

/** Reads a log record (inside it). */
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
  for (let field = r.nextField(LOG_RECORD); field !== 0; field = r.nextField(LOG_RECORD)) {
    switch (field) {
      case 1:
        time = r.fixed64Big();
        break;
      case 2:
        severityNumber = r.uint32();
        break;
      case 3:
        severityText = r.string();
        break;
      case 5:
        body = readAnyValue(r, 0);
        break;
      case 6:
        readKeyValueInto(r, attributes, 0);
        break;
      case 7:
        dropped = r.uint32();
        break;
      case 8:
        flags = r.fixed32();
        break;
      case 9:
        traceId = r.hex();
        break;
      case 10:
        spanId = r.hex();
        break;
      case 11:
        observed = r.fixed64Big();
        break;
      case 12:
        eventName = r.string();
        break;
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
