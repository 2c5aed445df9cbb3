import assert from 'node:assert/strict';
import { captureDiag } from '../internal/diag-recorder';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats, getRegistry } from './define-stats';
import type { Registry } from './registry';
import type { LabelValues, Stats } from './types';

function reference() {
  const registry = createRegistry();
  const stats = defineStats(
    'inference',
    {
      requests: counter({ description: 'Requests received', labels: ['model', 'status'] as const }),
      queueDepth: gauge({ description: 'Requests waiting in the queue' }),
      latency: histogram({ description: 'Prediction latency', unit: 'seconds', buckets: [0.005, 0.05, 0.5, 5] }),
    },
    { registry },
  );
  return { registry, stats };
}

describe('defineStats', () => {
  it('derives exposed names from the component and keys', () => {
    const { stats, registry } = reference();
    assert.equal(stats.requests.name, 'inference_requests_total');
    assert.equal(stats.queueDepth.name, 'inference_queue_depth');
    assert.equal(stats.latency.name, 'inference_latency_seconds');
    assert.deepEqual(registry.metricNames(), ['inference_requests_total', 'inference_queue_depth', 'inference_latency_seconds']);
    assert.deepEqual(stats.requests.labelNames, ['model', 'status']);
    assert.equal(stats.latency.unit, 'seconds');
    assert.equal(stats.requests.isNoop, false);
  });

  it('types label keys and values from the declaration', () => {
    const { stats } = reference();
    const ok = stats.requests.labels({ model: 'bert', status: 'ok' });
    ok.inc();
    // Compile-time checks only: the function is never called.
    void (() => {
      // @ts-expect-error: "statuz" is not a declared label
      stats.requests.labels({ model: 'bert', statuz: 'ok' });
      // @ts-expect-error: "status" is missing
      stats.requests.inc({ model: 'bert' });
      // @ts-expect-error: label values are strings
      stats.requests.inc({ model: 'bert', status: 200 });
      // @ts-expect-error: an unlabelled gauge has no labels()
      stats.queueDepth.labels({});
      // @ts-expect-error: a labelled counter needs its label values
      stats.requests.inc();
      // @ts-expect-error: counters have no set()
      stats.requests.labels({ model: 'a', status: 'b' }).set(1);
    });
    const labels: LabelValues<'model' | 'status'> = { model: 'a', status: 'b' };
    stats.requests.add(2, labels);
    assert.equal(stats.requests.value(labels), 2);
    assert.equal(ok.value(), 1);
  });

  it('infers literal label names without `as const`', () => {
    const registry = createRegistry();
    const s = defineStats('db', { queries: counter({ description: 'Queries run', labels: ['table'] }) }, { registry });
    s.queries.inc({ table: 'users' });
    // @ts-expect-error: "tabel" is not a declared label
    void (() => s.queries.inc({ tabel: 'users' }));
    type S = Stats<{ q: ReturnType<typeof counter<'a'>> }>;
    const check: S['q']['labelNames'] = ['a'];
    assert.deepEqual(check, ['a']);
  });

  it('returns the existing struct when the same component is declared again', () => {
    const registry = createRegistry();
    const declare = () => defineStats('cache', { hits: counter({ description: 'Cache hits' }), size: gauge({ description: 'Entries' }) }, { registry });
    const first = declare();
    first.hits.add(5);
    const second = declare();
    assert.equal(second, first);
    assert.equal(second.hits.value(), 5);
    assert.deepEqual(registry.metricNames(), ['cache_hits_total', 'cache_size']);
  });

  it('reuses unchanged metrics and replaces reshaped ones on re-declaration', async () => {
    const registry = createRegistry();
    const first = defineStats('svc', { a: counter({ description: 'A' }), b: gauge({ description: 'B' }) }, { registry });
    const { result: second, messages } = await captureDiag(() =>
      defineStats('svc', { a: counter({ description: 'A' }), b: gauge({ description: 'B', labels: ['x'] }) }, { registry }),
    );
    assert.equal(second.a, first.a);
    assert.notEqual(second.b, first.b);
    assert.ok(messages.some((m) => m.includes('svc.b was re-declared')), messages.join('\n'));
    assert.deepEqual(registry.metricNames(), ['svc_a_total', 'svc_b']);
  });

  it('reports bad declarations once and returns no-op metrics that never throw', async () => {
    const registry = createRegistry();
    const { result: s, messages } = await captureDiag(() =>
      defineStats(
        'api',
        {
          ok: counter({ description: 'Fine' }),
          // @ts-expect-error: "ms" is not a base unit
          slow: histogram({ description: 'Latency', unit: 'ms' }),
          reserved: histogram({ description: 'x', labels: ['le'] }),
          dupes: counter({ description: 'x', labels: ['a', 'a'] }),
          buckets: histogram({ description: 'x', buckets: [1, 1] }),
          badLabel: gauge({ description: 'x', labels: ['has-dash'] }),
          requestCount: counter({ description: 'x' }),
        },
        { registry },
      ),
    );
    assert.equal(s.ok.isNoop, false);
    for (const key of ['slow', 'reserved', 'dupes', 'buckets', 'badLabel', 'requestCount'] as const) assert.equal(s[key].isNoop, true, key);
    s.slow.observe(1);
    s.reserved.labels({ le: 'x' }).observe(2);
    s.dupes.labels({ a: 'x' }).inc();
    s.badLabel.set(3, { 'has-dash': 'x' });
    assert.equal(s.slow.value().count, 0);
    assert.deepEqual(registry.metricNames(), ['api_ok_total']);
    const text = messages.join('\n');
    assert.match(text, /api\.slow: unit "ms" is not a base unit: use "seconds"/);
    assert.match(text, /api\.reserved: label name "le" is reserved/);
    assert.match(text, /api\.dupes: label name "a" is declared twice/);
    assert.match(text, /api\.buckets: buckets must be strictly increasing/);
    assert.match(text, /api\.badLabel: label name "has-dash" must match/);
    assert.match(text, /api\.requestCount: metric name "requestCount" must not end with "_count"/);
  });

  it('never throws on garbage from JavaScript callers', async () => {
    const registry = createRegistry();
    const define = defineStats as unknown as (c: unknown, d: unknown, o?: unknown) => Record<string, unknown>;
    const { messages } = await captureDiag(() => {
      assert.doesNotThrow(() => define(undefined, undefined, { registry }));
      assert.doesNotThrow(() => define('x', null, { registry }));
      assert.doesNotThrow(() => define('x', { a: 1, b: { kind: 'nope' }, c: null }, { registry }));
      assert.doesNotThrow(() => define('', { a: counter({ description: 'x' }) }, { registry }));
      assert.doesNotThrow(() => define('x', { y: (counter as unknown as (o: unknown) => unknown)(undefined) }, { registry }));
      const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
      assert.doesNotThrow(() => define('x', hostile, { registry }));
    });
    assert.ok(messages.length > 0);
  });

  it('warns about (but accepts) a missing description and uses the name as HELP', async () => {
    const registry = createRegistry();
    const { result: s, messages } = await captureDiag(() => defineStats('w', { thing: gauge({ description: '' }) }, { registry }));
    assert.equal(s.thing.isNoop, false);
    assert.equal(s.thing.description, 'w_thing');
    assert.ok(messages.some((m) => m.startsWith('warn:') && m.includes('description is empty')));
  });

  it('a reshaped metric stops rolling the old windows and frees its old exposed name', () => {
    // Cast: Registry is the implementation; trackedWindows is its test hook.
    const registry = createRegistry({ autoRollWindows: false }) as Registry;
    const first = defineStats('re', { x: counter({ description: 'X', labels: ['a'], window: { export: true } }) }, { registry });
    first.x.inc({ a: '1' });
    first.x.inc({ a: '2' });
    first.x.composite({ a: '1' });
    assert.equal(registry.trackedWindows(), 2);
    const second = defineStats('re', { x: gauge({ description: 'X' }) }, { registry });
    second.x.set(1);
    second.x.composite();
    assert.equal(registry.trackedWindows(), 1, 'only the new gauge is rolled');
    const other = defineStats('re2', { y: counter({ description: 'Y' }) }, { registry });
    assert.equal(other.y.isNoop, false);
    // re_x_window_avg belonged to the replaced counter's exported window; a new declaration may use it now.
    const reuse = defineStats('re', { xWindowAvg: gauge({ description: 'X again' }) }, { registry });
    assert.equal(reuse.xWindowAvg.name, 're_x_window_avg');
    assert.equal(reuse.xWindowAvg.isNoop, false);
    registry.clear();
  });

  it('refuses a second declaration with the same exposed name', async () => {
    const registry = createRegistry();
    defineStats('a_b', { c: counter({ description: 'x' }) }, { registry });
    const { result, messages } = await captureDiag(() => defineStats('a', { bC: counter({ description: 'y' }) }, { registry }));
    assert.equal(result.bC.isNoop, true);
    assert.ok(messages.some((m) => m.includes('the exposed family a_b_c_total is already exposed by a_b.c')), messages.join('\n'));
  });

  it('refuses names that would duplicate a # TYPE family: window gauges, self metrics, OpenMetrics counter families', async () => {
    const registry = createRegistry({ autoRollWindows: false });
    const { result, messages } = await captureDiag(() => {
      const w = defineStats('w', { x: counter({ description: 'X', window: { export: true } }) }, { registry });
      const late = defineStats('w_x_window', { avg: gauge({ description: 'Avg' }) }, { registry });
      const lateAgain = defineStats('w_x_window', { avg: gauge({ description: 'Avg' }) }, { registry });
      const first = defineStats('v_y_window', { min: gauge({ description: 'Min' }) }, { registry }); // v_y_window_min
      const windowed = defineStats('v', { y: histogram({ description: 'Y', window: { export: true } }) }, { registry });
      const self = defineStats('statscope', { droppedSamples: counter({ description: 'Mine', labels: ['metric', 'reason'] }) }, { registry });
      const omCounter = defineStats('om', { nTotal: counter({ description: 'N' }) }, { registry }); // family om_n in OpenMetrics
      const omGauge = defineStats('om', { n: gauge({ description: 'G' }) }, { registry });
      return { w, late, lateAgain, first, windowed, self, omCounter, omGauge };
    });
    assert.equal(result.w.x.isNoop, false);
    assert.equal(result.late.avg.isNoop, true, 'w_x_window_avg is an exported window gauge of w_x_total');
    assert.equal(result.lateAgain.avg.isNoop, true);
    assert.equal(result.first.min.isNoop, false);
    assert.equal(result.windowed.y.isNoop, true, 'its exported window would expose v_y_window_min again');
    assert.equal(result.self.droppedSamples.isNoop, true);
    assert.equal(result.omCounter.nTotal.isNoop, false);
    assert.equal(result.omGauge.n.isNoop, true);
    const clashes = messages.filter((m) => m.includes('duplicate family'));
    assert.equal(clashes.filter((m) => m.includes('w_x_window.avg')).length, 1, 'reported once');
    assert.ok(clashes.some((m) => m.includes('statscope.droppedSamples: the exposed family statscope_dropped_samples_total belongs to')), clashes.join('\n'));
    result.w.x.inc();
    result.w.x.add(-1); // dropped: statscope_dropped_samples_total is exposed too
    result.late.avg.set(1);
    result.self.droppedSamples.inc({ metric: 'a', reason: 'b' });
    for (const format of ['prometheus', 'openmetrics'] as const) {
      const types = registry.serialize(format).split('\n').filter((l) => l.startsWith('# TYPE '));
      assert.equal(new Set(types.map((t) => t.split(' ')[2])).size, types.length, types.join('\n'));
    }
  });

  it('declares into the global registry by default', () => {
    const s = defineStats('defineStatsGlobalTest', { n: counter({ description: 'n' }) });
    assert.ok(getRegistry().metricNames().includes('define_stats_global_test_n_total'));
    assert.equal(getRegistry().defineStats('defineStatsGlobalTest', { n: counter({ description: 'n' }) }), s);
  });
});
