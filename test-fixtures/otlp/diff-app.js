// A small traced program for `statscope diff` tests, run twice with `statscope run --out`: the second
// run is made slower (DIFF_APP_SLOW_MS is added to every "predict" span) and, with DIFF_APP_ERRORS=1,
// fails one more "save result". Exports with the OpenTelemetry SDK itself, like sdk-app.js.
const { context, trace, SpanStatusCode } = require('@opentelemetry/api');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');

const resource = resourceFromAttributes({ 'service.name': 'diff-app' });
const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
const reader = new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 60_000 });
const meterProvider = new MeterProvider({ resource, readers: [reader] });
const tracer = tracerProvider.getTracer('diff-app', '1.0.0');
const requests = meterProvider.getMeter('diff-app').createCounter('app_requests_total');

const slowMs = Number(process.env.DIFF_APP_SLOW_MS || 0);
const extraError = process.env.DIFF_APP_ERRORS === '1';
const pause = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => Atomics.wait(pause, 0, 0, ms);

function child(name, parent, fn) {
  const span = tracer.startSpan(name, { attributes: { 'code.filepath': __filename, 'code.lineno': 24, 'code.function': 'child' } }, trace.setSpan(context.active(), parent));
  try {
    return fn(span);
  } finally {
    span.end();
  }
}

for (let i = 0; i < 40; i++) {
  const root = tracer.startSpan('handle request', { attributes: { 'http.route': '/predict' } });
  child('predict', root, () => sleep(2 + slowMs));
  child('<script>alert(1)</script>', root, () => undefined);
  child('save result', root, (span) => {
    if (i === 0 || (extraError && i === 1)) span.setStatus({ code: SpanStatusCode.ERROR, message: 'disk full' });
  });
  root.end();
  requests.add(1, { route: '/predict' });
}
if (slowMs > 0) tracer.startSpan('warm cache').end();
console.log('diff-app: done');

Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]).then(
  () => process.exit(0),
  (error) => {
    console.error('diff-app: export failed', error);
    process.exit(4);
  },
);
