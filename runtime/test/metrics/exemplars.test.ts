/**
 * Exemplars: counters and histograms recorded inside a sampled span keep the span's ids, the value and a
 * time, one slot per bucket; they appear in OpenMetrics (never in text 0.0.4), in snapshots and in OTLP.
 * A fixed source drives the exact bytes; the real OTel SDK (tracer provider with the exemplar span
 * processor, AsyncLocalStorage context) proves the ids are the active span's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { context } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricProducer, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { AlwaysOffSampler, AlwaysOnSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { configureMetrics, counter, createExemplarSpanProcessor, createOtelMetricProducer, createRegistry, defineStats, gauge, histogram, otlpBackend } from '../../src/index';
import type { ExemplarSource, MetricsRegistry } from '../../src/index';
import { withExemplars } from '../../src/export/otlp-exemplars';
import { ensureAptPackages, waitFor } from '../helpers';
import { decodeJsonMetrics, decodeProtobufMetrics, MetricsReceiver } from './support/otlp-metrics';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

/** A source whose span and time the test sets. */
class FixedSource implements ExemplarSource {
  open = 1;
  timeMs = 1_700_000_000_123;
  span: SpanContext | undefined = { traceId: TRACE, spanId: SPAN, traceFlags: 1 };
  active(): SpanContext | undefined {
    return this.span;
  }
}

function declare(registry: MetricsRegistry) {
  return defineStats(
    'shop',
    {
      orders: counter({ description: 'Orders', labels: ['region'] }),
      depth: gauge({ description: 'Depth' }),
      latency: histogram({ description: 'Latency', unit: 'seconds', buckets: [0.1, 1] }),
    },
    { registry },
  );
}

describe('exemplars', () => {
  describe('exposition (fixed source)', () => {
    it('writes the latest exemplar of each bucket and of each counter series in OpenMetrics only', () => {
      const source = new FixedSource();
      const registry = createRegistry({ exemplars: source });
      const s = declare(registry);
      s.latency.observe(0.05);
      s.latency.observe(0.07); // same bucket: replaces the first
      source.span = undefined; // not inside a sampled span: counted, no exemplar
      s.latency.observe(0.5);
      source.span = { traceId: TRACE, spanId: 'a'.repeat(16), traceFlags: 1 };
      s.orders.labels({ region: 'eu' }).add(2);
      s.depth.set(3);
      assert.deepEqual(registry.serialize('openmetrics').split('\n').filter((l) => l.startsWith('shop_')), [
        `shop_orders_total{region="eu"} 2 # {trace_id="${TRACE}",span_id="${'a'.repeat(16)}"} 2 1700000000.123`,
        'shop_depth 3',
        `shop_latency_seconds_bucket{le="0.1"} 2 # {trace_id="${TRACE}",span_id="${SPAN}"} 0.07 1700000000.123`,
        'shop_latency_seconds_bucket{le="1.0"} 3',
        'shop_latency_seconds_bucket{le="+Inf"} 3',
        'shop_latency_seconds_count 3',
        'shop_latency_seconds_sum 0.62',
      ]);
      assert.ok(!registry.serialize('prometheus').includes('trace_id'), 'text 0.0.4 has no exemplars');
    });

    it('records none while the gate is closed, even with a span at hand', () => {
      const source = new FixedSource();
      source.open = 0;
      const registry = createRegistry({ exemplars: source });
      declare(registry).latency.observe(0.05);
      assert.ok(!registry.serialize('openmetrics').includes('trace_id'));
      assert.equal(registry.snapshot().families.find((f) => f.name === 'shop_latency_seconds')?.series[0]?.exemplars, undefined);
    });

    it('leaves out exemplars whose ids are malformed (any span context can be active)', () => {
      const source = new FixedSource();
      const registry = createRegistry({ exemplars: source });
      const s = declare(registry);
      source.span = { traceId: 'x"} 1\nevil', spanId: SPAN, traceFlags: 1 };
      s.latency.observe(0.05);
      source.span = { traceId: '0'.repeat(32), spanId: SPAN, traceFlags: 1 };
      s.orders.inc({ region: 'eu' });
      const text = registry.serialize('openmetrics');
      assert.ok(!text.includes('trace_id') && !text.includes('evil'), text);
    });
  });

  describe('the real OTel SDK', () => {
    const manager = new AsyncLocalStorageContextManager();
    before(() => {
      context.setGlobalContextManager(manager.enable());
    });
    after(() => {
      context.disable();
    });

    it('keeps the active sampled span ids, and nothing outside a span or in an unsampled one', async () => {
      const registry = createRegistry();
      const s = declare(registry);
      const tracer = new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [createExemplarSpanProcessor()] }).getTracer('t');
      const off = new BasicTracerProvider({ sampler: new AlwaysOffSampler(), spanProcessors: [createExemplarSpanProcessor()] }).getTracer('t');
      s.latency.observe(2); // +Inf bucket, no span
      let ids: SpanContext | undefined;
      const before = Date.now();
      await tracer.startActiveSpan('checkout', async (span) => {
        ids = span.spanContext();
        await new Promise((resolve) => setImmediate(resolve)); // across an await: the context follows
        s.latency.observe(0.05);
        s.orders.inc({ region: 'us' });
        off.startActiveSpan('unsampled', (inner) => {
          s.latency.observe(0.5);
          inner.end();
        });
        span.end();
      });
      const series = registry.snapshot().families.find((f) => f.name === 'shop_latency_seconds')?.series[0];
      assert.equal(series?.exemplars?.length, 1, JSON.stringify(series));
      const e = series?.exemplars?.[0];
      assert.equal(e?.bucket, 0);
      assert.equal(e?.traceId, ids?.traceId);
      assert.equal(e?.spanId, ids?.spanId);
      assert.equal(e?.value, 0.05);
      assert.ok(e !== undefined && e.timeMs >= before - 1 && e.timeMs <= Date.now() + 1, `time ${e?.timeMs}`);
      const orders = registry.snapshot().families.find((f) => f.name === 'shop_orders_total')?.series[0];
      assert.equal(orders?.exemplars?.[0]?.traceId, ids?.traceId);
    });

    describe('otlpBackend() to a loopback OTLP receiver', () => {
      const receiver = new MetricsReceiver();
      before(() => receiver.start());
      after(() => receiver.stop());
      afterEach(() => configureMetrics({ backends: [] }));

      for (const protocol of ['http/protobuf', 'http/json'] as const) {
        it(`sends the exemplars of a span's observations (${protocol})`, async () => {
          receiver.clear();
          const registry = createRegistry();
          const s = declare(registry);
          const tracer = new BasicTracerProvider({ sampler: new AlwaysOnSampler(), spanProcessors: [createExemplarSpanProcessor()] }).getTracer('t');
          await configureMetrics({ registry, backends: [otlpBackend({ url: receiver.url, protocol, intervalMs: 100 })] });
          const ids = tracer.startActiveSpan('checkout', (span) => {
            s.latency.observe(0.05);
            s.orders.labels({ region: 'eu' }).add(3);
            span.end();
            return span.spanContext();
          });
          s.latency.observe(5); // outside the span: counted, no exemplar
          const latency = await waitFor('a push of the histogram with its exemplar', () => {
            const last = receiver.named('shop_latency_seconds').at(-1);
            return last?.points[0]?.count === 2 ? last : undefined;
          });
          assert.ok(receiver.received.every((r) => r.contentType.includes(protocol === 'http/json' ? 'json' : 'protobuf')), 'the configured protocol');
          assert.deepEqual(latency.points[0]?.exemplars?.map((e) => [e.traceId, e.spanId, e.value]), [[ids.traceId, ids.spanId, 0.05]]);
          const orders = receiver.named('shop_orders_total').at(-1);
          assert.deepEqual(orders?.points[0]?.exemplars?.map((e) => [e.traceId, e.spanId, e.value]), [[ids.traceId, ids.spanId, 3]]);
          assert.equal(orders?.points[0]?.value, 3, 'the rest of the point is intact');
        });
      }
    });
  });

  describe('checked by independent parsers', function () {
    this.timeout(300_000);

    function exposition(format: 'prometheus' | 'openmetrics'): string {
      const registry = createRegistry({ exemplars: new FixedSource() });
      const s = declare(registry);
      s.latency.observe(0.05);
      s.orders.inc({ region: 'eu' });
      return registry.serialize(format);
    }

    it('promtool check metrics reports nothing for the text format of a registry with exemplars', async () => {
      await ensureAptPackages(['prometheus']);
      const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition('prometheus'), encoding: 'utf8' });
      assert.deepEqual({ status: r.status, output: `${r.stdout}${r.stderr}` }, { status: 0, output: '' });
    });

    it('the reference OpenMetrics parser reads the exemplars back', async () => {
      await ensureAptPackages(['python3-prometheus-client']);
      const script = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    for s in f.samples:
        if s.exemplar:
            out.append([s.name, s.exemplar.labels, s.exemplar.value, float(s.exemplar.timestamp)])
print(json.dumps(out))
`;
      const r = spawnSync('/usr/bin/python3', ['-c', script], { input: exposition('openmetrics'), encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), [
        ['shop_orders_total', { trace_id: TRACE, span_id: SPAN }, 1, 1700000000.123],
        ['shop_latency_seconds_bucket', { trace_id: TRACE, span_id: SPAN }, 0.05, 1700000000.123],
      ]);
    });
  });

  describe('OTLP', () => {
    /** A reader the test collects by hand. */
    class CollectingReader extends MetricReader {
      protected onForceFlush(): Promise<void> {
        return Promise.resolve();
      }
      protected onShutdown(): Promise<void> {
        return Promise.resolve();
      }
    }

    async function collected(): Promise<ResourceMetrics> {
      const registry = createRegistry({ exemplars: new FixedSource() });
      const s = declare(registry);
      s.latency.observe(0.05);
      s.latency.observe(3);
      s.orders.labels({ region: 'eu' }).add(4);
      s.depth.set(1);
      // Cast: the producer is structurally the SDK's MetricProducer (checked in otlp-export.test.ts).
      const reader = new CollectingReader({ metricProducers: [createOtelMetricProducer({ registry }) as unknown as MetricProducer] });
      const provider = new MeterProvider({ readers: [reader] });
      const { resourceMetrics } = await reader.collect();
      await provider.shutdown();
      return resourceMetrics;
    }

    for (const encoding of ['protobuf', 'json'] as const) {
      it(`adds exemplars to histogram and sum data points (${encoding})`, async () => {
        const serializer = encoding === 'json' ? JsonMetricsSerializer : ProtobufMetricsSerializer;
        const body = withExemplars(serializer, encoding).serializeRequest(await collected());
        assert.ok(body !== undefined);
        const metrics = encoding === 'json' ? decodeJsonMetrics(Buffer.from(body).toString('utf8')) : decodeProtobufMetrics(body);
        const latency = metrics.find((m) => m.name === 'shop_latency_seconds');
        const exemplars = latency?.points[0]?.exemplars ?? [];
        assert.deepEqual(exemplars.map((e) => [e.traceId, e.spanId, e.value, e.timeNs]), [
          [TRACE, SPAN, 0.05, 1_700_000_000_123_000_000n],
          [TRACE, SPAN, 3, 1_700_000_000_123_000_000n],
        ]);
        assert.equal(latency?.points[0]?.count, 2, 'the rest of the point is intact');
        const orders = metrics.find((m) => m.name === 'shop_orders_total');
        assert.deepEqual(orders?.points[0]?.exemplars?.map((e) => e.value), [4]);
        assert.equal(orders?.points[0]?.value, 4);
        assert.equal(metrics.find((m) => m.name === 'shop_depth')?.points[0]?.exemplars, undefined);
      });
    }
  });
});
