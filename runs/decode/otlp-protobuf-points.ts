/**
 * Protobuf decoding of OTLP metric data points (NumberDataPoint, HistogramDataPoint,
 * ExponentialHistogramDataPoint, SummaryDataPoint; opentelemetry/proto/metrics/v1). Exemplars of sum, gauge
 * and histogram points are decoded (otlp-exemplars.ts); those of the other point types are skipped.
 */
import { NO_ATTRIBUTES } from '../store/attributes';
import type { ExponentialBuckets, ExponentialHistogramPoint, HistogramPoint, MetricKind, MetricPoint, NumberPoint, SummaryPoint, SummaryQuantile } from '../store/model';
import { exemplarFields, newExemplarList, readExemplar } from './otlp-exemplars';
import { readKeyValueInto } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { ANY_WIRE, fieldWires, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import type { FieldWires, ProtoReader } from './protobuf-reader';
import { BucketsField, ExponentialHistogramDataPointField, HistogramDataPointField, NumberDataPointField, PointTimeField, SummaryDataPointField, ValueAtQuantileField } from './otlp-proto-fields';
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

/** Fields every data point has: start and time (the same numbers in every point type), attributes and flags (numbers vary). */
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
  return { wires: fieldWires({ [PointTimeField.StartTimeUnixNano]: WIRE_FIXED64, [PointTimeField.TimeUnixNano]: WIRE_FIXED64, [attributes]: WIRE_LEN, [flags]: WIRE_VARINT, ...others }), attributes, flags };
}

const NUMBER_POINT = layout(NumberDataPointField.Attributes, NumberDataPointField.Flags, {
  [NumberDataPointField.AsDouble]: WIRE_FIXED64,
  [NumberDataPointField.AsInt]: WIRE_FIXED64,
  [NumberDataPointField.Exemplars]: WIRE_LEN,
});
const HISTOGRAM_POINT = layout(HistogramDataPointField.Attributes, HistogramDataPointField.Flags, {
  [HistogramDataPointField.Count]: WIRE_FIXED64,
  [HistogramDataPointField.Sum]: WIRE_FIXED64,
  [HistogramDataPointField.BucketCounts]: ANY_WIRE,
  [HistogramDataPointField.ExplicitBounds]: ANY_WIRE,
  [HistogramDataPointField.Min]: WIRE_FIXED64,
  [HistogramDataPointField.Max]: WIRE_FIXED64,
  [HistogramDataPointField.Exemplars]: WIRE_LEN,
});
const EXPONENTIAL_POINT = layout(ExponentialHistogramDataPointField.Attributes, ExponentialHistogramDataPointField.Flags, {
  [ExponentialHistogramDataPointField.Count]: WIRE_FIXED64,
  [ExponentialHistogramDataPointField.Sum]: WIRE_FIXED64,
  [ExponentialHistogramDataPointField.Scale]: WIRE_VARINT,
  [ExponentialHistogramDataPointField.ZeroCount]: WIRE_FIXED64,
  [ExponentialHistogramDataPointField.Positive]: WIRE_LEN,
  [ExponentialHistogramDataPointField.Negative]: WIRE_LEN,
  [ExponentialHistogramDataPointField.Min]: WIRE_FIXED64,
  [ExponentialHistogramDataPointField.Max]: WIRE_FIXED64,
  [ExponentialHistogramDataPointField.ZeroThreshold]: WIRE_FIXED64,
});
const SUMMARY_POINT = layout(SummaryDataPointField.Attributes, SummaryDataPointField.Flags, {
  [SummaryDataPointField.Count]: WIRE_FIXED64,
  [SummaryDataPointField.Sum]: WIRE_FIXED64,
  [SummaryDataPointField.QuantileValues]: WIRE_LEN,
});
/** Bucket counts packed or not. */
const BUCKETS = fieldWires({ [BucketsField.Offset]: WIRE_VARINT, [BucketsField.BucketCounts]: ANY_WIRE });
const QUANTILE = fieldWires({ [ValueAtQuantileField.Quantile]: WIRE_FIXED64, [ValueAtQuantileField.Value]: WIRE_FIXED64 });

/**
 * The field loop of a point: reads the common fields into `c` and returns the number of the next
 * type-specific field (the reader at its value), 0 at the end of the point.
 */
function nextPointField(r: ProtoReader, point: PointLayout, c: Common): number {
  for (let field = r.nextField(point.wires); field !== 0; field = r.nextField(point.wires)) {
    if (field === PointTimeField.StartTimeUnixNano) c.start = r.fixed64Big();
    else if (field === PointTimeField.TimeUnixNano) c.time = r.fixed64Big();
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
  const exemplars = newExemplarList();
  for (let field = nextPointField(r, NUMBER_POINT, c); field !== 0; field = nextPointField(r, NUMBER_POINT, c)) {
    if (field === NumberDataPointField.Exemplars) {
      readExemplar(r, exemplars);
      continue;
    }
    isInt = field === NumberDataPointField.AsInt;
    value = isInt ? r.sfixed64() : r.double();
  }
  r.leave(outer);
  return { type: 'number', ...base(c), value, isInt, ...exemplarFields(exemplars) };
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
  const exemplars = newExemplarList();
  for (let field = nextPointField(r, HISTOGRAM_POINT, c); field !== 0; field = nextPointField(r, HISTOGRAM_POINT, c)) {
    switch (field) {
      case HistogramDataPointField.Exemplars:
        readExemplar(r, exemplars);
        break;
      case HistogramDataPointField.Count:
        count = r.fixed64();
        break;
      case HistogramDataPointField.Sum:
        sum = r.double();
        break;
      case HistogramDataPointField.BucketCounts:
        r.packedFixed64(r.fieldTag & 7, bucketCounts, false);
        break;
      case HistogramDataPointField.ExplicitBounds:
        r.packedFixed64(r.fieldTag & 7, explicitBounds, true);
        break;
      case HistogramDataPointField.Min:
        min = r.double();
        break;
      case HistogramDataPointField.Max:
        max = r.double();
        break;
    }
  }
  r.leave(outer);
  return { type: 'histogram', ...base(c), count, sum, min, max, bucketCounts, explicitBounds, ...exemplarFields(exemplars) };
}

function readBuckets(r: ProtoReader): ExponentialBuckets {
  const outer = r.enter();
  let offset = 0;
  const bucketCounts: number[] = [];
  for (let field = r.nextField(BUCKETS); field !== 0; field = r.nextField(BUCKETS)) {
    if (field === BucketsField.Offset) offset = r.sint32();
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
      case ExponentialHistogramDataPointField.Count:
        count = r.fixed64();
        break;
      case ExponentialHistogramDataPointField.Sum:
        sum = r.double();
        break;
      case ExponentialHistogramDataPointField.Scale:
        scale = r.sint32();
        break;
      case ExponentialHistogramDataPointField.ZeroCount:
        zeroCount = r.fixed64();
        break;
      case ExponentialHistogramDataPointField.Positive:
        positive = readBuckets(r);
        break;
      case ExponentialHistogramDataPointField.Negative:
        negative = readBuckets(r);
        break;
      case ExponentialHistogramDataPointField.Min:
        min = r.double();
        break;
      case ExponentialHistogramDataPointField.Max:
        max = r.double();
        break;
      case ExponentialHistogramDataPointField.ZeroThreshold:
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
    if (field === ValueAtQuantileField.Quantile) quantile = r.double();
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
      case SummaryDataPointField.Count:
        count = r.fixed64();
        break;
      case SummaryDataPointField.Sum:
        sum = r.double();
        break;
      case SummaryDataPointField.QuantileValues:
        quantiles.push(readQuantile(r));
        break;
    }
  }
  r.leave(outer);
  return { type: 'summary', ...base(c), count, sum, quantiles };
}
