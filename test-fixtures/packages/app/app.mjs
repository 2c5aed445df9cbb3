// The same as app.cjs, imported as ESM.
import { trace } from '@opentelemetry/api';
import { counter, defineStats, getRegistry, withSpan } from 'statscope';

const stats = defineStats('shop', { orders: counter({ description: 'Orders placed', labels: ['region'] }) });
stats.orders.labels({ region: 'eu' }).inc();
await withSpan('checkout', async () => {
  console.log(`recording=${trace.getActiveSpan()?.isRecording() === true}`);
  console.log(getRegistry().serialize('prometheus').split('\n').find((line) => line.startsWith('shop_orders_total')));
});
