/**
 * Decodes an OTLP `ExportMetricsServiceRequest` protobuf into {@link MetricData}
 * (opentelemetry/proto/collector/metrics/v1, metrics/v1); points in `otlp-protobuf-points.ts`.
 */
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import type { MetricData, MetricKind, MetricPoint, ResourceInfo, ScopeInfo, Temporality } from './model';
import { readResourceAt, readScopeAt, scanWrapperHeader } from './otlp-protobuf-common';
import { readPoint } from './otlp-protobuf-points';
import { DecodeError, ProtoReader, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';

export const TEMPORALITIES: readonly Temporality[] = ['unspecified', 'delta', 'cumulative'];

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeMetricsRequestProto(body: Buffer): DecodedBatch<MetricData> {
  const r = new ProtoReader(body);
  const out = emptyBatch<MetricData>();
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag & 7, WIRE_LEN);
      const outer = r.enter();
      const resource = readResourceAt(r, scanWrapperHeader(r));
      readRepeated(r, 2, () => readScopeMetrics(r, resource, out));
      r.leave(outer);
    } else r.skip(tag & 7);
  }
  return out;
}

/** Calls `read` for each length-delimited occurrence of `field` in the current message, skipping the rest. */
function readRepeated(r: ProtoReader, field: number, read: () => void): void {
  while (!r.isAtEnd()) {
    const tag = r.tag();
    if (tag >>> 3 === field) {
      r.expect(tag & 7, WIRE_LEN);
      read();
    } else r.skip(tag & 7);
  }
}

function readScopeMetrics(r: ProtoReader, resource: ResourceInfo, out: DecodedBatch<MetricData>): void {
  const outer = r.enter();
  const scope = readScopeAt(r, scanWrapperHeader(r));
  readRepeated(r, 2, () => {
    const metric = readMetric(r, resource, scope);
    if (metric !== undefined) out.items.push(metric);
  });
  r.leave(outer);
}

interface MetricBody {
  kind: MetricKind | undefined;
  temporality: Temporality;
  isMonotonic: boolean;
  points: MetricPoint[];
}

function readMetric(r: ProtoReader, resource: ResourceInfo, scope: ScopeInfo): MetricData | undefined {
  const outer = r.enter();
  let name = '';
  let description = '';
  let unit = '';
  const body: MetricBody = { kind: undefined, temporality: 'unspecified', isMonotonic: false, points: [] };
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (field === 1 || field === 2 || field === 3) {
      r.expect(wire, WIRE_LEN);
      const text = r.string();
      if (field === 1) name = text;
      else if (field === 2) description = text;
      else unit = text;
      continue;
    }
    const kind = DATA_FIELDS[field];
    if (kind === undefined) {
      r.skip(wire);
      continue;
    }
    r.expect(wire, WIRE_LEN);
    if (body.kind !== undefined && body.kind !== kind) throw new DecodeError(`metric '${name}' has both ${body.kind} and ${kind} data`);
    body.kind = kind;
    readData(r, kind, body);
  }
  r.leave(outer);
  if (body.kind === undefined) return undefined;
  return { name, description, unit, kind: body.kind, temporality: body.temporality, isMonotonic: body.isMonotonic, resource, scope, points: body.points };
}

const DATA_FIELDS: Readonly<Record<number, MetricKind>> = { 5: 'gauge', 7: 'sum', 9: 'histogram', 10: 'exponentialHistogram', 11: 'summary' };

function readData(r: ProtoReader, kind: MetricKind, body: MetricBody): void {
  const outer = r.enter();
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 1:
        r.expect(wire, WIRE_LEN);
        body.points.push(readPoint(r, kind));
        break;
      case 2:
        r.expect(wire, WIRE_VARINT);
        body.temporality = TEMPORALITIES[r.uint32()] ?? 'unspecified';
        break;
      case 3:
        r.expect(wire, WIRE_VARINT);
        body.isMonotonic = r.bool();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
}
