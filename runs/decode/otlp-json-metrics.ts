/** Decodes a parsed OTLP/JSON `ExportMetricsServiceRequest` into {@link MetricData}, validating every field. */
import { emptyBatch } from './decoded-batch';
import type { DecodedBatch } from './decoded-batch';
import { isRecord } from '../is';
import type { ExponentialBuckets, MetricData, MetricKind, MetricPoint, ResourceInfo, ScopeInfo } from '../store/model';
import { attributesOf, objects, optArray, optBool, optCount, optDouble, optEnum, optNanos, optObject, optString, resourceBlocks, scopeBlocks, toDouble, toInt64 } from './otlp-json-common';
import { exemplarFields, readExemplarsJson } from './otlp-exemplars';
import { TEMPORALITIES } from './otlp-protobuf-metrics';
import { DecodeError } from './protobuf-reader';
import { nanosToMs } from '../store/record-defaults';

type Json = Record<string, unknown>;

const KINDS: readonly MetricKind[] = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];
const SNAKE: Readonly<Record<MetricKind, string>> = { gauge: 'gauge', sum: 'sum', histogram: 'histogram', exponentialHistogram: 'exponential_histogram', summary: 'summary' };

/** Decodes a parsed request; throws {@link DecodeError} on a wrong shape. */
export function decodeMetricsRequestJson(request: unknown, out: DecodedBatch<MetricData> = emptyBatch()): DecodedBatch<MetricData> {
  if (!isRecord(request)) throw new DecodeError('the request must be a JSON object');
  for (const { block, resource } of resourceBlocks(request, 'resourceMetrics')) {
    for (const { block: scopeBlock, scope } of scopeBlocks(block, 'Metrics', 'resourceMetrics[]')) {
      for (const item of objects(optArray(scopeBlock, 'metrics', undefined, 'scopeMetrics[]'), 'metrics')) {
        const metric = readMetricJson(item, resource, scope);
        if (metric !== undefined) out.items.push(metric);
      }
    }
  }
  return out;
}

function readMetricJson(o: Json, resource: ResourceInfo, scope: ScopeInfo): MetricData | undefined {
  const where = 'metric';
  const present = KINDS.filter((k) => optObject(o, k, SNAKE[k], where) !== undefined);
  if (present.length > 1) throw new DecodeError(`metric has more than one data field (${present.join(', ')})`);
  const kind = present[0];
  if (kind === undefined) return undefined;
  const data = optObject(o, kind, SNAKE[kind], where) ?? {};
  const points = objects(optArray(data, 'dataPoints', 'data_points', `metric.${kind}`), `metric.${kind}.dataPoints`);
  return {
    name: optString(o, 'name', undefined, where),
    description: optString(o, 'description', undefined, where),
    unit: optString(o, 'unit', undefined, where),
    kind,
    temporality: TEMPORALITIES[optEnum(data, 'aggregationTemporality', 'aggregation_temporality', `metric.${kind}`, 'AGGREGATION_TEMPORALITY_', TEMPORALITIES)] ?? 'unspecified',
    isMonotonic: optBool(data, 'isMonotonic', 'is_monotonic', `metric.${kind}`),
    resource,
    scope,
    points: points.map((p) => readPointJson(p, kind)),
  };
}

function base(p: Json, where: string): Pick<MetricPoint, 'attributes' | 'startTimeUnixNano' | 'timeUnixNano' | 'timeMs' | 'flags'> {
  const time = optNanos(p, 'timeUnixNano', 'time_unix_nano', where);
  return {
    attributes: attributesOf(p, where).attributes,
    startTimeUnixNano: optNanos(p, 'startTimeUnixNano', 'start_time_unix_nano', where),
    timeUnixNano: time,
    timeMs: nanosToMs(time),
    flags: optCount(p, 'flags', undefined, where),
  };
}

function numbers(p: Json, camel: string, snake: string, where: string, parse: (v: unknown, w: string) => number): number[] {
  return optArray(p, camel, snake, where).map((v) => parse(v, `${where}.${camel}[]`));
}

const toCount = (v: unknown, where: string): number => {
  const n = toInt64(v, where);
  if (typeof n !== 'number' || n < 0) throw new DecodeError(`${where} must be a non-negative count`);
  return n;
};

function readBucketsJson(o: Json | undefined, where: string): ExponentialBuckets {
  if (o === undefined) return { offset: 0, bucketCounts: [] };
  const offset = o['offset'];
  if (offset !== undefined && (typeof offset !== 'number' || !Number.isInteger(offset))) throw new DecodeError(`${where}.offset must be an integer`);
  return { offset: offset ?? 0, bucketCounts: numbers(o, 'bucketCounts', 'bucket_counts', where, toCount) };
}

function readPointJson(p: Json, kind: MetricKind): MetricPoint {
  const where = `metric.${kind}.dataPoints[]`;
  switch (kind) {
    case 'gauge':
    case 'sum': {
      const asInt = p['asInt'] ?? p['as_int'];
      const exemplars = exemplarFields(readExemplarsJson(p, where));
      if (asInt !== undefined) return { type: 'number', ...base(p, where), value: Number(toInt64(asInt, `${where}.asInt`)), isInt: true, ...exemplars };
      return { type: 'number', ...base(p, where), value: optDouble(p, 'asDouble', 'as_double', where) ?? 0, isInt: false, ...exemplars };
    }
    case 'histogram':
      return {
        type: 'histogram',
        ...base(p, where),
        count: optCount(p, 'count', undefined, where),
        sum: optDouble(p, 'sum', undefined, where),
        min: optDouble(p, 'min', undefined, where),
        max: optDouble(p, 'max', undefined, where),
        bucketCounts: numbers(p, 'bucketCounts', 'bucket_counts', where, toCount),
        explicitBounds: numbers(p, 'explicitBounds', 'explicit_bounds', where, toDouble),
        ...exemplarFields(readExemplarsJson(p, where)),
      };
    case 'exponentialHistogram': {
      const scale = p['scale'] ?? 0;
      if (typeof scale !== 'number' || !Number.isInteger(scale)) throw new DecodeError(`${where}.scale must be an integer`);
      return {
        type: 'exponentialHistogram',
        ...base(p, where),
        count: optCount(p, 'count', undefined, where),
        sum: optDouble(p, 'sum', undefined, where),
        min: optDouble(p, 'min', undefined, where),
        max: optDouble(p, 'max', undefined, where),
        scale,
        zeroCount: optCount(p, 'zeroCount', 'zero_count', where),
        zeroThreshold: optDouble(p, 'zeroThreshold', 'zero_threshold', where) ?? 0,
        positive: readBucketsJson(optObject(p, 'positive', undefined, where), `${where}.positive`),
        negative: readBucketsJson(optObject(p, 'negative', undefined, where), `${where}.negative`),
      };
    }
    case 'summary':
      return {
        type: 'summary',
        ...base(p, where),
        count: optCount(p, 'count', undefined, where),
        sum: optDouble(p, 'sum', undefined, where) ?? 0,
        quantiles: objects(optArray(p, 'quantileValues', 'quantile_values', where), `${where}.quantileValues`).map((q) => ({
          quantile: optDouble(q, 'quantile', undefined, where) ?? 0,
          value: optDouble(q, 'value', undefined, where) ?? 0,
        })),
      };
  }
}
