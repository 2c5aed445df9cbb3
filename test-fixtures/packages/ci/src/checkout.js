const { counter, defineStats, withSpan } = require('statscope');

const stats = defineStats('shop', {
  orders: counter({ description: 'Orders placed', labels: ['region'] }),
  refunds: counter({ description: 'Orders refunded' }),
});

withSpan('checkout', () => {
  stats.orders.labels({ region: 'eu' }).inc();
});
