/** The receiver fed by the real OpenTelemetry SDK exporters (HTTP, protobuf and JSON), in this process. */
import assert from 'node:assert/strict';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { startReceiver } from './receiver';
import type { OtlpReceiver } from './receiver';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';
import { makeSdkSpans } from '../test-support/sdk-test-spans';

function exportSpans(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

async function recordMetrics(exporter: PushMetricExporter): Promise<void> {
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({ resource: resourceFromAttributes({ 'service.name': 'metrics-test' }), readers: [reader] });
  const meter = provider.getMeter('exporter-test');
  const requests = meter.createCounter('requests_total');
  const latency = meter.createHistogram('latency_seconds', { unit: 's', advice: { explicitBucketBoundaries: [0.1, 1] } });
  const depth = meter.createGauge('queue_depth');
  requests.add(2, { route: '/a' });
  requests.add(3, { route: '/b' });
  for (const v of [0.05, 0.5, 2]) latency.record(v, { route: '/a' });
  depth.record(7);
  await provider.forceFlush();
  await provider.shutdown();
}

describe('OTLP receiver with the real SDK exporters', () => {
  let store: RunStore;
  let run: Run;
  let receiver: OtlpReceiver;
  let spans: ReadableSpan[];

  before(async () => {
    spans = await makeSdkSpans({ traces: 3, spansPerTrace: 20 });
  });

  beforeEach(async () => {
    store = new RunStore();
    run = store.createRun({ label: 'exporters' });
    receiver = await startReceiver({ sink: run });
  });

  afterEach(async () => {
    await receiver.close();
    store.dispose();
  });

  const traceExporters = {
    'http/protobuf': (url: string, headers: Record<string, string>) => new ProtoTraceExporter({ url, headers }),
    'http/json': (url: string, headers: Record<string, string>) => new JsonTraceExporter({ url, headers }),
    // Cast: the CompressionAlgorithm enum lives in otlp-exporter-base (not a direct dependency); 'gzip' is its value.
    'http/protobuf + gzip': (url: string, headers: Record<string, string>) => new ProtoTraceExporter({ url, headers, compression: 'gzip' as never }),
  };

  for (const [label, make] of Object.entries(traceExporters)) {
    it(`stores every span sent by OTLPTraceExporter (${label})`, async () => {
      const exporter = make(`${receiver.url}/v1/traces`, { ...receiver.headers });
      const result = await exportSpans(exporter, spans);
      await exporter.shutdown();
      assert.equal(result.code, ExportResultCode.SUCCESS, String(result.error));
      assert.equal(run.stats().spanCount, spans.length);
      assert.equal(run.stats().traceCount, 3);
      const trace = run.trace(spans[0]?.spanContext().traceId ?? '');
      assert.equal(trace?.roots().length, 1);
      assert.equal(trace?.rootSpan()?.name, 'GET /api/predict');
      assert.equal(trace?.children(trace.rootSpan()?.spanId ?? '').length, 4);
      if (label.endsWith('gzip')) {
        const plain = ProtobufTraceSerializer.serializeRequest(spans)?.length ?? 0;
        assert.ok(receiver.stats().bytes < plain / 2, 'the body was compressed');
      }
    });
  }

  it('fails the export (401) with a wrong token and stores nothing', async () => {
    const exporter = new ProtoTraceExporter({ url: `${receiver.url}/v1/traces`, headers: { authorization: 'Bearer nope' } });
    const result = await exportSpans(exporter, spans);
    await exporter.shutdown();
    assert.equal(result.code, ExportResultCode.FAILED);
    assert.equal(run.stats().spanCount, 0);
    assert.equal(receiver.stats().rejected.unauthorized >= 1, true);
  });

  for (const [label, make] of [
    ['http/protobuf', (url: string, headers: Record<string, string>): PushMetricExporter => new ProtoMetricExporter({ url, headers })],
    ['http/json', (url: string, headers: Record<string, string>): PushMetricExporter => new JsonMetricExporter({ url, headers })],
  ] as const) {
    it(`stores metrics sent by OTLPMetricExporter (${label}) with composites`, async () => {
      await recordMetrics(make(`${receiver.url}/v1/metrics`, { ...receiver.headers }));
      const requests = run.metrics.seriesNamed('requests_total');
      assert.equal(requests.length, 2);
      const b = requests.find((s) => s.labels.some((l) => l.value === '/b'));
      assert.equal(b?.kind, 'sum');
      assert.equal(b?.isMonotonic, true);
      assert.equal(b?.composites().last, 3);
      const [latency] = run.metrics.seriesNamed('latency_seconds');
      assert.equal(latency?.kind, 'histogram');
      assert.equal(latency?.unit, 's');
      const c = latency?.composites();
      assert.equal(c?.count, 3);
      assert.ok(Math.abs((c?.sum ?? 0) - 2.55) < 1e-9);
      assert.equal(c?.min, 0.05);
      assert.equal(c?.max, 2);
      assert.deepEqual(latency?.buckets(), { bounds: [0.1, 1], counts: [1, 1, 1] });
      assert.equal(run.metrics.seriesNamed('queue_depth')[0]?.composites().last, 7);
      assert.equal(run.metrics.seriesNamed('queue_depth')[0]?.resource.serviceName, 'metrics-test');
    });
  }
});
