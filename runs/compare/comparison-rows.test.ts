import assert from 'node:assert/strict';
import { metricRow, SPAN_HEADERS, spanRow, verdictOf } from './comparison-rows';
import type { SpanComparison } from './span-compare';
import type { SpanNameStats } from './span-stats';

function stats(p50Ms: number, p95Ms: number, errorCount = 0, ended = true): SpanNameStats {
  return { name: 'x', count: 4, errorCount, p50Ms, p95Ms, maxMs: p95Ms, code: undefined, sortedDurationsMs: ended ? Float64Array.of(p50Ms, p95Ms) : new Float64Array(0) };
}

function row(base: SpanNameStats | undefined, head: SpanNameStats | undefined, isBeyondNoise: boolean, pValue?: number): SpanComparison {
  return { name: 'GET /predict', base, head, pValue, isBeyondNoise, code: undefined };
}

describe('comparison rows', () => {
  it('judge a row: slower or faster beyond noise, noise, or one run only', () => {
    assert.equal(verdictOf(row(stats(10, 20), stats(12, 24), true)), 'slower');
    assert.equal(verdictOf(row(stats(10, 20), stats(8, 15), true)), 'faster');
    assert.equal(verdictOf(row(stats(10, 20), stats(12, 24), false)), 'noise');
    assert.equal(verdictOf(row(undefined, stats(1, 1), false)), 'head only');
    assert.equal(verdictOf(row(stats(1, 1), undefined, false)), 'base only');
  });

  it('write one cell per header: both sides, the change, errors and the verdict with p', () => {
    const cells = spanRow(row(stats(10, 20, 1), stats(12, 24, 3), true, 0.0004)).cells;
    assert.equal(cells.length, SPAN_HEADERS.length);
    assert.deepEqual(cells, ['GET /predict', '4 → 4', '10.0 ms → 12.0 ms', '+20%', '20.0 ms → 24.0 ms', '+20%', '20.0 ms → 24.0 ms', '+20%', '1 → 3 (+2)', '▲ slower (p 4.000e-4)']);
    const added = spanRow(row(undefined, stats(1, 2, 0, false), false)).cells;
    assert.deepEqual([added[1], added[2], added[3], added[8], added[9]], ['– → 4', '– → –', '–', '– → 0', 'head only']);
  });

  it('write metric changes per value, or which run lacks the series', () => {
    const both = metricRow({ name: 'latency', labels: 'route=/a', kind: 'histogram', unit: 's', inBase: true, inHead: true, values: [{ stat: 'p95', base: 0.2, head: 0.25 }] });
    assert.deepEqual(both, ['latency (s)', 'route=/a', 'histogram', 'p95 0.2 → 0.25 (+25%)']);
    const gone = metricRow({ name: 'jobs_total', labels: '', kind: 'counter', unit: '1', inBase: true, inHead: false, values: [{ stat: 'total', base: 7, head: undefined }] });
    assert.deepEqual(gone, ['jobs_total', '', 'counter', 'base only: total 7']);
  });
});
