/**
 * Decodes an OTLP `ExportMetricsServiceRequest` protobuf into {@link MetricData}
 * (opentelemetry/proto/collector/metrics/v1, metrics/v1); points in `otlp-protobuf-points.ts`.
 */
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import type { MetricData, MetricKind, MetricPoint, ResourceInfo, ScopeInfo, Temporality } from '../store/model';
import { readResourceAt, readScopeAt, scanWrapperHeader } from './otlp-protobuf-common';
import { readPoint } from './otlp-protobuf-points';
import { DecodeError, fieldWires, ProtoReader, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';

export const TEMPORALITIES: readonly Temporality[] = ['unspecified', 'delta', 'cumulative'];

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeMetricsRequestProto(body: Buffer): DecodedBatch<MetricData> {
  const r = new ProtoReader(body);
  const out = emptyBatch<MetricData>();
  r.forEachMessage(1, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    r.forEachMessage(2, () => {
      const scope = readScopeAt(r, scanWrapperHeader(r));
      r.forEachMessage(2, () => {
        const metric = readMetric(r, resource, scope);
        if (metric !== undefined) out.items.push(metric);
      });
    });
  });
  return out;
}

interface MetricBody {
  kind: MetricKind | undefined;
  temporality: Temporality;
  isMonotonic: boolean;
  points: MetricPoint[];
}

/** Metric: name, description, unit, and the data fields (one per kind). */
const METRIC = fieldWires({ 1: WIRE_LEN, 2: WIRE_LEN, 3: WIRE_LEN, 5: WIRE_LEN, 7: WIRE_LEN, 9: WIRE_LEN, 10: WIRE_LEN, 11: WIRE_LEN });
const DATA_FIELDS: Readonly<Record<number, MetricKind>> = { 5: 'gauge', 7: 'sum', 9: 'histogram', 10: 'exponentialHistogram', 11: 'summary' };
/** Gauge, Sum, Histogram, …: data_points, aggregation_temporality, is_monotonic. */
const DATA = fieldWires({ 1: WIRE_LEN, 2: WIRE_VARINT, 3: WIRE_VARINT });

/** Reads a metric (inside it); undefined when it has no data. */
function readMetric(r: ProtoReader, resource: ResourceInfo, scope: ScopeInfo): MetricData | undefined {
  let name = '';
  let description = '';
  let unit = '';
  const body: MetricBody = { kind: undefined, temporality: 'unspecified', isMonotonic: false, points: [] };
  for (let field = r.nextField(METRIC); field !== 0; field = r.nextField(METRIC)) {
    if (field === 1) name = r.string();
    else if (field === 2) description = r.string();
    else if (field === 3) unit = r.string();
    else {
      const kind = DATA_FIELDS[field] as MetricKind;
      if (body.kind !== undefined && body.kind !== kind) throw new DecodeError(`metric '${name}' has both ${body.kind} and ${kind} data`);
      body.kind = kind;
      readData(r, kind, body);
    }
  }
  if (body.kind === undefined) return undefined;
  return { name, description, unit, kind: body.kind, temporality: body.temporality, isMonotonic: body.isMonotonic, resource, scope, points: body.points };
}

function readData(r: ProtoReader, kind: MetricKind, body: MetricBody): void {
  const outer = r.enter();
  for (let field = r.nextField(DATA); field !== 0; field = r.nextField(DATA)) {
    if (field === 1) body.points.push(readPoint(r, kind));
    else if (field === 2) body.temporality = TEMPORALITIES[r.uint32()] ?? 'unspecified';
    else body.isMonotonic = r.bool();
  }
  r.leave(outer);
}
