/** Decodes a parsed OTLP/JSON `ExportLogsServiceRequest` into {@link LogEntry} records, validating every field. */
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import { isRecord } from '../is';
import type { LogEntry } from '../store/model';
import { attributesOf, field, objects, optArray, optCount, optEnum, optId, optNanos, optString, readAnyValueJson, resourceBlocks, scopeBlocks } from './otlp-json-common';
import { DecodeError } from './protobuf-reader';
import { makeLog } from '../store/records';

/** Severity enum names after `SEVERITY_NUMBER_`, lowercased, index = number. */
const SEVERITY_NAMES: readonly string[] = [
  'unspecified',
  ...['trace', 'debug', 'info', 'warn', 'error', 'fatal'].flatMap((level) => [level, `${level}2`, `${level}3`, `${level}4`]),
];

/** Decodes a parsed request; throws {@link DecodeError} on a wrong shape. */
export function decodeLogsRequestJson(request: unknown, out: DecodedBatch<LogEntry> = emptyBatch()): DecodedBatch<LogEntry> {
  if (!isRecord(request)) throw new DecodeError('the request must be a JSON object');
  for (const { block, resource } of resourceBlocks(request, 'resourceLogs')) {
    for (const { block: scopeBlock, scope } of scopeBlocks(block, 'Logs', 'resourceLogs[]')) {
      for (const o of objects(optArray(scopeBlock, 'logRecords', 'log_records', 'scopeLogs[]'), 'logRecords')) {
        const where = 'logRecord';
        const { attributes, dropped } = attributesOf(o, where);
        const body = field(o, 'body');
        const severity = optEnum(o, 'severityNumber', 'severity_number', where, 'SEVERITY_NUMBER_', SEVERITY_NAMES);
        out.items.push(
          makeLog({
            timeUnixNano: optNanos(o, 'timeUnixNano', 'time_unix_nano', where),
            observedTimeUnixNano: optNanos(o, 'observedTimeUnixNano', 'observed_time_unix_nano', where),
            severityNumber: severity,
            severityText: optString(o, 'severityText', 'severity_text', where),
            body: body === undefined || body === null ? null : readAnyValueJson(body, `${where}.body`, 0),
            attributes,
            traceId: optId(o, 'traceId', 'trace_id', 16, where),
            spanId: optId(o, 'spanId', 'span_id', 8, where),
            flags: optCount(o, 'flags', undefined, where),
            eventName: optString(o, 'eventName', 'event_name', where),
            resource,
            scope,
            droppedAttributesCount: dropped,
          }),
        );
      }
    }
  }
  return out;
}
