/**
 * Test support: the one OTLP wire reader of the runtime's tests. A small protobuf reader (varints,
 * fixed64, length-delimited fields) plus the AnyValue and KeyValue messages of opentelemetry/proto/common/v1,
 * in protobuf and in OTLP/JSON. The trace and metric decoders (tracing/support/otlp-decode.ts,
 * metrics/support/otlp-metrics.ts) build on it.
 *
 * Written apart from the product decoder in runs/decode on purpose: the runtime's tests check what the
 * runtime sends against the proto definitions, so a misreading in the product decoder cannot hide the
 * same mistake in the runtime's exporter.
 */

/** Reads protobuf fields from one message. */
export class WireReader {
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
    const value = this.view(8).getBigUint64(0, true);
    this.pos += 8;
    return value;
  }

  double(): number {
    const value = this.view(8).getFloat64(0, true);
    this.pos += 8;
    return value;
  }

  bytes(): Uint8Array {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** Calls `on(field, wireType)` for each field; `on` reads the value, or returns false to have it skipped. */
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

  private view(length: number): DataView {
    if (this.pos + length > this.buf.length) throw new Error('truncated fixed-size field');
    return new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, length);
  }
}

export const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A packed `repeated double`. */
export function packedDoubles(b: Uint8Array): number[] {
  const out: number[] = [];
  const r = new WireReader(b);
  while (!r.done) out.push(r.double());
  return out;
}

/** A packed `repeated fixed64`, as numbers. */
export function packedFixed64(b: Uint8Array): number[] {
  const out: number[] = [];
  const r = new WireReader(b);
  while (!r.done) out.push(Number(r.fixed64()));
  return out;
}

/** An AnyValue: string, bool, int (as a number), double, array, kvlist (a record) or bytes (hex). */
export function anyValue(buf: Uint8Array): unknown {
  let value: unknown;
  const r = new WireReader(buf);
  r.fields((field) => {
    if (field === 1) value = text(r.bytes());
    else if (field === 2) value = r.varint() !== 0n;
    else if (field === 3) value = Number(BigInt.asIntN(64, r.varint()));
    else if (field === 4) value = r.double();
    else if (field === 5) {
      const items: unknown[] = [];
      const ar = new WireReader(r.bytes());
      ar.fields((f) => (f === 1 ? (items.push(anyValue(ar.bytes())), true) : false));
      value = items;
    } else if (field === 6) value = keyValues(r.bytes(), 1);
    else if (field === 7) value = hex(r.bytes());
    else return false;
    return true;
  });
  return value;
}

/** A KeyValue, added to `into`. */
export function keyValue(buf: Uint8Array, into: Record<string, unknown>): void {
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

/** A message whose field `field` is a repeated KeyValue (attributes, a Resource, a KeyValueList). */
export function keyValues(buf: Uint8Array, field: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const r = new WireReader(buf);
  r.fields((f) => (f === field ? (keyValue(r.bytes(), out), true) : false));
  return out;
}

/** An OTLP/JSON KeyValue. */
export interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}

/** An OTLP/JSON AnyValue (64-bit ints may arrive as strings). */
export interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: JsonKeyValue[] };
  bytesValue?: string;
}

/** An OTLP/JSON AnyValue, as {@link anyValue} reads its protobuf form (bytes stay base64). */
export function jsonValue(v: JsonAnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(jsonValue);
  if (v.kvlistValue !== undefined) return jsonAttributes(v.kvlistValue.values);
  if (v.bytesValue !== undefined) return v.bytesValue;
  return undefined;
}

/** OTLP/JSON attributes as a record. */
export function jsonAttributes(list: readonly JsonKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) out[kv.key] = jsonValue(kv.value);
  return out;
}
