import assert from 'node:assert/strict';
import { RunStore } from '../store/run-store';
import { testSpan } from '../test-support/test-records';
import { compareRuns } from './compare-runs';
import { relativeChange } from './span-compare';

/** Adds `count` spans named `name` with durations `f(i)`. */
function addSpans(run: ReturnType<RunStore['createRun']>, name: string, count: number, f: (i: number) => number, firstId: number, errors = 0): void {
  run.addSpans(Array.from({ length: count }, (_, i) => testSpan({ id: firstId + i, trace: firstId + i, name, start: 0, end: f(i), error: i < errors })));
}

describe('compareRuns (spans)', () => {
  it('flags a real slowdown as beyond noise, keeps jitter and one-run names apart', () => {
    const store = new RunStore();
    const base = store.createRun({ label: 'base' });
    const head = store.createRun({ label: 'head' });
    const jitter = (i: number): number => ((i * 7919) % 100) / 100; // 0..0.99 ms, deterministic
    addSpans(base, 'predict', 60, (i) => 10 + jitter(i), 0);
    addSpans(head, 'predict', 60, (i) => 13 + jitter(i), 0, 2);
    addSpans(base, 'load', 60, (i) => 5 + jitter(i), 100);
    addSpans(head, 'load', 60, (i) => 5 + jitter(i + 1), 100);
    addSpans(base, 'old', 3, () => 1, 200);
    addSpans(head, 'new', 3, () => 1, 200);
    const comparison = compareRuns(base, head);
    assert.deepEqual(comparison.spans.map((s) => s.name), ['predict', 'load', 'new', 'old'], 'beyond noise first, one-run names last');
    const [predict, load, added, removed] = comparison.spans;
    assert.equal(predict?.isBeyondNoise, true);
    assert.ok((predict?.pValue ?? 1) < 1e-6);
    assert.equal(predict?.head?.errorCount, 2);
    assert.ok(Math.abs((predict?.head?.p95Ms ?? 0) - (predict?.base?.p95Ms ?? 0) - 3) < 0.05, 'p95 grew by the 3 ms added');
    assert.equal(load?.isBeyondNoise, false, 'the same distribution is noise');
    assert.ok((load?.pValue ?? 0) > 0.5);
    assert.deepEqual([added?.base, added?.head?.count, removed?.head, removed?.base?.count], [undefined, 3, undefined, 3]);
    assert.deepEqual(comparison.base, { label: 'base', spanCount: 123, errorSpanCount: 0 });
    store.dispose();
  });

  it('does not call a significant but tiny shift beyond noise (minimum relative change)', () => {
    const store = new RunStore();
    const base = store.createRun({ label: 'base' });
    const head = store.createRun({ label: 'head' });
    addSpans(base, 'tick', 500, (i) => 100 + (i % 10) / 100, 0);
    addSpans(head, 'tick', 500, (i) => 101 + (i % 10) / 100, 0);
    const [tick] = compareRuns(base, head).spans;
    assert.ok((tick?.pValue ?? 1) < 0.01, 'the shift is significant');
    assert.equal(tick?.isBeyondNoise, false, 'but 1% is below the 5% minimum');
    store.dispose();
  });

  it('relative change: 0 for 0 → 0, undefined for 0 → x', () => {
    assert.equal(relativeChange(10, 12), 0.2);
    assert.equal(relativeChange(0, 0), 0);
    assert.equal(relativeChange(0, 3), undefined);
  });
});
