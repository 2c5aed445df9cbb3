/**
 * Decodes OTLP trace export requests, protobuf (a small wire-format reader over the field numbers
 * of opentelemetry/proto/collector/trace/v1) and JSON, into one plain shape the tests assert on.
 */

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

class WireReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  fixed64(): bigint {
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getBigUint64(0, true);
  }
  fixed32(): number {
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getUint32(0, true);
  }
  bytes(): Uint8Array {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  /** Iterates fields: calls `on(field, wireType)`; unread fields are skipped. */
  fields(on: (field: number, wire: number) => boolean): void {
    while (!this.done) {
      const tag = Number(this.varint());
      const field = tag >>> 3;
      const wire = tag & 7;
      if (!on(field, wire)) this.skip(wire);
    }
  }
  private skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function anyValue(buf: Uint8Array): unknown {
  let value: unknown;
  const r = new WireReader(buf);
  r.fields((field) => {
    if (field === 1) value = text(r.bytes());
    else if (field === 2) value = r.varint() !== 0n;
    else if (field === 3) value = Number(BigInt.asIntN(64, r.varint()));
    else if (field === 4) value = bitsToDouble(r.fixed64());
    else if (field === 5) {
      const items: unknown[] = [];
      const ar = new WireReader(r.bytes());
      ar.fields((f) => (f === 1 ? (items.push(anyValue(ar.bytes())), true) : false));
      value = items;
    } else if (field === 6) {
      value = keyValues(r.bytes(), 1);
    } else if (field === 7) value = hex(r.bytes());
    else return false;
    return true;
  });
  return value;
}

function bitsToDouble(bits: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, bits, true);
  return view.getFloat64(0, true);
}

function keyValue(buf: Uint8Array, into: Record<string, unknown>): void {
  let key = '';
  let value: unknown;
  const r = new WireReader(buf);
  r.fields((field) => {
    if (field === 1) key = text(r.bytes());
    else if (field === 2) value = anyValue(r.bytes());
    else return false;
    return true;
  });
  into[key] = value;
}

/** A message whose field `field` is a repeated KeyValue. */
function keyValues(buf: Uint8Array, field: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new WireReader(buf);
  r.fields((f) => (f === field ? (keyValue(r.bytes(), out), true) : false));
  return out;
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

interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: JsonKeyValue[] };
  bytesValue?: string;
}

function jsonValue(v: JsonAnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(jsonValue);
  if (v.kvlistValue !== undefined) return jsonAttributes(v.kvlistValue.values);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return undefined;
}

function jsonAttributes(list: JsonKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) out[kv.key] = jsonValue(kv.value);
  return out;
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
