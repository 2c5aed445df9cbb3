/**
 * Composite statistics of one metric series, accumulated from the points received (pure; no I/O).
 *
 * What each field means depends on the kind of series:
 *
 * | field | gauge, non-monotonic sum | monotonic sum (counter) | histogram, exp. histogram, summary |
 * | --- | --- | --- | --- |
 * | `count` | points received | points received | observations (total over the run) |
 * | `sum` | Σ of the sampled values | total increase over the run | Σ of the observations |
 * | `avg` | mean of the sampled values | mean of the sampled values | `sum / count` |
 * | `min`, `max` | of the sampled values | of the sampled values | of the observations (when the exporter sends min/max) |
 * | `rate` | change per second, first → last point | increase per second | observations per second |
 * | `increase` | undefined | increase since the series started (its start time when sent, else its first point) | observations since then |
 * | `last` | latest value | latest value (delta: the running total) | latest mean (`sum / count`) |
 *
 * Cumulative series that restart (a new start time, or a value going down) are stitched together,
 * so totals keep growing across process restarts. `undefined` means "not known yet".
 */
import type { MetricPoint, Temporality } from './model';

export interface Composites {
  readonly count: number;
  readonly sum: number;
  readonly avg: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** Per second; undefined until the series spans a positive time interval. */
  readonly rate: number | undefined;
  /** Counters and distributions: the total's growth over the run (Prometheus `increase`), restarts stitched. */
  readonly increase: number | undefined;
  readonly last: number | undefined;
}

/** Explicit-bucket counts accumulated over the run (cumulative points stitched, delta points added). */
export interface HistogramBuckets {
  /** Upper bounds; the last bucket (`counts[bounds.length]`) is +Inf. */
  readonly bounds: readonly number[];
  readonly counts: readonly number[];
}

/** Mutable accumulator; one per series. */
export class CompositeAccumulator {
  private samples = 0;
  private sampleSum = 0;
  private min: number | undefined;
  private max: number | undefined;
  private last: number | undefined;
  private firstValue: number | undefined;
  private firstTimeMs = 0;
  private lastTimeMs = 0;
  /** Totals (monotonic sums: increase; distributions: observation count and sum). */
  private baseCount = 0;
  private baseSum = 0;
  private count = 0;
  private sum = 0;
  private previous: { startTimeUnixNano: bigint; count: number; sum: number } | undefined;
  private rateBase: { timeMs: number; count: number } | undefined;
  private bounds: readonly number[] | undefined;
  private baseBuckets: number[] = [];
  private buckets: number[] = [];

  constructor(
    private readonly isDistribution: boolean,
    private readonly isMonotonic: boolean,
    private readonly temporality: Temporality,
  ) {}

  /** Folds in one point (points of another type than the series' are ignored by the caller). */
  add(point: MetricPoint): void {
    if (point.type === 'number') this.addNumber(point.value, point.startTimeUnixNano, point.timeMs);
    else {
      const sum = point.sum ?? 0;
      this.addTotal(point.count, sum, point.startTimeUnixNano, point.timeMs);
      const min = point.type === 'summary' ? undefined : point.min;
      const max = point.type === 'summary' ? undefined : point.max;
      if (min !== undefined && Number.isFinite(min)) this.min = this.min === undefined ? min : Math.min(this.min, min);
      if (max !== undefined && Number.isFinite(max)) this.max = this.max === undefined ? max : Math.max(this.max, max);
      if (point.type === 'histogram') this.addBuckets(point.explicitBounds, point.bucketCounts);
      this.last = this.count > 0 ? this.sum / this.count : undefined;
    }
    this.lastTimeMs = Math.max(this.lastTimeMs, point.timeMs);
  }

  private addNumber(value: number, start: bigint, timeMs: number): void {
    if (!Number.isFinite(value)) return;
    this.samples++;
    this.sampleSum += value;
    this.min = this.min === undefined ? value : Math.min(this.min, value);
    this.max = this.max === undefined ? value : Math.max(this.max, value);
    if (this.firstValue === undefined) {
      this.firstValue = value;
      this.firstTimeMs = timeMs;
    }
    if (this.isMonotonic) {
      this.addTotal(value, 0, start, timeMs);
      this.last = this.temporality === 'delta' ? this.count : value;
    } else this.last = value;
  }

  /** Tracks a running total from cumulative (stitching restarts) or delta values. */
  private addTotal(count: number, sum: number, start: bigint, timeMs: number): void {
    if (this.temporality === 'delta') {
      this.count += count;
      this.sum += sum;
      this.rateBase ??= { timeMs: start > 0n ? Number(start) / 1e6 : timeMs, count: start > 0n ? 0 : count };
      return;
    }
    const prev = this.previous;
    if (prev !== undefined && (start !== prev.startTimeUnixNano || count < prev.count)) {
      this.baseCount += prev.count;
      this.baseSum += prev.sum;
      this.baseBuckets = this.buckets.slice();
    }
    this.previous = { startTimeUnixNano: start, count, sum };
    this.count = this.baseCount + count;
    this.sum = this.baseSum + sum;
    this.rateBase ??= { timeMs: start > 0n ? Number(start) / 1e6 : timeMs, count: start > 0n ? 0 : count };
  }

  private addBuckets(bounds: readonly number[], counts: readonly number[]): void {
    if (counts.length !== bounds.length + 1) return;
    if (this.bounds === undefined || !sameNumbers(this.bounds, bounds)) {
      this.bounds = bounds.slice();
      this.baseBuckets = new Array<number>(counts.length).fill(0);
      this.buckets = counts.slice();
      return;
    }
    if (this.temporality === 'delta') this.buckets = this.buckets.map((c, i) => c + (counts[i] ?? 0));
    else this.buckets = counts.map((c, i) => c + (this.baseBuckets[i] ?? 0));
  }

  /** The accumulated buckets of an explicit-bucket histogram, if any were received. */
  histogram(): HistogramBuckets | undefined {
    return this.bounds === undefined ? undefined : { bounds: this.bounds, counts: this.buckets.slice() };
  }

  /** The current composites. */
  composites(): Composites {
    if (this.isDistribution) {
      return { count: this.count, sum: this.sum, avg: this.count > 0 ? this.sum / this.count : undefined, min: this.min, max: this.max, rate: this.rate(), increase: this.increase(), last: this.last };
    }
    return {
      count: this.samples,
      sum: this.isMonotonic ? this.count : this.sampleSum,
      avg: this.samples > 0 ? this.sampleSum / this.samples : undefined,
      min: this.min,
      max: this.max,
      rate: this.isMonotonic ? this.rate() : this.change(),
      increase: this.isMonotonic ? this.increase() : undefined,
      last: this.last,
    };
  }

  private rate(): number | undefined {
    const base = this.rateBase;
    if (base === undefined) return undefined;
    const seconds = (this.lastTimeMs - base.timeMs) / 1000;
    return seconds > 0 ? (this.count - base.count) / seconds : undefined;
  }

  private increase(): number | undefined {
    return this.rateBase === undefined ? undefined : this.count - this.rateBase.count;
  }

  private change(): number | undefined {
    const seconds = (this.lastTimeMs - this.firstTimeMs) / 1000;
    return this.firstValue === undefined || this.last === undefined || seconds <= 0 ? undefined : (this.last - this.firstValue) / seconds;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
