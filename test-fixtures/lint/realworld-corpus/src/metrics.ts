import { createCounter, createHistogram } from './util/create-metrics';

const settings = new Map<string, { name: string; help: string }>();

export const usersCreated = createCounter({ name: 'users_created', help: 'Users created' });
export const flagsEvaluated = createCounter({ name: 'flags-evaluated_total', help: 'Flag evaluations', labelNames: ['flag'] });
export const latency = createHistogram({ name: 'request_latency_ms', help: 'Request latency' });

export function describe(byte: number, count: number, body: Buffer): string {
  settings.set('metrics_prefix', { name: 'users_created', help: 'not a metric' });
  const label = `${byte.toString(16)} ${count.toLocaleString('en-GB')} ${body.toString('utf-8')}`;
  usersCreated.inc();
  flagsEvaluated.labels({ flag: 'new-ui' }).inc();
  latency.observe(12);
  return label + ' users_created request_latency_ms';
}
