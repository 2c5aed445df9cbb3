// The good component: uses the inference stats through bound handles and wraps each prediction in a span.
import { withSpan } from 'statscope';
import { stats } from './inference';

const ok = stats.requests.labels({ model: 'bert', status: 'ok' });
const failed = stats.requests.labels({ model: 'bert', status: 'error' });

export async function predict(input: string): Promise<string> {
  stats.queueDepth.inc();
  const started = performance.now();
  try {
    const output = await withSpan('inference.predict', () => runModel(input));
    ok.inc();
    return output;
  } catch (error) {
    failed.inc();
    throw error;
  } finally {
    stats.queueDepth.dec();
    stats.latency.observe((performance.now() - started) / 1000);
  }
}

async function runModel(input: string): Promise<string> {
  return input.toUpperCase();
}
