/**
 * The registry contract. Two copies of the runtime in one process share one registry object (see
 * internal/global.ts); a copy only ever talks to a registry created by another copy through this interface,
 * so it is versioned by `layout` and changes only with a new global key.
 */
import type { MetricKind } from '../conventions';
import type { Clock } from '../internal/clock';
import type { Exemplar } from './exemplar-slots';
import type { ExemplarSource } from './exemplar-source';
import type { Composite, Stats, StatsDeclarations } from './types';

/** Exposition formats the serializer writes. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** Registry-wide settings. */
export interface RegistryOptions {
  /** Default cap on distinct label sets per metric (default 2000). A declaration's `maxSeries` wins. */
  readonly maxSeriesPerMetric?: number;
  /**
   * Longest label value kept, in UTF-16 code units (default 2048); longer values are truncated (so two that
   * differ only past the cap share a series) and counted in `statscope_truncated_label_values_total`.
   */
  readonly maxLabelValueLength?: number;
  /** Default sliding window for composites (default 60 s in 12 slots). */
  readonly window?: { readonly seconds?: number; readonly slots?: number };
  /**
   * Called (inside a guard) when a callback throws or rejects, besides the count in
   * `statscope_callback_errors_total` and the once-per-metric diag message.
   */
  readonly onError?: (error: unknown, metric: string) => void;
}

/** Construction-only settings (tests drive time with these). */
export interface RegistryInit extends RegistryOptions {
  /**
   * Monotonic clock in milliseconds (default `performance.now`). A function sets only the time; a
   * {@link Clock} also runs the timers (window rolls, batched `onChange`/`onThreshold` delivery).
   */
  readonly clock?: (() => number) | Clock;
  /** Roll sliding windows on timers (default true); false leaves it to `rollWindows()`. */
  readonly autoRollWindows?: boolean;
  /** Where exemplars come from (default: the sampled span active in the OpenTelemetry context). */
  readonly exemplars?: ExemplarSource;
}

/** One series in a snapshot. `labels` are values in `labelNames` order. */
export interface SeriesSnapshot {
  readonly labels: readonly string[];
  /** Counter or gauge value; histogram count. */
  readonly value: number;
  /** Histograms only. */
  readonly histogram?: HistogramSnapshot;
  /** Present when the metric exports its window (`window: { export: true }`). */
  readonly window?: Composite;
  /** Counters and histograms observed inside sampled spans: the latest exemplar per bucket (counters: one). */
  readonly exemplars?: readonly SeriesExemplar[];
}

/** An exemplar in a snapshot: `bucket` is the histogram bucket index (0 for counters). */
export interface SeriesExemplar extends Exemplar {
  readonly bucket: number;
}

/** A histogram series' cumulative state; `counts` are per bucket (not cumulative), the last is +Inf. */
export interface HistogramSnapshot {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly counts: readonly number[];
}

/** One metric in a snapshot. */
export interface FamilySnapshot {
  readonly name: string;
  readonly component: string;
  readonly key: string;
  readonly kind: MetricKind;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labelNames: readonly string[];
  /** Histogram upper bounds (+Inf excluded); empty for other kinds. */
  readonly bounds: readonly number[];
  /** Wall-clock ms since the epoch when the metric was declared (start of its cumulative series). */
  readonly startTimeMs: number;
  readonly series: readonly SeriesSnapshot[];
}

/** A point-in-time copy of every metric: what the OTel, in-memory and custom backends read. */
export interface RegistrySnapshot {
  /** Wall-clock ms since the epoch when the snapshot was taken. */
  readonly timeMs: number;
  readonly families: readonly FamilySnapshot[];
}

/** An exposition being written in slices (see {@link MetricsRegistry.exposeInSlices}). */
export interface ExpositionStepper {
  step(budgetBytes: number): boolean;
  readonly failed: boolean;
}

/** A metrics registry: declared structs, their storage, and the ways to read it. */
export interface MetricsRegistry {
  /** Contract version of this interface (see internal/global.ts). */
  readonly layout: number;
  /** Declares (or re-declares) a component's stats struct in this registry. */
  defineStats<D extends StatsDeclarations>(component: string, declarations: D): Stats<D>;
  /** Changes registry-wide settings for metrics declared afterwards (the series cap applies at once). */
  configure(options: RegistryOptions): void;
  /** The exposition text in the given format. Never throws. */
  serialize(format: ExpositionFormat): string;
  /** The exposition as UTF-8 bytes in one fresh buffer. Never throws. */
  serializeToBuffer(format: ExpositionFormat): Buffer;
  /**
   * Streams the exposition as UTF-8 chunks of about 64 KiB, each the receiver's to keep, in one synchronous
   * pass (the /metrics server uses `exposeInSlices` instead). Returns false if serialization failed midway.
   */
  writeExposition(format: ExpositionFormat, sink: (chunk: Buffer) => void): boolean;
  /**
   * The exposition in slices, for a caller that yields to the event loop between them (the /metrics
   * server): each `step(budgetBytes)` writes series until about that many more bytes were written,
   * and returns true when the exposition is complete. A step that fails reports through diag and throws
   * nothing: it returns true with the exposition cut short, and `failed` becomes true.
   */
  exposeInSlices(format: ExpositionFormat, sink: (chunk: Buffer) => void): ExpositionStepper;
  /** A copy of every metric's current values. Never throws. */
  snapshot(): RegistrySnapshot;
  /** Exposed names of every metric, in declaration order. */
  metricNames(): string[];
  /** Forgets every struct and value (tests). Existing handles keep working but are no longer exported. */
  clear(): void;
}
