/**
 * Gauges. Row layout: [value, updates, sum of values set, min, max] (min/max since the last window roll;
 * +Infinity/-Infinity until the gauge is first set, see window.ts).
 * Typed-array accesses carry `!`: offsets are inside `d` by construction.
 */
import { Family } from './family';
import type { FamilyHost, FamilySpec } from './family';
import { MetricFacade } from './facade';
import type { Composite, GaugeHandle } from './types';
import type { WindowLayout } from './window';

const LAYOUT: WindowLayout = { kind: 'gauge', nAt: 1, sumAt: 2, minAt: 3, maxAt: 4, valueAt: 0 };
const STRIDE = 5;

/** A bound gauge series. */
export class GaugeSeries implements GaugeHandle {
  constructor(readonly f: GaugeFamily, readonly o: number) {}

  set(value: number): void {
    this.f.setAt(this.o, value);
  }

  inc(): void {
    this.f.addAt(this.o, 1);
  }

  dec(): void {
    this.f.addAt(this.o, -1);
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

/** Storage and index of one gauge. */
export class GaugeFamily extends Family<GaugeSeries> {
  constructor(spec: FamilySpec, host: FamilyHost) {
    super(spec, host, STRIDE, LAYOUT);
  }

  /**
   * Hot path: set any number. NaN and ±Infinity are values a gauge may hold (the exposition writes them as
   * `NaN`, `+Inf`, `-Inf`); they are kept out of the window statistics. A non-number is dropped and counted.
   */
  setAt(o: number, value: number): void {
    if (typeof value === 'number' && value - value === 0) this.write(o, value);
    else if (typeof value === 'number') this.writeNonFinite(o, value);
    else this.reject(value);
  }

  /**
   * Hot path: add a finite value (may be negative). A sum that is not finite (an overflow to ±Infinity,
   * or adding to a gauge set to NaN or ±Infinity) is dropped and counted like a non-finite value.
   */
  addAt(o: number, value: number): void {
    if (typeof value === 'number' && value - value === 0) {
      const next = this.d[o]! + value;
      if (next - next === 0) return this.write(o, next);
    }
    this.rejectAdd(o, value);
  }

  /** Cold path: counts an add whose argument or result is not a finite number. */
  private rejectAdd(o: number, value: unknown): void {
    if (typeof value !== 'number' || value - value !== 0) this.reject(value);
    else this.host.drop(this, 'non_finite', `${this.d[o]!} + ${value} is not finite`);
  }

  private write(o: number, value: number): void {
    const d = this.d;
    const old = d[o]!;
    d[o] = value;
    d[o + 1]! += 1;
    d[o + 2]! += value;
    if (value < d[o + 3]!) d[o + 3] = value;
    if (value > d[o + 4]!) d[o + 4] = value;
    if (this.w !== null && old !== value) this.changed(o, value);
  }

  /** Holds NaN or ±Infinity as the value without adding it to the window's count, sum, min and max. */
  private writeNonFinite(o: number, value: number): void {
    const d = this.d;
    const old = d[o]!;
    d[o] = value;
    if (this.w !== null && !Object.is(old, value)) this.changed(o, value);
  }

  protected initRow(offset: number): void {
    this.d[offset + 3] = Infinity;
    this.d[offset + 4] = -Infinity;
  }

  protected makeHandle(offset: number): GaugeSeries {
    return new GaugeSeries(this, offset);
  }
}

/** `stats.x` for a gauge declared without labels. */
export class UnlabelledGaugeMetric extends MetricFacade implements GaugeHandle {
  private readonly o: number;

  constructor(private readonly f: GaugeFamily) {
    super(f);
    this.o = f.offsetForValues([]);
  }

  protected family(): GaugeFamily {
    return this.f;
  }

  set(value: number): void {
    this.f.setAt(this.o, value);
  }

  inc(): void {
    this.f.addAt(this.o, 1);
  }

  dec(): void {
    this.f.addAt(this.o, -1);
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

/** `stats.x` for a gauge declared with labels. */
export class LabelledGaugeMetric extends MetricFacade {
  constructor(private readonly f: GaugeFamily) {
    super(f);
  }

  protected family(): GaugeFamily {
    return this.f;
  }

  labels(values: object): GaugeHandle {
    return this.f.handleAt(this.f.offsetFor(values));
  }

  set(value: number, values: object): void {
    const f = this.f;
    f.setAt(f.offsetFor(values), value);
  }

  inc(values: object): void {
    const f = this.f;
    f.addAt(f.offsetFor(values), 1);
  }

  dec(values: object): void {
    const f = this.f;
    f.addAt(f.offsetFor(values), -1);
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
