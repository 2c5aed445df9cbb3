import assert from 'node:assert/strict';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';

describe('slo and alert declarations', () => {
  it('keeps them as metadata, the metrics work as before, and wrong keys do not compile', () => {
    const latency = histogram({ description: 'Latency', unit: 'seconds', slo: { p95: 0.2, p99: 1, for: '10m' } });
    const depth = gauge({ description: 'Queue depth', alert: { above: 100, for: '5m', severity: 'page' } });
    const errors = counter({ description: 'Errors', alert: { above: 0.5 } });
    assert.deepEqual(latency.slo, { p95: 0.2, p99: 1, for: '10m' });
    assert.deepEqual(depth.alert, { above: 100, for: '5m', severity: 'page' });
    assert.equal(errors.slo, undefined);
    const registry = createRegistry();
    const stats = defineStats('queue', { latency, depth, errors }, { registry });
    stats.latency.observe(0.3);
    stats.depth.set(150);
    stats.errors.inc();
    assert.equal(stats.depth.value(), 150);
    assert.equal(stats.errors.value(), 1);
    // Compile-time checks (tsc fails on an unused @ts-expect-error); the function is never called.
    void (() => {
      // @ts-expect-error: histograms declare objectives (slo), not alert
      histogram({ description: 'x', alert: { above: 1 } });
      // @ts-expect-error: counters have no quantiles
      counter({ description: 'x', slo: { p95: 1 } });
      // @ts-expect-error: p96 is not an objective
      histogram({ description: 'x', slo: { p96: 1 } });
      // @ts-expect-error: "5 minutes" is not a Prometheus duration
      gauge({ description: 'x', alert: { above: 1, for: '5 minutes' } });
      // @ts-expect-error: severities are page or ticket
      gauge({ description: 'x', alert: { below: 1, severity: 'critical' } });
    });
  });
});
