/**
 * Decodes OTLP trace export requests, protobuf (field numbers of opentelemetry/proto/collector/trace/v1,
 * read with the tests' wire reader) and JSON, into one plain shape the tests assert on.
 */
import { hex, jsonAttributes, keyValue, keyValues, text, WireReader } from '../../support/otlp-wire';
import type { JsonKeyValue } from '../../support/otlp-wire';

/** A span as the tests see it. Ids are lower-case hex; attributes are plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly events: readonly { readonly name: string; readonly attributes: Readonly<Record<string, unknown>> }[];
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly scope: string;
}

function decodeSpan(buf: Uint8Array, resource: Record<string, unknown>, scope: string): ReceivedSpan {
  const s = { traceId: '', spanId: '', parentSpanId: '', name: '', kind: 0, startNs: 0n, endNs: 0n, statusCode: 0, statusMessage: '' };
  const attributes: Record<string, unknown> = {};
  const events: { name: string; attributes: Record<string, unknown> }[] = [];
  const r = new WireReader(buf);
  r.fields((field) => {
    if (field === 1) s.traceId = hex(r.bytes());
    else if (field === 2) s.spanId = hex(r.bytes());
    else if (field === 4) s.parentSpanId = hex(r.bytes());
    else if (field === 5) s.name = text(r.bytes());
    else if (field === 6) s.kind = Number(r.varint());
    else if (field === 7) s.startNs = r.fixed64();
    else if (field === 8) s.endNs = r.fixed64();
    else if (field === 9) keyValue(r.bytes(), attributes);
    else if (field === 11) {
      const er = new WireReader(r.bytes());
      const event = { name: '', attributes: {} as Record<string, unknown> };
      er.fields((f) => {
        if (f === 2) event.name = text(er.bytes());
        else if (f === 3) keyValue(er.bytes(), event.attributes);
        else return false;
        return true;
      });
      events.push(event);
    } else if (field === 15) {
      const sr = new WireReader(r.bytes());
      sr.fields((f) => {
        if (f === 2) s.statusMessage = text(sr.bytes());
        else if (f === 3) s.statusCode = Number(sr.varint());
        else return false;
        return true;
      });
    } else return false;
    return true;
  });
  return { ...s, attributes, events, resource, scope };
}

/** Decodes a protobuf ExportTraceServiceRequest. */
export function decodeProtobufTraces(body: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  const r = new WireReader(body);
  r.fields((field) => {
    if (field !== 1) return false;
    const rsBuf = r.bytes();
    let resource: Record<string, unknown> = {};
    const scopeBufs: Uint8Array[] = [];
    const rr = new WireReader(rsBuf);
    rr.fields((f) => {
      if (f === 1) resource = keyValues(rr.bytes(), 1);
      else if (f === 2) scopeBufs.push(rr.bytes());
      else return false;
      return true;
    });
    for (const scopeBuf of scopeBufs) {
      let scope = '';
      const sr = new WireReader(scopeBuf);
      const spanBufs: Uint8Array[] = [];
      sr.fields((f) => {
        if (f === 1) {
          const ir = new WireReader(sr.bytes());
          ir.fields((g) => (g === 1 ? ((scope = text(ir.bytes())), true) : false));
        } else if (f === 2) spanBufs.push(sr.bytes());
        else return false;
        return true;
      });
      for (const spanBuf of spanBufs) spans.push(decodeSpan(spanBuf, resource, scope));
    }
    return true;
  });
  return spans;
}

interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: JsonKeyValue[];
  events?: { name: string; attributes?: JsonKeyValue[] }[];
  status?: { code?: number; message?: string };
}

/** Decodes an OTLP/JSON ExportTraceServiceRequest (ids in hex, as the spec requires). */
export function decodeJsonTraces(body: string): ReceivedSpan[] {
  // Test-only: the shape is the OTLP/JSON schema, checked by the assertions that follow.
  const request = JSON.parse(body) as {
    resourceSpans?: { resource?: { attributes?: JsonKeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[] }[];
  };
  const spans: ReceivedSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = jsonAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: s.traceId.toLowerCase(),
          spanId: s.spanId.toLowerCase(),
          parentSpanId: (s.parentSpanId ?? '').toLowerCase(),
          name: s.name,
          kind: s.kind ?? 0,
          startNs: BigInt(s.startTimeUnixNano ?? 0),
          endNs: BigInt(s.endTimeUnixNano ?? 0),
          attributes: jsonAttributes(s.attributes),
          events: (s.events ?? []).map((e) => ({ name: e.name, attributes: jsonAttributes(e.attributes) })),
          statusCode: s.status?.code ?? 0,
          statusMessage: s.status?.message ?? '',
          resource,
          scope: ss.scope?.name ?? '',
        });
      }
    }
  }
  return spans;
}
