import assert from 'node:assert/strict';
import { counter, gauge, histogram } from './declare';
import { createRegistry, defineStats } from './define-stats';
import type { Registry } from './registry';
import { ManualClock } from '../internal/manual-clock';

function fakeClock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

function setup(window = { seconds: 10, slots: 5 }) {
  const clock = fakeClock();
  // createRegistry returns the Registry class; rollWindows is its test hook.
  const registry = createRegistry({ clock: clock.now, autoRollWindows: false, window }) as Registry;
  const roll = (): void => {
    clock.advance(2_000);
    registry.rollWindows();
  };
  return { clock, registry, roll };
}

describe('composites over a sliding window', () => {
  it('summarises histogram observations: count, sum, avg, min, max, rate', () => {
    const { clock, registry, roll } = setup();
    const s = defineStats('w', { lat: histogram({ description: 'L', unit: 'seconds' }) }, { registry });
    clock.advance(4_000);
    s.lat.observe(1);
    s.lat.observe(3);
    const first = s.lat.composite();
    assert.deepEqual({ ...first }, { count: 2, sum: 4, avg: 2, min: 1, max: 3, rate: 0.5, seconds: 4 });
    roll();
    s.lat.observe(5);
    const second = s.lat.composite();
    assert.equal(second.count, 3);
    assert.equal(second.max, 5);
    assert.equal(second.seconds, 6);
  });

  it('forgets slots older than the window', () => {
    const { registry, roll } = setup();
    const s = defineStats('w', { lat: histogram({ description: 'L', unit: 'seconds' }) }, { registry });
    s.lat.composite();
    s.lat.observe(100);
    for (let i = 0; i < 4; i++) roll();
    assert.equal(s.lat.composite().count, 1, 'still inside: 4 slots of 2 s');
    roll();
    s.lat.observe(1);
    const c = s.lat.composite();
    assert.equal(c.count, 1);
    assert.equal(c.max, 1, 'the 100 has left the window');
    assert.equal(c.seconds, 8);
    for (let i = 0; i < 5; i++) roll();
    const empty = s.lat.composite();
    assert.equal(empty.count, 0);
    assert.ok(Number.isNaN(empty.avg) && Number.isNaN(empty.min) && Number.isNaN(empty.max));
    assert.equal(s.lat.value().max, 100, 'cumulative max survives the window');
    assert.equal(s.lat.value().min, 1);
  });

  it('gives counters their increase, rate and start/end values', () => {
    const { registry, roll } = setup();
    const s = defineStats('w', { n: counter({ description: 'N' }) }, { registry });
    s.n.add(10);
    s.n.composite();
    for (let i = 0; i < 5; i++) roll();
    s.n.add(6);
    s.n.inc();
    s.n.inc();
    const c = s.n.composite();
    assert.equal(c.sum, 8);
    assert.equal(c.count, 3);
    assert.equal(c.min, 10);
    assert.equal(c.max, 18);
    assert.equal(c.rate, 1);
  });

  it('gives gauges the extremes they held, even without updates in the window', () => {
    const { registry, roll } = setup();
    const s = defineStats('w', { depth: gauge({ description: 'D', labels: ['q'] }) }, { registry });
    const q = s.depth.labels({ q: 'a' });
    q.set(5);
    q.set(50);
    q.set(20);
    assert.deepEqual([q.composite().min, q.composite().max, q.composite().avg], [5, 50, 25]);
    for (let i = 0; i < 6; i++) roll();
    const idle = q.composite();
    assert.deepEqual([idle.count, idle.min, idle.max, idle.avg], [0, 20, 20, 20]);
  });

  it('gauge min/max are the values set, not the initial 0 (positive-only and negative-only gauges)', () => {
    const { registry, roll } = setup();
    const s = defineStats('w', { up: gauge({ description: 'U' }), down: gauge({ description: 'D', labels: ['q'] }) }, { registry });
    s.up.set(5);
    s.up.set(7);
    assert.deepEqual([s.up.composite().min, s.up.composite().max], [5, 7]);
    s.down.set(-3, { q: 'a' });
    s.down.set(-9, { q: 'a' });
    assert.deepEqual([s.down.composite({ q: 'a' }).min, s.down.composite({ q: 'a' }).max], [-9, -3]);
    roll();
    s.up.set(6);
    assert.deepEqual([s.up.composite().min, s.up.composite().max], [5, 7], 'earlier slots still count');
  });

  it('a gauge never set reports its current value as min and max, also across rolls and in the export', () => {
    const { registry, roll } = setup();
    const s = defineStats('w', { idle: gauge({ description: 'I', window: { export: true } }) }, { registry });
    roll();
    const c = s.idle.composite();
    assert.deepEqual([c.count, c.min, c.max, c.avg], [0, 0, 0, 0]);
    roll();
    s.idle.set(-4);
    assert.deepEqual([s.idle.composite().min, s.idle.composite().max], [-4, -4]);
    const window = registry.snapshot().families.find((f) => f.name === 'w_idle')?.series[0]?.window;
    assert.deepEqual([window?.min, window?.max], [-4, -4]);
  });

  it('honours a per-metric window and rolls it on the clock\'s timers', () => {
    const clock = new ManualClock();
    const registry = createRegistry({ clock });
    const s = defineStats('w', { n: counter({ description: 'N', window: { seconds: 0.2, slots: 2 } }) }, { registry });
    s.n.inc();
    s.n.composite();
    assert.equal(clock.pendingCount, 1, 'one timer for the 100 ms slots');
    clock.advance(99);
    assert.equal(s.n.composite().count, 1, 'not rolled yet');
    clock.advance(1);
    assert.equal(s.n.composite().count, 0, 'the roll at 100 ms moved the increment out of the 0.2 s window');
    assert.equal(clock.pendingCount, 1, 'the timer is armed again');
    s.n.inc();
    clock.advance(100);
    assert.equal(s.n.composite().count, 1, 'rolled again at 200 ms: the increment is in the completed slot');
    registry.clear();
    assert.equal(clock.pendingCount, 0, 'clearing the registry stops the timer');
  });
});
