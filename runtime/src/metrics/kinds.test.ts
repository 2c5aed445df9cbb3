import assert from 'node:assert/strict';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';
import type { MetricsRegistry } from './registry-types';

function dropped(registry: MetricsRegistry, metric: string, reason: string): number {
  const family = registry.snapshot().families.find((f) => f.name === 'statscope_dropped_samples_total');
  return family?.series.find((s) => s.labels[0] === metric && s.labels[1] === reason)?.value ?? 0;
}

describe('counters, gauges and histograms', () => {
  it('counts with inc and add, on handles and with label values', () => {
    const registry = createRegistry();
    const s = defineStats('c', { hits: counter({ description: 'Hits', labels: ['route'] }), total: counter({ description: 'Total' }) }, { registry });
    const home = s.hits.labels({ route: '/' });
    home.inc();
    home.add(2.5);
    s.hits.inc({ route: '/' });
    s.hits.add(4, { route: '/about' });
    s.total.inc();
    s.total.add(10);
    assert.equal(home.value(), 4.5);
    assert.equal(s.hits.value({ route: '/about' }), 4);
    assert.equal(s.total.value(), 11);
    assert.equal(s.hits.labels({ route: '/' }), home, 'the same label values give the same handle');
  });

  it('drops and counts bad counter values', () => {
    const registry = createRegistry();
    const s = defineStats('c', { n: counter({ description: 'N' }) }, { registry });
    const add = s.n.add.bind(s.n) as (v: unknown) => void;
    for (const bad of [-1, NaN, Infinity, -Infinity, '5', undefined, null, {}, 1n]) add(bad);
    s.n.add(0);
    assert.equal(s.n.value(), 0);
    assert.equal(dropped(registry, 'c_n_total', 'negative'), 1);
    assert.equal(dropped(registry, 'c_n_total', 'non_finite'), 3);
    assert.equal(dropped(registry, 'c_n_total', 'wrong_type'), 5);
  });

  it('sets, increments, decrements and adds gauges', () => {
    const registry = createRegistry();
    const s = defineStats('g', { depth: gauge({ description: 'Depth' }), temp: gauge({ description: 'T', unit: 'celsius', labels: ['room'] }) }, { registry });
    s.depth.set(7);
    s.depth.inc();
    s.depth.dec();
    s.depth.dec();
    s.depth.add(-10);
    assert.equal(s.depth.value(), -4);
    s.temp.set(21.5, { room: 'a' });
    s.temp.labels({ room: 'a' }).add(0.5);
    assert.equal(s.temp.value({ room: 'a' }), 22);
    const set = s.depth.set.bind(s.depth) as (v: unknown) => void;
    set('3');
    assert.equal(s.depth.value(), -4);
    assert.equal(dropped(registry, 'g_depth', 'wrong_type'), 1);
    set(NaN);
    assert.ok(Number.isNaN(s.depth.value()), 'a gauge may hold NaN (exposed as NaN)');
    assert.equal(dropped(registry, 'g_depth', 'non_finite'), 0);
  });

  it('drops and counts a gauge add whose sum overflows to ±Infinity, keeping the last finite value', () => {
    const registry = createRegistry();
    const s = defineStats('g', { big: gauge({ description: 'Big', labels: ['k'] }) }, { registry });
    const up = s.big.labels({ k: 'up' });
    up.add(1e308);
    up.add(1e308);
    s.big.add(-1e308, { k: 'down' });
    s.big.add(-1e308, { k: 'down' });
    assert.equal(up.value(), 1e308);
    assert.equal(s.big.value({ k: 'down' }), -1e308);
    assert.equal(dropped(registry, 'g_big', 'non_finite'), 2);
    assert.ok(registry.serialize('prometheus').includes('g_big{k="up"} 1e+308\n'));
  });

  it('observes histogram values into le buckets with count, sum, min and max', () => {
    const registry = createRegistry();
    const s = defineStats('h', { latency: histogram({ description: 'L', unit: 'seconds', buckets: [0.1, 1, 10] }) }, { registry });
    for (const v of [0.1, 0.05, 1, 1.5, 100, -3]) s.latency.observe(v);
    s.latency.observe(NaN);
    s.latency.observe(Infinity);
    const h = s.latency.value();
    assert.equal(h.count, 6);
    assert.equal(h.sum, 0.1 + 0.05 + 1 + 1.5 + 100 - 3);
    assert.equal(h.min, -3);
    assert.equal(h.max, 100);
    assert.deepEqual(h.buckets, [
      { le: 0.1, count: 3 },
      { le: 1, count: 4 },
      { le: 10, count: 5 },
      { le: Infinity, count: 6 },
    ]);
    assert.equal(dropped(registry, 'h_latency_seconds', 'non_finite'), 2);
  });

  it('reports NaN min/max before the first observation and uses default buckets', () => {
    const registry = createRegistry();
    const s = defineStats('h', { size: histogram({ description: 'S', unit: 'bytes', labels: ['kind'] }) }, { registry });
    const v = s.size.value({ kind: 'x' });
    assert.equal(v.count, 0);
    assert.ok(Number.isNaN(v.min) && Number.isNaN(v.max));
    assert.equal(v.buckets.length, 12);
  });

  it('reads with bad or unknown labels return an empty value, count no drops and create no series', () => {
    const registry = createRegistry();
    const s = defineStats('rd', {
      lat: histogram({ description: 'L', unit: 'seconds', labels: ['op'], buckets: [1, 2] }),
      n: counter({ description: 'N', labels: ['op'] }),
    }, { registry });
    // Cast: untyped callers; these samples land in the sink row.
    s.lat.observe(1.5, { nope: 'x' } as never);
    s.lat.observe(0.5, null as never);
    s.lat.observe(0.5, { op: 'read' });
    assert.equal(dropped(registry, 'rd_lat_seconds', 'bad_label'), 2);
    const bad = s.lat.value({ nope: 'x' } as never);
    assert.deepEqual({ ...bad, buckets: bad.buckets.map((b) => b.count) }, { count: 0, sum: 0, min: NaN, max: NaN, buckets: [0, 0, 0] });
    assert.equal(s.lat.composite(null as never).count, 0);
    assert.equal(s.n.value({} as never), 0);
    assert.equal(dropped(registry, 'rd_lat_seconds', 'bad_label'), 2, 'reads are not dropped samples');
    assert.equal(dropped(registry, 'rd_n_total', 'bad_label'), 0);
    assert.equal(s.lat.value({ op: 'write' }).count, 0);
    assert.equal(s.n.value({ op: 'write' }), 0);
    assert.equal(s.lat.value({ op: 'read' }).count, 1);
    const series = (name: string): number => registry.snapshot().families.find((f) => f.name === name)?.series.length ?? -1;
    assert.equal(series('rd_lat_seconds'), 1, 'reading {op: "write"} created no series');
    assert.equal(series('rd_n_total'), 0);
  });

  it('keeps working after storage grows (handles stay valid)', () => {
    const registry = createRegistry();
    const s = defineStats('grow', { n: counter({ description: 'N', labels: ['i'] }) }, { registry });
    const first = s.n.labels({ i: '0' });
    first.inc();
    for (let i = 1; i < 500; i++) s.n.add(i, { i: String(i) });
    first.inc();
    assert.equal(first.value(), 2);
    assert.equal(s.n.value({ i: '499' }), 499);
  });
});
