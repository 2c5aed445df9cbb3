import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistogramBuckets } from './composites';
import { histogramQuantile } from './histogram-quantile';

/** Per-bucket counts; the cumulative `le` series Prometheus sees are derived from them. */
const CASES: Readonly<Record<string, HistogramBuckets>> = {
  latency: { bounds: [0.1, 0.5, 1], counts: [10, 20, 15, 5] },
  tail: { bounds: [1, 2, 4], counts: [0, 0, 3, 7] },
  negative: { bounds: [-5, 0, 5], counts: [2, 2, 4, 0] },
  gaps: { bounds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25], counts: [1, 0, 0, 6, 0, 2, 1] },
  single: { bounds: [10], counts: [7, 0] },
};
const QUANTILES = [0, 0.25, 0.5, 0.9, 0.95, 0.99, 1];

describe('histogramQuantile (Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    // rank 25 of 50: 15 into the (0.1, 0.5] bucket of 20 → 0.1 + 0.4 × 15/20
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, 0.5), 0.4);
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, 0.2), 0.1);
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, 0.9), 1);
    // the first bucket starts at 0
    assert.equal(histogramQuantile({ bounds: [1, 10], counts: [4, 0, 0] }, 0.5), 0.5);
  });

  it('answers the highest finite bound for a rank in the +Inf bucket, and the bound itself for a first bucket ≤ 0', () => {
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, 0.95), 1);
    assert.equal(histogramQuantile(CASES['tail'] as HistogramBuckets, 0.99), 4);
    assert.equal(histogramQuantile(CASES['negative'] as HistogramBuckets, 0.1), -5);
  });

  it('is undefined without observations, for q outside 0..1 and for malformed buckets', () => {
    assert.equal(histogramQuantile({ bounds: [1], counts: [0, 0] }, 0.5), undefined);
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, 1.5), undefined);
    assert.equal(histogramQuantile(CASES['latency'] as HistogramBuckets, Number.NaN), undefined);
    assert.equal(histogramQuantile({ bounds: [1, 2], counts: [3] }, 0.5), undefined);
    assert.equal(histogramQuantile(CASES['tail'] as HistogramBuckets, 0), undefined, 'rank 0 in an empty first bucket');
  });

  it('gives the numbers a real Prometheus (promtool test rules) computes from the same buckets', function () {
    if (spawnSync('promtool', ['--version']).error !== undefined) this.skip(); // Debian package `prometheus` not installed.
    const dir = mkdtempSync(join(tmpdir(), 'statscope-quantile-'));
    try {
      const series: string[] = [];
      const expectations: string[] = [];
      for (const [name, buckets] of Object.entries(CASES)) {
        let cumulative = 0;
        buckets.counts.forEach((count, i) => {
          cumulative += count;
          const le = i < buckets.bounds.length ? String(buckets.bounds[i]) : '+Inf';
          series.push(`      - series: 'h_bucket{case="${name}",le="${le}"}'\n        values: '${cumulative}'`);
        });
        for (const q of QUANTILES) {
          const value = histogramQuantile(buckets, q);
          const expr = `histogram_quantile(${q}, h_bucket{case="${name}"})`;
          // Undefined where Prometheus answers NaN, which is the one value not equal to itself.
          if (value === undefined) expectations.push(`      - expr: '${expr} == ${expr}'\n        eval_time: 0m\n        exp_samples: []`);
          else expectations.push(`      - expr: '${expr}'\n        eval_time: 0m\n        exp_samples:\n          - labels: '{case="${name}"}'\n            value: ${value}`);
        }
      }
      const file = join(dir, 'quantiles.test.yml');
      writeFileSync(file, ['rule_files: []', 'evaluation_interval: 1m', 'tests:', '  - interval: 1m', '    input_series:', ...series, '    promql_expr_test:', ...expectations, ''].join('\n'));
      const result = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' });
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
      assert.ok(expectations.length >= 30, 'every case and quantile was compared');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
