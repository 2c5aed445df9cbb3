import assert from 'node:assert/strict';
import type { DeclaredMetric } from '../../protocol/messages';
import { testSpan } from '../test-support/test-records';
import type { Attribute } from '../store/model';
import { RunStore } from '../store/run-store';
import { checkRun, problemSpans } from './live-checks';
import type { EmittedSeries, LiveCheckInput, LiveFinding } from './live-checks';

const URI = 'file:///w/src/model-server.js';

function declared(name: string, exposedName: string, line: number, extra: Partial<DeclaredMetric> = {}): DeclaredMetric {
  return { exposedName, kind: 'counter', api: 'statscope', name, component: 'model_server', labels: [], uri: URI, line, character: 2, ...extra };
}

/** A metric from a raw client: no struct, so no component. */
function raw(name: string, line: number, api: 'otel' | 'prom-client'): DeclaredMetric {
  return { exposedName: name.replace(/\./g, '_'), kind: 'counter', api, name, labels: [], uri: URI, line, character: 2 };
}

function series(name: string, labels: Record<string, string> = {}): EmittedSeries {
  return { name, labels: Object.entries(labels).map(([key, value]): Attribute => ({ key, value })) };
}

const at = (file: string, line: number): Attribute[] => [
  { key: 'code.filepath', value: file },
  { key: 'code.lineno', value: BigInt(line) },
];

function check(overrides: Partial<LiveCheckInput>): { findings: readonly LiveFinding[]; unlocatedNames: readonly string[] } {
  return checkRun({ runLabel: 'demo', isRunOver: true, declared: [], series: [], spans: [], ...overrides });
}

const only = (findings: readonly LiveFinding[], code: LiveFinding['code']): LiveFinding[] => findings.filter((f) => f.code === code);

describe('live checks', () => {
  it('reports declared metrics the run never emitted, on the declaring line', () => {
    const { findings } = check({
      declared: [declared('requests', 'model_server_requests_total', 11), declared('timeouts', 'model_server_timeouts_total', 12)],
      series: [series('model_server_requests_total')],
    });
    assert.deepEqual(only(findings, 'declared-not-emitted'), [
      { code: 'declared-not-emitted', severity: 'warning', location: { uri: URI, line: 12, character: 2 }, message: "model_server_timeouts_total is declared but was never emitted in run 'demo'." },
    ]);
  });

  it('says "not yet" while the run goes on', () => {
    const { findings } = check({ isRunOver: false, declared: [declared('timeouts', 'model_server_timeouts_total', 12)] });
    assert.equal(findings[0]?.severity, 'information');
    assert.match(findings[0]?.message ?? '', /not emitted yet/);
  });

  it('finds a metric under OpenTelemetry naming too, and never blames prom-client metrics (scraped, not pushed)', () => {
    const { findings, unlocatedNames } = check({
      declared: [declared('queueDepth', 'model_server_queue_depth', 3, { kind: 'gauge' }), raw('legacy_total', 4, 'prom-client')],
      series: [series('model_server.queue_depth')],
    });
    assert.deepEqual(only(findings, 'declared-not-emitted'), []);
    assert.deepEqual(unlocatedNames, []);
  });

  it('marks metrics emitted from raw instruments and lists names nothing declares', () => {
    const { findings, unlocatedNames } = check({
      declared: [raw('jobs.done', 7, 'otel')],
      series: [series('jobs.done'), series('jobs.done'), series('mystery_total'), series('statscope_cardinality_overflow_total', { metric: 'x' })],
    });
    assert.deepEqual(
      only(findings, 'emitted-raw').map((f) => [f.location, f.message]),
      [[{ uri: URI, line: 7, character: 2 }, "Run 'demo' emitted jobs.done from a raw OpenTelemetry instrument (2 series); no stats struct declares it."]],
    );
    assert.deepEqual(unlocatedNames, ['mystery_total']);
  });

  it('lists label values per label with the cardinality against the cap', () => {
    const { findings } = check({
      declared: [declared('requests', 'model_server_requests_total', 11, { labels: ['model', 'status'] })],
      series: [series('model_server_requests_total', { model: 'sentiment-v2', status: 'ok' }), series('model_server_requests_total', { model: 'sentiment-v2', status: 'error' })],
    });
    assert.deepEqual(only(findings, 'label-values').map((f) => [f.severity, f.message]), [
      ['information', "model_server_requests_total in run 'demo': 2 label sets of 2,000 allowed; model: 1 value (sentiment-v2); status: 2 values (ok, error)."],
    ]);
  });

  it('warns near the cap and reports the overflow series', () => {
    const users = Array.from({ length: 10 }, (_, i) => series('checkout_orders_total', { user_id: `u${i}` }));
    const near = check({ declared: [declared('orders', 'checkout_orders_total', 5)], series: users, maxSeriesPerMetric: 16 });
    assert.equal(only(near.findings, 'label-values')[0]?.severity, 'warning');
    assert.match(only(near.findings, 'label-values')[0]?.message ?? '', /10 label sets of 16 allowed; user_id: 10 values \(u0, u1, u2, u3, u4, …\)/);

    const over = check({ declared: [declared('orders', 'checkout_orders_total', 5)], series: [...users, series('checkout_orders_total', { user_id: '__overflow__' })], maxSeriesPerMetric: 10 });
    assert.deepEqual(only(over.findings, 'series-overflow').map((f) => [f.severity, f.location]), [['warning', { uri: URI, line: 5, character: 2 }]]);
    assert.match(only(over.findings, 'series-overflow')[0]?.message ?? '', /hit the cardinality cap in run 'demo': past 10 label sets, samples went to the __overflow__ series/);
    // The overflow series is not a label value.
    assert.doesNotMatch(only(over.findings, 'label-values')[0]?.message ?? '', /__overflow__/);
  });

  it('puts unended and failed spans on their source line, grouped by line and name', () => {
    const spans = [
      testSpan({ id: 0, name: 'preprocess', start: 0, end: 5, attributes: at('/w/src/model-server.js', 47) }),
      testSpan({ id: 1, name: 'preprocess', start: 0, end: 5, error: true, attributes: at('/w/src/model-server.js', 47) }),
      testSpan({ id: 2, name: 'preprocess', start: 0, end: 5, error: true, attributes: at('/w/src/model-server.js', 47) }),
      testSpan({ id: 3, name: 'charge', start: 0, end: 5, attributes: [...at('/w/src/checkout.ts', 20), { key: 'statscope.unended', value: true }] }),
      testSpan({ id: 4, name: 'no location', start: 0, end: 5, error: true }),
    ];
    const { findings } = check({ spans });
    assert.deepEqual(
      findings.map((f) => [f.code, f.location, f.message]),
      [
        ['span-error', { filePath: '/w/src/model-server.js', line: 46, character: 0 }, "2 'preprocess' spans ended with an error in run 'demo' (last: failed)."],
        ['span-unended', { filePath: '/w/src/checkout.ts', line: 19, character: 0 }, "1 'charge' span had not ended when run 'demo' exported it."],
      ],
    );
  });

  it('reads only the failed and unended spans of a stored run, and only in traces that have some', () => {
    const store = new RunStore({ maxRuns: 1, maxSpansPerRun: 1000 });
    try {
      const run = store.createRun({ label: 'r' });
      run.addSpans([
        testSpan({ id: 0, trace: 0, name: 'ok root', start: 0, end: 5 }),
        testSpan({ id: 1, trace: 0, parent: 0, name: 'ok child', start: 1, end: 2 }),
        testSpan({ id: 2, trace: 1, name: 'root', start: 0, end: 5 }),
        testSpan({ id: 3, trace: 1, parent: 2, name: 'failed', start: 1, end: 2, error: true }),
        testSpan({ id: 4, trace: 2, name: 'open', start: 0, end: 5, attributes: [{ key: 'statscope.unended', value: true }] }),
      ]);
      assert.deepEqual([...problemSpans(run)].map((s) => s.name).sort(), ['failed', 'open']);
    } finally {
      store.dispose();
    }
  });
});
