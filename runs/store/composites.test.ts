import assert from 'node:assert/strict';
import { CompositeAccumulator } from './composites';
import type { HistogramPoint, NumberPoint } from './model';

const S = 1_000_000_000n;

function num(value: number, seconds: number, start = 0n): NumberPoint {
  return { type: 'number', value, isInt: false, attributes: [], startTimeUnixNano: start, timeUnixNano: BigInt(seconds) * S, timeMs: seconds * 1000, flags: 0 };
}

function hist(count: number, sum: number, counts: number[], seconds: number, start = 1n, extra: Partial<HistogramPoint> = {}): HistogramPoint {
  return { type: 'histogram', count, sum, min: undefined, max: undefined, bucketCounts: counts, explicitBounds: [1, 10], attributes: [], startTimeUnixNano: start, timeUnixNano: BigInt(seconds) * S, timeMs: seconds * 1000, flags: 0, ...extra };
}

describe('composites', () => {
  it('gauge: statistics of the sampled values, change per second', () => {
    const acc = new CompositeAccumulator(false, false, 'unspecified');
    for (const [v, t] of [[4, 10], [8, 11], [2, 12], [6, 14]] as const) acc.add(num(v, t));
    assert.deepEqual(acc.composites(), { count: 4, sum: 20, avg: 5, min: 2, max: 8, rate: 0.5, increase: undefined, last: 6 });
  });

  it('cumulative counter: total and increase per second, stitched across a restart', () => {
    const acc = new CompositeAccumulator(false, true, 'cumulative');
    acc.add(num(10, 10, 5n * S));
    acc.add(num(30, 15, 5n * S));
    // The process restarted: a new start time, the value starts again from 0.
    acc.add(num(5, 20, 18n * S));
    const c = acc.composites();
    assert.equal(c.sum, 35);
    assert.equal(c.last, 5);
    assert.equal(c.count, 3);
    assert.equal(c.rate, 35 / 15);
    assert.equal(c.increase, 35, 'counted from the start time: the whole total grew during the run');
  });

  it('cumulative counter without a start time: the increase counts from its first point', () => {
    const acc = new CompositeAccumulator(false, true, 'cumulative');
    acc.add(num(100, 10));
    acc.add(num(130, 20));
    const c = acc.composites();
    assert.equal(c.sum, 130, 'the total is the counter value');
    assert.equal(c.increase, 30);
    assert.equal(c.rate, 3);
  });

  it('delta counter: the running total', () => {
    const acc = new CompositeAccumulator(false, true, 'delta');
    acc.add(num(3, 1, 0n));
    acc.add(num(4, 2, 0n));
    assert.equal(acc.composites().sum, 7);
    assert.equal(acc.composites().last, 7);
    assert.equal(acc.composites().rate, 4);
  });

  it('cumulative histogram: count, sum, avg, min, max, rate and buckets', () => {
    const acc = new CompositeAccumulator(true, false, 'cumulative');
    acc.add(hist(2, 3, [1, 1, 0], 2, 1n, { min: 0.5, max: 2.5 }));
    acc.add(hist(5, 33, [2, 2, 1], 4, 1n, { min: 0.5, max: 20 }));
    const c = acc.composites();
    assert.equal(c.count, 5);
    assert.equal(c.sum, 33);
    assert.equal(c.avg, 6.6);
    assert.equal(c.min, 0.5);
    assert.equal(c.max, 20);
    assert.ok(Math.abs((c.rate ?? 0) - 5 / 4) < 1e-6);
    assert.deepEqual(acc.histogram(), { bounds: [1, 10], counts: [2, 2, 1] });
  });

  it('cumulative histogram restart adds the buckets up', () => {
    const acc = new CompositeAccumulator(true, false, 'cumulative');
    acc.add(hist(5, 33, [2, 2, 1], 4, 1n));
    acc.add(hist(1, 0.5, [1, 0, 0], 6, 5n * S));
    assert.equal(acc.composites().count, 6);
    assert.deepEqual(acc.histogram()?.counts, [3, 2, 1]);
  });

  it('delta histogram accumulates', () => {
    const acc = new CompositeAccumulator(true, false, 'delta');
    acc.add(hist(2, 3, [1, 1, 0], 2, 1n));
    acc.add(hist(3, 30, [1, 1, 1], 4, 2n));
    assert.equal(acc.composites().count, 5);
    assert.deepEqual(acc.histogram()?.counts, [2, 2, 1]);
  });

  it('ignores NaN and infinite gauge samples', () => {
    const acc = new CompositeAccumulator(false, false, 'unspecified');
    acc.add(num(NaN, 1));
    acc.add(num(Infinity, 2));
    acc.add(num(1, 3));
    assert.equal(acc.composites().count, 1);
  });
});
