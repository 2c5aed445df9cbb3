/** Decodes an OTLP request body of any signal and encoding into typed records. */
import type { DecodedBatch } from './decoded-batch';
import type { LogEntry, MetricData, Signal, SpanRecord } from '../store/model';
import { decodeLogsRequestJson } from './otlp-json-logs';
import { decodeMetricsRequestJson } from './otlp-json-metrics';
import { decodeTraceRequestJson } from './otlp-json-traces';
import { decodeLogsRequestProto } from './otlp-protobuf-logs';
import { decodeMetricsRequestProto } from './otlp-protobuf-metrics';
import { decodeTraceRequestProto } from './otlp-protobuf-traces';
import type { Encoding } from '../receive/otlp-response';
import { DecodeError } from './protobuf-reader';

/** A decoded request, tagged with its signal. */
export type DecodedRequest =
  | { readonly signal: 'traces'; readonly batch: DecodedBatch<SpanRecord> }
  | { readonly signal: 'metrics'; readonly batch: DecodedBatch<MetricData> }
  | { readonly signal: 'logs'; readonly batch: DecodedBatch<LogEntry> };

/** Parses JSON text; a syntax error becomes a {@link DecodeError}. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DecodeError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Decodes a body. Throws {@link DecodeError} for malformed input (and, defensively, wraps any other
 * exception the decoders could raise on hostile input, such as a RangeError, into one).
 */
export function decodeRequest(signal: Signal, encoding: Encoding, body: Buffer): DecodedRequest {
  try {
    if (encoding === 'protobuf') {
      switch (signal) {
        case 'traces':
          return { signal, batch: decodeTraceRequestProto(body) };
        case 'metrics':
          return { signal, batch: decodeMetricsRequestProto(body) };
        case 'logs':
          return { signal, batch: decodeLogsRequestProto(body) };
      }
    }
    const json = parseJson(body.toString('utf8'));
    switch (signal) {
      case 'traces':
        return { signal, batch: decodeTraceRequestJson(json) };
      case 'metrics':
        return { signal, batch: decodeMetricsRequestJson(json) };
      case 'logs':
        return { signal, batch: decodeLogsRequestJson(json) };
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw new DecodeError(`malformed ${encoding} payload: ${error instanceof Error ? error.message : String(error)}`);
  }
}
