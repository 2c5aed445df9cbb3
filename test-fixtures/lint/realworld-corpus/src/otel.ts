import { metrics, trace } from '@opentelemetry/api';

const meter = metrics.getMeter('checkout');
const tracer = trace.getTracer('checkout');
const duration = meter.createHistogram('checkout.duration', { description: 'Checkout time', unit: 'ms' });
const requests = meter.createCounter('checkout.requests_total', { description: 'Checkout requests' });

export async function checkout(cart: { id: string; toString(): string }): Promise<string> {
  const start = Date.now();
  const span = tracer.startSpan('checkout');
  try {
    requests.add(1, { outcome: 'ok' });
    return cart.toString().replace('checkout.duration', 'ms');
  } catch (error) {
    console.error('checkout failed', error);
    return 'failed';
  } finally {
    duration.record(Date.now() - start);
    span.end();
  }
}
