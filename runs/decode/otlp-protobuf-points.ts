/**
 * Protobuf decoding of OTLP metric data points (NumberDataPoint, HistogramDataPoint,
 * ExponentialHistogramDataPoint, SummaryDataPoint; opentelemetry/proto/metrics/v1). Exemplars are skipped.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import type { ExponentialBuckets, ExponentialHistogramPoint, HistogramPoint, MetricKind, MetricPoint, NumberPoint, SummaryPoint, SummaryQuantile } from '../store/model';
import { readKeyValueInto } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { ANY_WIRE, fieldWires, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import type { FieldWires, ProtoReader } from './protobuf-reader';
import { nanosToMs } from '../store/record-defaults';

/** Decodes one embedded data point of a metric of `kind`. */
export function readPoint(r: ProtoReader, kind: MetricKind): MetricPoint {
  switch (kind) {
    case 'gauge':
    case 'sum':
      return readNumberPoint(r);
    case 'histogram':
      return readHistogramPoint(r);
    case 'exponentialHistogram':
      return readExponentialPoint(r);
    case 'summary':
      return readSummaryPoint(r);
  }
}

/** Fields every data point has: start and time (fields 2 and 3 in every point type), attributes and flags (numbers vary). */
interface Common {
  attributes: AttributeList;
  start: bigint;
  time: bigint;
  flags: number;
}

function newCommon(): Common {
  return { attributes: { items: undefined, dropped: 0 }, start: 0n, time: 0n, flags: 0 };
}

/** A point type: its fields' wire types, and where its attributes and flags are. */
interface PointLayout {
  readonly wires: FieldWires;
  readonly attributes: number;
  readonly flags: number;
}

function layout(attributes: number, flags: number, others: Readonly<Record<number, number>>): PointLayout {
  return { wires: fieldWires({ 2: WIRE_FIXED64, 3: WIRE_FIXED64, [attributes]: WIRE_LEN, [flags]: WIRE_VARINT, ...others }), attributes, flags };
}

const NUMBER_POINT = layout(7, 8, { 4: WIRE_FIXED64, 6: WIRE_FIXED64 });
const HISTOGRAM_POINT = layout(9, 10, { 4: WIRE_FIXED64, 5: WIRE_FIXED64, 6: ANY_WIRE, 7: ANY_WIRE, 11: WIRE_FIXED64, 12: WIRE_FIXED64 });
const EXPONENTIAL_POINT = layout(1, 10, { 4: WIRE_FIXED64, 5: WIRE_FIXED64, 6: WIRE_VARINT, 7: WIRE_FIXED64, 8: WIRE_LEN, 9: WIRE_LEN, 12: WIRE_FIXED64, 13: WIRE_FIXED64, 14: WIRE_FIXED64 });
const SUMMARY_POINT = layout(7, 8, { 4: WIRE_FIXED64, 5: WIRE_FIXED64, 6: WIRE_LEN });
/** ExponentialHistogramDataPoint.Buckets: offset, bucket_counts (packed or not). */
const BUCKETS = fieldWires({ 1: WIRE_VARINT, 2: ANY_WIRE });
const QUANTILE = fieldWires({ 1: WIRE_FIXED64, 2: WIRE_FIXED64 });

/**
 * The field loop of a point: reads the common fields into `c` and returns the number of the next
 * type-specific field (the reader at its value), 0 at the end of the point.
 */
function nextPointField(r: ProtoReader, point: PointLayout, c: Common): number {
  for (let field = r.nextField(point.wires); field !== 0; field = r.nextField(point.wires)) {
    if (field === 2) c.start = r.fixed64Big();
    else if (field === 3) c.time = r.fixed64Big();
    else if (field === point.attributes) readKeyValueInto(r, c.attributes, 0);
    else if (field === point.flags) c.flags = r.uint32();
    else return field;
  }
  return 0;
}

function base(c: Common): { attributes: NumberPoint['attributes']; startTimeUnixNano: bigint; timeUnixNano: bigint; timeMs: number; flags: number } {
  return { attributes: c.attributes.items ?? NO_ATTRIBUTES, startTimeUnixNano: c.start, timeUnixNano: c.time, timeMs: nanosToMs(c.time), flags: c.flags };
}

function readNumberPoint(r: ProtoReader): NumberPoint {
  const outer = r.enter();
  const c = newCommon();
  let value = 0;
  let isInt = false;
  for (let field = nextPointField(r, NUMBER_POINT, c); field !== 0; field = nextPointField(r, NUMBER_POINT, c)) {
    isInt = field === 6;
    value = isInt ? r.sfixed64() : r.double();
  }
  r.leave(outer);
  return { type: 'number', ...base(c), value, isInt };
}

function readHistogramPoint(r: ProtoReader): HistogramPoint {
  const outer = r.enter();
  const c = newCommon();
  let count = 0;
  let sum: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  const bucketCounts: number[] = [];
  const explicitBounds: number[] = [];
  for (let field = nextPointField(r, HISTOGRAM_POINT, c); field !== 0; field = nextPointField(r, HISTOGRAM_POINT, c)) {
    switch (field) {
      case 4:
        count = r.fixed64();
        break;
      case 5:
        sum = r.double();
        break;
      case 6:
        r.packedFixed64(r.fieldTag & 7, bucketCounts, false);
        break;
      case 7:
        r.packedFixed64(r.fieldTag & 7, explicitBounds, true);
        break;
      case 11:
        min = r.double();
        break;
      case 12:
        max = r.double();
        break;
    }
  }
  r.leave(outer);
  return { type: 'histogram', ...base(c), count, sum, min, max, bucketCounts, explicitBounds };
}

function readBuckets(r: ProtoReader): ExponentialBuckets {
  const outer = r.enter();
  let offset = 0;
  const bucketCounts: number[] = [];
  for (let field = r.nextField(BUCKETS); field !== 0; field = r.nextField(BUCKETS)) {
    if (field === 1) offset = r.sint32();
    else r.packedVarint(r.fieldTag & 7, bucketCounts);
  }
  r.leave(outer);
  return { offset, bucketCounts };
}

const NO_BUCKETS: ExponentialBuckets = Object.freeze({ offset: 0, bucketCounts: Object.freeze([]) });

function readExponentialPoint(r: ProtoReader): ExponentialHistogramPoint {
  const outer = r.enter();
  const c = newCommon();
  let count = 0;
  let sum: number | undefined;
  let min: number | undefined;
  let max: number | undefined;
  let scale = 0;
  let zeroCount = 0;
  let zeroThreshold = 0;
  let positive = NO_BUCKETS;
  let negative = NO_BUCKETS;
  for (let field = nextPointField(r, EXPONENTIAL_POINT, c); field !== 0; field = nextPointField(r, EXPONENTIAL_POINT, c)) {
    switch (field) {
      case 4:
        count = r.fixed64();
        break;
      case 5:
        sum = r.double();
        break;
      case 6:
        scale = r.sint32();
        break;
      case 7:
        zeroCount = r.fixed64();
        break;
      case 8:
        positive = readBuckets(r);
        break;
      case 9:
        negative = readBuckets(r);
        break;
      case 12:
        min = r.double();
        break;
      case 13:
        max = r.double();
        break;
      case 14:
        zeroThreshold = r.double();
        break;
    }
  }
  r.leave(outer);
  return { type: 'exponentialHistogram', ...base(c), count, sum, min, max, scale, zeroCount, zeroThreshold, positive, negative };
}

function readQuantile(r: ProtoReader): SummaryQuantile {
  const outer = r.enter();
  let quantile = 0;
  let value = 0;
  for (let field = r.nextField(QUANTILE); field !== 0; field = r.nextField(QUANTILE)) {
    if (field === 1) quantile = r.double();
    else value = r.double();
  }
  r.leave(outer);
  return { quantile, value };
}

function readSummaryPoint(r: ProtoReader): SummaryPoint {
  const outer = r.enter();
  const c = newCommon();
  let count = 0;
  let sum = 0;
  const quantiles: SummaryQuantile[] = [];
  for (let field = nextPointField(r, SUMMARY_POINT, c); field !== 0; field = nextPointField(r, SUMMARY_POINT, c)) {
    switch (field) {
      case 4:
        count = r.fixed64();
        break;
      case 5:
        sum = r.double();
        break;
      case 6:
        quantiles.push(readQuantile(r));
        break;
    }
  }
  r.leave(outer);
  return { type: 'summary', ...base(c), count, sum, quantiles };
}
