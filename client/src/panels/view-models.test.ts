import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../../../runs/store/record-defaults';
import { makeLog } from '../../../runs/store/records';
import type { MetricData } from '../../../runs/store/model';
import { RunStore } from '../../../runs/store/run-store';
import { testSpan, tid } from '../../../runs/test-support/test-records';
import { bucketBars, kindLabel, metricsRunView, runOptions, sparkline } from './metrics-view-model';
import { spanDetailsView } from './span-details-view-model';

const HOSTILE = '<img src=x onerror=alert(1)>';

function metric(name: string, kind: MetricData['kind'], points: MetricData['points'], extra: Partial<MetricData> = {}): MetricData {
  return { name, description: `${name} help`, unit: '', kind, temporality: 'cumulative', isMonotonic: kind === 'sum', resource: EMPTY_RESOURCE, scope: EMPTY_SCOPE, points, ...extra };
}

function numberPoint(value: number, second: number, attributes: MetricData['points'][number]['attributes'] = []): MetricData['points'][number] {
  return { type: 'number', value, isInt: true, attributes, startTimeUnixNano: 1_000_000_000n, timeUnixNano: BigInt(second) * 1_000_000_000n, timeMs: second * 1000, flags: 0 };
}

describe('metrics panel view model', () => {
  it('groups series by metric with formatted composites, sparklines and bucket bars', () => {
    const store = new RunStore();
    const run = store.createRun({ label: 'model-server.js' });
    run.addMetrics([
      metric('model_server_requests_total', 'sum', [numberPoint(10, 2, [{ key: 'model', value: HOSTILE }]), numberPoint(30, 4, [{ key: 'model', value: HOSTILE }])]),
      metric('model_server_queue_depth', 'gauge', [numberPoint(3, 2), numberPoint(1, 3)]),
      metric('model_server_prediction_latency_seconds', 'histogram', [
        { type: 'histogram', count: 4, sum: 0.1, min: 0.01, max: 0.05, bucketCounts: [1, 2, 1], explicitBounds: [0.01, 0.025], attributes: [], startTimeUnixNano: 1n, timeUnixNano: 2_000_000_000n, timeMs: 2000, flags: 0 },
      ]),
    ]);
    run.finish(0);
    const view = metricsRunView(run);
    assert.equal(view.state, 'finished (exit 0)');
    assert.equal(view.isLive, false);
    assert.deepEqual(view.metrics.map((m) => [m.name, m.kind]), [
      ['model_server_prediction_latency_seconds', 'histogram'],
      ['model_server_queue_depth', 'gauge'],
      ['model_server_requests_total', 'counter'],
    ]);
    const requests = view.metrics[2]?.series[0];
    assert.equal(requests?.labels, `model=${HOSTILE}`, 'label values stay verbatim (the webview sets them as text)');
    assert.deepEqual(requests?.composites, { count: '2', avg: '20', min: '10', max: '30', rate: '10/s', last: '30' });
    assert.deepEqual(requests?.sparkline, [10, 30]);
    const gauge = view.metrics[1]?.series[0];
    assert.equal(gauge?.labels, '(no labels)');
    assert.equal(gauge?.buckets, undefined);
    const histogram = view.metrics[0]?.series[0];
    assert.deepEqual(histogram?.buckets?.map((b) => [b.label, b.count, b.share]), [['≤ 0.01', 1, 0.25], ['≤ 0.025', 2, 0.5], ['> 0.025', 1, 0.25]]);
    assert.deepEqual(histogram?.sparkline, [0.025]);
    assert.deepEqual(runOptions([run]), [{ id: run.id, label: 'model-server.js · finished (exit 0) · 3 series' }]);
    assert.doesNotThrow(() => JSON.stringify(view), 'plain JSON (no bigint)');
    store.dispose();
  });

  it('names kinds and handles empty buckets', () => {
    assert.equal(kindLabel({ kind: 'sum', isMonotonic: false }), 'up-down counter');
    assert.equal(kindLabel({ kind: 'exponentialHistogram', isMonotonic: false }), 'exponential histogram');
    assert.equal(bucketBars({ buckets: () => undefined }), undefined);
    assert.deepEqual(bucketBars({ buckets: () => ({ bounds: [1], counts: [0, 0] }) })?.map((b) => b.share), [0, 0]);
    assert.equal(sparkline([]).length, 0);
  });
});

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
