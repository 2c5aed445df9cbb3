/**
 * Sliding windows for `composite()`. The hot path never reads a clock: it keeps cumulative count and sum
 * (and, for gauges and histograms, min/max since the last roll) in the series row. A timer per window size
 * rolls the tracked series: it stores the deltas since the previous roll as one slot of a ring and resets
 * min/max. A composite sums the last `slots - 1` completed slots plus the running partial slot.
 *
 * Series are tracked lazily: the first `composite()` call turns their history so far into one slot (with
 * its real duration), so no value is ever lost between the first and the second call.
 */
import type { MetricKind } from '../conventions';
import type { Clock } from '../internal/clock';
import type { Composite } from './types';

/** Where a kind keeps its window statistics in a row (-1: not kept). */
export interface WindowLayout {
  readonly kind: MetricKind;
  readonly nAt: number;
  readonly sumAt: number;
  readonly minAt: number;
  readonly maxAt: number;
  /** Counter and gauge value; -1 for histograms. */
  readonly valueAt: number;
}

/** Window settings with defaults applied. */
export interface ResolvedWindow {
  readonly seconds: number;
  readonly slots: number;
}

/** What the window code needs from a family. */
export interface WindowedFamily {
  readonly d: Float64Array;
  readonly layout: WindowLayout;
}

const SLOT_FIELDS = 5; // duration ms, count, sum, min, max

/** The ring of one tracked series. */
export class SeriesWindow {
  private readonly ring: Float64Array;
  private head = 0;
  private used = 0;
  private lastN = 0;
  private lastSum = 0;
  /** Cumulative histogram min/max before the current partial slot. */
  private cmin = Infinity;
  private cmax = -Infinity;
  private partialStart: number;

  constructor(readonly family: WindowedFamily, readonly offset: number, readonly window: ResolvedWindow, now: number, historyStart: number | undefined) {
    this.ring = new Float64Array(window.slots * SLOT_FIELDS);
    this.partialStart = historyStart ?? now;
    if (historyStart !== undefined) this.roll(now);
  }

  /** Closes the partial slot at `now` and starts a new one. */
  roll(now: number): void {
    const d = this.family.d;
    const o = this.offset;
    const l = this.family.layout;
    const n = d[o + l.nAt] as number;
    const sum = d[o + l.sumAt] as number;
    const at = this.head * SLOT_FIELDS;
    this.ring[at] = now - this.partialStart;
    this.ring[at + 1] = n - this.lastN;
    this.ring[at + 2] = sum - this.lastSum;
    this.ring[at + 3] = l.minAt >= 0 ? (d[o + l.minAt] as number) : NaN;
    this.ring[at + 4] = l.maxAt >= 0 ? (d[o + l.maxAt] as number) : NaN;
    this.head = (this.head + 1) % this.window.slots;
    if (this.used < this.window.slots) this.used++;
    this.lastN = n;
    this.lastSum = sum;
    this.partialStart = now;
    this.resetMinMax(d, o, l);
  }

  private resetMinMax(d: Float64Array, o: number, l: WindowLayout): void {
    if (l.minAt < 0) return;
    if (l.kind === 'gauge') {
      // A gauge holds its value into the next slot, but only once it has been set: before that the row
      // keeps ±Infinity, so an unset gauge's 0 never becomes an extreme.
      if ((d[o + l.nAt] as number) === 0) return;
      const v = d[o + l.valueAt] as number;
      d[o + l.minAt] = v;
      d[o + l.maxAt] = v;
    } else {
      this.cmin = Math.min(this.cmin, d[o + l.minAt] as number);
      this.cmax = Math.max(this.cmax, d[o + l.maxAt] as number);
      d[o + l.minAt] = Infinity;
      d[o + l.maxAt] = -Infinity;
    }
  }

  /** Cumulative histogram min and max (the row only holds them since the last roll). */
  cumulativeMin(): number {
    return Math.min(this.cmin, this.family.d[this.offset + this.family.layout.minAt] as number);
  }

  cumulativeMax(): number {
    return Math.max(this.cmax, this.family.d[this.offset + this.family.layout.maxAt] as number);
  }

  /** The window's statistics at `now`. */
  composite(now: number): Composite {
    const d = this.family.d;
    const o = this.offset;
    const l = this.family.layout;
    let n = (d[o + l.nAt] as number) - this.lastN;
    let sum = (d[o + l.sumAt] as number) - this.lastSum;
    let ms = now - this.partialStart;
    let min = l.minAt >= 0 ? (d[o + l.minAt] as number) : NaN;
    let max = l.maxAt >= 0 ? (d[o + l.maxAt] as number) : NaN;
    const slots = this.window.slots;
    const count = Math.min(this.used, slots - 1);
    for (let k = 1; k <= count; k++) {
      const at = ((this.head - k + slots) % slots) * SLOT_FIELDS;
      ms += this.ring[at] as number;
      n += this.ring[at + 1] as number;
      sum += this.ring[at + 2] as number;
      min = Math.min(min, this.ring[at + 3] as number);
      max = Math.max(max, this.ring[at + 4] as number);
    }
    const seconds = ms / 1000;
    if (l.kind === 'counter') {
      const value = d[o + l.valueAt] as number;
      return { count: n, sum, avg: n > 0 ? sum / n : 0, min: value - sum, max: value, rate: seconds > 0 ? sum / seconds : 0, seconds };
    }
    const rate = seconds > 0 ? n / seconds : 0;
    if (l.kind === 'gauge') {
      // Not set within the window (min/max still ±Infinity): the extremes are the value it holds.
      const value = d[o + l.valueAt] as number;
      return { count: n, sum, avg: n > 0 ? sum / n : value, min: Number.isFinite(min) ? min : value, max: Number.isFinite(max) ? max : value, rate, seconds };
    }
    const has = n > 0;
    return { count: n, sum, avg: has ? sum / n : NaN, min: has ? min : NaN, max: has ? max : NaN, rate, seconds };
  }
}

/** All tracked series sharing one slot duration, rolled by one unref'd timer, re-armed after each roll. */
export class WindowGroup {
  readonly members: SeriesWindow[] = [];
  private timer: unknown = undefined;

  constructor(readonly slotMs: number, private readonly clock: Clock, private readonly autoRoll: boolean) {}

  add(member: SeriesWindow): void {
    this.members.push(member);
    if (this.autoRoll && this.timer === undefined) this.arm();
  }

  private arm(): void {
    this.timer = this.clock.schedule(() => {
      this.rollAll();
      this.arm();
    }, this.slotMs);
  }

  /** Rolls every member at the current time. Never throws. */
  rollAll(): void {
    try {
      const now = this.clock.now();
      for (const m of this.members) m.roll(now);
    } catch {
      // A roll only does arithmetic on preallocated arrays; nothing here is expected to throw.
    }
  }

  /** Stops rolling the members of `family`; stops the timer when none are left. */
  remove(family: WindowedFamily): void {
    for (let i = this.members.length - 1; i >= 0; i--) if (this.members[i]?.family === family) this.members.splice(i, 1);
    if (this.members.length === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.cancel(this.timer);
    this.timer = undefined;
  }
}

/** The window groups of one registry. */
export class WindowManager {
  private readonly groups = new Map<number, WindowGroup>();

  constructor(private readonly clock: Clock, private readonly autoRoll: boolean) {}

  /** Starts tracking a series; with `historyStartMs`, its history so far becomes the first slot. */
  track(family: WindowedFamily, offset: number, window: ResolvedWindow, historyStartMs: number | undefined): SeriesWindow {
    const member = new SeriesWindow(family, offset, window, this.clock.now(), historyStartMs);
    const slotMs = (window.seconds * 1000) / window.slots;
    let group = this.groups.get(slotMs);
    if (group === undefined) {
      group = new WindowGroup(slotMs, this.clock, this.autoRoll);
      this.groups.set(slotMs, group);
    }
    group.add(member);
    return member;
  }

  /** Stops tracking every series of `family` (its declaration was replaced). */
  untrack(family: WindowedFamily): void {
    for (const g of this.groups.values()) g.remove(family);
  }

  /** Number of tracked series (for tests). */
  trackedCount(): number {
    let n = 0;
    for (const g of this.groups.values()) n += g.members.length;
    return n;
  }

  /** Rolls every group now (tests that do not run the timers drive windows with this). */
  rollAll(): void {
    for (const g of this.groups.values()) g.rollAll();
  }

  stop(): void {
    for (const g of this.groups.values()) g.stop();
  }
}

/** Applies defaults and bounds to window options. */
export function resolveWindow(seconds: unknown, slots: unknown, fallback: ResolvedWindow): ResolvedWindow {
  const s = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : fallback.seconds;
  const n = typeof slots === 'number' && Number.isInteger(slots) && slots >= 2 && slots <= 1000 ? slots : fallback.slots;
  return { seconds: s, slots: n };
}

/** The composite of a series nobody has tracked and that has no data (no-op metrics). */
export const EMPTY_COMPOSITE: Composite = Object.freeze({ count: 0, sum: 0, avg: 0, min: 0, max: 0, rate: 0, seconds: 0 });
