import assert from 'node:assert/strict';
import { RunStore } from '../../../runs/index';
import { spanTree, testSpan } from '../../../runs/test-support/test-records';
import { renderSpanTree } from './print-tree';

describe('span tree text', () => {
  it('draws the hierarchy with durations, errors and unended marks', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    run.addSpans([
      testSpan({ id: 0, name: 'GET /predict', start: 0, end: 12.3 }),
      testSpan({ id: 1, parent: 0, name: 'load model', start: 0, end: 3.1 }),
      testSpan({ id: 2, parent: 0, name: '<img src=x onerror=alert(1)>', start: 4, end: 12, error: true }),
      testSpan({ id: 3, parent: 2, name: 'left open', start: 5, end: 6, attributes: [{ key: 'statscope.unended', value: true }] }),
    ]);
    const lines = renderSpanTree(run, { maxLines: 50, color: false });
    assert.match(lines[0] ?? '', /^trace aaaaaaaa… · GET \/predict · 12\.3 ms · 4 spans · 1 error · 1 unended$/);
    assert.deepEqual(lines.slice(1), [
      '└─ GET /predict  12.3 ms',
      '   ├─ load model  3.10 ms',
      '   └─ <img src=x onerror=alert(1)>  8.00 ms  ✗ error: failed',
      '      └─ left open  1.00 ms  ⚠ unended',
    ]);
    store.dispose();
  });

  it('stays within maxLines and says how much was left out', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    run.addSpans(spanTree(1000, 4));
    const lines = renderSpanTree(run, { maxLines: 20, color: false });
    assert.equal(lines.length, 21);
    assert.match(lines[20] ?? '', /… 981 more spans not shown \(19 shown/);
    store.dispose();
  });

  it('escapes control characters in names', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    run.addSpans([testSpan({ id: 0, name: 'a\u001b[2Jb', start: 0, end: 1 })]);
    assert.match(renderSpanTree(run, { maxLines: 5, color: false })[1] ?? '', /a\\x1b\[2Jb/);
    store.dispose();
  });
});
