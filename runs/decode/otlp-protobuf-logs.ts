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
import { ExportRequestField, LogRecordField, ResourceDataField, ScopeDataField } from './otlp-proto-fields';
import { makeLog } from '../store/records';

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeLogsRequestProto(body: Buffer): DecodedBatch<LogEntry> {
  const r = new ProtoReader(body);
  const out = emptyBatch<LogEntry>();
  r.forEachMessage(ExportRequestField.ResourceData, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    r.forEachMessage(ResourceDataField.ScopeData, () => {
      const scope = readScopeAt(r, scanWrapperHeader(r));
      r.forEachMessage(ScopeDataField.Records, () => out.items.push(readLogRecord(r, resource, scope)));
    });
  });
  return out;
}

const LOG_RECORD = fieldWires({
  [LogRecordField.TimeUnixNano]: WIRE_FIXED64,
  [LogRecordField.SeverityNumber]: WIRE_VARINT,
  [LogRecordField.SeverityText]: WIRE_LEN,
  [LogRecordField.Body]: WIRE_LEN,
  [LogRecordField.Attributes]: WIRE_LEN,
  [LogRecordField.DroppedAttributesCount]: WIRE_VARINT,
  [LogRecordField.Flags]: WIRE_FIXED32,
  [LogRecordField.TraceId]: WIRE_LEN,
  [LogRecordField.SpanId]: WIRE_LEN,
  [LogRecordField.ObservedTimeUnixNano]: WIRE_FIXED64,
  [LogRecordField.EventName]: WIRE_LEN,
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
      case LogRecordField.TimeUnixNano:
        time = r.fixed64Big();
        break;
      case LogRecordField.SeverityNumber:
        severityNumber = r.uint32();
        break;
      case LogRecordField.SeverityText:
        severityText = r.string();
        break;
      case LogRecordField.Body:
        body = readAnyValue(r, 0);
        break;
      case LogRecordField.Attributes:
        readKeyValueInto(r, attributes, 0);
        break;
      case LogRecordField.DroppedAttributesCount:
        dropped = r.uint32();
        break;
      case LogRecordField.Flags:
        flags = r.fixed32();
        break;
      case LogRecordField.TraceId:
        traceId = r.hex();
        break;
      case LogRecordField.SpanId:
        spanId = r.hex();
        break;
      case LogRecordField.ObservedTimeUnixNano:
        observed = r.fixed64Big();
        break;
      case LogRecordField.EventName:
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
