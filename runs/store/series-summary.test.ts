import assert from 'node:assert/strict';
import { MetricStore } from './metric-store';
import type { HistogramPoint, MetricData, NumberPoint } from './model';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from './record-defaults';
import { formatStat, formatSummary, seriesSummary, summaryColumns, summaryKindOf } from './series-summary';
import type { SummaryKind } from './series-summary';

const S = 1_000_000_000n;

function num(value: number, second: number, start = S): NumberPoint {
  return { type: 'number', value, isInt: true, attributes: [], startTimeUnixNano: start, timeUnixNano: BigInt(second) * S, timeMs: second * 1000, flags: 0 };
}

function hist(count: number, sum: number, bucketCounts: number[], second: number): HistogramPoint {
  return { type: 'histogram', count, sum, min: undefined, max: undefined, bucketCounts, explicitBounds: [0.01, 0.1], attributes: [], startTimeUnixNano: S, timeUnixNano: BigInt(second) * S, timeMs: second * 1000, flags: 0 };
}

/** The summary of a metric as `label: text` pairs, after feeding its points to a real metric store. */
function summarise(kind: MetricData['kind'], points: MetricData['points'], isMonotonic = kind === 'sum'): Record<string, string> {
  const store = new MetricStore({ maxSeries: 10, maxPointsPerSeries: 100 });
  store.add({ name: 'm', description: '', unit: '', kind, temporality: 'cumulative', isMonotonic, resource: EMPTY_RESOURCE, scope: EMPTY_SCOPE, points });
  const series = store.series()[0];
  assert.ok(series);
  const summary = seriesSummary(series);
  const columns = summaryColumns(summary.kind);
  assert.equal(summary.values.length, columns.length, 'one value per column');
  return Object.fromEntries(formatSummary(summary).map((text, i) => [columns[i]?.label ?? '?', text]));
}

describe('series summaries', () => {
  it('counters: total, increase and rate, never avg/min/max of cumulative samples', () => {
    // Started at 1 s; 90 by 64 s: 90 / 63 s.
    assert.deepEqual(summarise('sum', [num(10, 2), num(30, 4), num(90, 64)]), { total: '90', increase: '90', rate: '1.429/s' });
  });

  it('counters stitch a restart into the total', () => {
    // The process restarted at 10 s (new start time): 40 before, 5 after.
    assert.deepEqual(summarise('sum', [num(40, 4), num(5, 12, 10n * S)]), { total: '45', increase: '45', rate: '4.091/s' });
  });

  it('histograms: count, sum, avg and quantiles from the buckets', () => {
    const cells = summarise('histogram', [hist(10, 0.4, [5, 5, 0], 2)]);
    assert.equal(cells['count'], '10');
    assert.equal(cells['sum'], '0.4');
    assert.equal(cells['avg'], '0.04');
    assert.equal(cells['p50'], '0.01', 'the median sits at the first bound');
    assert.equal(cells['p99'], '0.0982', 'interpolated inside (0.01, 0.1]');
  });

  it('gauges and up-down counters: last, min, max, avg', () => {
    const expected = { last: '3', min: '1', max: '8', avg: '4' };
    assert.deepEqual(summarise('gauge', [num(1, 2), num(8, 3), num(3, 4)]), expected);
    assert.deepEqual(summarise('sum', [num(1, 2), num(8, 3), num(3, 4)], false), expected);
  });

  it('says "–" for what is not known yet', () => {
    assert.deepEqual(summarise('sum', [num(5, 1, 0n)]), { total: '5', increase: '0', rate: '–' });
  });

  it('maps every metric kind to a summary kind', () => {
    const kinds: [MetricData['kind'], boolean, SummaryKind][] = [
      ['sum', true, 'counter'],
      ['sum', false, 'gauge'],
      ['gauge', false, 'gauge'],
      ['histogram', false, 'histogram'],
      ['exponentialHistogram', false, 'distribution'],
      ['summary', false, 'distribution'],
    ];
    for (const [kind, isMonotonic, expected] of kinds) assert.equal(summaryKindOf({ kind, isMonotonic }), expected, `${kind} monotonic=${String(isMonotonic)}`);
    assert.deepEqual(summaryColumns('distribution').map((c) => c.label), ['count', 'sum', 'avg']);
  });

  it('formats rates with /s and unknowns as –', () => {
    assert.equal(formatStat(2.5, true), '2.5/s');
    assert.equal(formatStat(undefined, true), '–');
    assert.equal(formatStat(2.5, false), '2.5');
  });
});
