/**
 * The data model of received telemetry: spans, metric points and log records, as stored in a run.
 *
 * Time convention: every timestamp is kept exactly as OTLP sends it, in nanoseconds since the Unix
 * epoch as a `bigint` (`*UnixNano`), so a run exports back to OTLP losslessly. For display, sorting
 * and arithmetic each record also has plain `number` milliseconds (`startTimeMs`, `durationMs`,
 * `timeMs`): computed once at decode time for plain records; for spans computed from the stored
 * exact time on each read (a few arithmetic operations, no allocation), while a span's `bigint`
 * fields make a new bigint on each read (compare them with `===`, which compares values). UI code
 * should only ever need the millisecond fields.
 *
 * Everything here is immutable data, no `vscode` types. Log records and metric data are plain
 * objects; a span is a `StoredSpan` (records.ts) whose fields are accessors computing them from a
 * compact row, so `{ ...span }` copies nothing (read fields by name).
 */

/**
 * An attribute value as received.
 * - `string`, `boolean`: as is.
 * - `number`: an OTLP `doubleValue` (a whole one such as `3.0` too: it exports back as `doubleValue`).
 * - `bigint`: an OTLP `intValue`, whatever its size (so `3` and `3.0` keep their types through a run
 *   file; `Number(value)` where a number is wanted).
 * - `Uint8Array`: a `bytesValue`.
 * - array: an `arrayValue`.
 * - `{ kvlist }`: a `kvlistValue` (ordered key/value pairs).
 * - `null`: an empty `AnyValue` (OTLP's explicit "no value"); data, not absence, hence `null`.
 */
export type AttributeValue =
  | string
  | boolean
  | number
  | bigint
  | Uint8Array
  | readonly AttributeValue[]
  | KeyValueList
  | null;

/** A `kvlistValue`: nested key/value pairs, in received order. */
export interface KeyValueList {
  readonly kvlist: readonly Attribute[];
}

/**
 * One key/value pair. Attributes are kept as an ordered array, not an object, so hostile keys such
 * as `__proto__` are harmless and duplicates survive a round trip.
 */
export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}

/** The resource (process/service) that produced telemetry. Shared by every record of one OTLP resource block. */
export interface ResourceInfo {
  readonly attributes: readonly Attribute[];
  /** `service.name`, or `unknown_service` when absent. */
  readonly serviceName: string;
  readonly droppedAttributesCount: number;
  readonly schemaUrl: string;
}

/** The instrumentation scope (library) that produced telemetry. */
export interface ScopeInfo {
  readonly name: string;
  readonly version: string;
  readonly attributes: readonly Attribute[];
  readonly schemaUrl: string;
}

/** OTLP span kind. */
export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/** OTLP status code. */
export type StatusCode = 'unset' | 'ok' | 'error';

export interface SpanStatus {
  readonly code: StatusCode;
  readonly message: string;
}

export interface SpanEvent {
  readonly name: string;
  readonly timeUnixNano: bigint;
  readonly timeMs: number;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
}

export interface SpanLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceState: string;
  readonly attributes: readonly Attribute[];
  readonly droppedAttributesCount: number;
  readonly flags: number;
}

/**
 * Where a span was created in source, from `code.filepath`/`code.lineno`/`code.function` (or the
 * newer `code.file.path`/`code.line.number`/`code.function.name`).
 */
export interface CodeLocation {
  readonly filePath: string;
  /** 1-based line, when known. */
  readonly lineNumber: number | undefined;
  /** 1-based column, when known. */
  readonly columnNumber: number | undefined;
  readonly functionName: string | undefined;
}

/**
 * One received span. Ids are lowercase hex (32 chars for traces, 16 for spans). Received spans are
 * `StoredSpan`s (records.ts): every field is an accessor (see the module comment).
 */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  /** Undefined for a root span. */
  readonly parentSpanId: string | undefined;
  /**
   * Set when an earlier, different span of the trace came with the same span id (Zipkin-style shared
   * client/server ids): the id both were sent with. Such a span is kept under a `spanId` of its own,
   * derived from the shared one, and shows as a child of the span that has the shared id; exports
   * write the shared id back.
   */
  readonly sharedSpanId: string | undefined;
  readonly traceState: string;
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTimeUnixNano: bigint;
  /** 0n when the span carries no end time. */
  readonly endTimeUnixNano: bigint;
  /** Start, milliseconds since the epoch (fractional). */
  readonly startTimeMs: number;
  /** End, milliseconds since the epoch; equals `startTimeMs` when the span has no end time. */
  readonly endTimeMs: number;
  /** Exact duration in milliseconds (fractional); 0 when the span has no end time. */
  readonly durationMs: number;
  readonly status: SpanStatus;
  /** `status.code === 'error'`. */
  readonly isError: boolean;
  /**
   * The span had not ended when it was exported: the runtime marks such spans with the attribute
   * `statscope.unended = true` at exit (their end is the exit time); spans without an end time count too.
   */
  readonly isUnended: boolean;
  readonly attributes: readonly Attribute[];
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly code: CodeLocation | undefined;
  readonly flags: number;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}

/** OTLP metric data kinds. */
export type MetricKind = 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';

/** OTLP aggregation temporality. */
export type Temporality = 'unspecified' | 'delta' | 'cumulative';

interface PointBase {
  readonly attributes: readonly Attribute[];
  /** 0n when the exporter sent none (gauges). */
  readonly startTimeUnixNano: bigint;
  readonly timeUnixNano: bigint;
  readonly timeMs: number;
  readonly flags: number;
}

/**
 * An exemplar of a data point: one measurement recorded inside a sampled span. Only exemplars with a
 * well-formed trace and span id are kept; the others are dropped by the decoders and counted in
 * `droppedExemplars`.
 */
export interface PointExemplar {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  readonly value: number;
  readonly timeUnixNano: bigint;
  /** `timeUnixNano` in epoch milliseconds. */
  readonly timeMs: number;
  readonly filteredAttributes: readonly Attribute[];
}

/** Exemplars of a sum or histogram point (absent when it carried none). */
interface WithExemplars {
  readonly exemplars?: readonly PointExemplar[];
  /** Exemplars the point carried that were malformed (ids of the wrong length, all-zero ids) and dropped. */
  readonly droppedExemplars?: number;
}

/** A gauge or sum data point. */
export interface NumberPoint extends PointBase, WithExemplars {
  readonly type: 'number';
  readonly value: number;
  /** Sent as `asInt` (true) or `asDouble` (false). */
  readonly isInt: boolean;
}

/** An explicit-bucket histogram point: `bucketCounts.length === explicitBounds.length + 1` when valid. */
export interface HistogramPoint extends PointBase, WithExemplars {
  readonly type: 'histogram';
  readonly count: number;
  readonly sum: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly bucketCounts: readonly number[];
  readonly explicitBounds: readonly number[];
}

export interface ExponentialBuckets {
  readonly offset: number;
  readonly bucketCounts: readonly number[];
}

export interface ExponentialHistogramPoint extends PointBase {
  readonly type: 'exponentialHistogram';
  readonly count: number;
  readonly sum: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly scale: number;
  readonly zeroCount: number;
  readonly zeroThreshold: number;
  readonly positive: ExponentialBuckets;
  readonly negative: ExponentialBuckets;
}

export interface SummaryQuantile {
  readonly quantile: number;
  readonly value: number;
}

export interface SummaryPoint extends PointBase {
  readonly type: 'summary';
  readonly count: number;
  readonly sum: number;
  readonly quantiles: readonly SummaryQuantile[];
}

export type MetricPoint = NumberPoint | HistogramPoint | ExponentialHistogramPoint | SummaryPoint;

/** One metric of one export request, with the points it carried. */
export interface MetricData {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: MetricKind;
  readonly temporality: Temporality;
  /** Only meaningful for `sum`. */
  readonly isMonotonic: boolean;
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly points: readonly MetricPoint[];
}

/** One received log record. */
export interface LogEntry {
  readonly timeUnixNano: bigint;
  readonly observedTimeUnixNano: bigint;
  /** `timeUnixNano`, or the observed time when that is 0, in epoch milliseconds. */
  readonly timeMs: number;
  /** OTLP severity number, 0 (unspecified) to 24 (FATAL4). */
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: AttributeValue;
  readonly attributes: readonly Attribute[];
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly flags: number;
  readonly eventName: string;
  readonly resource: ResourceInfo;
  readonly scope: ScopeInfo;
  readonly droppedAttributesCount: number;
}

/** The three OTLP signals. */
export type Signal = 'traces' | 'metrics' | 'logs';

/**
 * Where decoded telemetry goes (a {@link Run} implements it). Each method returns how many of the
 * given items were rejected (dropped by a limit or invalid), for OTLP `partial_success`. A sink may
 * also take spans decoded from protobuf as rows (`SpanRowSink` in decoded-batch.ts; a Run does).
 */
export interface TelemetrySink {
  addSpans(spans: readonly SpanRecord[]): number;
  addMetrics(metrics: readonly MetricData[]): number;
  addLogs(logs: readonly LogEntry[]): number;
}
