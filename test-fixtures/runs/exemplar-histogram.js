// A program that observes a histogram and increments a counter inside traced spans, for tests that
// follow an exemplar from the Metrics panel to its trace. Run with tracing: the runtime preload exports
// the spans and the metrics, whose bucket and counter carry the span's ids as exemplars.
'use strict';

const { counter, defineStats, histogram, withSpan } = require('statscope');

const stats = defineStats('exemplar_shop', {
  orders: counter({ description: 'Orders placed' }),
  latency: histogram({ description: 'Checkout latency', unit: 'seconds', buckets: [0.01, 0.1, 1] }),
});

withSpan('checkout', () => {
  stats.latency.observe(0.042);
  stats.orders.inc();
});
withSpan('slow checkout', () => {
  stats.latency.observe(0.5);
  stats.orders.inc();
});
