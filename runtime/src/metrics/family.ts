/**
 * A metric family: the numeric storage of all its series, the label index, the cardinality cap, the
 * overflow series and the cold paths (bad values, bad labels, subscriptions, windows). Kind-specific hot
 * paths (counter.ts, gauge.ts, histogram.ts) touch only `d`, a Float64Array with `stride` numbers per row.
 *
 * Rows: row 0 is the sink, where samples with bad label values land (so a record call with bad labels
 * stays on the same monomorphic code and nothing reads the result); rows 1.. are the exported series in
 * creation order. A series is addressed by its offset `row * stride`. Handle objects exist only for
 * series someone called `labels()` for; storage itself is only numbers (see label-index.ts for labels).
 */
import { OVERFLOW_LABEL_VALUE } from '../conventions';
import type { MetricKind } from '../conventions';
import type { Clock } from '../internal/clock';
import { diagOnce } from '../internal/diag';
import { ExemplarSlots } from './exemplar-slots';
import type { Exemplar } from './exemplar-slots';
import type { ExemplarSource } from './exemplar-source';
import { compileFind, LabelIndex } from './label-index';
import type { ChangeCallback, Composite, DeliveryOptions, LabelValues, ThresholdCallback } from './types';
import { isValidThreshold, Watchers } from './watchers';
import type { WatchedFamily } from './watchers';
import { EMPTY_COMPOSITE } from './window';
import type { ResolvedWindow, SeriesWindow, WindowLayout } from './window';

/** Why a sample was dropped; the `reason` label of `statscope_dropped_samples_total`. */
export type DropReason = 'non_finite' | 'negative' | 'wrong_type' | 'bad_label';

/** What a family needs from its registry (all cold paths). */
export interface FamilyHost {
  /** Counts and reports a dropped sample. */
  drop(family: FamilyBase, reason: DropReason, detail: string): void;
  /** Counts a label set refused by the cardinality cap. */
  overflowed(family: FamilyBase): void;
  /** The registry's default series cap. */
  defaultMaxSeries(): number;
  /** The longest label value kept; longer ones are truncated. */
  maxLabelValueLength(): number;
  /** Counts a sample whose label values had to be truncated. */
  truncated(family: FamilyBase): void;
  /** Monotonic time and timers (batched watcher delivery). */
  readonly clock: Clock;
  /** Monotonic milliseconds. */
  now(): number;
  /** Starts sliding-window tracking of a series. */
  track(family: FamilyBase, offset: number, withHistory: boolean): SeriesWindow;
  /** Counts and reports a failed callback. */
  callbackFailed(family: FamilyBase, error: unknown): void;
  /** Where exemplars come from (the sampled span active at a record call). */
  readonly exemplars: ExemplarSource;
}

/** Static description of a family, resolved by the registry. */
export interface FamilySpec {
  readonly name: string;
  readonly component: string;
  readonly key: string;
  readonly kind: MetricKind;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labelNames: readonly string[];
  readonly maxSeries: number | undefined;
  readonly window: ResolvedWindow;
  readonly exportWindow: boolean;
  /** Internal self-metrics never report drops about themselves. */
  readonly isSelf: boolean;
}

const noop = (): void => undefined;
const NO_LABELS: readonly string[] = Object.freeze([]);

/** Storage, index and cold paths of one metric, whatever its kind. */
export abstract class FamilyBase implements WatchedFamily {
  /** Numeric storage, `stride` numbers per row; row 0 is the sink. */
  d: Float64Array;
  /** Subscribers, or null (checked on the hot path, one load). */
  w: Watchers | null = null;
  /** Sliding windows of tracked series, keyed by offset. */
  windows: Map<number, SeriesWindow> | undefined = undefined;
  /** Rows in use, the sink included (exported series are rows 1 .. rows - 1). */
  rows = 1;
  /** Exemplar source: the record path reads `xs.open` only (see exemplar-source.ts). */
  readonly xs: ExemplarSource;
  /** Exemplar slots, created with the first exemplar. */
  x: ExemplarSlots | null = null;
  /** The value of the exemplar being recorded (see `offerExemplar`). */
  readonly xq = new Float64Array(1);
  /** Label values → row; undefined for unlabelled families. */
  readonly index: LabelIndex | undefined;
  /** Wall-clock ms when the family was created: the start time of its cumulative series. */
  readonly createdWallMs: number;
  /** Monotonic ms when the family was created. */
  readonly createdMs: number;
  private readonly find: (values: object) => number;
  private overflowRow = 0;
  private realSeries = 0;
  private hasReportedExtraKeys = false;

  /** `stride` numbers per row; `layout` says where the window statistics sit in a row. */
  constructor(readonly spec: FamilySpec, readonly host: FamilyHost, readonly stride: number, readonly layout: WindowLayout) {
    this.d = new Float64Array(stride * 4);
    this.xs = host.exemplars;
    this.createdWallMs = Date.now();
    this.createdMs = host.now();
    this.index = spec.labelNames.length > 0 ? new LabelIndex(spec.labelNames) : undefined;
    this.find = this.index ? compileFind(this.index) : () => -1;
  }

  /** Sets the initial numbers of a new row (histograms start min/max at ±Infinity). */
  protected abstract initRow(offset: number): void;

  /** Exemplar slots per row: one per bucket for histograms, one for counters, none for gauges. */
  exemplarsPerRow(): number {
    return 0;
  }

  /**
   * Exemplar path, reached only while `xs.open > 0`: keeps the active sampled span's ids and the value in
   * `xq[0]` in slot `bucket` of the series at `offset`. The value travels in `xq` rather than as an argument:
   * a double passed to a call that is not inlined is boxed (one heap number per record call). Allocates
   * nothing once the slots exist (created on the first exemplar, grown with the storage).
   */
  offerExemplar(offset: number, bucket: number): void {
    if (offset === 0) return;
    const sc = this.xs.active();
    if (sc === undefined) return;
    const row = offset / this.stride;
    let x = this.x;
    if (x === null || (row + 1) * x.perRow > x.size) x = this.growExemplars();
    const slot = row * x.perRow + bucket;
    x.traceIds[slot] = sc.traceId;
    x.spanIds[slot] = sc.spanId;
    x.values[slot] = this.xq[0]!;
    x.times[slot] = this.xs.timeMs;
  }

  /** Cold path: slots for every row the storage can hold. */
  private growExemplars(): ExemplarSlots {
    const rows = this.d.length / this.stride;
    if (this.x === null) this.x = new ExemplarSlots(this.exemplarsPerRow(), rows);
    else this.x.grow(rows);
    return this.x;
  }

  /** The latest exemplar of exported series `index` in `bucket` (0 for counters), or undefined. */
  exemplarOf(index: number, bucket: number): Exemplar | undefined {
    const x = this.x;
    return x === null ? undefined : x.get((index + 1) * x.perRow + bucket);
  }

  /** Number of exported series (the overflow series included). */
  seriesCount(): number {
    return this.rows - 1;
  }

  /** Offset of exported series `index`. */
  offsetOf(index: number): number {
    return (index + 1) * this.stride;
  }

  /** The cap on distinct label sets. */
  maxSeries(): number {
    return this.spec.maxSeries ?? this.host.defaultMaxSeries();
  }

  /**
   * Offset of the series for a label-values object. The fast path is the compiled index lookup; misses,
   * bad values and hostile objects (throwing getters, proxies) go to the cold path. Never throws.
   */
  offsetFor(values: unknown): number {
    try {
      if (typeof values === 'object' && values !== null) {
        const row = this.find(values);
        return row >= 0 ? row * this.stride : this.resolve(values);
      }
      return this.badLabels('label values must be an object');
    } catch (error) {
      return this.badLabels(`reading label values threw: ${String(error)}`);
    }
  }

  /**
   * Read-only lookup for `value()` and `composite()`: the offset of an existing series, or 0 (the sink,
   * which reads as empty) for label sets that are bad or were never recorded. Creates no series and
   * counts no dropped samples: reading is not recording. Never throws.
   */
  offsetForRead(values: unknown): number {
    try {
      if (typeof values !== 'object' || values === null) return 0;
      const row = this.find(values);
      if (row >= 0) return row * this.stride;
      const converted = this.convert(values as Record<string, unknown>);
      if (converted === undefined) return 0;
      if (this.index === undefined) return this.rows > 1 ? this.stride : 0;
      const found = this.index.find(converted.strings);
      return found > 0 ? found * this.stride : 0;
    } catch {
      return 0;
    }
  }

  /** Offset of the series with these validated values (declaration order), created when new. */
  offsetForValues(values: readonly string[]): number {
    if (this.index === undefined) return this.rows > 1 ? this.stride : this.append(NO_LABELS);
    const row = this.index.find(values);
    return row >= 0 ? row * this.stride : this.create(values);
  }

  /** The value at `offset` (counter and gauge; 0 for the sink, where samples with bad labels land). */
  valueAt(offset: number): number {
    return offset === 0 ? 0 : (this.d[offset] as number);
  }

  /** Counts a rejected value with the right reason. */
  reject(value: unknown): void {
    const reason: DropReason = typeof value !== 'number' ? 'wrong_type' : value - value !== 0 ? 'non_finite' : 'negative';
    this.host.drop(this, reason, typeof value === 'number' || value === undefined ? String(value) : typeof value);
  }

  /** Cold path: convert, validate, then find or create the series. */
  private resolve(values: object): number {
    const record = values as Record<string, unknown>;
    const converted = this.convert(record);
    if (converted === undefined) return this.badLabels(this.badLabelDetail(record));
    if (converted.isTruncated) this.host.truncated(this);
    if (!this.hasReportedExtraKeys) this.reportExtraKeys(record);
    const offset = this.offsetForValues(converted.strings);
    if (converted.hasConverted) this.aliasConverted(record, converted.strings);
    return offset;
  }

  /**
   * The declared labels' values as strings (numbers, booleans and bigints converted, values past the
   * length cap truncated), or undefined when one is bad.
   */
  private convert(record: Record<string, unknown>): { strings: string[]; hasConverted: boolean; isTruncated: boolean } | undefined {
    const names = this.spec.labelNames;
    const strings: string[] = new Array<string>(names.length);
    const max = this.host.maxLabelValueLength();
    let hasConverted = false;
    let isTruncated = false;
    for (let i = 0; i < names.length; i++) {
      const raw = record[names[i] as string];
      if (typeof raw === 'string') {
        if (raw.length > max) {
          strings[i] = truncate(raw, max);
          isTruncated = true;
        } else strings[i] = raw;
      } else if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean' || typeof raw === 'bigint') {
        strings[i] = String(raw);
        hasConverted = true;
      } else return undefined;
    }
    return { strings, hasConverted, isTruncated };
  }

  private badLabelDetail(record: Record<string, unknown>): string {
    for (const name of this.spec.labelNames) {
      const raw = record[name];
      if (typeof raw !== 'string' && !((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean' || typeof raw === 'bigint')) {
        return `label "${name}" is ${raw === undefined ? 'missing' : `a ${typeof raw}`}`;
      }
    }
    return 'bad label values';
  }

  /** Lets the compiled lookup find non-string label values next time (see LabelIndex.alias). */
  private aliasConverted(record: Record<string, unknown>, strings: readonly string[]): void {
    const index = this.index;
    if (index === undefined) return;
    const names = this.spec.labelNames;
    for (let i = 0; i < names.length; i++) {
      const raw = record[names[i] as string];
      if (typeof raw !== 'string') index.alias(i, raw, strings[i] as string);
    }
  }

  private reportExtraKeys(record: Record<string, unknown>): void {
    const extra = Object.keys(record).filter((k) => !this.spec.labelNames.includes(k));
    if (extra.length === 0) return;
    this.hasReportedExtraKeys = true;
    diagOnce('warn', `${this.spec.name}|extra-labels`, `metric ${this.spec.name}: undeclared labels ${extra.join(', ')} are ignored (declared: ${this.spec.labelNames.join(', ') || 'none'})`);
  }

  private badLabels(detail: string): number {
    if (!this.spec.isSelf) this.host.drop(this, 'bad_label', detail);
    return 0;
  }

  private create(values: readonly string[]): number {
    const isOverflowValue = values.every((v) => v === OVERFLOW_LABEL_VALUE);
    if (this.realSeries >= this.maxSeries() || isOverflowValue) {
      if (!isOverflowValue) this.host.overflowed(this);
      if (this.overflowRow === 0) this.overflowRow = this.append(this.spec.labelNames.map(() => OVERFLOW_LABEL_VALUE)) / this.stride;
      return this.overflowRow * this.stride;
    }
    this.realSeries++;
    return this.append(values);
  }

  private append(values: readonly string[]): number {
    const row = this.rows;
    const needed = (row + 1) * this.stride;
    if (needed > this.d.length) {
      let size = this.d.length * 2;
      while (size < needed) size *= 2;
      const next = new Float64Array(size);
      next.set(this.d);
      this.d = next;
    }
    this.index?.insert(row, values);
    this.rows = row + 1;
    const offset = row * this.stride;
    this.initRow(offset);
    if (this.spec.exportWindow) this.window(offset, false);
    return offset;
  }

  /** Label values of exported series `index`, in declaration order. */
  valuesOf(index: number): string[] {
    const n = this.spec.labelNames.length;
    const out: string[] = [];
    for (let j = 0; j < n; j++) out.push(this.index?.valueOf(index + 1, j) ?? '');
    return out;
  }

  /** The label values of series `index` as a frozen object (used by callbacks). */
  labelsOf(index: number): LabelValues<string> {
    const names = this.spec.labelNames;
    const values = this.valuesOf(index);
    const out: Record<string, string> = {};
    for (let j = 0; j < names.length; j++) out[names[j] as string] = values[j] as string;
    return Object.freeze(out);
  }

  /** Hot path, only when `w !== null`: tells subscribers that the series at `offset` changed. */
  changed(offset: number, value: number): void {
    const w = this.w;
    if (w !== null && offset !== 0) w.notify(offset / this.stride - 1, value);
  }

  callbackFailed(error: unknown): void {
    this.host.callbackFailed(this, error);
  }

  /** The registry's clock (watchers schedule batched deliveries on it). */
  get clock(): Clock {
    return this.host.clock;
  }

  /** Subscribes to changes of any series. */
  onChange(callback: unknown, options: DeliveryOptions | undefined): () => void {
    if (typeof callback !== 'function') return this.badSubscription('onChange needs a function');
    return this.unsubscriber(this.watchers().onChange(callback as ChangeCallback<string>, options));
  }

  /** Subscribes to threshold crossings of any series. */
  onThreshold(threshold: unknown, callback: unknown, options: DeliveryOptions | undefined): () => void {
    if (!isValidThreshold(threshold)) return this.badSubscription('onThreshold needs { above?: number, below?: number } with at least one number');
    if (typeof callback !== 'function') return this.badSubscription('onThreshold needs a function');
    return this.unsubscriber(this.watchers().onThreshold(threshold, callback as ThresholdCallback<string>, options));
  }

  private watchers(): Watchers {
    if (this.w === null) this.w = new Watchers(this);
    return this.w;
  }

  private unsubscriber(off: () => void): () => void {
    return () => {
      off();
      if (this.w !== null && this.w.isEmpty) this.w = null;
    };
  }

  private badSubscription(message: string): () => void {
    diagOnce('warn', `${this.spec.name}|subscription`, `metric ${this.spec.name}: ${message}; the subscription is ignored`);
    return noop;
  }

  /** Sliding-window statistics of the series at `offset` (tracking starts on the first call). */
  composite(offset: number): Composite {
    if (offset === 0) return EMPTY_COMPOSITE;
    try {
      return this.window(offset, true).composite(this.host.now());
    } catch {
      return EMPTY_COMPOSITE;
    }
  }

  /** The window of the series at `offset`, created when missing. */
  window(offset: number, withHistory: boolean): SeriesWindow {
    if (this.windows === undefined) this.windows = new Map();
    let win = this.windows.get(offset);
    if (win === undefined) {
      win = this.host.track(this, offset, withHistory);
      this.windows.set(offset, win);
    }
    return win;
  }
}

/** A family with handle objects of class `H`, created on demand by `labels()` and cached. */
export abstract class Family<H> extends FamilyBase {
  private handles: Map<number, H> | undefined = undefined;

  /** Creates the handle object for a series offset. */
  protected abstract makeHandle(offset: number): H;

  /** The (cached) handle of the series at `offset`. */
  handleAt(offset: number): H {
    if (this.handles === undefined) this.handles = new Map();
    let h = this.handles.get(offset);
    if (h === undefined) {
      h = this.makeHandle(offset);
      this.handles.set(offset, h);
    }
    return h;
  }
}

/** The first `max` UTF-16 code units of `value`, one fewer when the cut would split a surrogate pair. */
function truncate(value: string, max: number): string {
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
