/**
 * The reference stats struct the golden files, promtool, the OpenMetrics parser and the real Prometheus
 * scrape all use: every kind, units, labels, hostile label values and HELP text, an exported window,
 * a dropped sample (so a self metric appears).
 */
import { counter, createRegistry, defineStats, gauge, histogram } from '../../../src/index';
import type { ExpositionFormat, MetricsRegistry } from '../../../src/index';

/** Label values that need escaping, or are merely unusual. */
export const HOSTILE_MODEL = 'gpt "4" \\ multi\nline';
export const UNICODE_MODEL = 'bärt ✓';

/** Declares the reference struct in `registry` and records deterministic values. */
export function recordReference(registry: MetricsRegistry | undefined) {
  const stats = defineStats(
    'inference',
    {
      requests: counter({ description: 'Requests received', labels: ['model', 'status'] as const }),
      queueDepth: gauge({ description: 'Requests waiting in the queue' }),
      latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5] }),
      payload: histogram({ description: 'Request payload size', unit: 'bytes', labels: ['route'] as const, buckets: [100, 1000, 10000] }),
      temperature: gauge({ description: 'Accelerator temperature: "hot" above 80\\90 C,\nthrottled above 95', unit: 'celsius', labels: ['device'] as const }),
      tokens: counter({ description: 'Tokens generated', unit: 'tokens', labels: ['model'] as const, window: { seconds: 60, slots: 6, export: true } }),
    },
    registry === undefined ? undefined : { registry },
  );
  const ok = stats.requests.labels({ model: 'bert', status: 'ok' });
  ok.inc();
  ok.add(3);
  stats.requests.inc({ model: HOSTILE_MODEL, status: 'error' });
  stats.requests.add(2, { model: UNICODE_MODEL, status: 'ok' });
  stats.queueDepth.set(7);
  stats.queueDepth.inc();
  stats.queueDepth.dec();
  stats.queueDepth.add(NaN); // dropped and counted (a gauge may hold NaN, but not add it)
  for (const v of [0.001, 0.01, 0.12, 0.3, 7]) stats.latency.observe(v);
  stats.payload.observe(512, { route: '/predict' });
  stats.payload.observe(20_000, { route: '/predict' });
  stats.payload.observe(50, { route: '/health' });
  stats.temperature.set(-12.5, { device: 'gpu0' });
  stats.temperature.set(81.25, { device: 'gpu1' });
  stats.tokens.add(1200, { model: 'bert' });
  stats.tokens.add(300, { model: 'bert' });
  return stats;
}

/** The reference exposition, from a registry with a fixed clock so the exported window is deterministic. */
export function referenceText(format: ExpositionFormat): string {
  let now = 0;
  const registry = createRegistry({ clock: () => now, autoRollWindows: false });
  recordReference(registry);
  now = 30_000;
  return registry.serialize(format);
}
