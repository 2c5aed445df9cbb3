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
import { ExportRequestField, MetricDataField, MetricField, ResourceDataField, ScopeDataField } from './otlp-proto-fields';

export const TEMPORALITIES: readonly Temporality[] = ['unspecified', 'delta', 'cumulative'];

/** Decodes a whole request body; throws {@link DecodeError} on malformed input. */
export function decodeMetricsRequestProto(body: Buffer): DecodedBatch<MetricData> {
  const r = new ProtoReader(body);
  const out = emptyBatch<MetricData>();
  r.forEachMessage(ExportRequestField.ResourceData, () => {
    const resource = readResourceAt(r, scanWrapperHeader(r));
    r.forEachMessage(ResourceDataField.ScopeData, () => {
      const scope = readScopeAt(r, scanWrapperHeader(r));
      r.forEachMessage(ScopeDataField.Records, () => {
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
const METRIC = fieldWires({
  [MetricField.Name]: WIRE_LEN,
  [MetricField.Description]: WIRE_LEN,
  [MetricField.Unit]: WIRE_LEN,
  [MetricField.Gauge]: WIRE_LEN,
  [MetricField.Sum]: WIRE_LEN,
  [MetricField.Histogram]: WIRE_LEN,
  [MetricField.ExponentialHistogram]: WIRE_LEN,
  [MetricField.Summary]: WIRE_LEN,
});
const DATA_FIELDS: Readonly<Record<number, MetricKind>> = {
  [MetricField.Gauge]: 'gauge',
  [MetricField.Sum]: 'sum',
  [MetricField.Histogram]: 'histogram',
  [MetricField.ExponentialHistogram]: 'exponentialHistogram',
  [MetricField.Summary]: 'summary',
};
const DATA = fieldWires({ [MetricDataField.DataPoints]: WIRE_LEN, [MetricDataField.AggregationTemporality]: WIRE_VARINT, [MetricDataField.IsMonotonic]: WIRE_VARINT });

/** Reads a metric (inside it); undefined when it has no data. */
function readMetric(r: ProtoReader, resource: ResourceInfo, scope: ScopeInfo): MetricData | undefined {
  let name = '';
  let description = '';
  let unit = '';
  const body: MetricBody = { kind: undefined, temporality: 'unspecified', isMonotonic: false, points: [] };
  for (let field = r.nextField(METRIC); field !== 0; field = r.nextField(METRIC)) {
    if (field === MetricField.Name) name = r.string();
    else if (field === MetricField.Description) description = r.string();
    else if (field === MetricField.Unit) unit = r.string();
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
    if (field === MetricDataField.DataPoints) body.points.push(readPoint(r, kind));
    else if (field === MetricDataField.AggregationTemporality) body.temporality = TEMPORALITIES[r.uint32()] ?? 'unspecified';
    else body.isMonotonic = r.bool();
  }
  r.leave(outer);
}
