import assert from 'node:assert/strict';
import { captureDiag } from '../internal/diag-recorder';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';
import { ManualClock } from '../internal/manual-clock';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('onChange and onThreshold', () => {
  it('calls change callbacks synchronously with value and labels', () => {
    const registry = createRegistry();
    const s = defineStats('cb', { n: counter({ description: 'N', labels: ['k'] }), g: gauge({ description: 'G' }) }, { registry });
    const seen: string[] = [];
    const off = s.n.onChange((v, labels) => seen.push(`${labels.k}=${v}`));
    s.n.inc({ k: 'a' });
    s.n.add(2, { k: 'a' });
    s.n.labels({ k: 'b' }).inc();
    off();
    s.n.inc({ k: 'a' });
    assert.deepEqual(seen, ['a=1', 'a=3', 'b=1']);
    const gauges: number[] = [];
    s.g.onChange((v) => gauges.push(v));
    s.g.set(1);
    s.g.set(1);
    s.g.inc();
    assert.deepEqual(gauges, [1, 2], 'setting the same value is not a change');
  });

  it('fires thresholds once per crossing, in both directions', () => {
    const registry = createRegistry();
    const s = defineStats('cb', { depth: gauge({ description: 'D' }) }, { registry });
    const events: string[] = [];
    s.depth.onThreshold({ above: 100, below: 10 }, (v, e) => events.push(`${e.direction}:${v}:${e.threshold}`));
    for (const v of [50, 150, 160, 90, 120, 5, 3, 20]) s.depth.set(v);
    assert.deepEqual(events, ['above:150:100', 'above:120:100', 'below:5:10']);
  });

  it('applies thresholds to histogram observations', () => {
    const registry = createRegistry();
    const s = defineStats('cb', { lat: histogram({ description: 'L', unit: 'seconds', labels: ['route'] }) }, { registry });
    const slow: string[] = [];
    s.lat.onThreshold({ above: 1 }, (v, e) => slow.push(`${e.labels.route}:${v}`));
    s.lat.observe(0.5, { route: '/a' });
    s.lat.observe(2, { route: '/a' });
    s.lat.observe(3, { route: '/a' });
    s.lat.observe(2, { route: '/b' });
    assert.deepEqual(slow, ['/a:2', '/b:2']);
  });

  it('batches: the hot path only marks, delivery comes later with the latest value', () => {
    const clock = new ManualClock();
    const registry = createRegistry({ clock });
    const s = defineStats('cb', { n: counter({ description: 'N', labels: ['k'] }) }, { registry });
    const seen: string[] = [];
    s.n.onChange((v, l) => seen.push(`${l.k}=${v}`), { delivery: 'batched' });
    for (let i = 0; i < 1000; i++) s.n.inc({ k: i % 2 === 0 ? 'even' : 'odd' });
    assert.deepEqual(seen, [], 'nothing delivered inside the hot loop');
    assert.equal(clock.pendingCount, 1, 'one delivery scheduled for the whole loop');
    clock.advance(0);
    assert.deepEqual(seen, ['even=500', 'odd=500']);
  });

  it('delivers batches on the real timers by default', async () => {
    const registry = createRegistry();
    const s = defineStats('cb', { n: counter({ description: 'N' }) }, { registry });
    const seen: number[] = [];
    s.n.onChange((v) => seen.push(v), { delivery: 'batched' });
    s.n.inc();
    s.n.inc();
    assert.deepEqual(seen, []);
    await tick();
    assert.deepEqual(seen, [2]);
  });

  it('batches threshold crossings with an interval', () => {
    const clock = new ManualClock();
    const registry = createRegistry({ clock });
    const s = defineStats('cb', { g: gauge({ description: 'G' }) }, { registry });
    const seen: number[] = [];
    s.g.onThreshold({ above: 1 }, (v) => seen.push(v), { delivery: 'batched', intervalMs: 20 });
    s.g.set(2);
    s.g.set(0);
    s.g.set(3);
    clock.advance(19);
    assert.deepEqual(seen, [], 'nothing before the interval');
    clock.advance(1);
    assert.deepEqual(seen, [2, 3], 'both crossings at 20 ms');
  });

  it('cancels a pending batch when unsubscribed', () => {
    const clock = new ManualClock();
    const registry = createRegistry({ clock });
    const s = defineStats('cb', { n: counter({ description: 'N' }) }, { registry });
    const seen: number[] = [];
    const off = s.n.onChange((v) => seen.push(v), { delivery: 'batched', intervalMs: 10 });
    s.n.inc();
    off();
    assert.equal(clock.pendingCount, 0);
    clock.advance(10);
    assert.deepEqual(seen, []);
  });

  it('catches throwing and rejecting callbacks, counts and reports them, calls the error hook', async () => {
    const hookCalls: string[] = [];
    const registry = createRegistry({ onError: (e, metric) => hookCalls.push(`${metric}:${String(e)}`) });
    const s = defineStats('cb', { n: counter({ description: 'N' }) }, { registry });
    const after: number[] = [];
    const { messages } = await captureDiag(async () => {
      s.n.onChange(() => {
        throw new Error('sync boom');
      });
      s.n.onChange(() => Promise.reject(new Error('async boom')));
      s.n.onChange((v) => after.push(v));
      assert.doesNotThrow(() => s.n.inc());
      assert.doesNotThrow(() => s.n.inc());
      await tick();
    });
    assert.deepEqual(after, [1, 2], 'later subscribers still run');
    const errors = registry.snapshot().families.find((f) => f.name === 'statscope_callback_errors_total');
    assert.equal(errors?.series[0]?.value, 4);
    assert.equal(messages.filter((m) => m.includes('a callback failed')).length, 1, 'reported once');
    assert.ok(hookCalls.some((c) => c.includes('sync boom')) && hookCalls.some((c) => c.includes('async boom')));
  });

  it('survives a throwing error hook and ignores bad subscriptions', async () => {
    const registry = createRegistry({ onError: () => { throw new Error('hook'); } });
    const s = defineStats('cb', { n: counter({ description: 'N' }) }, { registry });
    s.n.onChange(() => { throw new Error('x'); });
    assert.doesNotThrow(() => s.n.inc());
    const onChange = s.n.onChange.bind(s.n) as (cb: unknown) => () => void;
    const onThreshold = s.n.onThreshold.bind(s.n) as (t: unknown, cb: unknown) => () => void;
    const { messages } = await captureDiag(() => {
      onChange(42)();
      onThreshold({}, () => 0)();
      onThreshold({ above: 'x' }, () => 0)();
    });
    assert.ok(messages.some((m) => m.includes('subscription is ignored')));
  });

  it('goes back to the no-subscriber fast path after unsubscribing', () => {
    const registry = createRegistry();
    const s = defineStats('cb', { n: counter({ description: 'N' }) }, { registry });
    const a = s.n.onChange(() => 0);
    const b = s.n.onThreshold({ above: 1 }, () => 0);
    a();
    b();
    b();
    const family = (s.n as unknown as { f: { w: unknown } }).f;
    assert.equal(family.w, null);
  });
});
