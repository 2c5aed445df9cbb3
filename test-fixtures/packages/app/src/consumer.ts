// CommonJS (the package has no "type"): resolved through `require` to dist/index.d.ts.
import { counter, defineStats, gauge, histogram, withSpan } from 'statscope';
import type { Composite, LabelValues } from 'statscope';

export const stats = defineStats('shop', {
  orders: counter({ description: 'Orders placed', labels: ['region', 'status'] as const }),
  queueDepth: gauge({ description: 'Orders waiting' }),
  latency: histogram({ description: 'Checkout latency', unit: 'seconds', buckets: [0.01, 0.1, 1] }),
});

const labels: LabelValues<'region' | 'status'> = { region: 'eu', status: 'ok' };
const placed = stats.orders.labels(labels);
placed.inc();
stats.queueDepth.set(3);
stats.latency.observe(0.05);
const window: Composite = stats.latency.composite();
export const average: number = window.avg;

export async function checkout(): Promise<number> {
  return withSpan('checkout', async () => 1);
}
