/**
 * Unbounded label values keep memory flat: 500,000 distinct user ids go into two metrics capped at 2000
 * series; after the cap, samples land in the overflow series and the heap stops growing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('cardinality cap keeps memory flat (--expose-gc child)', function () {
  this.timeout(120_000);

  it('does not grow the heap past the cap', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'support', 'cardinality-probe.js')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { heaps, series } = JSON.parse(r.stdout) as { heaps: number[]; series: Record<string, number> };
    assert.equal(series['flat_requests_total'], 2001, 'the cap plus one overflow series');
    assert.equal(series['flat_latency_seconds'], 2001);
    assert.equal(series['statscope_cardinality_overflow_total'], 2);
    const growth = (heaps.at(-1) ?? 0) - (heaps[1] ?? 0);
    assert.ok(growth < 512 * 1024, `heap grew by ${growth} bytes from 100k to 500k distinct label values (${heaps.join(', ')})`);
  });

  it('the global registry honours STATSCOPE_MAX_SERIES_PER_METRIC without the preload', () => {
    const index = join(__dirname, '..', '..', 'src', 'index.js');
    const program = `
      const s = require(${JSON.stringify(index)});
      const st = s.defineStats('capped', { n: s.counter({ description: 'n', labels: ['user'] }) });
      for (let i = 0; i < 20; i++) st.n.inc({ user: 'u' + i });
      const family = s.getRegistry().snapshot().families.find((f) => f.name === 'capped_n_total');
      console.log(JSON.stringify(family.series.length));
    `;
    const r = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env: { ...process.env, STATSCOPE_MAX_SERIES_PER_METRIC: '5' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout), 6, 'five series plus the overflow series');
  });
});
