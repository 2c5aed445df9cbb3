import { counter, defineStats, histogram } from 'statscope';

const stats = defineStats('shop', {
  orders: counter({ description: 'Orders placed', labels: ['region', 'status'] as const }),
  latency: histogram({ description: 'Checkout latency', unit: 'seconds' }),
});

stats.orders.labels({ region: 'eu', status: 'ok', colour: 'red' }); // a label the metric does not declare
stats.orders.labels({ region: 'eu' }); // a declared label left out
stats.latency.observe('5'); // a string where a number is recorded
