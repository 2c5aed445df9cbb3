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
} from './model';
export { codeLocationOf, formatAttributeValue, getAttribute, getStringAttribute, isKeyValueList, UNENDED_ATTRIBUTE } from './attributes';
export { formatDuration, formatNumber } from './format';

// Store
export type { Disposable } from './change-throttle';
export { DEFAULT_STORE_OPTIONS, RunStore } from './run-store';
export type { RunStoreOptions, StoreChangeEvent } from './run-store';
export { Run } from './run';
export type { RunChangeKind, RunDescription, RunLimits, RunState, RunStats } from './run';
export { TraceIndex } from './trace-index';
export { labelKey, MetricSeries, MetricStore } from './metric-store';
export { bucketQuantile } from './composites';
export type { Composites, HistogramBuckets } from './composites';
export { LogBuffer } from './log-buffer';

// Tree model
export { SpanTreeModel } from './span-tree-model';
export type { MoreTreeNode, RunTreeNode, SpanSort, SpanTreeNode, SpanTreeOptions, TraceTreeNode, TreeNode } from './span-tree-model';
export { isFilterActive, spanMatcher } from './span-filter';
export type { SpanFilter } from './span-filter';
export { criticalPath } from './critical-path';
export { codeLocationStats } from './code-stats';
export type { CodeLocationStats } from './code-stats';

// Receiving
export { encodingOf, startReceiver } from './receiver';
export type { OtlpReceiver, ReceiveEvent, ReceiverOptions, ReceiverStats, RejectionCounts, WaitForIdleOptions } from './receiver';
export { isLoopbackAddress, NonLoopbackBindError } from './loopback';
export { createToken, isAuthorized } from './token';
export { ForwarderConfigError, OtlpForwarder } from './forwarder';
export type { ForwarderOptions, ForwarderStats, ForwardRequest } from './forwarder';
export { decodeRequest } from './decode-request';
export type { DecodedRequest } from './decode-request';
export { DecodeError } from './protobuf-reader';

// Files
export { addToRun, exportRunFile, importRunFile, MAX_RUN_FILE_BYTES, parseRunFile, RunFileError } from './run-file';
export type { ParsedRunFile, RunFileFormat } from './run-file';
export { runToOtlpJsonLines, runToOtlpRequests } from './otlp-json-export';

// Launching traced programs
export { buildLaunchEnv, GRANULARITIES, isGranularity, isTracingMode, serviceNameFor, TRACING_MODES, withPreload } from './launch-env';
export type { Environment, Granularity, LaunchTelemetry, OtlpProtocol, TracingMode } from './launch-env';
export { findPreload, PRELOAD_CANDIDATES } from './preload-path';
export { exitCodeForSignal, spawnProgram } from './spawn-run';
export type { ProgramExit, RunningProgram, SpawnProgramOptions } from './spawn-run';
export { commandLine, startTracedRun } from './traced-run';
export type { TracedRun, TracedRunOptions, TracedRunResult } from './traced-run';
