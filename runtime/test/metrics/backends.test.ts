/**
 * Switching backends is configuration only: the component keeps its struct while configureMetrics swaps
 * Prometheus, in-memory and custom backends, or derives them from Statscope's configuration.
 */
import assert from 'node:assert/strict';
import { configureMetrics, counter, createRegistry, defineStats, histogram, memoryBackend, metricsBackendsFromConfig, parseConfig, prometheusBackend } from '../../src/index';
import type { MetricsBackend, MetricsRegistry, PrometheusBackend } from '../../src/index';
import { captureDiag } from '../../src/internal/diag-recorder';

describe('backends', function () {
  this.timeout(20_000);
  const registry = createRegistry();
  const stats = defineStats('shop', { orders: counter({ description: 'Orders', labels: ['country'] }), basket: histogram({ description: 'Basket value', buckets: [10, 100] }) }, { registry });
  afterEach(() => configureMetrics({ backends: [] }));

  it('reads values through the in-memory backend', async () => {
    const memory = memoryBackend();
    await configureMetrics({ registry, backends: [memory] });
    stats.orders.add(3, { country: 'NL' });
    stats.basket.observe(42);
    assert.equal(memory.value('shop_orders_total', { country: 'NL' }), 3);
    assert.equal(memory.value('shop_orders_total', { country: 'DE' }), undefined);
    assert.deepEqual(memory.histogram('shop_basket')?.counts, [0, 1, 0]);
    assert.ok(memory.text('openmetrics').endsWith('# EOF\n'));
  });

  it('swaps to the Prometheus backend and back without touching the component', async () => {
    const prometheus = prometheusBackend({ port: 0 });
    await configureMetrics({ registry, backends: [prometheus] });
    const url = prometheus.server?.metricsUrl ?? '';
    stats.orders.inc({ country: 'FR' });
    assert.ok((await (await fetch(url)).text()).includes('shop_orders_total{country="FR"} 1'));
    await configureMetrics({ registry, backends: [memoryBackend()] });
    assert.equal(prometheus.server, undefined);
    await assert.rejects(fetch(url), 'the server was stopped');
  });

  it('runs custom backends inside guards', async () => {
    const seen: string[] = [];
    const custom: MetricsBackend = {
      name: 'custom',
      start(r: MetricsRegistry) {
        seen.push(`start:${r.snapshot().families.length}`);
      },
      flush: () => Promise.resolve(void seen.push('flush')),
      shutdown: () => Promise.reject(new Error('shutdown fails')),
    };
    const broken: MetricsBackend = {
      name: 'broken',
      start() {
        throw new Error('start fails');
      },
    };
    const { messages } = await captureDiag(async () => {
      await configureMetrics({ registry, backends: [broken, custom, { nonsense: true } as unknown as MetricsBackend] });
      await imported().flushMetrics();
      await configureMetrics({ backends: [] });
    });
    assert.deepEqual(seen, ['start:2', 'flush']);
    assert.ok(messages.some((m) => m.includes('metrics backend broken: start failed')));
    assert.ok(messages.some((m) => m.includes('metrics backend custom: shutdown failed')));
    assert.ok(messages.some((m) => m.includes('ignoring a backend')));
  });

  it('derives backends from the environment (STATSCOPE_METRICS_PORT, OTLP endpoint)', () => {
    const names = (env: Record<string, string>): string[] => metricsBackendsFromConfig(parseConfig({ env }).config).map((b) => b.name);
    assert.deepEqual(names({}), []);
    assert.deepEqual(names({ STATSCOPE_METRICS_PORT: '9464' }), ['prometheus']);
    assert.deepEqual(names({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }), ['otlp']);
    assert.deepEqual(names({ STATSCOPE_METRICS_PORT: '0', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://x/v1/metrics' }), ['prometheus', 'otlp']);
    assert.deepEqual(names({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_METRICS_EXPORTER: 'none' }), []);
    const backend = metricsBackendsFromConfig(parseConfig({ env: { STATSCOPE_METRICS_PORT: '0' } }).config)[0] as PrometheusBackend;
    assert.equal(backend.server, undefined, 'nothing starts until configured');
  });
});

function imported(): typeof import('../../src/index') {
  return require('../../src/index') as typeof import('../../src/index');
}
