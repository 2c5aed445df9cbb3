// A program that exports with the OpenTelemetry SDK itself (no Statscope preload needed): the
// exporters read OTEL_EXPORTER_OTLP_ENDPOINT / _HEADERS / _PROTOCOL from the environment that
// `statscope run` gives. Used by the CLI tests as the fallback that does not depend on the preload.
// Exits with code 3 so tests can check that the exit code is passed through.
const { context, trace, SpanStatusCode } = require('@opentelemetry/api');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');

const protocol = process.env.OTEL_EXPORTER_OTLP_PROTOCOL === 'http/json' ? 'http' : 'proto';
const { OTLPTraceExporter } = require(`@opentelemetry/exporter-trace-otlp-${protocol}`);
const { OTLPMetricExporter } = require(`@opentelemetry/exporter-metrics-otlp-${protocol}`);

const resource = resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || 'sdk-app' });
const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
const reader = new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 60_000 });
const meterProvider = new MeterProvider({ resource, readers: [reader] });

const tracer = tracerProvider.getTracer('sdk-app', '1.0.0');
const meter = meterProvider.getMeter('sdk-app');
const requests = meter.createCounter('app_requests_total', { description: 'Requests handled' });
const latency = meter.createHistogram('app_latency_seconds', { unit: 's', advice: { explicitBucketBoundaries: [0.01, 0.1, 1] } });
const queue = meter.createUpDownCounter('app_queue_depth');

function child(name, parent, fn) {
  const span = tracer.startSpan(name, { attributes: { 'code.filepath': __filename, 'code.lineno': 26, 'code.function': 'child' } }, trace.setSpan(context.active(), parent));
  try {
    return fn(span);
  } finally {
    span.end();
  }
}

const root = tracer.startSpan('handle request', { attributes: { 'http.route': '/predict' } });
child('load model', root, () => undefined);
child('predict', root, (span) => {
  child('<img src=x onerror=alert(1)>', span, () => undefined);
  child('<script>alert(1)</script>', span, () => undefined);
});
child('save result', root, (span) => span.setStatus({ code: SpanStatusCode.ERROR, message: 'disk full' }));
// What the Statscope runtime exports for a span still open at exit (ended at exit, marked unended).
child('left open', root, (span) => span.setAttribute('statscope.unended', true));
root.end();
for (const [route, seconds] of [['/predict', 0.05], ['/predict', 0.2], ['/health', 0.005]]) {
  requests.add(1, { route });
  latency.record(seconds, { route });
}
queue.add(4);
queue.add(-1);
console.log('sdk-app: done');

Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]).then(
  () => process.exit(3),
  (error) => {
    console.error('sdk-app: export failed', error);
    process.exit(4);
  },
);
