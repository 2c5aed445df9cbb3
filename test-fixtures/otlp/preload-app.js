// A program with no telemetry setup of its own: it only uses @opentelemetry/api, so spans and
// metrics reach the receiver only through the Statscope preload (`statscope run` injects it with
// NODE_OPTIONS). Exits normally (code 0) and lets the preload flush on exit.
const { metrics, trace, SpanStatusCode } = require('@opentelemetry/api');

const tracer = trace.getTracer('preload-app');
const hits = metrics.getMeter('preload-app').createCounter('preload_app_hits_total');

tracer.startActiveSpan('job', (job) => {
  tracer.startActiveSpan('step one', (span) => span.end());
  tracer.startActiveSpan('<img src=x onerror=alert(1)>', (span) => span.end());
  tracer.startActiveSpan('failing step', (span) => {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'expected failure' });
    span.end();
  });
  hits.add(2);
  // Never ended: the preload ends it at exit and marks it statscope.unended.
  tracer.startSpan('never ended');
  job.end();
});
console.log('preload-app: done');
