// The bad component: every mistake here is one the Statscope linter reports (see README.md).
import { counter, defineStats, gauge, histogram, startSpan } from 'statscope';

export const checkoutStats = defineStats('checkout', {
  ordersCounter: counter({ description: 'Orders placed', labels: ['payment_method', 'user_id'] }),
  cartSize: gauge({ description: '' }),
  paymentLatencyMs: histogram({ description: 'Payment provider latency', unit: 'ms', buckets: [50, 500, 250, 5000] }),
  refundsTotal: gauge({ description: 'Refunds issued' }),
});

interface Order {
  readonly id: string;
  readonly userId: string;
  readonly items: number;
  readonly method: string;
}

export async function checkout(order: Order): Promise<void> {
  const span = startSpan(`checkout ${order.id}`);
  checkoutStats.ordersCounter.labels({ payment_method: order.method, user_id: order.userId }).inc();
  if (order.items === 0) return;
  checkoutStats.cartSize.set(order.items);
  const started = Date.now();
  try {
    await pay(order);
  } catch (error) {
    console.error('payment failed', error);
  }
  checkoutStats.paymentLatencyMs.observe(Date.now() - started);
  checkoutStats.refunds.inc();
  span.end();
}

async function pay(order: Order): Promise<void> {
  if (order.method === 'none') throw new Error('no payment method');
}
