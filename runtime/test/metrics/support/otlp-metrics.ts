/**
 * A loopback OTLP/HTTP metrics receiver for tests, and decoders for what arrives: protobuf (field numbers
 * of opentelemetry/proto/metrics/v1, read with the tests' wire reader) and JSON, into one plain shape.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { hex, jsonAttributes, keyValue, keyValues, packedDoubles, packedFixed64, text, WireReader } from '../../support/otlp-wire';
import type { JsonKeyValue } from '../../support/otlp-wire';

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
  exemplars?: ReceivedExemplar[];
}

/** One exemplar of a data point. */
export interface ReceivedExemplar {
  readonly traceId: string;
  readonly spanId: string;
  readonly value: number;
  readonly timeNs: bigint;
}

function exemplar(b: Uint8Array): ReceivedExemplar {
  const e = { traceId: '', spanId: '', value: NaN, timeNs: 0n };
  const w = new WireReader(b);
  w.fields((no, type) => {
    if (no === 2 && type === 1) e.timeNs = w.fixed64();
    else if (no === 3 && type === 1) e.value = w.double();
    else if (no === 4 && type === 2) e.spanId = hex(w.bytes());
    else if (no === 5 && type === 2) e.traceId = hex(w.bytes());
    else return false;
    return true;
  });
  return e;
}

function addExemplar(p: ReceivedPoint, e: ReceivedExemplar): void {
  (p.exemplars ??= []).push(e);
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

/** Metric tests compare attribute values as strings. */
function asStrings(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) out[key] = value === undefined ? '' : String(value);
  return out;
}

function numberPoint(b: Uint8Array): ReceivedPoint {
  const attributes: Record<string, unknown> = {};
  const p: { attributes: Record<string, string>; startNs: bigint; timeNs: bigint; value?: number } = { attributes: {}, startNs: 0n, timeNs: 0n };
  const w = new WireReader(b);
  w.fields((no, type) => {
    if (no === 7 && type === 2) keyValue(w.bytes(), attributes);
    else if (no === 2 && type === 1) p.startNs = w.fixed64();
    else if (no === 3 && type === 1) p.timeNs = w.fixed64();
    else if (no === 4 && type === 1) p.value = w.double();
    else if (no === 6 && type === 1) p.value = Number(w.fixed64());
    else if (no === 5 && type === 2) addExemplar(p, exemplar(w.bytes()));
    else return false;
    return true;
  });
  p.attributes = asStrings(attributes);
  return p;
}

function histogramPoint(b: Uint8Array): ReceivedPoint {
  const attributes: Record<string, unknown> = {};
  const p: ReceivedPoint = { attributes: {}, startNs: 0n, timeNs: 0n, bucketCounts: [], bounds: [] };
  const m = p as { -readonly [K in keyof ReceivedPoint]: ReceivedPoint[K] };
  const w = new WireReader(b);
  w.fields((no, type) => {
    if (no === 9 && type === 2) keyValue(w.bytes(), attributes);
    else if (no === 2 && type === 1) m.startNs = w.fixed64();
    else if (no === 3 && type === 1) m.timeNs = w.fixed64();
    else if (no === 4 && type === 1) p.count = Number(w.fixed64());
    else if (no === 5 && type === 1) p.sum = w.double();
    else if (no === 6 && type === 2) p.bucketCounts = packedFixed64(w.bytes());
    else if (no === 7 && type === 2) p.bounds = packedDoubles(w.bytes());
    else if (no === 11 && type === 1) p.min = w.double();
    else if (no === 12 && type === 1) p.max = w.double();
    else if (no === 8 && type === 2) addExemplar(p, exemplar(w.bytes()));
    else return false;
    return true;
  });
  m.attributes = asStrings(attributes);
  return p;
}

function dataOf(b: Uint8Array, histogram: boolean): { points: ReceivedPoint[]; temporality: number; isMonotonic: boolean } {
  const out = { points: [] as ReceivedPoint[], temporality: 0, isMonotonic: false };
  const w = new WireReader(b);
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
  const w = new WireReader(b);
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
  const request = new WireReader(body);
  request.fields((no, type) => {
    if (no !== 1 || type !== 2) return false;
    const rm = new WireReader(request.bytes());
    let resource: Record<string, string> = {};
    const scopes: Uint8Array[] = [];
    rm.fields((n, t) => {
      if (n === 1 && t === 2) resource = asStrings(keyValues(rm.bytes(), 1));
      else if (n === 2 && t === 2) scopes.push(rm.bytes());
      else return false;
      return true;
    });
    for (const s of scopes) {
      let scope = '';
      const metrics: Uint8Array[] = [];
      const sw = new WireReader(s);
      sw.fields((n, t) => {
        if (n === 1 && t === 2) {
          const sc = new WireReader(sw.bytes());
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
// Test-only: attribute lists follow the OTLP/JSON schema, checked by the assertions that follow.
const jsonStrings = (v: unknown): Record<string, string> => asStrings(jsonAttributes(arr(v) as unknown as JsonKeyValue[]));

/** Decodes an `ExportMetricsServiceRequest` in OTLP JSON. */
export function decodeJsonMetrics(body: string): ReceivedMetric[] {
  const out: ReceivedMetric[] = [];
  const parsed = JSON.parse(body) as Json;
  for (const rm of arr(parsed['resourceMetrics'])) {
    const resource = jsonStrings(((rm['resource'] ?? {}) as Json)['attributes']);
    for (const sm of arr(rm['scopeMetrics'])) {
      const scope = String(((sm['scope'] ?? {}) as Json)['name'] ?? '');
      for (const m of arr(sm['metrics'])) {
        const kind = m['sum'] ? 'sum' : m['gauge'] ? 'gauge' : m['histogram'] ? 'histogram' : 'other';
        const data = (m[kind] ?? {}) as Json;
        const points = arr(data['dataPoints']).map((p): ReceivedPoint => {
          const point: ReceivedPoint = { attributes: jsonStrings(p['attributes']), startNs: BigInt(String(p['startTimeUnixNano'] ?? 0)), timeNs: BigInt(String(p['timeUnixNano'] ?? 0)) };
          const value = num(p['asDouble'] ?? p['asInt']);
          if (value !== undefined) point.value = value;
          for (const e of arr(p['exemplars'])) addExemplar(point, { traceId: String(e['traceId']), spanId: String(e['spanId']), value: Number(e['asDouble']), timeNs: BigInt(String(e['timeUnixNano'] ?? 0)) });
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
