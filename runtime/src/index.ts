/** Public surface of the `statscope` runtime. */
export {
  exposedName,
  isSnakeCase,
  toSnakeCase,
  type MetricKind,
} from './conventions';

// Metrics: declared stats structs, backends, the /metrics server.
export { counter, gauge, histogram } from './metrics/declare';
export { defineStats, getRegistry, createRegistry, configureRegistry, type DefineStatsOptions } from './metrics/define-stats';
export type {
  AlertDuration,
  AlertSeverity,
  AnyDeclaration,
  AnyMetric,
  ChangeCallback,
  Composite,
  Counter,
  CounterDeclaration,
  CounterHandle,
  DeliveryOptions,
  Gauge,
  GaugeDeclaration,
  GaugeHandle,
  Histogram,
  HistogramDeclaration,
  HistogramHandle,
  HistogramOptions,
  HistogramSlo,
  HistogramValue,
  LabelledCounter,
  LabelledGauge,
  LabelledHistogram,
  LabelValues,
  MetricDeclaration,
  MetricInfo,
  MetricOf,
  MetricOptions,
  Observable,
  ScalarOptions,
  Stats,
  StatsDeclarations,
  Threshold,
  ThresholdCallback,
  ThresholdAlert,
  ThresholdEvent,
  UnlabelledCounter,
  UnlabelledGauge,
  UnlabelledHistogram,
  Unsubscribe,
  WindowOptions,
} from './metrics/types';
export type {
  ExpositionFormat,
  ExpositionStepper,
  FamilySnapshot,
  HistogramSnapshot,
  MetricsRegistry,
  RegistryInit,
  RegistryOptions,
  RegistrySnapshot,
  SeriesSnapshot,
} from './metrics/registry-types';
export type { Clock } from './internal/clock';
export { DEFAULT_BUCKETS, DEFAULT_MAX_SERIES_PER_METRIC, OVERFLOW_LABEL_VALUE, type BaseUnit } from './conventions';
export { startMetricsServer, DEFAULT_METRICS_PORT, type MetricsServer, type MetricsServerOptions } from './export/metrics-server';
export { negotiateFormat, PROMETHEUS_CONTENT_TYPE, OPENMETRICS_CONTENT_TYPE } from './export/negotiate';
export { configureMetrics, flushMetrics, shutdownMetrics, activeMetricsBackends, type MetricsBackend, type MetricsConfig } from './export/backend';
export { prometheusBackend, memoryBackend, type PrometheusBackend, type MemoryBackend } from './export/builtin-backends';
export { otlpBackend, type OtlpBackend, type OtlpBackendOptions } from './export/otlp-backend';
export { configureMetricsFromConfig, metricsBackendsFromConfig } from './export/from-config';
export {
  createOtelMetricProducer,
  type OtelMetricProducer,
  type OtelProducerOptions,
  type OtelCollectionResult,
  type OtelMetricData,
  type OtelScopeMetrics,
} from './export/otel-producer';
export { setDiagLogger, disableDiag, type DiagLogger, type DiagLevel } from './internal/diag';

// Tracing, configuration and logs.
export { withSpan, startSpan, NOOP_SPAN, type SpanOptions } from './tracing/spans';
export { traced, type TracedDecorator } from './tracing/traced';
export { createExemplarSpanProcessor, type ExemplarSpanProcessor } from './tracing/exemplar-span-processor';
export type { ExemplarSource } from './metrics/exemplar-source';
export type { Exemplar } from './metrics/exemplar-slots';
export { setGranularity, getGranularity, isLevelEnabled } from './tracing/granularity';
export {
  startTracing,
  flushTracing,
  shutdownTracing,
  getTracingStats,
  type StartTracingOptions,
  type TracingHandle,
  type TracingStats,
} from './tracing/start';
export { currentConfig } from './config/current';
export { parseConfig, type ParseConfigInput } from './config/parse';
export type { StatscopeConfig, ConfigWarning, ConfigResult, Granularity, SpanLevel, TracingMode, LogLevel, LogFormat, LogThreshold } from './config/types';
export { createLogger, log, type Logger, type LoggerOptions } from './log/logger';
export type { LogAttributes } from './log/format';
