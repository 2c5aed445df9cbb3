// Records a histogram observation and a counter increment inside one traced span, so /metrics (OpenMetrics)
// and the OTLP metric push carry that span's ids as exemplars. Prints the span's ids, stays up until stdin
// closes (the test closes it once Prometheus has the exemplars), then exits normally.
const { defineStats, counter, histogram, withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const { trace } = require('@opentelemetry/api');

const stats = defineStats('checkout', {
  orders: counter({ description: 'Orders placed' }),
  latency: histogram({ description: 'Checkout latency', unit: 'seconds', buckets: [0.01, 0.1, 1] }),
});
stats.latency.observe(0.5); // outside any span: no exemplar
const ids = withSpan('checkout', () => {
  stats.latency.observe(0.042);
  stats.orders.inc();
  const context = trace.getActiveSpan()?.spanContext();
  return { traceId: context?.traceId, spanId: context?.spanId };
});
console.log(JSON.stringify(ids));
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdin.pause();
  console.log('bye');
});
