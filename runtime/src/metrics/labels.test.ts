import assert from 'node:assert/strict';
import { OVERFLOW_LABEL_VALUE } from '../conventions';
import { captureDiag } from '../internal/diag-recorder';
import { counter, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';
import type { MetricsRegistry } from './registry-types';

function selfValue(registry: MetricsRegistry, name: string, labels: readonly string[]): number {
  const family = registry.snapshot().families.find((f) => f.name === name);
  return family?.series.find((s) => s.labels.join('|') === labels.join('|'))?.value ?? 0;
}

describe('labels: index, validation and cardinality cap', () => {
  it('truncates label values past maxLabelValueLength and counts them, so huge values cannot blow up a scrape', async () => {
    const registry = createRegistry();
    const s = defineStats('t', { hits: counter({ description: 'Hits', labels: ['path'], maxSeries: 500 }) }, { registry });
    const { messages } = await captureDiag(() => {
      for (let i = 0; i < 300; i++) s.hits.inc({ path: `${i}:${'x'.repeat(100_000)}` });
    });
    const text = registry.serialize('prometheus');
    assert.ok(text.length < 300 * 2_200, `scrape of ${text.length} bytes`);
    const line = text.split('\n').find((l) => l.startsWith('t_hits_total{path="7:'));
    assert.equal(line, `t_hits_total{path="7:${'x'.repeat(2046)}"} 1`);
    assert.equal(selfValue(registry, 'statscope_truncated_label_values_total', ['t_hits_total']), 300);
    assert.equal(messages.filter((m) => m.includes('truncated')).length, 1, 'reported once');

    const small = createRegistry({ maxLabelValueLength: 4 });
    const t = defineStats('t', { hits: counter({ description: 'Hits', labels: ['path'] }) }, { registry: small });
    t.hits.inc({ path: 'abc\u{1F600}def' }); // a cut after 4 code units would split the surrogate pair
    t.hits.inc({ path: 'abc\u{1F600}xyz' });
    assert.equal(t.hits.value({ path: 'abc\u{1F600}' + 'anything' }), 2, 'values equal up to the cap share a series');
    assert.ok(small.serialize('prometheus').includes('t_hits_total{path="abc"} 2\n'));
  });

  it('finds series by label values whatever the key order of the object', () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['model', 'status'] }) }, { registry });
    s.req.inc({ model: 'a', status: 'ok' });
    s.req.inc({ status: 'ok', model: 'a' });
    assert.equal(s.req.value({ model: 'a', status: 'ok' }), 2);
    assert.equal(registry.snapshot().families[0]?.series.length, 1);
  });

  it('converts numbers and booleans to strings, drops missing and non-scalar values', async () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['code'] }) }, { registry });
    const inc = s.req.inc.bind(s.req) as (v: unknown) => void;
    inc({ code: 200 });
    inc({ code: '200' });
    inc({ code: true });
    const { messages } = await captureDiag(() => {
      for (const bad of [undefined, null, 'x', 5, {}, { code: undefined }, { code: null }, { code: {} }, { code: NaN }, { code: Symbol('s') }]) inc(bad);
    });
    assert.equal(s.req.value({ code: '200' }), 2);
    assert.equal(s.req.value({ code: 'true' }), 1);
    assert.equal(selfValue(registry, 'statscope_dropped_samples_total', ['l_req_total', 'bad_label']), 10);
    assert.equal(messages.filter((m) => m.includes('bad_label')).length, 1, 'reported once');
  });

  it('ignores undeclared label keys and reports them once', async () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['a'] }) }, { registry });
    const inc = s.req.inc.bind(s.req) as (v: unknown) => void;
    const { messages } = await captureDiag(() => {
      inc({ a: '1', extra: 'x' });
      inc({ a: '2', extra: 'y' });
    });
    assert.equal(s.req.value({ a: '1' }), 1);
    assert.equal(messages.filter((m) => m.includes('undeclared labels extra')).length, 1);
  });

  it('survives hostile label objects (throwing getters, proxies)', () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['a'] }) }, { registry });
    const hostile = Object.defineProperty({}, 'a', { get: () => { throw new Error('boom'); }, enumerable: true });
    const proxy = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    assert.doesNotThrow(() => s.req.inc(hostile as { a: string }));
    assert.doesNotThrow(() => s.req.labels(proxy as { a: string }).inc());
    assert.equal(selfValue(registry, 'statscope_dropped_samples_total', ['l_req_total', 'bad_label']), 2);
  });

  it('caps distinct label sets and sends the rest to one overflow series', async () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['user', 'op'], maxSeries: 3 }) }, { registry });
    const { messages } = await captureDiag(() => {
      for (let i = 0; i < 10; i++) s.req.inc({ user: `u${i}`, op: 'read' });
    });
    const family = registry.snapshot().families.find((f) => f.name === 'l_req_total');
    assert.deepEqual(family?.series.map((x) => x.labels), [['u0', 'read'], ['u1', 'read'], ['u2', 'read'], [OVERFLOW_LABEL_VALUE, OVERFLOW_LABEL_VALUE]]);
    assert.equal(family?.series[3]?.value, 7);
    assert.equal(selfValue(registry, 'statscope_cardinality_overflow_total', ['l_req_total']), 7);
    assert.equal(messages.filter((m) => m.includes('overflow')).length, 1);
    s.req.inc({ user: 'u1', op: 'read' });
    assert.equal(s.req.value({ user: 'u1', op: 'read' }), 2, 'existing series still count');
  });

  it('applies the registry-wide cap (default 2000) and lets configure() change it', () => {
    const registry = createRegistry({ maxSeriesPerMetric: 5 });
    const s = defineStats('l', { req: histogram({ description: 'R', labels: ['id'] }) }, { registry });
    for (let i = 0; i < 20; i++) s.req.observe(1, { id: String(i) });
    assert.equal(registry.snapshot().families[0]?.series.length, 6);
    registry.configure({ maxSeriesPerMetric: 10 });
    for (let i = 0; i < 20; i++) s.req.observe(1, { id: String(i) });
    assert.equal(registry.snapshot().families[0]?.series.length, 11);
    const fresh = createRegistry();
    const t = defineStats('d', { req: counter({ description: 'R', labels: ['id'] }) }, { registry: fresh });
    for (let i = 0; i < 2100; i++) t.req.inc({ id: String(i) });
    assert.equal(fresh.snapshot().families[0]?.series.length, 2001);
  });

  it('routes explicit __overflow__ label values to the overflow series', () => {
    const registry = createRegistry();
    const s = defineStats('l', { req: counter({ description: 'R', labels: ['a'] }) }, { registry });
    s.req.inc({ a: OVERFLOW_LABEL_VALUE });
    s.req.inc({ a: OVERFLOW_LABEL_VALUE });
    assert.equal(registry.snapshot().families[0]?.series.length, 1);
    assert.equal(s.req.value({ a: OVERFLOW_LABEL_VALUE }), 2);
  });
});
