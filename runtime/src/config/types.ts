/**
 * The typed shape of Statscope's configuration. Every field is resolved (defaults applied), so
 * consumers never re-check presence or validity; see `parse.ts` for how each field is read.
 */
import type { Granularity, TracingMode } from '../conventions/contracts';

/** How much tracing detail is created. Each level includes the ones before it. */
export type { Granularity };
/** The level a span declares: `operation` ⊂ `segment` ⊂ `detail` (created at `all`). */
export type SpanLevel = 'operation' | 'segment' | 'detail';
/** `api`: only the OTel API (the host application owns the SDK); `sdk`: Statscope starts and owns the SDK. */
export type { TracingMode };
/** OTLP/HTTP encodings. gRPC is not supported. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type OtlpCompression = 'none' | 'gzip';
/** The standard `OTEL_TRACES_SAMPLER` values Statscope supports. */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';
export type PropagatorName = 'tracecontext' | 'baggage';
export type TracesExporterName = 'otlp' | 'console' | 'none';
export type MetricsExporterName = 'otlp' | 'none';
/** Log severities, lowest first. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
/** A log threshold: a severity, or `silent` for no output at all. */
export type LogThreshold = LogLevel | 'silent';
export type LogFormat = 'pretty' | 'json';
/** The OTel `diag` logger level (`OTEL_LOG_LEVEL`). */
export type DiagLevelName = 'none' | 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'all';

/** Where and how one OTLP signal (traces or metrics) is sent. */
export interface OtlpSignalConfig {
  /** Full URL including the signal path (`/v1/traces`, `/v1/metrics`). */
  readonly endpoint: string;
  /** True when an endpoint variable was set; metrics are only pushed to an explicit endpoint. */
  readonly isEndpointExplicit: boolean;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly compression: OtlpCompression;
}

/** Batch span processor settings (`OTEL_BSP_*`). */
export interface BatchConfig {
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly scheduleDelayMs: number;
  readonly exportTimeoutMs: number;
}

/** The complete, validated configuration. */
export interface StatscopeConfig {
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** `OTEL_SDK_DISABLED=true`: never start an SDK (the API still works, spans are no-ops). */
  readonly isSdkDisabled: boolean;
  readonly mode: TracingMode;
  readonly granularity: Granularity;
  readonly tracesExporter: TracesExporterName;
  readonly traces: OtlpSignalConfig;
  readonly metricsExporter: MetricsExporterName;
  readonly metrics: OtlpSignalConfig;
  readonly sampler: SamplerName;
  /** The ratio for the `*traceidratio` samplers, in [0, 1]. */
  readonly samplerArg: number;
  readonly propagators: readonly PropagatorName[];
  readonly batch: BatchConfig;
  readonly metricExportIntervalMs: number;
  /** `/metrics` port; undefined means no metrics server. 0 picks a free port. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  readonly maxSeriesPerMetric: number;
  readonly logLevel: LogThreshold;
  readonly logFormat: LogFormat;
  readonly diagLevel: DiagLevelName;
  /** Auto-instrumentations to enable in sdk mode: `http`, `undici`, or package names. */
  readonly instrumentations: readonly string[];
  /** Upper bound on the time spent flushing at exit. */
  readonly flushTimeoutMs: number;
}

/** One invalid or unknown setting, reported once; the default was used instead. */
export interface ConfigWarning {
  /** The variable or file key, e.g. `STATSCOPE_GRANULARITY`. */
  readonly variable: string;
  /** Where the value came from: `environment` or the config file name. */
  readonly source: string;
  readonly message: string;
}

/** What `parseConfig` returns: always a usable config, plus the warnings to print once. */
export interface ConfigResult {
  readonly config: StatscopeConfig;
  readonly warnings: readonly ConfigWarning[];
}
