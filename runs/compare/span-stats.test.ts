import assert from 'node:assert/strict';
import { RunStore } from '../store/run-store';
import { testSpan } from '../test-support/test-records';
import { percentileOfSorted, spanNameStats } from './span-stats';

describe('span name stats', () => {
  it('takes nearest-rank percentiles of sorted values', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentileOfSorted(values, 0.5), 50);
    assert.equal(percentileOfSorted(values, 0.95), 95);
    assert.equal(percentileOfSorted(values, 1), 100);
    assert.equal(percentileOfSorted(Float64Array.of(7), 0.95), 7);
    assert.equal(percentileOfSorted(new Float64Array(0), 0.5), 0);
  });

  it('groups a run\'s spans by name: count, errors, p50, p95, max; unended spans only counted', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    const durations = [5, 1, 4, 2, 3];
    run.addSpans(durations.map((d, i) => testSpan({ id: i, name: 'GET /predict', start: 0, end: d, error: i === 0, attributes: [{ key: 'code.filepath', value: '/src/app.ts' }] })));
    run.addSpans([testSpan({ id: 9, name: 'GET /predict', start: 0, end: 500, attributes: [{ key: 'statscope.unended', value: true }] })]);
    run.addSpans([testSpan({ id: 10, name: 'toString', start: 0, end: 7 })]);
    const stats = spanNameStats(run);
    const predict = stats.get('GET /predict');
    assert.deepEqual(
      { count: predict?.count, errors: predict?.errorCount, p50: predict?.p50Ms, p95: predict?.p95Ms, max: predict?.maxMs, file: predict?.code?.filePath, sorted: [...(predict?.sortedDurationsMs ?? [])] },
      { count: 6, errors: 1, p50: 3, p95: 5, max: 5, file: '/src/app.ts', sorted: [1, 2, 3, 4, 5] },
    );
    assert.equal(stats.get('toString')?.maxMs, 7, 'a name like an Object.prototype key is an ordinary name');
    store.dispose();
  });
});
