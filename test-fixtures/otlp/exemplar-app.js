// Records statscope metrics inside a traced span, with no telemetry setup of its own: `statscope run`
// injects the preload, which exports the span and the metrics (with the span's ids as exemplars) to the
// receiver. The library comes from STATSCOPE_LIB (the built runtime) when set. Prints the span's trace id.
const { counter, defineStats, histogram, withSpan } = require(process.env.STATSCOPE_LIB || 'statscope');
const { trace } = require('@opentelemetry/api');

const stats = defineStats('shop', {
  orders: counter({ description: 'Orders placed' }),
  latency: histogram({ description: 'Checkout latency', unit: 'seconds', buckets: [0.01, 0.1, 1] }),
});
withSpan('checkout', () => {
  stats.latency.observe(0.042);
  stats.orders.inc();
  console.log(`exemplar-app: trace ${trace.getActiveSpan()?.spanContext().traceId}`);
});
