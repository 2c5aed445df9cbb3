import assert from 'node:assert/strict';
import { sid, spanTree, testSpan } from '../test-support/test-records';
import { TraceIndex } from './trace-index';

function index(spans: ReturnType<typeof testSpan>[]): TraceIndex {
  const trace = new TraceIndex(spans[0]?.traceId ?? '');
  for (const s of spans) trace.add(s);
  return trace;
}

describe('TraceIndex', () => {
  it('indexes children by parent and finds the root', () => {
    const trace = index(spanTree(13, 3));
    assert.equal(trace.size, 13);
    assert.deepEqual(trace.roots().map((s) => s.spanId), [sid(0)]);
    assert.deepEqual(trace.children(sid(0)).map((s) => s.spanId), [sid(1), sid(2), sid(3)]);
    assert.equal(trace.rootSpan()?.spanId, sid(0));
    assert.equal(trace.parentOf(trace.span(sid(4)) ?? testSpan({ id: 99, start: 0, end: 0 }))?.spanId, sid(1));
    assert.equal(trace.durationMs, 1000);
  });

  it('treats spans whose parent never arrived as roots, and re-parents them when it arrives', () => {
    const trace = index([testSpan({ id: 1, parent: 0, start: 1, end: 2 }), testSpan({ id: 2, parent: 1, start: 1, end: 2 })]);
    assert.deepEqual(trace.roots().map((s) => s.spanId), [sid(1)]);
    trace.add(testSpan({ id: 0, start: 0, end: 3 }));
    assert.deepEqual(trace.roots().map((s) => s.spanId), [sid(0)]);
    assert.deepEqual(trace.children(sid(0)).map((s) => s.spanId), [sid(1)]);
  });

  it('keeps the first copy of a duplicate span id', () => {
    const trace = new TraceIndex('t');
    assert.equal(trace.add(testSpan({ id: 1, start: 0, end: 1, name: 'first' })), true);
    assert.equal(trace.add(testSpan({ id: 1, start: 0, end: 1, name: 'second' })), false);
    assert.equal(trace.span(sid(1))?.name, 'first');
    assert.equal(trace.size, 1);
  });

  it('breaks parent cycles and self-parents so the tree stays finite', () => {
    const trace = index([
      testSpan({ id: 1, parent: 2, start: 0, end: 1 }),
      testSpan({ id: 2, parent: 3, start: 0, end: 1 }),
      testSpan({ id: 3, parent: 1, start: 0, end: 1 }),
      testSpan({ id: 4, parent: 4, start: 0, end: 1 }),
      testSpan({ id: 5, parent: 4, start: 0, end: 1 }),
    ]);
    const roots = trace.roots().map((s) => s.spanId);
    assert.deepEqual(roots.sort(), [sid(1), sid(4)].sort());
    // Walking from the roots reaches every span exactly once.
    const seen: string[] = [];
    const stack = [...trace.roots()];
    while (stack.length > 0) {
      const span = stack.pop();
      if (span === undefined) break;
      seen.push(span.spanId);
      stack.push(...trace.children(span.spanId));
    }
    assert.deepEqual(seen.sort(), [1, 2, 3, 4, 5].map(sid).sort());
    assert.equal(trace.parentOf(trace.span(sid(1)) ?? testSpan({ id: 0, start: 0, end: 0 })), undefined);
  });

  it('handles a 100,000-deep chain without recursion', () => {
    const trace = new TraceIndex('t');
    for (let i = 0; i < 100_000; i++) trace.add(testSpan({ id: i, ...(i === 0 ? {} : { parent: i - 1 }), start: i, end: i + 1 }));
    assert.equal(trace.roots().length, 1);
    assert.equal(trace.children(sid(99_998)).length, 1);
  });
});

describe('TraceIndex with many cycles', () => {
  // The speed of this is in the receiver bench; here only the result.
  it('breaks 25,000 two-span cycles, each into one root', () => {
    const trace = new TraceIndex('t');
    for (let i = 0; i < 50_000; i += 2) {
      trace.add(testSpan({ id: i, parent: i + 1, start: 0, end: 1 }));
      trace.add(testSpan({ id: i + 1, parent: i, start: 0, end: 1 }));
    }
    assert.equal(trace.roots().length, 25_000);
  });
});

describe('TraceIndex over span rows', () => {
  it('gives one object per span from every query', () => {
    const trace = index(spanTree(40, 3));
    const all = trace.spans();
    assert.equal(all.length, 40);
    for (const span of all) {
      assert.equal(trace.span(span.spanId), span);
      const parent = trace.parentOf(span);
      if (parent !== undefined) assert.ok(trace.children(parent.spanId).includes(span));
    }
    assert.equal(trace.roots()[0], trace.rootSpan());
    assert.equal(trace.spans(), all, 'the list grows in place');
  });

  it('keeps children in arrival order when they arrive before their parent', () => {
    const trace = index([
      testSpan({ id: 3, parent: 0, start: 3, end: 4 }),
      testSpan({ id: 1, parent: 0, start: 1, end: 2 }),
      testSpan({ id: 2, parent: 0, start: 2, end: 3 }),
      testSpan({ id: 0, start: 0, end: 5 }),
    ]);
    assert.deepEqual(trace.children(sid(0)).map((s) => s.spanId), [sid(3), sid(1), sid(2)]);
    trace.add(testSpan({ id: 4, parent: 0, start: 4, end: 5 }));
    assert.deepEqual(trace.children(sid(0)).map((s) => s.spanId), [sid(3), sid(1), sid(2), sid(4)], 'a cached list is renewed when a child arrives');
    assert.equal(trace.hasChildren(sid(4)), false);
    assert.equal(trace.span('not an id'), undefined);
    assert.deepEqual(trace.children('not an id'), []);
  });

  it('keeps counts and the extent of the trace', () => {
    const trace = index([testSpan({ id: 0, start: 10, end: 30, error: true }), testSpan({ id: 1, parent: 0, start: 5, end: 40 }), testSpan({ id: 2, parent: 0, start: 12, end: 12 })]);
    assert.equal(trace.errorCount, 1);
    assert.equal(trace.unendedCount, 0);
    assert.equal(trace.durationMs, 35);
    assert.equal(trace.rootSpan()?.spanId, sid(0));
  });
});
