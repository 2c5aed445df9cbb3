import assert from 'node:assert/strict';
import { context, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { criticalPath } from './critical-path';
import { decodeTraceRequestProto } from '../decode/otlp-protobuf-traces';
import { RunStore } from '../store/run-store';
import type { SpanRecord } from '../store/model';
import { testSpan } from '../test-support/test-records';
import type { TraceIndex } from '../store/trace-index';

/** The critical path (as test ids) of one trace made of `spans`. */
function pathOf(spans: SpanRecord[]): number[] {
  const store = new RunStore();
  try {
    const run = store.createRun({ label: 'critical path' });
    run.addSpans(spans);
    const traceIndex = run.trace(spans[0]?.traceId ?? '') as TraceIndex;
    const ids = new Set(criticalPath(traceIndex));
    return spans.map((s, i) => (ids.has(s.spanId) ? i : -1)).filter((i) => i >= 0);
  } finally {
    store.dispose();
  }
}

/** A span whose start is exact to the nanosecond (`start` and `end` in ms after T0, may be fractional). */
function preciseSpan(id: number, parent: number | undefined, start: number, end: number): SpanRecord {
  // testSpan rounds to whole nanoseconds; +0.000001 ms keeps a whole-ms start off the millisecond grid.
  return testSpan({ id, ...(parent === undefined ? {} : { parent }), start: start + 0.000001, end });
}

describe('criticalPath', () => {
  it('follows the last-ending child, then the one that ended before it started', () => {
    // root[0,100] → a[0,30], b[40,90], c[35,60] (c overlaps b, so b's predecessor is a).
    const path = pathOf([
      testSpan({ id: 0, start: 0, end: 100 }),
      testSpan({ id: 1, parent: 0, start: 0, end: 30 }),
      testSpan({ id: 2, parent: 0, start: 40, end: 90 }),
      testSpan({ id: 3, parent: 0, start: 35, end: 60 }),
    ]);
    assert.deepEqual(path, [0, 1, 2]);
  });

  it('takes siblings as sequential when whole-millisecond starts make them overlap by under 1 ms', () => {
    // As OpenTelemetry JS records three sequential steps: starts truncated to the millisecond, exact
    // durations. Each step appears to start up to 1 ms before the previous one ended.
    const path = pathOf([
      testSpan({ id: 0, start: 10, end: 19.9 }),
      testSpan({ id: 1, parent: 0, start: 10, end: 13.7 }),
      testSpan({ id: 2, parent: 0, start: 13, end: 16.4 }),
      testSpan({ id: 3, parent: 0, start: 16, end: 19.8 }),
    ]);
    assert.deepEqual(path, [0, 1, 2, 3]);
  });

  it("keeps a last child that seems to start after its whole-millisecond parent ended", () => {
    // Really: parent [10.7, 12.3], a [10.8, 11.9], b [12.05, 12.25], c (under b) [12.1, 12.2]; every
    // start truncated to the millisecond, so b seems to start after the parent ended.
    const path = pathOf([
      testSpan({ id: 0, start: 10, end: 11.6 }),
      testSpan({ id: 1, parent: 0, start: 10, end: 11.1 }),
      testSpan({ id: 2, parent: 0, start: 12, end: 12.2 }),
      testSpan({ id: 3, parent: 2, start: 12, end: 12.1 }),
    ]);
    assert.deepEqual(path, [0, 1, 2, 3]);
  });

  it('still treats an overlap of 1 ms or more as concurrent', () => {
    const path = pathOf([
      testSpan({ id: 0, start: 0, end: 20 }),
      testSpan({ id: 1, parent: 0, start: 0, end: 12.5 }),
      testSpan({ id: 2, parent: 0, start: 11, end: 19 }),
    ]);
    assert.deepEqual(path, [0, 2]);
  });

  it('gives no slack when starts are exact', () => {
    const path = pathOf([
      preciseSpan(0, undefined, 10, 19.9),
      preciseSpan(1, 0, 10, 13.7),
      preciseSpan(2, 0, 13, 16.4),
      preciseSpan(3, 0, 16, 19.8),
    ]);
    assert.deepEqual(path, [0, 1, 3], 'step 2 overlaps step 3 by 0.4 ms of exact time: concurrent');
  });

  it('takes sub-millisecond children recorded in the same millisecond as sequential', () => {
    // The clock cannot order them; sequential steps are the common case.
    const path = pathOf([
      testSpan({ id: 0, start: 0, end: 5 }),
      testSpan({ id: 1, parent: 0, start: 1, end: 1.4 }),
      testSpan({ id: 2, parent: 0, start: 1, end: 1.9 }),
      testSpan({ id: 3, parent: 0, start: 1, end: 1.2 }),
    ]);
    assert.deepEqual(path, [0, 1, 2, 3]);
  });

  it('picks one of concurrent children started in the same millisecond that run longer than it', () => {
    const path = pathOf([
      testSpan({ id: 0, start: 0, end: 9 }),
      testSpan({ id: 1, parent: 0, start: 1, end: 3.5 }),
      testSpan({ id: 2, parent: 0, start: 1, end: 8 }),
      testSpan({ id: 3, parent: 0, start: 1, end: 6.2 }),
    ]);
    assert.deepEqual(path, [0, 2]);
  });

  it('prefers the later starter when recorded ends are within 1 ms (end order is unreliable)', () => {
    // Sequential: a really ran [31.6, 33.24], b [33.3, 33.61]; recorded starts are truncated.
    const path = pathOf([
      testSpan({ id: 0, start: 31, end: 34 }),
      testSpan({ id: 1, parent: 0, start: 31, end: 32.64 }),
      testSpan({ id: 2, parent: 0, start: 33, end: 33.31 }),
    ]);
    assert.deepEqual(path, [0, 1, 2]);
  });

  it('keeps every sequential step of spans recorded by the real OpenTelemetry SDK', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const tracer = provider.getTracer('critical-path-test');
    const root = tracer.startSpan('request');
    const parent = trace.setSpan(context.active(), root);
    const steps = 12;
    for (let i = 0; i < steps; i++) {
      const step = tracer.startSpan(`step ${i}`, undefined, parent);
      // Busy 0.3–1.6 ms, so step boundaries fall at varied sub-millisecond offsets.
      const until = performance.now() + 0.3 + (i % 5) * 0.33;
      while (performance.now() < until) {
        // spin
      }
      step.end();
    }
    root.end();
    await provider.forceFlush();
    const body = Buffer.from(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans()) ?? new Uint8Array());
    await provider.shutdown();
    const spans = decodeTraceRequestProto(body).items;
    assert.equal(spans.length, steps + 1);
    // Precondition: the SDK's starts are whole milliseconds (otherwise this test proves nothing).
    assert.ok(spans.every((s) => s.startTimeUnixNano % 1_000_000n === 0n), 'whole-ms starts');
    const onPath = pathOf(spans).map((i) => spans[i]?.name);
    assert.deepEqual(onPath.sort(), spans.map((s) => s.name).sort());
  });

  it('handles a child that outlives its parent and a trace without children', () => {
    assert.deepEqual(pathOf([testSpan({ id: 0, start: 0, end: 1 })]), [0]);
    const path = pathOf([testSpan({ id: 0, start: 0, end: 10 }), testSpan({ id: 1, parent: 0, start: 5, end: 30 }), testSpan({ id: 2, parent: 0, start: 0, end: 4 })]);
    assert.deepEqual(path, [0, 1, 2]);
  });
});
