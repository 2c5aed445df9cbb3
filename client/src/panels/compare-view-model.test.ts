import assert from 'node:assert/strict';
import { compareRuns, RunStore } from '../../../runs/index';
import { testSpan } from '../../../runs/test-support/test-records';
import { compareView } from './compare-view-model';

describe('compare view model', () => {
  it('formats both tables with sort keys, verdicts and source links; hostile names stay data', () => {
    const store = new RunStore();
    const base = store.createRun({ label: 'demo · 14:02:11' });
    const head = store.createRun({ label: 'demo · 14:03:40' });
    const hostile = '<script>alert(1)</script>';
    const at = [{ key: 'code.filepath', value: '/src/app.ts' }, { key: 'code.lineno', value: 12 }];
    base.addSpans(Array.from({ length: 30 }, (_, i) => testSpan({ id: i, trace: i, name: 'predict', start: 0, end: 10 + (i % 5) / 10, attributes: at })));
    head.addSpans(Array.from({ length: 30 }, (_, i) => testSpan({ id: i, trace: i, name: 'predict', start: 0, end: 20 + (i % 5) / 10, attributes: at })));
    head.addSpans([testSpan({ id: 99, trace: 99, name: hostile, start: 0, end: 1 })]);
    const view = compareView(compareRuns(base, head), { baseRunId: base.id, headRunId: head.id });
    assert.equal(view.title, 'demo · 14:02:11 → demo · 14:03:40');
    assert.match(view.summary, /^30 → 31 spans · 2 span names, 1 changed beyond noise, 1 in one run only · 0 metric series$/);
    const [predict, script] = view.spans.rows;
    assert.equal(predict?.verdict, 'slower');
    assert.equal(predict?.cells[0], 'predict');
    assert.match(predict?.cells[3] ?? '', /^\+9\d%$/);
    assert.equal(predict?.hasSource, true);
    assert.equal(predict?.sortKeys.length, view.spans.headers.length);
    assert.ok(typeof predict?.sortKeys[5] === 'number' && predict.sortKeys[5] > 0.9);
    assert.deepEqual([script?.cells[0], script?.spanName, script?.verdict, script?.hasSource, script?.sortKeys[3]], [hostile, hostile, 'head only', false, null]);
    assert.deepEqual(view.metrics.rows, []);
    store.dispose();
  });
});
