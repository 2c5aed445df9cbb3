import assert from 'node:assert/strict';
import { carryRowState, tableString, TimelineTree } from '../../../protocol/timeline-view';
import { ROW_CRITICAL, ROW_ERROR, ROW_HAS_SOURCE, ROW_UNENDED } from '../../../protocol/webview';
import { EMPTY_RESOURCE } from '../../../runs/store/record-defaults';
import { fieldsOf, makeSpan } from '../../../runs/store/records';
import type { SpanRecord } from '../../../runs/store/model';
import { RunStore } from '../../../runs/store/run-store';
import { spanTree, T0, testSpan, tid } from '../../../runs/test-support/test-records';
import type { TestSpan } from '../../../runs/test-support/test-records';
import { buildTimeline } from './timeline-data';
import type { TimelineBuild } from './timeline-data';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** A test span with a service name and events at the given ms after T0. */
function span(s: TestSpan & { service?: string; events?: readonly number[] }): SpanRecord {
  const fields = fieldsOf(testSpan(s));
  return makeSpan({
    ...fields,
    resource: { ...EMPTY_RESOURCE, serviceName: s.service ?? 'api' },
    events: (s.events ?? []).map((ms) => ({ name: 'tick', timeUnixNano: T0 + BigInt(ms * 1e6), timeMs: Number(T0 / 1_000_000n) + ms, attributes: [], droppedAttributesCount: 0 })),
  });
}

/** Epoch-ms doubles carry about 0.25 µs of rounding; offsets are compared to the microsecond. */
const micros = (values: Float64Array): number[] => [...values].map((v) => Math.round(v * 1000) / 1000);

function traceOf(spans: readonly SpanRecord[]): TimelineBuild {
  const store = new RunStore();
  const run = store.createRun({ label: 't' }, 'imported');
  run.addSpans(spans);
  const trace = run.trace(tid(0));
  assert.ok(trace);
  const built = buildTimeline(trace, { runId: run.id, version: 7 });
  store.dispose();
  return built;
}

describe('trace timeline columns', () => {
  it('keeps collapsed rows and the selection on their spans when a live trace grows between two posts', () => {
    const store = new RunStore();
    try {
      const run = store.createRun({ label: 't' }, 'running');
      run.addSpans([
        span({ id: 1, name: 'root', start: 0, end: 100 }),
        span({ id: 3, parent: 1, name: 'late', start: 50, end: 90 }),
        span({ id: 4, parent: 3, name: 'late child', start: 60, end: 70 }),
      ]);
      const trace = run.trace(tid(0));
      assert.ok(trace);
      const first = buildTimeline(trace, { runId: run.id, version: 1 });
      const firstTree = new TimelineTree(first.data.parent);
      assert.equal(first.spans[1]?.name, 'late');
      firstTree.setCollapsed(1, true);
      // Spans that sort before 'late' arrive: every row of 'late' and its child moves down.
      run.addSpans([
        span({ id: 2, parent: 1, name: 'early', start: 10, end: 40 }),
        span({ id: 5, parent: 2, name: 'early child', start: 20, end: 30 }),
        span({ id: 6, parent: 3, name: 'late child 2', start: 75, end: 80 }),
      ]);
      const second = buildTimeline(trace, { runId: run.id, version: 2 });
      const secondTree = new TimelineTree(second.data.parent);
      assert.deepEqual(second.spans.map((s) => s.name), ['root', 'early', 'early child', 'late', 'late child', 'late child 2']);
      const selected = carryRowState({ tree: firstTree, key: first.data.key, selected: 2 }, { tree: secondTree, key: second.data.key });
      assert.equal(second.spans[selected]?.name, 'late child', 'the selection follows its span');
      assert.deepEqual([...secondTree.visibleRows()].map((r) => second.spans[r]?.name), ['root', 'early', 'early child', 'late']);
      assert.equal(secondTree.isCollapsed(1), false, "the row the collapsed span had before is not collapsed");
    } finally {
      store.dispose();
    }
  });

  it('lays rows out depth first, siblings by start, with depth and parent rows, whatever the arrival order', () => {
    const { data, spans } = traceOf([
      span({ id: 3, parent: 1, name: 'late child', start: 50, end: 90 }),
      span({ id: 1, name: 'root', start: 0, end: 100 }),
      span({ id: 4, parent: 3, name: 'grandchild', start: 60, end: 70 }),
      span({ id: 2, parent: 1, name: 'early child', start: 10, end: 40 }),
    ]);
    assert.deepEqual(spans.map((s) => s.name), ['root', 'early child', 'late child', 'grandchild']);
    assert.deepEqual([...data.depth], [0, 1, 1, 2]);
    assert.deepEqual([...data.parent], [-1, 0, 0, 2]);
    assert.deepEqual(micros(data.start), [0, 10, 50, 60]);
    assert.deepEqual(micros(data.duration), [100, 30, 40, 10]);
    assert.equal(data.durationMs, 100);
    assert.equal(data.title, 'root');
    assert.equal(data.version, 7);
    assert.equal(tableString(data, data.name[3] as number), 'grandchild');
  });

  it('flags errors, unended spans, spans with source and the critical path', () => {
    const unended = makeSpan({ ...fieldsOf(testSpan({ id: 4, parent: 1, start: 5, end: 6 })), attributes: [{ key: 'statscope.unended', value: true }] });
    const { data, spans } = traceOf([
      span({ id: 1, name: 'root', start: 0, end: 100 }),
      span({ id: 2, parent: 1, name: 'short', start: 10, end: 20, error: true }),
      span({ id: 3, parent: 1, name: 'last', start: 30, end: 95, attributes: [{ key: 'code.filepath', value: '/w/a.js' }, { key: 'code.lineno', value: 3 }] }),
      unended,
    ]);
    const flagsOf = (name: string): number => data.flags[spans.findIndex((s) => s.name === name)] as number;
    assert.equal(flagsOf('root') & ROW_CRITICAL, ROW_CRITICAL);
    assert.equal(flagsOf('last'), ROW_CRITICAL | ROW_HAS_SOURCE, 'the child that finished last blocked the root');
    assert.equal(flagsOf('short'), ROW_ERROR | ROW_CRITICAL, 'before it, the child that ended before the last one started');
    assert.equal(flagsOf(unended.name) & ROW_UNENDED, ROW_UNENDED);
  });

  it('keeps one string table for names and services, and names verbatim', () => {
    const { data } = traceOf([
      span({ id: 1, name: HOSTILE, start: 0, end: 10, service: 'gateway' }),
      span({ id: 2, parent: 1, name: 'db', start: 1, end: 2, service: 'store' }),
      span({ id: 3, parent: 1, name: 'db', start: 3, end: 4, service: 'store' }),
    ]);
    assert.deepEqual([0, 1, 2, 3, 4].map((k) => tableString(data, k)), [HOSTILE, 'gateway', 'db', 'store', '']);
    assert.deepEqual([...data.name], [0, 2, 2]);
    assert.deepEqual([...data.service], [1, 3, 3]);
  });

  it('puts event times, relative to the trace start, in one flat column', () => {
    const { data } = traceOf([span({ id: 1, start: 0, end: 10, events: [2, 5] }), span({ id: 2, parent: 1, start: 1, end: 3 }), span({ id: 3, parent: 1, start: 4, end: 9, events: [8] })]);
    assert.deepEqual([...data.eventStart], [0, 2, 2, 3]);
    assert.deepEqual(micros(data.eventTime), [2, 5, 8]);
  });

  it('keeps orphans (parent never arrived) as top-level rows', () => {
    const { data, spans } = traceOf([span({ id: 5, parent: 99, name: 'orphan', start: 20, end: 30 }), span({ id: 1, name: 'root', start: 0, end: 10 })]);
    assert.deepEqual(spans.map((s) => s.name), ['root', 'orphan']);
    assert.deepEqual([...data.depth], [0, 0]);
  });

  it('builds a 100,000-span trace as typed columns with every span once', () => {
    const { data, spans } = traceOf(spanTree(100_000, 10));
    assert.equal(spans.length, 100_000);
    assert.equal(new Set(spans).size, 100_000);
    assert.ok(data.start instanceof Float64Array && data.parent instanceof Int32Array);
    for (let row = 1; row < 100_000; row++) {
      const p = data.parent[row] as number;
      assert.ok(p >= 0 && p < row, `row ${row}: parent ${p} comes first`);
      assert.equal(data.depth[row], (data.depth[p] as number) + 1);
    }
  });
});
