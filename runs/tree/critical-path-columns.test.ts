import assert from 'node:assert/strict';
import { criticalColumns, spanColumns } from './critical-path-columns';
import { criticalPath } from './critical-path';
import { RunStore } from '../store/run-store';
import type { SpanRecord } from '../store/model';
import { testSpan, tid } from '../test-support/test-records';

/** A seeded generator, so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A random trace: overlapping and sequential siblings, children that outlive their parent, whole-ms
 * and sub-ms starts, ties of ends, orphans.
 */
function randomTrace(seed: number, count: number): SpanRecord[] {
  const next = random(seed);
  const spans: SpanRecord[] = [];
  const ranges: [number, number][] = [];
  for (let id = 0; id < count; id++) {
    const parent = id === 0 ? undefined : next() < 0.03 ? 10_000 + id : Math.floor(next() * id);
    const [ps, pe] = parent !== undefined && parent < id ? (ranges[parent] as [number, number]) : [0, 100];
    const grid = next() < 0.5 ? 1 : 0.001; // whole-ms starts half the time
    const start = Math.round((ps + next() * (pe - ps)) / grid) * grid;
    const end = next() < 0.1 ? pe + next() * 3 : start + Math.round(next() * (pe - start) * 100) / 100;
    ranges[id] = [start, end];
    spans.push(testSpan({ id, start, end, ...(parent === undefined ? {} : { parent }) }));
  }
  return spans;
}

describe('critical path over columns', () => {
  it('marks exactly the spans criticalPath finds, on 200 random traces', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const store = new RunStore();
      const run = store.createRun({ label: 'random' }, 'imported');
      run.addSpans(randomTrace(seed, 5 + (seed % 60)));
      const trace = run.trace(tid(0));
      assert.ok(trace);
      const spans = trace.spans();
      const marks = criticalColumns(spanColumns(trace, spans));
      const fromColumns = spans.filter((_, i) => marks[i] === 1).map((s) => s.spanId).sort();
      assert.deepEqual(fromColumns, [...criticalPath(trace)].sort(), `seed ${seed}`);
      assert.ok(fromColumns.length > 0, `seed ${seed}: a path`);
      store.dispose();
    }
  });

  it('nests spans as the trace index does: children lists, roots and parents', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'shape' }, 'imported');
    run.addSpans([testSpan({ id: 0, start: 0, end: 10 }), testSpan({ id: 1, parent: 0, start: 1, end: 2 }), testSpan({ id: 2, parent: 7, start: 3, end: 4 }), testSpan({ id: 3, parent: 0, start: 5, end: 6 })]);
    const trace = run.trace(tid(0));
    assert.ok(trace);
    const c = spanColumns(trace);
    assert.deepEqual([...c.roots], [0, 2], 'the orphan is top-level');
    assert.deepEqual([...c.parent], [-1, 0, -1, 0]);
    assert.deepEqual([...c.children.subarray(c.childStart[0], c.childStart[1])], [1, 3]);
    assert.deepEqual([...criticalColumns({ ...c, roots: new Int32Array(0) })], [0, 0, 0, 0], 'no roots, no path');
    store.dispose();
  });
});
