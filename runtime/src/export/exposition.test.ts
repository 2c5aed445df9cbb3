import assert from 'node:assert/strict';
import { counter, gauge, histogram } from '../metrics/declare';
import { createRegistry, defineStats } from '../metrics/define-stats';
import type { Registry } from '../metrics/registry';

describe('exposition serializer', () => {
  it('writes HELP, TYPE and samples in declaration order (text 0.0.4)', () => {
    const registry = createRegistry();
    const s = defineStats('x', { a: counter({ description: 'A' }), b: gauge({ description: 'B', labels: ['k'] }) }, { registry });
    s.a.inc();
    s.b.set(-2.5, { k: 'v' });
    assert.equal(
      registry.serialize('prometheus'),
      '# HELP x_a_total A\n# TYPE x_a_total counter\nx_a_total 1\n# HELP x_b B\n# TYPE x_b gauge\nx_b{k="v"} -2.5\n',
    );
  });

  it('writes OpenMetrics: family names without _total, UNIT, canonical le, _count before _sum, # EOF', () => {
    const registry = createRegistry();
    const s = defineStats('io', { readBytes: counter({ description: 'Read', unit: 'bytes' }), size: histogram({ description: 'Size', unit: 'bytes', buckets: [1, 2.5] }) }, { registry });
    s.readBytes.add(3);
    s.size.observe(2);
    assert.equal(
      registry.serialize('openmetrics'),
      [
        '# HELP io_read_bytes Read',
        '# TYPE io_read_bytes counter',
        '# UNIT io_read_bytes bytes',
        'io_read_bytes_total 3',
        '# HELP io_size_bytes Size',
        '# TYPE io_size_bytes histogram',
        '# UNIT io_size_bytes bytes',
        'io_size_bytes_bucket{le="1.0"} 0',
        'io_size_bytes_bucket{le="2.5"} 1',
        'io_size_bytes_bucket{le="+Inf"} 1',
        'io_size_bytes_count 1',
        'io_size_bytes_sum 2',
        '# EOF',
        '',
      ].join('\n'),
    );
  });

  it('escapes hostile label values and HELP text', () => {
    const registry = createRegistry();
    const s = defineStats('h', { n: counter({ description: 'Say "hi"\\ to\nme', labels: ['v'] }) }, { registry });
    s.n.inc({ v: 'q"b\\n\nend' });
    const text = registry.serialize('prometheus');
    assert.ok(text.includes('# HELP h_n_total Say "hi"\\\\ to\\nme\n'), text);
    assert.ok(text.includes('h_n_total{v="q\\"b\\\\n\\nend"} 1\n'), text);
    const om = registry.serialize('openmetrics');
    assert.ok(om.includes('# HELP h_n Say \\"hi\\"\\\\ to\\nme\n'), om);
    assert.equal(text.split('\n').length, 4, 'three lines: no raw newline leaks into a line');
  });

  it('writes labelled families with no series as HELP/TYPE only', () => {
    const registry = createRegistry();
    defineStats('e', { n: counter({ description: 'N', labels: ['a'] }) }, { registry });
    assert.equal(registry.serialize('prometheus'), '# HELP e_n_total N\n# TYPE e_n_total counter\n');
  });

  it('omits _sum in OpenMetrics when buckets are negative', () => {
    const registry = createRegistry();
    const s = defineStats('t', { delta: histogram({ description: 'D', buckets: [-1, 0, 1] }) }, { registry });
    s.delta.observe(-5);
    assert.ok(!registry.serialize('openmetrics').includes('t_delta_sum'));
    assert.ok(registry.serialize('prometheus').includes('t_delta_sum -5'));
  });

  it('exports window gauges for metrics that ask for it', () => {
    let now = 0;
    const registry = createRegistry({ clock: () => now, autoRollWindows: false }) as Registry;
    const s = defineStats('win', { lat: histogram({ description: 'Lat', unit: 'seconds', buckets: [1], window: { seconds: 10, slots: 2, export: true } }), n: counter({ description: 'N', window: { export: true } }) }, { registry });
    now = 2000;
    s.lat.observe(0.5);
    s.lat.observe(1.5);
    s.n.add(4);
    const text = registry.serialize('prometheus');
    for (const line of ['win_lat_seconds_window_avg 1', 'win_lat_seconds_window_min 0.5', 'win_lat_seconds_window_max 1.5', 'win_lat_seconds_window_rate 1', 'win_n_window_rate 2', '# TYPE win_n_window_avg gauge']) {
      assert.ok(text.includes(`${line}\n`), `${line} in\n${text}`);
    }
    const snapshot = registry.snapshot().families.find((f) => f.name === 'win_lat_seconds');
    assert.equal(snapshot?.series[0]?.window?.avg, 1);
  });

  it('writes NaN, +Inf, -Inf and -0 gauges exactly in both formats; drops and counts a NaN counter increment', () => {
    const registry = createRegistry();
    const s = defineStats('v', { g: gauge({ description: 'G', labels: ['k'] }), n: counter({ description: 'N' }) }, { registry });
    s.g.set(NaN, { k: 'nan' });
    s.g.set(Infinity, { k: 'pinf' });
    s.g.set(-Infinity, { k: 'ninf' });
    s.g.set(-0, { k: 'nzero' });
    s.g.labels({ k: 'back' }).set(NaN);
    s.g.labels({ k: 'back' }).set(3);
    s.n.inc();
    s.n.add(NaN);
    const samples = ['v_g{k="nan"} NaN', 'v_g{k="pinf"} +Inf', 'v_g{k="ninf"} -Inf', 'v_g{k="nzero"} -0', 'v_g{k="back"} 3'];
    for (const format of ['prometheus', 'openmetrics'] as const) {
      const text = registry.serialize(format);
      for (const line of samples) assert.ok(text.includes(`\n${line}\n`), `${format}: ${line} in\n${text}`);
      assert.ok(text.includes('\nv_n_total 1\n'), text);
      assert.ok(text.includes('statscope_dropped_samples_total{metric="v_n_total",reason="non_finite"} 1\n'), text);
    }
    assert.ok(Number.isNaN(s.g.value({ k: 'nan' })));
    assert.equal(s.g.composite({ k: 'back' }).max, 3, 'NaN stays out of the window statistics');
  });

  it('reuses cached label text across scrapes and sees new values', () => {
    const registry = createRegistry();
    const s = defineStats('r', { n: counter({ description: 'N', labels: ['a', 'b'] }) }, { registry });
    const h = s.n.labels({ a: '1', b: '2' });
    h.inc();
    const first = registry.serialize('prometheus');
    h.inc();
    assert.notEqual(registry.serialize('prometheus'), first);
    assert.ok(registry.serialize('prometheus').includes('r_n_total{a="1",b="2"} 2\n'));
  });
});
