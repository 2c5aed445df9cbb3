/**
 * A loopback OTLP/HTTP metrics receiver for tests, and decoders for what arrives: protobuf (a small
 * wire-format reader over opentelemetry/proto/metrics/v1 field numbers) and JSON, into one plain shape.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** One data point as the tests see it. */
export interface ReceivedPoint {
  readonly attributes: Record<string, string>;
  readonly startNs: bigint;
  readonly timeNs: bigint;
  value?: number;
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: number[];
  bounds?: number[];
}

/** One metric as the tests see it. */
export interface ReceivedMetric {
  readonly resource: Record<string, string>;
  readonly scope: string;
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: 'sum' | 'gauge' | 'histogram' | 'other';
  readonly isMonotonic: boolean;
  readonly temporality: number;
  readonly points: ReceivedPoint[];
}

class Wire {
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
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getBigUint64(0, true);
    this.pos += 8;
    return v;
  }
  double(): number {
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }
  bytes(): Uint8Array {
    const n = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** Calls `field(number, wireType)` for each field; the callback must consume the value or return false to skip. */
  fields(field: (no: number, type: number) => boolean): void {
    while (!this.done) {
      const tag = Number(this.varint());
      const no = tag >>> 3;
      const type = tag & 7;
      if (!field(no, type)) this.skip(type);
    }
  }
  skip(type: number): void {
    if (type === 0) this.varint();
    else if (type === 1) this.pos += 8;
    else if (type === 2) this.bytes();
    else if (type === 5) this.pos += 4;
    else throw new Error(`wire type ${type}`);
  }
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

function keyValue(b: Uint8Array): [string, string] {
  let key = '';
  let value = '';
  const w = new Wire(b);
  w.fields((no, type) => {
    if (type !== 2) return false;
    if (no === 1) key = text(w.bytes());
    else if (no === 2) {
      const anyValue = new Wire(w.bytes());
      anyValue.fields((n, t) => {
        if (n === 1 && t === 2) value = text(anyValue.bytes());
        else if (n === 4 && t === 1) value = String(anyValue.double());
        else if (n === 3 && t === 0) value = String(anyValue.varint());
        else return false;
        return true;
      });
    } else return false;
    return true;
  });
  return [key, value];
}

function packedDoubles(b: Uint8Array): number[] {
  const out: number[] = [];
  const w = new Wire(b);
  while (!w.done) out.push(w.double());
  return out;
}

function packedFixed64(b: Uint8Array): number[] {
  const out: number[] = [];
  const w = new Wire(b);
  while (!w.done) out.push(Number(w.fixed64()));
  return out;
}

function numberPoint(b: Uint8Array): ReceivedPoint {
  const p: { attributes: Record<string, string>; startNs: bigint; timeNs: bigint; value?: number } = { attributes: {}, startNs: 0n, timeNs: 0n };
  const w = new Wire(b);
  w.fields((no, type) => {
    if (no === 7 && type === 2) {
      const [k, v] = keyValue(w.bytes());
      p.attributes[k] = v;
    } else if (no === 2 && type === 1) p.startNs = w.fixed64();
    else if (no === 3 && type === 1) p.timeNs = w.fixed64();
    else if (no === 4 && type === 1) p.value = w.double();
    else if (no === 6 && type === 1) p.value = Number(w.fixed64());
    else return false;
    return true;
  });
  return p;
}

function histogramPoint(b: Uint8Array): ReceivedPoint {
  const p: ReceivedPoint = { attributes: {}, startNs: 0n, timeNs: 0n, bucketCounts: [], bounds: [] };
  const m = p as { -readonly [K in keyof ReceivedPoint]: ReceivedPoint[K] };
  const w = new Wire(b);
  w.fields((no, type) => {
    if (no === 9 && type === 2) {
      const [k, v] = keyValue(w.bytes());
      p.attributes[k] = v;
    } else if (no === 2 && type === 1) m.startNs = w.fixed64();
    else if (no === 3 && type === 1) m.timeNs = w.fixed64();
    else if (no === 4 && type === 1) p.count = Number(w.fixed64());
    else if (no === 5 && type === 1) p.sum = w.double();
    else if (no === 6 && type === 2) p.bucketCounts = packedFixed64(w.bytes());
    else if (no === 7 && type === 2) p.bounds = packedDoubles(w.bytes());
    else if (no === 11 && type === 1) p.min = w.double();
    else if (no === 12 && type === 1) p.max = w.double();
    else return false;
    return true;
  });
  return p;
}

function dataOf(b: Uint8Array, histogram: boolean): { points: ReceivedPoint[]; temporality: number; isMonotonic: boolean } {
  const out = { points: [] as ReceivedPoint[], temporality: 0, isMonotonic: false };
  const w = new Wire(b);
  w.fields((no, type) => {
    if (no === 1 && type === 2) out.points.push(histogram ? histogramPoint(w.bytes()) : numberPoint(w.bytes()));
    else if (no === 2 && type === 0) out.temporality = Number(w.varint());
    else if (no === 3 && type === 0) out.isMonotonic = w.varint() === 1n;
    else return false;
    return true;
  });
  return out;
}

function metric(b: Uint8Array, resource: Record<string, string>, scope: string): ReceivedMetric {
  let name = '';
  let description = '';
  let unit = '';
  let kind: ReceivedMetric['kind'] = 'other';
  let data = { points: [] as ReceivedPoint[], temporality: 0, isMonotonic: false };
  const w = new Wire(b);
  w.fields((no, type) => {
    if (type !== 2) return false;
    if (no === 1) name = text(w.bytes());
    else if (no === 2) description = text(w.bytes());
    else if (no === 3) unit = text(w.bytes());
    else if (no === 5) [kind, data] = ['gauge', dataOf(w.bytes(), false)];
    else if (no === 7) [kind, data] = ['sum', dataOf(w.bytes(), false)];
    else if (no === 9) [kind, data] = ['histogram', dataOf(w.bytes(), true)];
    else return false;
    return true;
  });
  return { resource, scope, name, description, unit, kind, isMonotonic: data.isMonotonic, temporality: data.temporality, points: data.points };
}

/** Decodes an `ExportMetricsServiceRequest` in protobuf. */
export function decodeProtobufMetrics(body: Uint8Array): ReceivedMetric[] {
  const out: ReceivedMetric[] = [];
  const request = new Wire(body);
  request.fields((no, type) => {
    if (no !== 1 || type !== 2) return false;
    const rm = new Wire(request.bytes());
    const resource: Record<string, string> = {};
    const scopes: Uint8Array[] = [];
    rm.fields((n, t) => {
      if (n === 1 && t === 2) {
        const r = new Wire(rm.bytes());
        r.fields((k, tt) => {
          if (k !== 1 || tt !== 2) return false;
          const [key, value] = keyValue(r.bytes());
          resource[key] = value;
          return true;
        });
      } else if (n === 2 && t === 2) scopes.push(rm.bytes());
      else return false;
      return true;
    });
    for (const s of scopes) {
      let scope = '';
      const metrics: Uint8Array[] = [];
      const sw = new Wire(s);
      sw.fields((n, t) => {
        if (n === 1 && t === 2) {
          const sc = new Wire(sw.bytes());
          sc.fields((k, tt) => {
            if (k === 1 && tt === 2) scope = text(sc.bytes());
            else return false;
            return true;
          });
        } else if (n === 2 && t === 2) metrics.push(sw.bytes());
        else return false;
        return true;
      });
      for (const m of metrics) out.push(metric(m, resource, scope));
    }
    return true;
  });
  return out;
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const num = (v: unknown): number | undefined => (v === undefined ? undefined : Number(v));

function jsonAttributes(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of arr(v)) {
    const value = (kv['value'] ?? {}) as Json;
    out[String(kv['key'])] = String(value['stringValue'] ?? value['doubleValue'] ?? value['intValue'] ?? value['boolValue'] ?? '');
  }
  return out;
}

/** Decodes an `ExportMetricsServiceRequest` in OTLP JSON. */
export function decodeJsonMetrics(body: string): ReceivedMetric[] {
  const out: ReceivedMetric[] = [];
  const parsed = JSON.parse(body) as Json;
  for (const rm of arr(parsed['resourceMetrics'])) {
    const resource = jsonAttributes(((rm['resource'] ?? {}) as Json)['attributes']);
    for (const sm of arr(rm['scopeMetrics'])) {
      const scope = String(((sm['scope'] ?? {}) as Json)['name'] ?? '');
      for (const m of arr(sm['metrics'])) {
        const kind = m['sum'] ? 'sum' : m['gauge'] ? 'gauge' : m['histogram'] ? 'histogram' : 'other';
        const data = (m[kind] ?? {}) as Json;
        const points = arr(data['dataPoints']).map((p): ReceivedPoint => {
          const point: ReceivedPoint = { attributes: jsonAttributes(p['attributes']), startNs: BigInt(String(p['startTimeUnixNano'] ?? 0)), timeNs: BigInt(String(p['timeUnixNano'] ?? 0)) };
          const value = num(p['asDouble'] ?? p['asInt']);
          if (value !== undefined) point.value = value;
          if (kind === 'histogram') {
            const count = num(p['count']);
            const sum = num(p['sum']);
            const min = num(p['min']);
            const max = num(p['max']);
            if (count !== undefined) point.count = count;
            if (sum !== undefined) point.sum = sum;
            if (min !== undefined) point.min = min;
            if (max !== undefined) point.max = max;
            point.bucketCounts = (Array.isArray(p['bucketCounts']) ? (p['bucketCounts'] as unknown[]) : []).map(Number);
            point.bounds = (Array.isArray(p['explicitBounds']) ? (p['explicitBounds'] as unknown[]) : []).map(Number);
          }
          return point;
        });
        out.push({ resource, scope, name: String(m['name']), description: String(m['description'] ?? ''), unit: String(m['unit'] ?? ''), kind, isMonotonic: data['isMonotonic'] === true, temporality: Number(data['aggregationTemporality'] ?? 0), points });
      }
    }
  }
  return out;
}

/** A loopback receiver for `POST /v1/metrics`. */
export class MetricsReceiver {
  private server: Server | undefined;
  readonly received: { contentType: string; metrics: ReceivedMetric[] }[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          let body = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
          const contentType = String(req.headers['content-type'] ?? '');
          const metrics = contentType.includes('json') ? decodeJsonMetrics(body.toString('utf8')) : decodeProtobufMetrics(body);
          this.received.push({ contentType, metrics });
          res.writeHead(200, { 'Content-Type': contentType.includes('json') ? 'application/json' : 'application/x-protobuf' });
          res.end(contentType.includes('json') ? '{}' : undefined);
        } catch (error) {
          res.writeHead(400);
          res.end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1/metrics`;
  }

  /** Every metric named `name` received so far, newest last. */
  named(name: string): ReceivedMetric[] {
    return this.received.flatMap((r) => r.metrics.filter((m) => m.name === name));
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
