/**
 * Histograms. Row layout: [count, sum, min, max, bucket 0 .. bucket n] with per-bucket (not
 * cumulative) counts; bucket n is +Inf. min/max are since the last window roll for tracked series and
 * cumulative otherwise. Each bucket has one exemplar slot (exemplar-slots.ts). The bucket is found with a plain loop. Typed-array accesses carry `!`: offsets and
 * bucket indexes are inside `d` by construction.
 */
import { Family } from './family';
import type { FamilyHost, FamilySpec } from './family';
import { MetricFacade } from './facade';
import type { Composite, HistogramHandle, HistogramValue } from './types';
import type { WindowLayout } from './window';

const LAYOUT: WindowLayout = { kind: 'histogram', nAt: 0, sumAt: 1, minAt: 2, maxAt: 3, valueAt: -1 };
/** Offset of the first bucket in a row. */
export const HISTOGRAM_BUCKETS_AT = 4;

/** A bound histogram series. */
export class HistogramSeries implements HistogramHandle {
  constructor(readonly f: HistogramFamily, readonly o: number) {}

  observe(value: number): void {
    this.f.observeAt(this.o, value);
  }

  value(): HistogramValue {
    return this.f.read(this.o);
  }

  composite(): Composite {
    return this.f.composite(this.o);
  }
}

/** Storage and index of one histogram. */
export class HistogramFamily extends Family<HistogramSeries> {
  /** Bucket upper bounds, +Inf excluded. */
  readonly b: Float64Array;
  /** The bounds followed by +Inf: the bucket search stops at that sentinel, so it needs no index check. */
  private readonly bs: Float64Array;

  constructor(spec: FamilySpec, host: FamilyHost, bounds: readonly number[]) {
    super(spec, host, HISTOGRAM_BUCKETS_AT + bounds.length + 1, LAYOUT);
    this.b = Float64Array.from(bounds);
    this.bs = Float64Array.from([...bounds, Infinity]);
  }

  /** Hot path: one finite observation; anything else is dropped and counted. */
  observeAt(o: number, value: number): void {
    if (typeof value === 'number' && value - value === 0) {
      // `value` is finite here, so it never exceeds the +Inf sentinel that ends `bs`.
      const bs = this.bs;
      let i = 0;
      while (value > bs[i]!) i++;
      const d = this.d;
      d[o + HISTOGRAM_BUCKETS_AT + i]! += 1;
      d[o]! += 1;
      d[o + 1]! += value;
      if (value < d[o + 2]!) d[o + 2] = value;
      if (value > d[o + 3]!) d[o + 3] = value;
      if (this.w !== null) this.changed(o, value);
      // Last: no double may stay live across this call (it would be boxed, one heap number per call).
      if (this.xs.open !== 0) {
        this.xq[0] = value;
        this.offerExemplar(o, i);
      }
    } else {
      this.reject(value);
    }
  }

  override exemplarsPerRow(): number {
    return this.b.length + 1;
  }

  protected initRow(offset: number): void {
    this.d[offset + 2] = Infinity;
    this.d[offset + 3] = -Infinity;
  }

  protected makeHandle(offset: number): HistogramSeries {
    return new HistogramSeries(this, offset);
  }

  /** Cumulative min and max of the series at `offset` (NaN before the first observation). */
  minMax(offset: number): [number, number] {
    const win = this.windows?.get(offset);
    const min = win ? win.cumulativeMin() : this.d[offset + 2]!;
    const max = win ? win.cumulativeMax() : this.d[offset + 3]!;
    return this.d[offset]! > 0 ? [min, max] : [NaN, NaN];
  }

  /** The cumulative state of the series at `offset`. */
  read(offset: number): HistogramValue {
    const d = this.d;
    const buckets: { le: number; count: number }[] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.b.length; i++) {
      // Row 0 is the sink of samples with bad labels: it reads as an empty series.
      if (offset !== 0) cumulative += d[offset + HISTOGRAM_BUCKETS_AT + i]!;
      buckets.push({ le: i < this.b.length ? this.b[i]! : Infinity, count: cumulative });
    }
    const [min, max] = offset === 0 ? [NaN, NaN] : this.minMax(offset);
    return { count: offset === 0 ? 0 : d[offset]!, sum: offset === 0 ? 0 : d[offset + 1]!, min, max, buckets };
  }
}

/** `stats.x` for a histogram declared without labels. */
export class UnlabelledHistogramMetric extends MetricFacade implements HistogramHandle {
  private readonly o: number;

  constructor(private readonly f: HistogramFamily) {
    super(f);
    this.o = f.offsetForValues([]);
  }

  protected family(): HistogramFamily {
    return this.f;
  }

  observe(value: number): void {
    this.f.observeAt(this.o, value);
  }

  value(): HistogramValue {
    return this.f.read(this.o);
  }

  composite(): Composite {
    return this.f.composite(this.o);
  }
}

/** `stats.x` for a histogram declared with labels. */
export class LabelledHistogramMetric extends MetricFacade {
  constructor(private readonly f: HistogramFamily) {
    super(f);
  }

  protected family(): HistogramFamily {
    return this.f;
  }

  labels(values: object): HistogramHandle {
    return this.f.handleAt(this.f.offsetFor(values));
  }

  observe(value: number, values: object): void {
    const f = this.f;
    f.observeAt(f.offsetFor(values), value);
  }

  value(values: object): HistogramValue {
    return this.f.read(this.f.offsetForRead(values));
  }

  composite(values: object): Composite {
    return this.f.composite(this.f.offsetForRead(values));
  }
}
