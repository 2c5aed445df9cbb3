/**
 * Adds Statscope's exemplars to OTLP metric requests. The official serializers
 * (`@opentelemetry/otlp-transformer`) encode data points without exemplars; this wraps one and adds each
 * point's `exemplars` (set by the producer, otel-producer.ts) to the encoded request: `exemplars` (field 5
 * of NumberDataPoint, 8 of HistogramDataPoint) in protobuf, `exemplars` arrays in JSON. The request is
 * walked in step with its input (the serializers keep resources, scopes, metrics and points in input
 * order); when the shapes disagree the request is sent as the serializer made it. Runs on the export path.
 */
import type { SeriesExemplar } from '../metrics/registry-types';

/** What the wrapped serializer is given: the SDK's ResourceMetrics, read structurally. */
interface InputPoint {
  readonly exemplars?: readonly SeriesExemplar[];
}
interface InputMetric {
  readonly dataPointType?: number;
  readonly dataPoints?: readonly InputPoint[];
}
interface InputResourceMetrics {
  readonly scopeMetrics?: readonly { readonly metrics?: readonly InputMetric[] }[];
}

/** An OTLP metrics serializer (the transformer's `ProtobufMetricsSerializer` or `JsonMetricsSerializer`). */
export interface MetricRequestSerializer<T> {
  serializeRequest(metrics: T): Uint8Array | undefined;
}

const SUM = 3;
const HISTOGRAM = 0;

/** `serializer`, with the exemplars of the input's data points added to every request. */
export function withExemplars<T>(serializer: MetricRequestSerializer<T>, encoding: 'protobuf' | 'json'): MetricRequestSerializer<T> {
  return {
    serializeRequest(metrics: T): Uint8Array | undefined {
      const body = serializer.serializeRequest(metrics);
      // Cast: the SDK's ResourceMetrics, read only through the optional fields above.
      const input = [metrics as unknown as InputResourceMetrics];
      if (body === undefined || !hasExemplars(input)) return body;
      try {
        return (encoding === 'json' ? addToJson(body, input) : addToProtobuf(body, input)) ?? body;
      } catch {
        return body;
      }
    },
  };
}

function hasExemplars(input: readonly InputResourceMetrics[]): boolean {
  return input.some((rm) => rm.scopeMetrics?.some((sm) => sm.metrics?.some((m) => m.dataPoints?.some((p) => (p.exemplars?.length ?? 0) > 0))));
}

/** Nanoseconds since the epoch (exact: ms may carry a fraction). */
function nanos(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

// ---- JSON -------------------------------------------------------------------------------------------

interface JsonNode {
  [key: string]: unknown;
}

function list(node: unknown, key: string): JsonNode[] | undefined {
  const v = typeof node === 'object' && node !== null ? (node as JsonNode)[key] : undefined;
  return Array.isArray(v) ? (v as JsonNode[]) : undefined;
}

function addToJson(body: Uint8Array, input: readonly InputResourceMetrics[]): Uint8Array | undefined {
  const request: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
  const resources = list(request, 'resourceMetrics');
  if (resources === undefined || resources.length !== input.length) return undefined;
  for (let r = 0; r < input.length; r++) {
    const scopes = list(resources[r], 'scopeMetrics');
    const inScopes = input[r]?.scopeMetrics ?? [];
    if (scopes === undefined || scopes.length !== inScopes.length) return undefined;
    for (let s = 0; s < inScopes.length; s++) {
      const metrics = list(scopes[s], 'metrics');
      const inMetrics = inScopes[s]?.metrics ?? [];
      if (metrics === undefined || metrics.length !== inMetrics.length) return undefined;
      for (let m = 0; m < inMetrics.length; m++) {
        const inMetric = inMetrics[m] as InputMetric;
        const key = inMetric.dataPointType === SUM ? 'sum' : inMetric.dataPointType === HISTOGRAM ? 'histogram' : undefined;
        if (key === undefined) continue;
        const points = list((metrics[m] as JsonNode)[key], 'dataPoints');
        const inPoints = inMetric.dataPoints ?? [];
        if (points === undefined || points.length !== inPoints.length) return undefined;
        for (let p = 0; p < inPoints.length; p++) {
          const exemplars = inPoints[p]?.exemplars;
          if (exemplars !== undefined && exemplars.length > 0) (points[p] as JsonNode)['exemplars'] = exemplars.map(jsonExemplar);
        }
      }
    }
  }
  return Buffer.from(JSON.stringify(request), 'utf8');
}

/** OTLP/JSON: ids are hex strings, 64-bit integers decimal strings. */
function jsonExemplar(e: SeriesExemplar): JsonNode {
  return { timeUnixNano: nanos(e.timeMs).toString(), asDouble: e.value, spanId: e.spanId, traceId: e.traceId, filteredAttributes: [] };
}

// ---- protobuf ---------------------------------------------------------------------------------------

interface Field {
  readonly num: number;
  /** The whole field, tag included. */
  readonly start: number;
  readonly end: number;
  /** Length-delimited fields: their payload. */
  readonly payloadStart: number;
}

function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
}

/** The fields of the message in `buf[start, end)`. */
function fieldsOf(buf: Uint8Array, start: number, end: number): Field[] {
  const out: Field[] = [];
  let pos = start;
  while (pos < end) {
    const fieldStart = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    const wire = tag & 7;
    pos = afterTag;
    let payloadStart = pos;
    if (wire === 0) pos = readVarint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [length, after] = readVarint(buf, pos);
      payloadStart = after;
      pos = after + length;
    } else throw new Error(`unsupported wire type ${wire}`);
    if (pos > end) throw new Error('truncated field');
    out.push({ num: Math.floor(tag / 8), start: fieldStart, end: pos, payloadStart });
  }
  return out;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(num: number, payload: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.from([...varint(num * 8 + 2), ...varint(payload.length)]), payload]);
}

/**
 * Rewrites the message in `buf[start, end)`: each occurrence of field `num` (the i-th, counted from 0) gets
 * the payload `child(i, payloadStart, end)` returns; other fields are copied. Undefined from `child` means
 * the shapes disagree.
 */
function rewrite(buf: Uint8Array, start: number, end: number, num: number, child: (i: number, from: number, to: number) => Uint8Array | undefined): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let i = 0;
  for (const f of fieldsOf(buf, start, end)) {
    if (f.num !== num) {
      parts.push(buf.subarray(f.start, f.end));
      continue;
    }
    const payload = child(i++, f.payloadStart, f.end);
    if (payload === undefined) return undefined;
    parts.push(lengthDelimited(num, payload));
  }
  return Buffer.concat(parts);
}

function count(buf: Uint8Array, start: number, end: number, num: number): number {
  return fieldsOf(buf, start, end).filter((f) => f.num === num).length;
}

function addToProtobuf(body: Uint8Array, input: readonly InputResourceMetrics[]): Uint8Array | undefined {
  if (count(body, 0, body.length, 1) !== input.length) return undefined;
  return rewrite(body, 0, body.length, 1, (r, rs, re) => {
    const scopes = input[r]?.scopeMetrics ?? [];
    if (count(body, rs, re, 2) !== scopes.length) return undefined;
    return rewrite(body, rs, re, 2, (s, ss, se) => {
      const metrics = scopes[s]?.metrics ?? [];
      if (count(body, ss, se, 2) !== metrics.length) return undefined;
      return rewrite(body, ss, se, 2, (m, ms, me) => metricWithExemplars(body, ms, me, metrics[m] as InputMetric));
    });
  });
}

/** Metric: `sum` is field 7 (its points carry exemplars in field 5), `histogram` field 9 (field 8). */
function metricWithExemplars(body: Uint8Array, start: number, end: number, metric: InputMetric): Uint8Array | undefined {
  const dataField = metric.dataPointType === SUM ? 7 : metric.dataPointType === HISTOGRAM ? 9 : 0;
  if (dataField === 0) return body.subarray(start, end);
  const exemplarField = dataField === 7 ? 5 : 8;
  const points = metric.dataPoints ?? [];
  return rewrite(body, start, end, dataField, (_, ds, de) => {
    if (count(body, ds, de, 1) !== points.length) return undefined;
    return rewrite(body, ds, de, 1, (p, ps, pe) => {
      const exemplars = points[p]?.exemplars ?? [];
      return Buffer.concat([body.subarray(ps, pe), ...exemplars.map((e) => lengthDelimited(exemplarField, protobufExemplar(e)))]);
    });
  });
}

/** Exemplar: time_unix_nano (2, fixed64), as_double (3, double), span_id (4, bytes), trace_id (5, bytes). */
function protobufExemplar(e: SeriesExemplar): Uint8Array {
  const fixed = Buffer.alloc(18);
  fixed[0] = (2 << 3) | 1;
  fixed.writeBigUInt64LE(nanos(e.timeMs), 1);
  fixed[9] = (3 << 3) | 1;
  fixed.writeDoubleLE(e.value, 10);
  return Buffer.concat([fixed, lengthDelimited(4, Buffer.from(e.spanId, 'hex')), lengthDelimited(5, Buffer.from(e.traceId, 'hex'))]);
}
