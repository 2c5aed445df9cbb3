import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../../../runs/store/record-defaults';
import { makeLog } from '../../../runs/store/records';
import { RunStore } from '../../../runs/store/run-store';
import { testSpan, tid } from '../../../runs/test-support/test-records';
import { spanDetailsView } from './span-details-view-model';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('span details view model', () => {
  it('formats a span with its attributes, events and logs as text', () => {
    const span = testSpan({ id: 1, name: HOSTILE, start: 0, end: 12.5, error: true, attributes: [{ key: 'code.filepath', value: '/w/a.js' }, { key: 'code.lineno', value: 3 }, { key: 'payload', value: '<script>alert(2)</script>' }, { key: 'big', value: 12345678901234567890n }] });
    const log = makeLog({
      timeUnixNano: span.startTimeUnixNano + 2_000_000n,
      observedTimeUnixNano: 0n,
      severityNumber: 9,
      severityText: 'INFO',
      body: 'loaded <b>model</b>',
      attributes: [],
      traceId: span.traceId,
      spanId: span.spanId,
      flags: 0,
      eventName: '',
      resource: EMPTY_RESOURCE,
      scope: EMPTY_SCOPE,
      droppedAttributesCount: 0,
    });
    const view = spanDetailsView({ runId: 'run-1', span, isOnCriticalPath: true, logs: [log] });
    assert.equal(view.name, HOSTILE);
    assert.equal(view.status, 'error: failed');
    assert.equal(view.source, '/w/a.js:3');
    assert.equal(view.summary.find((r) => r.key === 'Duration')?.value, '12.5 ms');
    assert.ok(view.summary.some((r) => r.key === 'Critical path'));
    const attributes = view.sections.find((s) => s.title === 'Attributes')?.rows ?? [];
    assert.deepEqual(attributes.find((r) => r.key === 'payload'), { key: 'payload', value: '<script>alert(2)</script>' });
    assert.equal(attributes.find((r) => r.key === 'big')?.value, '12345678901234567890');
    assert.deepEqual(view.logs.map((l) => [l.at, l.name]), [['+2.00 ms', 'INFO: loaded <b>model</b>']]);
    assert.doesNotThrow(() => JSON.stringify(view));
  });

  it('names the span id a span shares with its parent', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'zipkin' }, 'imported');
    run.addSpans([testSpan({ id: 1, name: 'call', start: 0, end: 10 }), testSpan({ id: 1, name: 'call', start: 1, end: 9 })]);
    const [first, second] = run.trace(tid(0))?.spans() ?? [];
    assert.ok(first && second);
    const idOf = (span: typeof first): string | undefined => spanDetailsView({ runId: run.id, span, isOnCriticalPath: false, logs: [] }).summary.find((r) => r.key === 'Span id')?.value;
    assert.equal(idOf(first), first.spanId);
    assert.equal(idOf(second), `${first.spanId} (shared with its parent span; kept here as ${second.spanId})`);
    store.dispose();
  });
});
