// Records a metric inside a span; prints whether the span records (an SDK is running) and the exposition line.
const { trace } = require('@opentelemetry/api');
const { counter, defineStats, getRegistry, withSpan } = require('statscope');

const stats = defineStats('shop', { orders: counter({ description: 'Orders placed', labels: ['region'] }) });
stats.orders.labels({ region: 'eu' }).inc();
withSpan('checkout', () => {
  console.log(`recording=${trace.getActiveSpan()?.isRecording() === true}`);
  console.log(getRegistry().serialize('prometheus').split('\n').find((line) => line.startsWith('shop_orders_total')));
});
