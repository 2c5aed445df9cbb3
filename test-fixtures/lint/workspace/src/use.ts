import { stats } from './stats';

export function served(model: string): void {
  stats.requests.labels({ model, status: 'ok' }).inc();
  stats.latency.observe(0.2);
  stats.errors.inc();
}
