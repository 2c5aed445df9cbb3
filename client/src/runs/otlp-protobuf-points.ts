/**
 * Protobuf decoding of OTLP metric data points (NumberDataPoint, HistogramDataPoint,
 * ExponentialHistogramDataPoint, SummaryDataPoint; opentelemetry/proto/metrics/v1). Exemplars are skipped.
 */
import { NO_ATTRIBUTES } from './attributes';
import type { ExponentialBuckets, ExponentialHistogramPoint, HistogramPoint, MetricKind, MetricPoint, NumberPoint, SummaryPoint, SummaryQuantile } from './model';
import { readKeyValueInto } from './otlp-protobuf-common';
import type { AttributeList } from './otlp-protobuf-common';
import { WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import type { ProtoReader } from './protobuf-reader';
import { nanosToMs } from './records';

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

/** Fields every data point has, at kind-specific field numbers. */
interface Common {
  attributes: AttributeList;
  start: bigint;
  time: bigint;
  flags: number;
}

function newCommon(): Common {
  return { attributes: { items: undefined, dropped: 0 }, start: 0n, time: 0n, flags: 0 };
}

/** Reads start/time (fields 2 and 3, the same in every point type); returns false for other fields. */
function readTimes(r: ProtoReader, field: number, wire: number, c: Common): boolean {
  if (field === 2) {
    r.expect(wire, WIRE_FIXED64);
    c.start = r.fixed64Big();
    return true;
  }
  if (field === 3) {
    r.expect(wire, WIRE_FIXED64);
    c.time = r.fixed64Big();
    return true;
  }
  return false;
}

function base(c: Common): { attributes: NumberPoint['attributes']; startTimeUnixNano: bigint; timeUnixNano: bigint; timeMs: number; flags: number } {
  return { attributes: c.attributes.items ?? NO_ATTRIBUTES, startTimeUnixNano: c.start, timeUnixNano: c.time, timeMs: nanosToMs(c.time), flags: c.flags };
}

function readNumberPoint(r: ProtoReader): NumberPoint {
  const outer = r.enter();
  const c = newCommon();
  let value = 0;
  let isInt = false;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (readTimes(r, field, wire, c)) continue;
    switch (field) {
      case 4:
        r.expect(wire, WIRE_FIXED64);
        value = r.double();
        isInt = false;
        break;
      case 6:
        r.expect(wire, WIRE_FIXED64);
        value = r.sfixed64();
        isInt = true;
        break;
      case 7:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, c.attributes, 0);
        break;
      case 8:
        r.expect(wire, WIRE_VARINT);
        c.flags = r.uint32();
        break;
      default:
        r.skip(wire);
    }
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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (readTimes(r, field, wire, c)) continue;
    switch (field) {
      case 4:
        r.expect(wire, WIRE_FIXED64);
        count = r.fixed64();
        break;
      case 5:
        r.expect(wire, WIRE_FIXED64);
        sum = r.double();
        break;
      case 6:
        r.packedFixed64(wire, bucketCounts, false);
        break;
      case 7:
        r.packedFixed64(wire, explicitBounds, true);
        break;
      case 9:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, c.attributes, 0);
        break;
      case 10:
        r.expect(wire, WIRE_VARINT);
        c.flags = r.uint32();
        break;
      case 11:
        r.expect(wire, WIRE_FIXED64);
        min = r.double();
        break;
      case 12:
        r.expect(wire, WIRE_FIXED64);
        max = r.double();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { type: 'histogram', ...base(c), count, sum, min, max, bucketCounts, explicitBounds };
}

function readBuckets(r: ProtoReader): ExponentialBuckets {
  const outer = r.enter();
  let offset = 0;
  const bucketCounts: number[] = [];
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    if (tag >>> 3 === 1) {
      r.expect(wire, WIRE_VARINT);
      offset = r.sint32();
    } else if (tag >>> 3 === 2) r.packedVarint(wire, bucketCounts);
    else r.skip(wire);
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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (readTimes(r, field, wire, c)) continue;
    switch (field) {
      case 1:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, c.attributes, 0);
        break;
      case 4:
        r.expect(wire, WIRE_FIXED64);
        count = r.fixed64();
        break;
      case 5:
        r.expect(wire, WIRE_FIXED64);
        sum = r.double();
        break;
      case 6:
        r.expect(wire, WIRE_VARINT);
        scale = r.sint32();
        break;
      case 7:
        r.expect(wire, WIRE_FIXED64);
        zeroCount = r.fixed64();
        break;
      case 8:
        r.expect(wire, WIRE_LEN);
        positive = readBuckets(r);
        break;
      case 9:
        r.expect(wire, WIRE_LEN);
        negative = readBuckets(r);
        break;
      case 10:
        r.expect(wire, WIRE_VARINT);
        c.flags = r.uint32();
        break;
      case 12:
        r.expect(wire, WIRE_FIXED64);
        min = r.double();
        break;
      case 13:
        r.expect(wire, WIRE_FIXED64);
        max = r.double();
        break;
      case 14:
        r.expect(wire, WIRE_FIXED64);
        zeroThreshold = r.double();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { type: 'exponentialHistogram', ...base(c), count, sum, min, max, scale, zeroCount, zeroThreshold, positive, negative };
}

function readQuantile(r: ProtoReader): SummaryQuantile {
  const outer = r.enter();
  let quantile = 0;
  let value = 0;
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    if (tag >>> 3 === 1) {
      r.expect(wire, WIRE_FIXED64);
      quantile = r.double();
    } else if (tag >>> 3 === 2) {
      r.expect(wire, WIRE_FIXED64);
      value = r.double();
    } else r.skip(wire);
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
  while (!r.isAtEnd()) {
    const tag = r.tag();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (readTimes(r, field, wire, c)) continue;
    switch (field) {
      case 4:
        r.expect(wire, WIRE_FIXED64);
        count = r.fixed64();
        break;
      case 5:
        r.expect(wire, WIRE_FIXED64);
        sum = r.double();
        break;
      case 6:
        r.expect(wire, WIRE_LEN);
        quantiles.push(readQuantile(r));
        break;
      case 7:
        r.expect(wire, WIRE_LEN);
        readKeyValueInto(r, c.attributes, 0);
        break;
      case 8:
        r.expect(wire, WIRE_VARINT);
        c.flags = r.uint32();
        break;
      default:
        r.skip(wire);
    }
  }
  r.leave(outer);
  return { type: 'summary', ...base(c), count, sum, quantiles };
}
