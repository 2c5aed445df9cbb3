/**
 * Exemplars from OTLP metrics (protobuf and JSON, hand-made so malformed ones can be sent) into the
 * metric store: the latest exemplar of each histogram bucket and of each sum series, read through
 * `MetricStore.exemplarsOf`; malformed exemplars are dropped and counted, never thrown.
 */
import assert from 'node:assert/strict';
import { decodeMetricsRequestJson } from '../decode/otlp-json-metrics';
import { decodeMetricsRequestProto } from '../decode/otlp-protobuf-metrics';
import { MAX_EXEMPLARS_PER_POINT } from '../decode/otlp-exemplars';
import { pb } from '../test-support/proto-writer';
import { MetricStore } from './metric-store';
import type { MetricData } from './model';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';
const MS = 1_700_000_000_123;
const nanos = (ms: number): bigint => BigInt(ms) * 1_000_000n;

interface TestExemplar {
  readonly traceId: string;
  readonly spanId: string;
  readonly value: number;
  readonly timeMs: number;
}

const ok = (value: number, timeMs = MS, spanId = SPAN): TestExemplar => ({ traceId: TRACE, spanId, value, timeMs });

function protoExemplar(field: number, e: TestExemplar): Buffer {
  return pb.message(field, pb.fixed64(2, nanos(e.timeMs)), pb.double(3, e.value), pb.bytes(4, Buffer.from(e.spanId, 'hex')), pb.bytes(5, Buffer.from(e.traceId, 'hex')), pb.message(7, pb.bytes(1, 'user'), pb.message(2, pb.bytes(1, 'ada'))));
}

/** A request with one histogram (bounds 0.1, 1) and one monotonic sum, each point with `exemplars`. */
function protoRequest(histogram: readonly TestExemplar[], sum: readonly TestExemplar[]): Buffer {
  const time = [pb.fixed64(2, nanos(MS - 1000)), pb.fixed64(3, nanos(MS))];
  const hPoint = pb.message(1, ...time, pb.fixed64(4, BigInt(histogram.length)), pb.double(7, 0.1), pb.double(7, 1), pb.fixed64(6, 1n), pb.fixed64(6, 1n), pb.fixed64(6, 1n), ...histogram.map((e) => protoExemplar(8, e)));
  const sPoint = pb.message(1, ...time, pb.double(4, 5), ...sum.map((e) => protoExemplar(5, e)));
  const metrics = [pb.message(2, pb.bytes(1, 'shop_latency_seconds'), pb.message(9, hPoint, pb.uint(2, 2))), pb.message(2, pb.bytes(1, 'shop_orders_total'), pb.message(7, sPoint, pb.uint(2, 2), pb.uint(3, 1)))];
  return pb.message(1, pb.message(1, pb.message(1, pb.bytes(1, 'service.name'), pb.message(2, pb.bytes(1, 'shop')))), pb.message(2, pb.message(1, pb.bytes(1, 'shop')), ...metrics));
}

function jsonExemplar(e: TestExemplar, idEncoding: 'hex' | 'base64'): Record<string, unknown> {
  const id = (hex: string): string => (idEncoding === 'hex' ? hex : Buffer.from(hex, 'hex').toString('base64'));
  return { timeUnixNano: nanos(e.timeMs).toString(), asDouble: e.value, traceId: id(e.traceId), spanId: id(e.spanId), filteredAttributes: [{ key: 'user', value: { stringValue: 'ada' } }] };
}

function jsonRequest(histogram: readonly TestExemplar[], sum: readonly TestExemplar[], idEncoding: 'hex' | 'base64' = 'hex'): unknown {
  const time = { startTimeUnixNano: nanos(MS - 1000).toString(), timeUnixNano: nanos(MS).toString() };
  return {
    resourceMetrics: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
      scopeMetrics: [{
        scope: { name: 'shop' },
        metrics: [
          { name: 'shop_latency_seconds', histogram: { aggregationTemporality: 2, dataPoints: [{ ...time, count: String(histogram.length), bucketCounts: ['1', '1', '1'], explicitBounds: [0.1, 1], exemplars: histogram.map((e) => jsonExemplar(e, idEncoding)) }] } },
          { name: 'shop_orders_total', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ ...time, asDouble: 5, exemplars: sum.map((e) => jsonExemplar(e, idEncoding)) }] } },
        ],
      }],
    }],
  };
}

function decode(encoding: 'protobuf' | 'json', histogram: readonly TestExemplar[], sum: readonly TestExemplar[]): readonly MetricData[] {
  return encoding === 'protobuf' ? decodeMetricsRequestProto(protoRequest(histogram, sum)).items : decodeMetricsRequestJson(jsonRequest(histogram, sum)).items;
}

function store(...batches: (readonly MetricData[])[]): MetricStore {
  const s = new MetricStore({ maxSeries: 100, maxPointsPerSeries: 10 });
  for (const batch of batches) for (const m of batch) s.add(m);
  return s;
}

function exemplars(s: MetricStore, name: string) {
  const series = s.seriesNamed(name)[0];
  assert.ok(series !== undefined, name);
  return s.exemplarsOf(series);
}

describe('metric exemplars in the run store', () => {
  for (const encoding of ['protobuf', 'json'] as const) {
    describe(encoding, () => {
      it('keeps the latest exemplar of each histogram bucket and the latest of a sum, with trace and span ids', () => {
        const s = store(
          decode(encoding, [ok(0.05, MS - 10), ok(0.5), ok(7)], [ok(1, MS - 10)]),
          decode(encoding, [ok(0.07, MS, 'a'.repeat(16)), ok(0.06, MS - 500)], [ok(4, MS + 5, 'b'.repeat(16))]),
        );
        assert.deepEqual(
          exemplars(s, 'shop_latency_seconds').map((e) => [e.bucketIndex, e.value, e.spanId, e.traceId, e.timeMs]),
          [
            [0, 0.07, 'a'.repeat(16), TRACE, MS], // replaced the older 0.05; the even older 0.06 did not win
            [1, 0.5, SPAN, TRACE, MS],
            [2, 7, SPAN, TRACE, MS],
          ],
        );
        const sum = exemplars(s, 'shop_orders_total');
        assert.deepEqual(sum.map((e) => [e.bucketIndex, e.value, e.spanId, e.timeMs]), [[undefined, 4, 'b'.repeat(16), MS + 5]]);
        assert.deepEqual(sum[0]?.filteredAttributes, [{ key: 'user', value: 'ada' }]);
        assert.equal(s.droppedExemplarCount, 0);
      });

      it('drops and counts exemplars with ids of the wrong length or all zeros, keeping the rest of the point', () => {
        const bad: TestExemplar[] = [
          { traceId: TRACE.slice(0, 30), spanId: SPAN, value: 0.05, timeMs: MS },
          { traceId: TRACE, spanId: `${SPAN}00`, value: 0.5, timeMs: MS },
          { traceId: '0'.repeat(32), spanId: SPAN, value: 0.5, timeMs: MS },
          { traceId: TRACE, spanId: '0'.repeat(16), value: 7, timeMs: MS },
        ];
        const s = store(decode(encoding, [...bad, ok(0.05)], bad.slice(0, 2)));
        assert.deepEqual(exemplars(s, 'shop_latency_seconds').map((e) => e.value), [0.05]);
        assert.deepEqual(exemplars(s, 'shop_orders_total'), []);
        assert.equal(s.droppedExemplarCount, 6);
        const latest = s.seriesNamed('shop_orders_total')[0]?.latest;
        assert.equal(latest?.type === 'number' ? latest.value : undefined, 5, 'the point itself was kept');
        assert.equal(s.pointCount, 2);
      });

      it(`bounds a hostile point to ${MAX_EXEMPLARS_PER_POINT} exemplars`, () => {
        const many = Array.from({ length: MAX_EXEMPLARS_PER_POINT + 50 }, (_, i) => ok(i));
        const s = store(decode(encoding, many, []));
        assert.equal(s.droppedExemplarCount, 50);
        assert.equal(exemplars(s, 'shop_latency_seconds').length, 3, 'one per bucket');
      });
    });
  }

  it('reads base64 ids in JSON too (some exporters send them so)', () => {
    const s = store(decodeMetricsRequestJson(jsonRequest([ok(0.05)], [], 'base64')).items);
    assert.deepEqual(exemplars(s, 'shop_latency_seconds').map((e) => [e.traceId, e.spanId]), [[TRACE, SPAN]]);
  });
});
