// Ends 5,000 spans in a tight loop. Run with a small OTEL_BSP_MAX_QUEUE_SIZE, the preload's queue
// overflows and it counts the spans it could not keep in statscope_spans_dropped_total{reason="queue_full"},
// which `statscope run` reads from the program's metrics and shows in its summary.
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('burst-app');
for (let i = 0; i < 5000; i++) tracer.startSpan('burst').end();
console.log('burst-app: done');
