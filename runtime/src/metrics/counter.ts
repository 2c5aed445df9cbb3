/**
 * Counters. Row layout: [value, updates]. The hot path (`CounterFamily.incAt/addAt`, reached from a bound
 * handle, the unlabelled metric, or a label lookup) writes two numbers into `d`: no allocation, no string,
 * no clock; while a sampled span may be active it also keeps an exemplar (see exemplar-source.ts). Typed-array accesses carry `!`: offsets are inside `d` by construction (storage grows before a
 * row exists).
 */
import { Family } from './family';
import type { FamilyHost, FamilySpec } from './family';
import { MetricFacade } from './facade';
import type { Composite, CounterHandle } from './types';
import type { WindowLayout } from './window';

const LAYOUT: WindowLayout = { kind: 'counter', nAt: 1, sumAt: 0, minAt: -1, maxAt: -1, valueAt: 0 };
const STRIDE = 2;

/** A bound counter series: the handle user code keeps. */
export class CounterSeries implements CounterHandle {
  constructor(readonly f: CounterFamily, readonly o: number) {}

  inc(): void {
    this.f.incAt(this.o);
  }

  add(value: number): void {
    this.f.addAt(this.o, value);
  }

  value(): number {
    return this.f.valueAt(this.o);
  }

  composite(): Composite {
    return this.f.composite(this.o);
  }
}

/** Storage and index of one counter. */
export class CounterFamily extends Family<CounterSeries> {
  constructor(spec: FamilySpec, host: FamilyHost) {
    super(spec, host, STRIDE, LAYOUT);
  }

  /** Hot path: +1. */
  incAt(o: number): void {
    const d = this.d;
    d[o]! += 1;
    d[o + 1]! += 1;
    if (this.w !== null) this.changed(o, d[o]!);
    // Last: no double may stay live across this call (it would be boxed, one heap number per call).
    if (this.xs.open !== 0) {
      this.xq[0] = 1;
      this.offerExemplar(o, 0);
    }
  }

  /** Hot path: + a finite, non-negative value; anything else is dropped and counted. */
  addAt(o: number, value: number): void {
    if (typeof value === 'number' && value >= 0 && value < Infinity) {
      const d = this.d;
      d[o]! += value;
      d[o + 1]! += 1;
      if (this.w !== null) this.changed(o, d[o]!);
      if (this.xs.open !== 0) {
        this.xq[0] = value;
        this.offerExemplar(o, 0);
      }
    } else {
      this.reject(value);
    }
  }

  override exemplarsPerRow(): number {
    return 1;
  }

  protected initRow(): void {}

  protected makeHandle(offset: number): CounterSeries {
    return new CounterSeries(this, offset);
  }
}

/** `stats.x` for a counter declared without labels. */
export class UnlabelledCounterMetric extends MetricFacade implements CounterHandle {
  private readonly o: number;

  constructor(private readonly f: CounterFamily) {
    super(f);
    this.o = f.offsetForValues([]);
  }

  protected family(): CounterFamily {
    return this.f;
  }

  inc(): void {
    this.f.incAt(this.o);
  }

  add(value: number): void {
    this.f.addAt(this.o, value);
  }

  value(): number {
    return this.f.valueAt(this.o);
  }

  composite(): Composite {
    return this.f.composite(this.o);
  }
}

/** `stats.x` for a counter declared with labels. */
export class LabelledCounterMetric extends MetricFacade {
  constructor(private readonly f: CounterFamily) {
    super(f);
  }

  protected family(): CounterFamily {
    return this.f;
  }

  labels(values: object): CounterHandle {
    return this.f.handleAt(this.f.offsetFor(values));
  }

  inc(values: object): void {
    const f = this.f;
    f.incAt(f.offsetFor(values));
  }

  add(value: number, values: object): void {
    const f = this.f;
    f.addAt(f.offsetFor(values), value);
  }

  value(values: object): number {
    return this.f.valueAt(this.f.offsetForRead(values));
  }

  composite(values: object): Composite {
    return this.f.composite(this.f.offsetForRead(values));
  }
}
