/**
 * Exemplars end to end: a program run with the preload records a histogram observation and a counter
 * increment inside a traced span; a real Prometheus with exemplar storage scrapes its /metrics (negotiating
 * OpenMetrics) and `query_exemplars` returns the trace id of the span the preload exported over OTLP. The
 * text-format job carries none; the OTLP metric push at exit carries them too.
 */
import assert from 'node:assert/strict';
import { freePort, waitFor } from '../helpers';
import { PrometheusHarness } from '../support/prometheus';
import type { ExemplarSeries } from '../support/prometheus';
import { OtlpReceiver } from '../tracing/support/otlp-receiver';
import { startFixture } from '../tracing/support/run-fixture';
import type { RunningFixture } from '../tracing/support/run-fixture';
import { ensureRuntimeBundles } from '../tracing/support/runtime-bundles';
import { spanNamed } from '../tracing/support/span-tree';

describe('real Prometheus stores exemplars from /metrics', function () {
  this.timeout(300_000);
  const prometheus = new PrometheusHarness();
  const receiver = new OtlpReceiver();
  let run: RunningFixture | undefined;
  let ids = { traceId: '', spanId: '' };
  const startS = Math.floor(Date.now() / 1000) - 60;

  before(async function () {
    this.timeout(300_000);
    await ensureRuntimeBundles();
    await receiver.start();
    const port = await freePort();
    run = startFixture('exemplar-app.js', {
      env: { STATSCOPE_METRICS_PORT: String(port), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      hasStdin: true,
      timeoutMs: 280_000,
    });
    await run.waitForOutput('ready');
    ids = JSON.parse(run.stdout().split('\n').find((l) => l.startsWith('{')) ?? '{}') as typeof ids;
    await prometheus.start(`127.0.0.1:${port}`, { features: ['exemplar-storage'] });
  });

  after(async () => {
    run?.child.stdin?.end();
    await run?.done;
    await prometheus.stop();
    await receiver.stop();
  });

  function exemplarsOf(series: readonly ExemplarSeries[], job: string, extra: Record<string, string> = {}): ExemplarSeries['exemplars'] {
    return series.filter((s) => s.seriesLabels['job'] === job && Object.entries(extra).every(([k, v]) => s.seriesLabels[k] === v)).flatMap((s) => s.exemplars);
  }

  it('query_exemplars returns the trace and span id of the span the observation was made in', async () => {
    assert.match(ids.traceId, /^[0-9a-f]{32}$/);
    const found = await waitFor('the bucket exemplar in Prometheus', async () => {
      const series = await prometheus.exemplars('checkout_latency_seconds_bucket', startS, Math.ceil(Date.now() / 1000) + 60);
      const got = exemplarsOf(series, 'openmetrics', { le: '0.1' });
      return got.length > 0 ? got : undefined;
    }, 60_000, 250);
    assert.deepEqual(found[0]?.labels, { trace_id: ids.traceId, span_id: ids.spanId });
    assert.equal(Number(found[0]?.value), 0.042);
    const counters = await waitFor('the counter exemplar', async () => {
      const got = exemplarsOf(await prometheus.exemplars('checkout_orders_total', startS, Math.ceil(Date.now() / 1000) + 60), 'openmetrics');
      return got.length > 0 ? got : undefined;
    }, 60_000, 250);
    assert.equal(counters[0]?.labels['trace_id'], ids.traceId);
  });

  it('keeps none for buckets observed outside a span, and none from the text format', async () => {
    const series = await prometheus.exemplars('checkout_latency_seconds_bucket', startS, Math.ceil(Date.now() / 1000) + 60);
    assert.deepEqual(exemplarsOf(series, 'openmetrics', { le: '1.0' }), []);
    await prometheus.samples('up{job="text"} == 1', 1);
    assert.deepEqual(exemplarsOf(series, 'text'), []);
  });

  it('the exported span and the OTLP metric push name the same trace', async () => {
    await prometheus.stop(); // its keep-alive scrape connection would hold the program's exit
    run?.child.stdin?.end();
    const result = await run?.done;
    assert.equal(result?.code, 0, result?.stderr);
    const span = spanNamed(receiver.spans, 'checkout');
    assert.equal(span.traceId, ids.traceId);
    assert.equal(span.spanId, ids.spanId);
    const pushes = receiver.requestsTo('/v1/metrics').map((r) => JSON.parse(r.body.toString('utf8')) as unknown);
    const json = JSON.stringify(pushes);
    assert.ok(json.includes(`"traceId":"${ids.traceId}"`) && json.includes(`"spanId":"${ids.spanId}"`), 'the metric push carries the exemplar');
  });
});
