/**
 * Encodes the bodies the receiver answers with: `Export{Trace,Metrics,Logs}ServiceResponse` (with
 * `partial_success` when items were rejected) and, for errors, a `google.rpc.Status`, each in the
 * encoding of the request (protobuf or JSON), as the OTLP/HTTP specification asks.
 */
import type { Signal } from '../store/model';

/** How the body is encoded. */
export type Encoding = 'protobuf' | 'json';

export const CONTENT_TYPES: Readonly<Record<Encoding, string>> = { protobuf: 'application/x-protobuf', json: 'application/json' };

const REJECTED_FIELD: Readonly<Record<Signal, string>> = { traces: 'rejectedSpans', metrics: 'rejectedDataPoints', logs: 'rejectedLogRecords' };

/** `google.rpc.Code` values used in error bodies. */
export const RPC_CODE = { invalidArgument: 3, unauthenticated: 16, resourceExhausted: 8, notFound: 5, unimplemented: 12, internal: 13, unavailable: 14 } as const;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(payload.length)]), payload]);
}

/** The success response; `rejected > 0` adds `partial_success` with the count and message. */
export function encodeExportResponse(signal: Signal, encoding: Encoding, rejected: number, message: string): Buffer {
  if (encoding === 'json') {
    if (rejected === 0 && message === '') return Buffer.from('{}');
    return Buffer.from(JSON.stringify({ partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage: message } }));
  }
  if (rejected === 0 && message === '') return Buffer.alloc(0);
  const parts: Buffer[] = [];
  if (rejected > 0) parts.push(Buffer.from([1 << 3, ...varint(rejected)]));
  if (message !== '') parts.push(lengthDelimited(2, Buffer.from(message, 'utf8')));
  return lengthDelimited(1, Buffer.concat(parts));
}

/** An error body: `google.rpc.Status { code, message }`. */
export function encodeStatus(encoding: Encoding, code: number, message: string): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  return Buffer.concat([Buffer.from([1 << 3, ...varint(code)]), lengthDelimited(2, Buffer.from(message, 'utf8'))]);
}
