import assert from 'node:assert/strict';
import { RunStore } from '../../../runs/store/run-store';
import { SpanTreeModel } from '../../../runs/tree/span-tree-model';
import type { TreeNode } from '../../../runs/tree/span-tree-model';
import { spanTree, testSpan } from '../../../runs/test-support/test-records';
import { describeNode, keyAttributes } from './span-tree-items';

const HOSTILE = '<img src=x onerror=alert(1)>';

function sampleModel(): { store: RunStore; model: SpanTreeModel } {
  const store = new RunStore();
  const run = store.createRun({ label: 'model-server.js', command: 'node model-server.js' });
  run.addSpans([
    testSpan({ id: 0, name: 'handle_request', start: 0, end: 100, attributes: [{ key: 'code.filepath', value: '/w/src/app.js' }, { key: 'code.lineno', value: 12 }, { key: 'model.name', value: 'bert' }, { key: 'request.id', value: 7 }] }),
    testSpan({ id: 1, parent: 0, name: 'preprocess', start: 0, end: 15 }), // overlaps model.predict: off the critical path,
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
    assert.deepEqual([run.label, run.description, run.contextValue, run.collapsible, run.icon.id], ['model-server.js', 'exit 0 · 4 spans · 1 error', 'run.finished', 'expanded', 'pass']);
    const trace = child(model, runNode, 'handle_request');
    const traceView = describeNode(trace);
    assert.deepEqual([traceView.description, traceView.icon.id, traceView.contextValue], ['100.0 ms · 4 spans · 1 error', 'error', 'trace']);
    const root = child(model, trace, 'handle_request');
    const rootView = describeNode(root);
    assert.equal(rootView.description, '100.0 ms · model.name=bert · request.id=7', 'key attributes, code.* hidden');
    assert.equal(rootView.contextValue, 'span.source');
    assert.deepEqual(rootView.command, { id: 'statscope.revealSpanSource', title: 'Go to Source' });
    assert.match(rootView.tooltip, /Source: \/w\/src\/app\.js:12/);
    assert.ok(rootView.isHighlighted, 'the root is on the critical path');
    store.dispose();
  });

  it('marks a span sent with the span id of an earlier span, shown under it', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'zipkin' }, 'imported');
    run.addSpans([testSpan({ id: 0, name: 'GET /', start: 0, end: 50 }), testSpan({ id: 1, parent: 0, name: 'call', start: 5, end: 40 }), testSpan({ id: 1, parent: 0, name: 'call', start: 6, end: 38, error: true })]);
    const model = new SpanTreeModel(store);
    const [runNode] = model.roots();
    assert.ok(runNode);
    const client = child(model, child(model, child(model, runNode, 'GET /'), 'GET /'), 'call');
    assert.equal(describeNode(client).description, '35.0 ms');
    const [server] = model.children(client);
    assert.ok(server?.kind === 'span');
    const view = describeNode(server);
    assert.equal(view.description, '32.0 ms · same span id as its parent');
    assert.match(view.tooltip, new RegExp(`Sent with span id ${server.span.sharedSpanId ?? '-'}, like its parent`));
    assert.equal(view.icon.id, 'error');
    store.dispose();
  });

  it('shows the spans the program dropped, as its statscope_spans_dropped_total reports them', () => {
    const { store, model } = sampleModel();
    const [runNode] = model.roots();
    assert.ok(runNode?.kind === 'run');
    const point = { type: 'number' as const, value: 165_184, isInt: true, attributes: [{ key: 'reason', value: 'queue_full' }], startTimeUnixNano: 1n, timeUnixNano: 2n, timeMs: 2, flags: 0 };
    runNode.run.addMetrics([{ name: 'statscope_spans_dropped_total', description: '', unit: '', kind: 'sum', temporality: 'cumulative', isMonotonic: true, resource: { attributes: [], serviceName: 'model-server', droppedAttributesCount: 0, schemaUrl: '' }, scope: { name: 'statscope', version: '', attributes: [], schemaUrl: '' }, points: [point] }]);
    const run = describeNode(runNode);
    assert.equal(run.description, 'exit 0 · 4 spans · 1 error · 165,184 dropped by the program');
    assert.match(run.tooltip, /^165184 spans dropped by the program \(queue full\)$/m);
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

  // Timing is in `npm run bench` (runs/bench/receiver.bench.ts); these check that a first
  // render of a huge run asks for a bounded number of items, so its cost does not grow with the run.
  it('first render of a 100,000-span run describes only the visible items (model + item descriptions)', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'big' });
    run.addSpans(spanTree(100_000, 10));
    // What VS Code asks on first render: the roots, the run's children, one expansion per level.
    const model = new SpanTreeModel(store);
    let rendered = 0;
    let deepest = '';
    let level: readonly TreeNode[] = model.roots();
    for (let depth = 0; depth < 7 && level.length > 0; depth++) {
      for (const node of level) {
        deepest = describeNode(node).label;
        rendered++;
      }
      const first = level.find((n) => n.kind !== 'more');
      level = first === undefined ? [] : model.children(first);
    }
    // run, trace, root, then 10 children per level down to the leaves: a few dozen items, not 100,000.
    assert.ok(rendered > 6 && rendered < 100, `rendered ${rendered} items`);
    assert.notEqual(deepest, '');
    // The errors-only filter visits every span once and keeps only error paths.
    model.setFilter({ errorsOnly: true });
    const trace = model.children(model.roots()[0] as TreeNode)[0] as TreeNode | undefined;
    const shown = trace === undefined ? [] : model.children(trace);
    assert.ok(shown.length > 0, 'the generated run has errors under the root');
    assert.ok(shown.every((n) => n.kind !== 'span' || n.span.isError || describeNode(n).icon.id === 'circle-small'), 'only errors and their dimmed ancestors');
    store.dispose();
  });

  it('first render of a 100,000-span run spread over 10,000 traces shows one page of traces', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'many traces' });
    for (let t = 0; t < 10_000; t++) run.addSpans(spanTree(10, 3, t));
    const model = new SpanTreeModel(store);
    const [runNode] = model.roots();
    const traces = model.children(runNode as TreeNode);
    for (const node of [runNode as TreeNode, ...traces]) describeNode(node);
    assert.equal(traces.length, 501, 'a page of 500 traces and a "more" node');
    assert.equal(traces[500]?.kind, 'more');
    store.dispose();
  });
});
