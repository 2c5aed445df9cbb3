import assert from 'node:assert/strict';
import { codeLocationStats, unlocatedSpanStats } from './code-stats';
import { RunStore } from '../store/run-store';
import { testSpan } from '../test-support/test-records';

describe('code location stats', () => {
  it('groups spans by file, line and name with count, p50, p95 and max', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    const at = (line: number, fn = 'handle'): Array<{ key: string; value: string | number }> => [
      { key: 'code.filepath', value: '/src/app.ts' },
      { key: 'code.lineno', value: line },
      { key: 'code.function', value: fn },
    ];
    const durations = [1, 2, 3, 4, 10];
    run.addSpans(durations.map((d, i) => testSpan({ id: i, name: 'handle', start: 0, end: d, attributes: at(12), error: i === 4 })));
    run.addSpans([testSpan({ id: 10, name: 'load', start: 0, end: 5, attributes: at(3, 'load') })]);
    run.addSpans([testSpan({ id: 11, name: 'open', start: 0, end: 5, attributes: [...at(20), { key: 'statscope.unended', value: true }] })]);
    run.addSpans([testSpan({ id: 12, name: 'no location', start: 0, end: 5 })]);
    const stats = codeLocationStats(run);
    assert.deepEqual([...stats.keys()], ['/src/app.ts']);
    const [load, handle] = stats.get('/src/app.ts') ?? [];
    assert.equal(load?.spanName, 'load');
    assert.equal(load?.lineNumber, 3);
    assert.deepEqual(
      { count: handle?.count, errors: handle?.errorCount, p50: handle?.p50Ms, p95: handle?.p95Ms, max: handle?.maxMs, total: handle?.totalMs, fn: handle?.functionName },
      { count: 5, errors: 1, p50: 3, p95: 10, max: 10, total: 20, fn: 'handle' },
    );
    assert.equal(stats.get('/src/app.ts')?.length, 2, 'unended spans are left out');
    store.dispose();
  });

  it('summarizes spans without a source location by name, for call sites that name them', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    run.addSpans([1, 3, 8].map((d, i) => testSpan({ id: i, name: 'predict', start: 0, end: d, error: i === 2 })));
    run.addSpans([testSpan({ id: 5, name: 'predict', start: 0, end: 50, attributes: [{ key: 'code.filepath', value: '/svc/app.py' }, { key: 'code.lineno', value: 4 }] })]);
    run.addSpans([testSpan({ id: 6, name: 'open', start: 0, end: 5, attributes: [{ key: 'statscope.unended', value: true }] })]);
    const stats = unlocatedSpanStats(run);
    assert.deepEqual([...stats.keys()], ['predict'], 'located and unended spans are left out');
    const predict = stats.get('predict');
    assert.deepEqual({ count: predict?.count, errors: predict?.errorCount, p50: predict?.p50Ms, max: predict?.maxMs, file: predict?.filePath }, { count: 3, errors: 1, p50: 3, max: 8, file: '' });
    store.dispose();
  });
});
