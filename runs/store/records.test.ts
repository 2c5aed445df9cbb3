import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Attribute, SpanRecord } from './model';
import { decodeTraceRequestProto } from '../decode/otlp-protobuf-traces';
import { EMPTY_RESOURCE, EMPTY_SCOPE, makeResource, NO_EVENTS, NO_LINKS, UNSET_STATUS } from './record-defaults';
import { makeSpan } from './records';
import { StoredSpan } from './stored-span';
import type { SpanFields } from './records';
import { RunStore } from './run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';
import { plainSpan, T0 } from '../test-support/test-records';

function fields(overrides: Partial<SpanFields> = {}): SpanFields {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '00f067aa0ba902b7',
    traceState: '',
    name: 'GET /x',
    kind: 'server',
    startTimeUnixNano: T0,
    endTimeUnixNano: T0 + 2_500_000n,
    status: UNSET_STATUS,
    attributes: [{ key: 'code.filepath', value: '/src/a.ts' }, { key: 'code.lineno', value: 7 }],
    events: NO_EVENTS,
    links: NO_LINKS,
    resource: EMPTY_RESOURCE,
    scope: EMPTY_SCOPE,
    flags: 0x301,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  };
}

describe('stored spans (records.ts)', () => {
  it('give back every field as made, with exact nanoseconds and derived milliseconds', () => {
    const resource = makeResource([{ key: 'service.name', value: 'svc' }]);
    const scope = { name: 'lib', version: '2', attributes: [], schemaUrl: '' };
    const events = [{ name: 'e', timeUnixNano: T0 + 1n, timeMs: Number(T0 + 1n) / 1e6, attributes: [], droppedAttributesCount: 0 }];
    const links = [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceState: '', attributes: [], droppedAttributesCount: 0, flags: 1 }];
    const status = { code: 'error' as const, message: 'boom' };
    const f = fields({ resource, scope, events, links, status, traceState: 'k=v', droppedAttributesCount: 1, droppedEventsCount: 2, droppedLinksCount: 3 });
    const span = makeSpan(f);
    assert.deepEqual(plainSpan(span), {
      ...f,
      sharedSpanId: undefined,
      startTimeMs: Number(T0) / 1e6,
      endTimeMs: Number(T0) / 1e6 + 2.5,
      durationMs: 2.5,
      isError: true,
      isUnended: false,
      code: { filePath: '/src/a.ts', lineNumber: 7, columnNumber: undefined, functionName: undefined },
    });
    assert.equal(span.resource, resource, 'shared objects stay shared');
    assert.equal(span.events, events);
  });

  it('keep nanosecond times exact (beyond 2^53, up to 2^64) and derive durations from them', () => {
    const start = 18_000_000_000_000_000_123n; // close to 2^64 (1.8447e19), far beyond 2^53
    const span = makeSpan(fields({ startTimeUnixNano: start, endTimeUnixNano: start + 1_001n }));
    assert.equal(span.startTimeUnixNano, start);
    assert.equal(span.endTimeUnixNano, start + 1_001n);
    assert.equal(span.durationMs, 0.001001);
  });

  it('treat a missing or earlier end as unended, with duration 0 and end = start', () => {
    for (const end of [0n, T0 - 1n]) {
      const span = makeSpan(fields({ endTimeUnixNano: end }));
      assert.equal(span.isUnended, true);
      assert.equal(span.durationMs, 0);
      assert.equal(span.endTimeMs, span.startTimeMs);
      assert.equal(span.endTimeUnixNano, end);
    }
    const marked: Attribute[] = [{ key: 'statscope.unended', value: true }];
    assert.equal(makeSpan(fields({ attributes: marked })).isUnended, true);
  });

  it('keep a span id that is not 16 hex digits as given, and drop such a parent id', () => {
    assert.equal(makeSpan(fields({ spanId: '' })).spanId, '');
    assert.equal(makeSpan(fields({ spanId: 'B7AD6B7169203331' })).spanId, 'B7AD6B7169203331');
    assert.equal(makeSpan(fields({ spanId: '0000000000000000' })).spanId, '0000000000000000');
    assert.equal(makeSpan(fields({ parentSpanId: 'xyz' })).parentSpanId, undefined);
    assert.equal(makeSpan(fields({ parentSpanId: '0000000000000000' })).parentSpanId, undefined);
    assert.equal(makeSpan(fields({ parentSpanId: undefined })).parentSpanId, undefined);
  });

  it('are accessor objects: one object per span, `{ ...span }` copies nothing', () => {
    const span = makeSpan(fields());
    assert.ok(span instanceof StoredSpan);
    assert.deepEqual({ ...span }, {});
    assert.equal(span.spanId, span.spanId, 'id strings are made once');
  });

  it('decoded from protobuf exist as rows until asked for, then as one object per span everywhere', async () => {
    const sdk = await makeSdkSpans({ traces: 2, spansPerTrace: 30 });
    const batch = decodeTraceRequestProto(Buffer.from(ProtobufTraceSerializer.serializeRequest(sdk) ?? new Uint8Array()));
    assert.equal(batch.size, 60);
    const store = new RunStore();
    try {
      const run = store.createRun({ label: 'rows' });
      assert.equal(run.addSpanRows(batch), 0);
      assert.equal(run.stats().spanCount, 60);
      const items = batch.items;
      assert.equal(items.length, 60);
      for (const span of items) assert.equal(run.span(span.traceId, span.spanId), span, 'the run gives the same object');
      assert.equal(batch.items, items, 'items are made once');
    } finally {
      store.dispose();
    }
  });

  it('store spans made elsewhere (plain objects) as copies', () => {
    const plain = plainSpan(makeSpan(fields())) as unknown as SpanRecord;
    const store = new RunStore();
    try {
      const run = store.createRun({ label: 'plain' });
      run.addSpans([plain]);
      const stored = run.span(plain.traceId, plain.spanId);
      assert.ok(stored instanceof StoredSpan);
      assert.deepEqual(plainSpan(stored), plainSpan(plain));
    } finally {
      store.dispose();
    }
  });
});
