/** Metrics and logs decoding against the real SDK serializers (protobuf and JSON). */
import assert from 'node:assert/strict';
import { JsonLogsSerializer, JsonMetricsSerializer, ProtobufLogsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { AggregationType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { parseJson } from './decode-request';
import type { ExponentialHistogramPoint, LogEntry, MetricData } from '../store/model';
import { decodeLogsRequestJson } from './otlp-json-logs';
import { decodeMetricsRequestJson } from './otlp-json-metrics';
import { decodeLogsRequestProto } from './otlp-protobuf-logs';
import { decodeMetricsRequestProto } from './otlp-protobuf-metrics';
import { RunStore } from '../store/run-store';

/** A reader that only collects on demand. */
class PullReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

async function sdkMetrics(): Promise<ResourceMetrics> {
  const reader = new PullReader();
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'decode-test' }),
    readers: [reader],
    views: [{ instrumentName: 'payload_bytes', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('decode-test', '2.0.0');
  meter.createCounter('jobs_total').add(5, { queue: 'a' });
  meter.createUpDownCounter('in_flight').add(-2);
  meter.createHistogram('latency_ms', { advice: { explicitBucketBoundaries: [10, 100] } }).record(42, { route: '/x' });
  const payload = meter.createHistogram('payload_bytes');
  for (const v of [1, 2, 4, 1000, 1000]) payload.record(v);
  meter.createObservableGauge('temperature').addCallback((result) => result.observe(21.5, { room: 'lab' }));
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}

function checkMetrics(metrics: readonly MetricData[]): void {
  const byName = new Map(metrics.map((m) => [m.name, m]));
  const jobs = byName.get('jobs_total');
  assert.equal(jobs?.kind, 'sum');
  assert.equal(jobs?.isMonotonic, true);
  assert.equal(jobs?.temporality, 'cumulative');
  assert.equal(jobs?.scope.version, '2.0.0');
  assert.equal(jobs?.resource.serviceName, 'decode-test');
  assert.deepEqual(jobs?.points[0]?.attributes, [{ key: 'queue', value: 'a' }]);
  assert.equal(jobs?.points[0]?.type === 'number' && jobs.points[0].value, 5);
  const inFlight = byName.get('in_flight');
  assert.equal(inFlight?.isMonotonic, false);
  assert.equal(inFlight?.points[0]?.type === 'number' && inFlight.points[0].value, -2);
  const latency = byName.get('latency_ms')?.points[0];
  assert.ok(latency?.type === 'histogram');
  assert.deepEqual([latency.count, latency.sum, latency.min, latency.max, latency.bucketCounts, latency.explicitBounds], [1, 42, 42, 42, [0, 1, 0], [10, 100]]);
  const payload = byName.get('payload_bytes');
  assert.equal(payload?.kind, 'exponentialHistogram');
  const point = payload?.points[0] as ExponentialHistogramPoint;
  assert.equal(point.count, 5);
  assert.equal(point.sum, 2007);
  assert.equal(point.min, 1);
  assert.equal(point.max, 1000);
  assert.equal(
    point.positive.bucketCounts.reduce((a, b) => a + b, 0) + point.zeroCount,
    5,
  );
  const temperature = byName.get('temperature');
  assert.equal(temperature?.kind, 'gauge');
  assert.equal(temperature?.points[0]?.type === 'number' && temperature.points[0].value, 21.5);
}

async function sdkLogs(): Promise<ReturnType<InMemoryLogRecordExporter['getFinishedLogRecords']>> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'log-test' }), processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('log-test');
  logger.emit({ severityNumber: 17, severityText: 'ERROR', body: 'disk <full>', attributes: { 'disk.free': 0 }, timestamp: 1_700_000_000_000 });
  logger.emit({ severityNumber: 9, body: { nested: ['a', 1] } });
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

function checkLogs(logs: readonly LogEntry[]): void {
  assert.equal(logs.length, 2);
  const [error, info] = logs;
  assert.equal(error?.severityNumber, 17);
  assert.equal(error?.severityText, 'ERROR');
  assert.equal(error?.body, 'disk <full>');
  assert.equal(error?.timeMs, 1_700_000_000_000);
  assert.deepEqual(error?.attributes, [{ key: 'disk.free', value: 0n }]);
  assert.equal(error?.resource.serviceName, 'log-test');
  assert.deepEqual(info?.body, { kvlist: [{ key: 'nested', value: ['a', 1n] }] });
}

describe('OTLP metrics and logs decoding', () => {
  it('decodes the SDK metrics serializers (protobuf and JSON) identically', async () => {
    const resourceMetrics = await sdkMetrics();
    const proto = decodeMetricsRequestProto(Buffer.from(ProtobufMetricsSerializer.serializeRequest(resourceMetrics) ?? new Uint8Array()));
    const json = decodeMetricsRequestJson(parseJson(Buffer.from(JsonMetricsSerializer.serializeRequest(resourceMetrics) ?? new Uint8Array()).toString()));
    checkMetrics(proto.items);
    checkMetrics(json.items);
    assert.deepEqual(
      json.items.map((m) => ({ ...m, resource: { ...m.resource }, scope: { ...m.scope } })),
      proto.items.map((m) => ({ ...m, resource: { ...m.resource }, scope: { ...m.scope } })),
    );
  });

  it('decodes the SDK logs serializers (protobuf and JSON)', async () => {
    const records = await sdkLogs();
    checkLogs(decodeLogsRequestProto(Buffer.from(ProtobufLogsSerializer.serializeRequest(records) ?? new Uint8Array())).items);
    checkLogs(decodeLogsRequestJson(parseJson(Buffer.from(JsonLogsSerializer.serializeRequest(records) ?? new Uint8Array()).toString())).items);
  });

  it('keeps summaries (JSON) and computes their composites', () => {
    const request = {
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'rpc_duration',
                  summary: { dataPoints: [{ startTimeUnixNano: '1000000000', timeUnixNano: '3000000000', count: '4', sum: 2, quantileValues: [{ quantile: 0.5, value: 0.4 }, { quantile: 0.99, value: 1.1 }] }] },
                },
              ],
            },
          ],
        },
      ],
    };
    const store = new RunStore();
    const run = store.createRun({ label: 's' });
    run.addMetrics(decodeMetricsRequestJson(request).items);
    const [series] = run.metrics.seriesNamed('rpc_duration');
    assert.equal(series?.kind, 'summary');
    assert.deepEqual(series?.composites(), { count: 4, sum: 2, avg: 0.5, min: undefined, max: undefined, rate: 2, increase: 4, last: 0.5 });
    assert.equal(series?.latest?.type === 'summary' && series.latest.quantiles[1]?.value, 1.1);
    store.dispose();
  });

  it('rejects a metric with two kinds of data', () => {
    assert.throws(() => decodeMetricsRequestJson({ resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'x', gauge: {}, sum: {} }] }] }] }), /more than one data field/);
  });
});
