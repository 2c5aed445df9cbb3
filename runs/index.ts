/**
 * The vscode-free runs module: OTLP receiver, run store, span tree model, run files and traced
 * launches. Used by the extension (Run with Tracing, Spans view, metric panels) and by the CLI
 * (`statscope run`). See README.md in this folder for the overview and a usage example.
 */

// Data model
export type {
  Attribute,
  AttributeValue,
  CodeLocation,
  ExponentialBuckets,
  ExponentialHistogramPoint,
  HistogramPoint,
  KeyValueList,
  LogEntry,
  MetricData,
  MetricKind,
  MetricPoint,
  NumberPoint,
  PointExemplar,
  ResourceInfo,
  ScopeInfo,
  Signal,
  SpanEvent,
  SpanKind,
  SpanLink,
  SpanRecord,
  SpanStatus,
  StatusCode,
  SummaryPoint,
  SummaryQuantile,
  TelemetrySink,
  Temporality,
} from './store/model';
export { codeLocationOf, formatAttributeValue, getAttribute, getStringAttribute, isKeyValueList, UNENDED_ATTRIBUTE } from './store/attributes';
export { formatDuration, formatNumber, plural } from './tree/format';

// Store
export type { Disposable } from './store/change-throttle';
export { DEFAULT_STORE_OPTIONS, RunStore } from './store/run-store';
export type { RunStoreOptions, StoreChangeEvent } from './store/run-store';
export { Run } from './store/run';
export type { RunChangeKind, RunDescription, RunLimits, RunState, RunStats } from './store/run';
export { TraceIndex } from './store/trace-index';
export { labelKey, MetricSeries, MetricStore } from './store/metric-store';
export { histogramQuantile } from './store/histogram-quantile';
export type { SeriesExemplar } from './store/series-exemplars';
export { describeProgramSpanDrops, programSpanDrops, SPANS_DROPPED_METRIC_NAMES } from './store/program-span-drops';
export type { ProgramSpanDrop } from './store/program-span-drops';
export type { Composites, HistogramBuckets } from './store/composites';
export { LogBuffer } from './store/log-buffer';

// Tree model
export { SpanTreeModel } from './tree/span-tree-model';
export type { MoreTreeNode, RunTreeNode, SpanSort, SpanTreeNode, SpanTreeOptions, TraceTreeNode, TreeNode } from './tree/span-tree-model';
export { isFilterActive, spanMatcher, traceVisibility } from './tree/span-filter';
export { checkRun, emittedNamesOf, problemSpans } from './checks/live-checks';
export type { EmittedSeries, LiveCheckInput, LiveCheckResult, LiveFinding, LiveFindingCode, LiveFindingLocation } from './checks/live-checks';
export { compileSpanQuery, describeQueryError, parseDurationMs, parseSpanQuery, spanNameQuery } from './query/index';
export type { QueryError, QueryParseResult, QueryTerm, SpanQuery } from './query/index';
export type { SpanFilter, TraceVisibility } from './tree/span-filter';
export { criticalPath } from './tree/critical-path';
export { codeLocationStats, unlocatedSpanStats } from './tree/code-stats';
export type { CodeLocationStats } from './tree/code-stats';

// Receiving
export { encodingOf, startReceiver } from './receive/receiver';
export type { OtlpReceiver, ReceiveEvent, ReceiverOptions, ReceiverStats, RejectionCounts, WaitForIdleOptions } from './receive/receiver';
export { describeRefusals, GRPC_HINT, refusedRequestCount } from './receive/refusals';
export { isLoopbackAddress, NonLoopbackBindError } from './receive/loopback';
export { createToken, isAuthorized } from './receive/token';
export { ForwarderConfigError, OtlpForwarder } from './receive/forwarder';
export type { ForwarderOptions, ForwarderStats, ForwardRequest } from './receive/forwarder';
export { decodeRequest } from './decode/decode-request';
export type { DecodedRequest } from './decode/decode-request';
export { DecodeError } from './decode/protobuf-reader';

// Files
export { addToRun, exportRunFile, importRunFile, MAX_RUN_FILE_BYTES, parseRunFile, RunFileError } from './files/run-file';
export type { ParsedRunFile, RunFileFormat } from './files/run-file';
export { runToOtlpJsonLines, runToOtlpRequests } from './files/otlp-json-export';

// Launching traced programs
export { buildLaunchEnv, GRANULARITIES, isGranularity, isTracingMode, serviceNameFor, TRACING_MODES, withPreload } from './launch/launch-env';
export type { Environment, Granularity, LaunchTelemetry, OtlpProtocol, TracingMode } from './launch/launch-env';
export { findPreload, PRELOAD_CANDIDATES } from './launch/preload-path';
export { findPythonPreload, PYTHON_PRELOAD_CANDIDATES, withPythonPreload } from './launch/python-preload';
export { exitCodeForSignal, spawnProgram } from './launch/spawn-run';
export type { ProgramExit, RunningProgram, SpawnProgramOptions } from './launch/spawn-run';
export { commandLine, startTracedRun } from './launch/traced-run';
export type { TracedRun, TracedRunOptions, TracedRunResult } from './launch/traced-run';

// Comparing runs
export { compareRuns } from './compare/compare-runs';
export type { ComparedRun, RunComparison } from './compare/compare-runs';
export { compareSpanStats, DEFAULT_NOISE, relativeChange } from './compare/span-compare';
export type { NoiseSettings, SpanComparison } from './compare/span-compare';
export { percentileOfSorted, spanNameStats } from './compare/span-stats';
export type { SpanNameStats } from './compare/span-stats';
export { compareMetrics } from './compare/metric-compare';
export type { MetricValueChange, SeriesComparison } from './compare/metric-compare';
export { mannWhitneyU } from './compare/mann-whitney';
export type { MannWhitneyResult } from './compare/mann-whitney';
export { judgeRegressions, parseFailOn } from './compare/fail-on';
export type { FailOnRule, GateResult, GateStat, Regression } from './compare/fail-on';
export { countChangeText, relativeChangeText } from './compare/change-text';
export { METRIC_HEADERS, metricRow, SPAN_HEADERS, spanRow, verdictOf } from './compare/comparison-rows';
export type { RowVerdict, SpanRow } from './compare/comparison-rows';
