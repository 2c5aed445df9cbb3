import assert from 'node:assert/strict';
import type { LogEntry } from './model';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from './record-defaults';
import { RunStore } from './run-store';
import type { StoreChangeEvent } from './run-store';
import { spanTree, testSpan } from '../test-support/test-records';
import { ManualClock } from '../test-support/manual-clock';

function log(n: number): LogEntry {
  return {
    timeUnixNano: BigInt(n),
    observedTimeUnixNano: 0n,
    timeMs: n / 1e6,
    severityNumber: 9,
    severityText: 'INFO',
    body: `line ${n}`,
    attributes: [],
    traceId: undefined,
    spanId: undefined,
    flags: 0,
    eventName: '',
    resource: EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    droppedAttributesCount: 0,
  };
}

describe('RunStore', () => {
  it('drops spans past the per-run limit and counts them', () => {
    const store = new RunStore({ maxSpansPerRun: 10 });
    const run = store.createRun({ label: 'r' });
    assert.equal(run.addSpans(spanTree(25, 3)), 15);
    const stats = run.stats();
    assert.equal(stats.spanCount, 10);
    assert.equal(stats.droppedSpanCount, 15);
    store.dispose();
  });

  it('counts duplicates without storing them twice', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r' });
    run.addSpans(spanTree(5, 2));
    run.addSpans(spanTree(5, 2));
    assert.equal(run.stats().spanCount, 5);
    assert.equal(run.stats().duplicateSpanCount, 5);
    store.dispose();
  });

  it('evicts the oldest finished run first, past maxRuns', () => {
    const store = new RunStore({ maxRuns: 3 });
    const a = store.createRun({ label: 'a' });
    const b = store.createRun({ label: 'b' });
    store.createRun({ label: 'c' });
    b.finish(0);
    store.createRun({ label: 'd' });
    assert.deepEqual(store.runs().map((r) => r.label), ['a', 'c', 'd']);
    store.createRun({ label: 'e' });
    // Nothing finished any more: the oldest goes.
    assert.deepEqual(store.runs().map((r) => r.label), ['c', 'd', 'e']);
    assert.equal(store.evictedRunCount, 2);
    assert.equal(store.getRun(a.id), undefined);
    store.dispose();
  });

  it('keeps the newest log records and counts the discarded ones', () => {
    const store = new RunStore({ maxLogsPerRun: 3 });
    const run = store.createRun({ label: 'r' });
    run.addLogs([1, 2, 3, 4, 5].map(log));
    assert.deepEqual(run.logs.entries().map((e) => e.body), ['line 3', 'line 4', 'line 5']);
    assert.equal(run.stats().droppedLogCount, 2);
    store.dispose();
  });

  it('coalesces change notifications (throttled, asynchronous)', () => {
    const clock = new ManualClock();
    const store = new RunStore({ notifyIntervalMs: 200, clock });
    const events: StoreChangeEvent[] = [];
    store.onDidChange((e) => events.push(e));
    const run = store.createRun({ label: 'r' });
    for (let i = 0; i < 100; i++) run.addSpans([testSpan({ id: i, start: 0, end: 1 })]);
    assert.equal(events.length, 0, 'never synchronous');
    clock.advance(0);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.runsChanged, true);
    assert.deepEqual([...(events[0]?.runs.get(run.id) ?? [])], ['spans']);
    run.addSpans([testSpan({ id: 1000, start: 0, end: 1 })]);
    run.finish(0);
    clock.advance(199);
    assert.equal(events.length, 1, 'held back until the interval passed');
    clock.advance(1);
    assert.equal(events.length, 2);
    assert.deepEqual([...(events[1]?.runs.get(run.id) ?? [])].sort(), ['spans', 'state']);
    store.dispose();
    assert.equal(clock.pendingCount, 0);
  });

  it('flushNotifications delivers at once; a throwing listener does not stop the others', () => {
    const errors: unknown[] = [];
    const store = new RunStore({ onListenerError: (e) => errors.push(e) });
    let calls = 0;
    store.onDidChange(() => {
      throw new Error('bad listener');
    });
    const subscription = store.onDidChange(() => calls++);
    store.createRun({ label: 'r' });
    store.flushNotifications();
    assert.equal(calls, 1);
    assert.equal(errors.length, 1);
    subscription.dispose();
    store.createRun({ label: 's' });
    store.flushNotifications();
    assert.equal(calls, 1);
    store.dispose();
  });

  it('marks a run finished with its exit code once', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'r', command: 'node app.js' });
    assert.equal(run.state, 'running');
    run.finish(3);
    run.finish(5);
    assert.equal(run.state, 'finished');
    assert.equal(run.exitCode, 3);
    assert.ok(run.endedAtMs !== undefined);
    store.dispose();
  });
});
