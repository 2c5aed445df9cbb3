import assert from 'node:assert/strict';
import type { MetricData, MetricPoint } from '../store/model';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../store/record-defaults';
import { RunStore } from '../store/run-store';
import { compareMetrics } from './metric-compare';

const S = 1_000_000_000n;
/** Rates are measured from the start time (1 ns after the epoch here): round away the nanosecond. */
const round = (v: number | undefined): number | undefined => (v === undefined ? undefined : Math.round(v * 1e6) / 1e6);

function number(value: number, seconds: number, labels: Record<string, string> = {}): MetricPoint {
  const attributes = Object.entries(labels).map(([key, v]) => ({ key, value: v }));
  return { type: 'number', value, isInt: false, attributes, startTimeUnixNano: 1n, timeUnixNano: BigInt(seconds) * S, timeMs: seconds * 1000, flags: 0 };
}

function histogram(counts: number[], seconds: number): MetricPoint {
  const count = counts.reduce((a, b) => a + b, 0);
  return { type: 'histogram', count, sum: count, min: undefined, max: undefined, bucketCounts: counts, explicitBounds: [10, 20, 40], attributes: [], startTimeUnixNano: 1n, timeUnixNano: BigInt(seconds) * S, timeMs: seconds * 1000, flags: 0 };
}

function metric(name: string, kind: MetricData['kind'], isMonotonic: boolean, points: MetricPoint[]): MetricData {
  return { name, description: '', unit: kind === 'histogram' ? 'ms' : '1', kind, temporality: 'cumulative', isMonotonic, resource: EMPTY_RESOURCE, scope: EMPTY_SCOPE, points };
}

describe('compareMetrics', () => {
  it('compares counters (total, rate), gauges (last, min, max) and histograms (count, p50, p95, p99) per label set', () => {
    const store = new RunStore();
    const base = store.createRun({ label: 'base' });
    const head = store.createRun({ label: 'head' });
    base.addMetrics([
      metric('requests_total', 'sum', true, [number(0, 0, { route: '/a' }), number(100, 10, { route: '/a' }), number(5, 10, { route: '/old' })]),
      metric('queue_depth', 'gauge', false, [number(3, 1), number(9, 2), number(4, 3)]),
      metric('latency', 'histogram', false, [histogram([50, 50, 0, 0], 10)]),
    ]);
    head.addMetrics([
      metric('requests_total', 'sum', true, [number(0, 0, { route: '/a' }), number(150, 10, { route: '/a' }), number(1, 10, { route: '/new' })]),
      metric('queue_depth', 'gauge', false, [number(2, 1), number(12, 2)]),
      metric('latency', 'histogram', false, [histogram([0, 50, 50, 0], 10)]),
    ]);
    const rows = compareMetrics(base.metrics, head.metrics);
    assert.deepEqual(rows.map((r) => `${r.name}{${r.labels}} ${r.kind} ${r.inBase ? 'B' : '-'}${r.inHead ? 'H' : '-'}`), [
      'latency{} histogram BH',
      'queue_depth{} gauge BH',
      'requests_total{route=/a} counter BH',
      'requests_total{route=/new} counter -H',
      'requests_total{route=/old} counter B-',
    ]);
    const values = (i: number): Record<string, [number | undefined, number | undefined]> => Object.fromEntries((rows[i]?.values ?? []).map((v) => [v.stat, [round(v.base), round(v.head)]]));
    assert.deepEqual(values(0), { count: [100, 100], p50: [10, 20], p95: [19, 38], p99: [19.8, 39.6] });
    assert.deepEqual(values(1), { last: [4, 12], min: [3, 2], max: [9, 12] });
    assert.deepEqual(values(2), { total: [100, 150], rate: [10, 15] });
    assert.deepEqual(values(3), { total: [undefined, 1], rate: [undefined, 0.1] });
    store.dispose();
  });
});
