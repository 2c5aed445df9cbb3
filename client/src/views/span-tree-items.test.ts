import assert from 'node:assert/strict';
import { RunStore } from '../runs/run-store';
import { SpanTreeModel } from '../runs/span-tree-model';
import type { TreeNode } from '../runs/span-tree-model';
import { spanTree, testSpan } from '../runs/test-records';
import { describeNode, keyAttributes } from './span-tree-items';

const HOSTILE = '<img src=x onerror=alert(1)>';

function sampleModel(): { store: RunStore; model: SpanTreeModel } {
  const store = new RunStore();
  const run = store.createRun({ label: 'model-server.js', command: 'node model-server.js' });
  run.addSpans([
    testSpan({ id: 0, name: 'handle_request', start: 0, end: 100, attributes: [{ key: 'code.filepath', value: '/w/src/app.js' }, { key: 'code.lineno', value: 12 }, { key: 'model.name', value: 'bert' }, { key: 'request.id', value: 7 }] }),
    testSpan({ id: 1, parent: 0, name: 'preprocess', start: 0, end: 10 }),
    testSpan({ id: 2, parent: 0, name: 'model.predict', start: 10, end: 95, error: true }),
    testSpan({ id: 3, parent: 0, name: HOSTILE, start: 20, end: 30, attributes: [{ key: 'statscope.unended', value: true }, { key: 'html', value: 'line1\nline2' }] }),
  ]);
  run.finish(0);
  return { store, model: new SpanTreeModel(store) };
}

function child(model: SpanTreeModel, parent: TreeNode, label: string): TreeNode {
  const node = model.children(parent).find((n) => describeNode(n).label === label);
  assert.ok(node, `no child ${label}`);
  return node;
}

describe('span tree items', () => {
  it('describes runs, traces and spans', () => {
    const { store, model } = sampleModel();
    const [runNode] = model.roots();
    assert.ok(runNode);
    const run = describeNode(runNode);
    assert.deepEqual([run.label, run.description, run.contextValue, run.collapsible, run.icon.id], ['model-server.js', 'exit 0 · 4 spans · 1 errors', 'run.finished', 'expanded', 'pass']);
    const trace = child(model, runNode, 'handle_request');
    const traceView = describeNode(trace);
    assert.deepEqual([traceView.description, traceView.icon.id, traceView.contextValue], ['100.0 ms · 4 spans · 1 errors', 'error', 'trace']);
    const root = child(model, trace, 'handle_request');
    const rootView = describeNode(root);
    assert.equal(rootView.description, '100.0 ms · model.name=bert · request.id=7', 'key attributes, code.* hidden');
    assert.equal(rootView.contextValue, 'span.source');
    assert.deepEqual(rootView.command, { id: 'statscope.revealSpanSource', title: 'Go to Source' });
    assert.match(rootView.tooltip, /Source: \/w\/src\/app\.js:12/);
    assert.ok(rootView.isHighlighted, 'the root is on the critical path');
    store.dispose();
  });

  it('marks errors, unended spans and the critical path', () => {
    const { store, model } = sampleModel();
    const [runNode] = model.roots();
    const root = child(model, child(model, runNode as TreeNode, 'handle_request'), 'handle_request');
    const predict = describeNode(child(model, root, 'model.predict'));
    assert.deepEqual([predict.icon.id, predict.isHighlighted], ['error', true]);
    assert.match(predict.tooltip, /On the critical path/);
    const pre = describeNode(child(model, root, 'preprocess'));
    assert.deepEqual([pre.icon.id, pre.isHighlighted, pre.command?.id], ['circle-small-filled', false, 'statscope.openSpanDetails']);
    const unended = describeNode(child(model, root, HOSTILE));
    assert.equal(unended.icon.id, 'warning');
    assert.match(unended.description, /^not ended · 10\.0 ms · html=line1 line2$/);
    store.dispose();
  });

  it('keeps hostile names verbatim (the tree renders them as text)', () => {
    const { store, model } = sampleModel();
    const [runNode] = model.roots();
    const root = child(model, child(model, runNode as TreeNode, 'handle_request'), 'handle_request');
    assert.equal(describeNode(child(model, root, HOSTILE)).label, HOSTILE);
    store.dispose();
  });

  it('dims ancestors that are shown only for a matching descendant', () => {
    const { store, model } = sampleModel();
    model.setFilter({ errorsOnly: true });
    const [runNode] = model.roots();
    const root = child(model, child(model, runNode as TreeNode, 'handle_request'), 'handle_request');
    assert.equal(describeNode(root).icon.id, 'circle-small');
    assert.deepEqual(model.children(root).map((n) => describeNode(n).label), ['model.predict']);
    store.dispose();
  });

  it('limits key attributes and flattens control characters', () => {
    const attributes = [{ key: 'code.lineno', value: 1 }, { key: 'a', value: 'x\ty' }, { key: 'b', value: 'z'.repeat(100) }, { key: 'c', value: 1 }];
    const keys = keyAttributes(attributes, 2);
    assert.deepEqual(keys.map(([k]) => k), ['a', 'b']);
    assert.equal(keys[0]?.[1], 'x y');
    assert.equal(keys[1]?.[1].length, 61);
  });

  it('first render of a 100,000-span run takes under 200 ms (model + item descriptions)', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'big' });
    run.addSpans(spanTree(100_000, 10));
    // What VS Code asks on first render: the roots, the run's children, one expansion per level.
    const started = performance.now();
    const model = new SpanTreeModel(store);
    let rendered = 0;
    let level: readonly TreeNode[] = model.roots();
    for (let depth = 0; depth < 7 && level.length > 0; depth++) {
      for (const node of level) {
        describeNode(node);
        rendered++;
      }
      const first = level.find((n) => n.kind !== 'more');
      level = first === undefined ? [] : model.children(first);
    }
    const elapsed = performance.now() - started;
    console.log(`      first render of 100,000 spans: ${rendered} items in ${elapsed.toFixed(1)} ms`);
    assert.ok(elapsed < 200, `took ${elapsed.toFixed(1)} ms`);
    // Filtering visits every span once; still interactive.
    const filterStarted = performance.now();
    model.setFilter({ errorsOnly: true });
    const trace = model.children(model.roots()[0] as TreeNode)[0] as TreeNode;
    for (const node of model.children(trace)) describeNode(node);
    const filterMs = performance.now() - filterStarted;
    console.log(`      errors-only filter over 100,000 spans: ${filterMs.toFixed(1)} ms`);
    assert.ok(filterMs < 500, `filter took ${filterMs.toFixed(1)} ms`);
    store.dispose();
  });

  it('first render of a 100,000-span run spread over 10,000 traces takes under 200 ms', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'many traces' });
    for (let t = 0; t < 10_000; t++) run.addSpans(spanTree(10, 3, t));
    const started = performance.now();
    const model = new SpanTreeModel(store);
    const [runNode] = model.roots();
    const traces = model.children(runNode as TreeNode);
    for (const node of [runNode as TreeNode, ...traces]) describeNode(node);
    const elapsed = performance.now() - started;
    console.log(`      first render of 10,000 traces: ${traces.length} items in ${elapsed.toFixed(1)} ms`);
    assert.equal(traces.length, 501, 'a page of 500 traces and a "more" node');
    assert.ok(elapsed < 200, `took ${elapsed.toFixed(1)} ms`);
    store.dispose();
  });
});
