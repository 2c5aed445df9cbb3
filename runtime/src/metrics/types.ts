/**
 * Public types of the metrics API: declarations, handles, metrics, stats structs, composites, callbacks.
 * Types only; the implementations live beside this file.
 */
import type { BaseUnit, MetricKind } from '../conventions';

/** The values of a metric's declared labels, keyed by label name. A wrong or missing key is a compile error. */
export type LabelValues<L extends string> = { readonly [K in L]: string };

/** Sliding-window settings for {@link Composite} statistics. */
export interface WindowOptions {
  /** Length of the window in seconds (default 60). */
  readonly seconds?: number;
  /** Number of sub-windows the window rolls in (default 12: a 60 s window moves every 5 s). */
  readonly slots?: number;
  /**
   * Also export the window's avg, min, max and rate as gauges (`<name>_window_avg` ... in the exposition and
   * OTLP). Every series of the metric is then tracked from its creation. Default false.
   */
  readonly export?: boolean;
}

/** Options every metric declaration accepts. */
export interface MetricOptions<L extends string> {
  /** One sentence: the Prometheus HELP text and the editor hover. */
  readonly description: string;
  /** Base unit; it becomes the suffix of the exposed name (`latency` + `seconds` → `..._latency_seconds`). */
  readonly unit?: BaseUnit;
  /** Label names. Values are typed from them: `labels({ model: 'bert' })`. */
  readonly labels?: readonly L[];
  /** Cap on distinct label sets; past it, samples go to one overflow series (default: the registry's, 2000). */
  readonly maxSeries?: number;
  /** Sliding-window settings for `composite()` (default: the registry's, 60 s in 12 slots). */
  readonly window?: WindowOptions;
}

/** A Prometheus duration (`30s`, `5m`, `1h`): how long a condition holds before an alert fires. */
export type AlertDuration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}`;

/** Who an alert goes to: `page` wakes someone up, `ticket` waits for working hours. */
export type AlertSeverity = 'page' | 'ticket';

/**
 * An alert on a counter or a gauge, for `statscope generate prometheus-rules`. A gauge is compared by its value,
 * a counter by its per-second rate over 5 minutes. Metadata only: the runtime keeps it and never acts on it.
 */
export interface ThresholdAlert {
  /** Fire while the value (gauge) or rate (counter) is above this. */
  readonly above?: number;
  /** Fire while the value (gauge) or rate (counter) is below this. */
  readonly below?: number;
  /** How long the condition holds before the alert fires (default `5m`). */
  readonly for?: AlertDuration;
  /** Default `ticket`. */
  readonly severity?: AlertSeverity;
}

/**
 * Latency (or size) objectives of a histogram, in its declared unit: `{ p95: 0.2 }` alerts while the 95th
 * percentile over 5 minutes is above 0.2. The generated dashboards draw these quantiles. Metadata only.
 */
export interface HistogramSlo {
  readonly p50?: number;
  readonly p90?: number;
  readonly p95?: number;
  readonly p99?: number;
  /** How long the quantile stays above its objective before the alert fires (default `5m`). */
  readonly for?: AlertDuration;
  /** Default `page`. */
  readonly severity?: AlertSeverity;
}

/** Options of a counter or gauge declaration. */
export interface ScalarOptions<L extends string> extends MetricOptions<L> {
  /** An alerting threshold for the generated Prometheus rules. */
  readonly alert?: ThresholdAlert;
}

/** Options of a histogram declaration. */
export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** Finite, strictly increasing bucket upper bounds; `+Inf` is implicit. Default {@link DEFAULT_BUCKETS}. */
  readonly buckets?: readonly number[];
  /** Quantile objectives for the generated Prometheus rules and dashboards. */
  readonly slo?: HistogramSlo;
}

/** A declared metric, as returned by `counter()`, `gauge()` and `histogram()`. Plain data. */
export interface MetricDeclaration<K extends MetricKind, L extends string> {
  readonly kind: K;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labels: readonly L[];
  readonly buckets: readonly number[] | undefined;
  readonly maxSeries: number | undefined;
  readonly window: WindowOptions | undefined;
  /** Counter and gauge: the declared alerting threshold (metadata for generated rules). */
  readonly alert: ThresholdAlert | undefined;
  /** Histogram: the declared quantile objectives (metadata for generated rules and dashboards). */
  readonly slo: HistogramSlo | undefined;
}

/** A counter declaration with label names `L`. */
export type CounterDeclaration<L extends string = never> = MetricDeclaration<'counter', L>;
/** A gauge declaration with label names `L`. */
export type GaugeDeclaration<L extends string = never> = MetricDeclaration<'gauge', L>;
/** A histogram declaration with label names `L`. */
export type HistogramDeclaration<L extends string = never> = MetricDeclaration<'histogram', L>;
/** Any declaration. */
export type AnyDeclaration = MetricDeclaration<MetricKind, string>;
/** The second argument of `defineStats`: metric keys mapped to declarations. */
export type StatsDeclarations = Readonly<Record<string, AnyDeclaration>>;

/**
 * Statistics over a sliding window, readable in process at any time.
 * - `count`: samples in the window (inc/add/set/observe calls);
 * - `sum`: their sum (counter: the increase; histogram: the sum of observations; gauge: the sum of values set);
 * - `avg`: `sum / count` (gauge without samples: its current value; histogram without samples: NaN);
 * - `min`/`max`: counter: its value at the window start / now; gauge: the extremes it held; histogram: the
 *   extreme observations (NaN without samples);
 * - `rate`: per second; counter: the increase per second; gauge and histogram: samples per second;
 * - `seconds`: the time the window actually covers (shorter than configured while the series is young).
 */
export interface Composite {
  readonly count: number;
  readonly sum: number;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly rate: number;
  readonly seconds: number;
}

/** A histogram's cumulative state. `buckets` are cumulative counts per upper bound, the last is `+Inf`. */
export interface HistogramValue {
  readonly count: number;
  readonly sum: number;
  /** Smallest observation so far, NaN before the first. */
  readonly min: number;
  /** Largest observation so far, NaN before the first. */
  readonly max: number;
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
}

/** How callbacks are delivered. */
export interface DeliveryOptions {
  /**
   * `sync` (default) calls the callback inside the record call, guarded: keep it cheap.
   * `batched` only marks the series on the hot path and calls the callback later with the latest value
   * (once per series per batch), so a slow callback never delays the program.
   */
  readonly delivery?: 'sync' | 'batched';
  /** Batched only: wait this long before delivering a batch (default 0: the next turn of the event loop). */
  readonly intervalMs?: number;
}

/** Called when a series changes: counter and gauge with the new value, histogram with the observation. */
export type ChangeCallback<L extends string> = (value: number, labels: LabelValues<L>) => unknown;

/** Threshold of `onThreshold`: fire when a series' value moves above `above` and/or below `below`. */
export interface Threshold {
  readonly above?: number;
  readonly below?: number;
}

/** What a threshold callback learns besides the value. */
export interface ThresholdEvent<L extends string> {
  readonly value: number;
  readonly labels: LabelValues<L>;
  readonly direction: 'above' | 'below';
  readonly threshold: number;
}

/** Called when a series crosses a threshold. */
export type ThresholdCallback<L extends string> = (value: number, event: ThresholdEvent<L>) => unknown;

/** Stops a subscription. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** Subscriptions every metric offers. Callback exceptions and rejections are caught and reported. */
export interface Observable<L extends string> {
  /** Calls `callback` when any series of the metric changes. */
  onChange(callback: ChangeCallback<L>, options?: DeliveryOptions): Unsubscribe;
  /**
   * Calls `callback` when a series' value (histogram: an observation) moves beyond the threshold: edge
   * triggered, once per crossing; it re-arms when the value comes back.
   */
  onThreshold(threshold: Threshold, callback: ThresholdCallback<L>, options?: DeliveryOptions): Unsubscribe;
}

/** What every metric tells about itself. */
export interface MetricInfo<K extends MetricKind, L extends string> {
  /** The exposed (Prometheus) name, e.g. `inference_requests_total`. */
  readonly name: string;
  readonly kind: K;
  readonly component: string;
  /** The key in the stats struct, e.g. `requests`. */
  readonly key: string;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labelNames: readonly L[];
  /** True when the declaration was rejected and this metric does nothing. */
  readonly isNoop: boolean;
}

/** A counter series: only goes up. */
export interface CounterHandle {
  /** Adds 1. */
  inc(): void;
  /** Adds `value` (finite, ≥ 0; anything else is dropped and counted). */
  add(value: number): void;
  /** The current value. */
  value(): number;
  /** Sliding-window statistics of this series. */
  composite(): Composite;
}

/** A gauge series: a value that goes up and down. */
export interface GaugeHandle {
  /** Sets the value (finite; anything else is dropped and counted). */
  set(value: number): void;
  /** Adds 1. */
  inc(): void;
  /** Subtracts 1. */
  dec(): void;
  /** Adds `value`, which may be negative. */
  add(value: number): void;
  value(): number;
  composite(): Composite;
}

/** A histogram series. */
export interface HistogramHandle {
  /** Records one observation (finite; anything else is dropped and counted). */
  observe(value: number): void;
  value(): HistogramValue;
  composite(): Composite;
}

/** A counter without labels: use it directly. */
export interface UnlabelledCounter extends MetricInfo<'counter', never>, CounterHandle, Observable<never> {}
/** A counter with labels `L`: bind a handle with `labels()` once, or pass the values per call. */
export interface LabelledCounter<L extends string> extends MetricInfo<'counter', L>, Observable<L> {
  /** The series for these label values: cache it and use it on the hot path. */
  labels(values: LabelValues<L>): CounterHandle;
  inc(values: LabelValues<L>): void;
  add(value: number, values: LabelValues<L>): void;
  value(values: LabelValues<L>): number;
  composite(values: LabelValues<L>): Composite;
}

/** A gauge without labels. */
export interface UnlabelledGauge extends MetricInfo<'gauge', never>, GaugeHandle, Observable<never> {}
/** A gauge with labels `L`. */
export interface LabelledGauge<L extends string> extends MetricInfo<'gauge', L>, Observable<L> {
  labels(values: LabelValues<L>): GaugeHandle;
  set(value: number, values: LabelValues<L>): void;
  inc(values: LabelValues<L>): void;
  dec(values: LabelValues<L>): void;
  add(value: number, values: LabelValues<L>): void;
  value(values: LabelValues<L>): number;
  composite(values: LabelValues<L>): Composite;
}

/** A histogram without labels. */
export interface UnlabelledHistogram extends MetricInfo<'histogram', never>, HistogramHandle, Observable<never> {}
/** A histogram with labels `L`. */
export interface LabelledHistogram<L extends string> extends MetricInfo<'histogram', L>, Observable<L> {
  labels(values: LabelValues<L>): HistogramHandle;
  observe(value: number, values: LabelValues<L>): void;
  value(values: LabelValues<L>): HistogramValue;
  composite(values: LabelValues<L>): Composite;
}

/** The counter a declaration with labels `L` produces. */
export type Counter<L extends string = never> = [L] extends [never] ? UnlabelledCounter : LabelledCounter<L>;
/** The gauge a declaration with labels `L` produces. */
export type Gauge<L extends string = never> = [L] extends [never] ? UnlabelledGauge : LabelledGauge<L>;
/** The histogram a declaration with labels `L` produces. */
export type Histogram<L extends string = never> = [L] extends [never] ? UnlabelledHistogram : LabelledHistogram<L>;

/** The metric a declaration produces. */
export type MetricOf<D> =
  D extends MetricDeclaration<'counter', infer L> ? Counter<L>
  : D extends MetricDeclaration<'gauge', infer L> ? Gauge<L>
  : D extends MetricDeclaration<'histogram', infer L> ? Histogram<L>
  : never;

/** The struct `defineStats` returns: one metric per declared key. */
export type Stats<D extends StatsDeclarations> = { readonly [K in keyof D]: MetricOf<D[K]> };

/** Any metric, whatever its kind and labels. */
export type AnyMetric = MetricInfo<MetricKind, string>;
