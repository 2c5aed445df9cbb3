/**
 * The OpenTelemetry backend against the real OTel SDK: our producer inside a PeriodicExportingMetricReader
 * with the real OTLP/HTTP exporters (JSON and protobuf), posting to a loopback receiver that decodes what
 * arrives; and the lazily loading `otlpBackend` switched on by configuration only.
 */
import assert from 'node:assert/strict';
import { OTLPMetricExporter as JsonExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import { configureMetrics, counter, createOtelMetricProducer, createRegistry, defineStats, gauge, histogram, otlpBackend } from '../../src/index';
import { waitFor } from '../helpers';
import { MetricsReceiver } from './support/otlp-metrics';
import type { ReceivedMetric } from './support/otlp-metrics';

function reference() {
  const registry = createRegistry();
  const stats = defineStats(
    'inference',
    {
      requests: counter({ description: 'Requests received', labels: ['model', 'status'] }),
      queueDepth: gauge({ description: 'Requests waiting in the queue' }),
      latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5] }),
    },
    { registry },
  );
  stats.requests.labels({ model: 'bert', status: 'ok' }).add(4);
  stats.requests.inc({ model: 'gpt "2"\n', status: 'error' });
  stats.queueDepth.set(7);
  for (const v of [0.01, 0.12, 0.3, 7]) stats.latency.observe(v);
  return { registry, stats };
}

function only(metrics: ReceivedMetric[], name: string): ReceivedMetric {
  const found = metrics.filter((m) => m.name === name);
  assert.ok(found.length > 0, `${name} not among ${metrics.map((m) => m.name).join(', ')}`);
  return found[found.length - 1] as ReceivedMetric;
}

function assertReference(metrics: ReceivedMetric[], queueDepth = 7): void {
  const requests = only(metrics, 'inference_requests_total');
  assert.equal(requests.kind, 'sum');
  assert.equal(requests.isMonotonic, true);
  assert.equal(requests.temporality, 2, 'AGGREGATION_TEMPORALITY_CUMULATIVE on the wire');
  assert.equal(requests.scope, 'inference');
  assert.equal(requests.description, 'Requests received');
  assert.deepEqual(
    requests.points.map((p) => [p.attributes, p.value]),
    [
      [{ model: 'bert', status: 'ok' }, 4],
      [{ model: 'gpt "2"\n', status: 'error' }, 1],
    ],
  );
  const first = requests.points[0];
  assert.ok(first && first.startNs > 0n && first.timeNs >= first.startNs);
  const depth = only(metrics, 'inference_queue_depth');
  assert.equal(depth.kind, 'gauge');
  assert.equal(depth.points[0]?.value, queueDepth);
  const latency = only(metrics, 'inference_latency_seconds');
  assert.equal(latency.kind, 'histogram');
  assert.equal(latency.unit, 's');
  const p = latency.points[0];
  assert.deepEqual(p?.bounds, [0.005, 0.05, 0.5, 5]);
  assert.deepEqual(p?.bucketCounts, [0, 1, 2, 0, 1]);
  assert.equal(p?.count, 4);
  assert.equal(p?.sum, 0.01 + 0.12 + 0.3 + 7);
  assert.equal(p?.min, 0.01);
  assert.equal(p?.max, 7);
}

describe('OpenTelemetry backend: real OTLP/HTTP export', function () {
  this.timeout(30_000);
  const receiver = new MetricsReceiver();
  before(() => receiver.start());
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  it('is structurally the SDK MetricProducer (compile-time check)', () => {
    const producer: MetricProducer = createOtelMetricProducer();
    assert.equal(typeof producer.collect, 'function');
  });

  for (const [protocol, Exporter] of [
    ['http/json', JsonExporter],
    ['http/protobuf', ProtoExporter],
  ] as const) {
    it(`exports the registry through PeriodicExportingMetricReader + OTLPMetricExporter (${protocol})`, async () => {
      const { registry } = reference();
      const reader = new PeriodicExportingMetricReader({
        exporter: new Exporter({ url: receiver.url }),
        exportIntervalMillis: 60_000,
        metricProducers: [createOtelMetricProducer({ registry })],
      });
      const provider = new MeterProvider({ readers: [reader] });
      try {
        await provider.forceFlush();
        assert.equal(receiver.received.length, 1);
        assert.equal(receiver.received[0]?.contentType, protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');
        const metrics = receiver.received[0]?.metrics ?? [];
        assertReference(metrics);
        assert.equal(only(metrics, 'inference_requests_total').resource['telemetry.sdk.language'], 'nodejs', 'the SDK resource is used');
      } finally {
        await provider.shutdown();
      }
    });
  }

  it('uses dotted OTel names and UCUM units with naming: "otel"', async () => {
    const { registry } = reference();
    const result = await createOtelMetricProducer({ registry, naming: 'otel' }).collect();
    const names = result.resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.map((m) => `${m.descriptor.name} [${m.descriptor.unit}]`));
    assert.deepEqual(names, ['inference.requests []', 'inference.queue_depth []', 'inference.latency [s]']);
  });

  it('switches to OTLP push by configuration only (otlpBackend loads the SDK lazily)', async () => {
    const { registry, stats } = reference();
    await configureMetrics({ registry, backends: [otlpBackend({ url: receiver.url, protocol: 'http/json', intervalMs: 100, serviceName: 'otlp-backend-test' })] });
    try {
      stats.queueDepth.set(42);
      const depth = await waitFor('a push with the new gauge value', () => {
        const last = receiver.named('inference_queue_depth').at(-1);
        return last?.points[0]?.value === 42 ? last : undefined;
      });
      assert.equal(depth.resource['service.name'], 'otlp-backend-test');
      assertReference(receiver.received.at(-1)?.metrics ?? [], 42);
    } finally {
      await configureMetrics({ backends: [] });
    }
  });
});
