/**
 * Process-wide tracing state under a versioned `Symbol.for` key, so a preloaded copy of the runtime
 * and an imported copy agree on the granularity and share one SDK controller and one set of counters.
 * The hot path reads `state.threshold` only.
 */
import type { Granularity, SpanLevel } from '../config/types';
import type { LogRecord } from '../log/format';

/** Rank of each granularity: a span is created when its level's rank is at most this. */
export const GRANULARITY_RANK: Readonly<Record<Granularity, number>> = { none: 0, operation: 1, operation_and_segment: 2, all: 3 };
/** Rank of each span level. */
export const LEVEL_RANK: Readonly<Record<SpanLevel, number>> = { operation: 1, segment: 2, detail: 3 };
/** `threshold` before the configuration has been read. */
export const UNCONFIGURED = -1;

/** Export counters, readable through `getTracingStats()`. */
export interface TracingCounters {
  spansExported: number;
  /** Ended spans dropped because the queue was full. */
  spansDroppedQueueFull: number;
  /** Spans that could not be delivered (endpoint down, rejected, timed out). */
  spansFailedExport: number;
  /** Spans ended at shutdown because the program never ended them. */
  spansUnended: number;
  /** Spans ended after the final flush (e.g. in the program's own `exit` handlers). */
  spansDroppedAfterShutdown: number;
  lastExportError: string | undefined;
  logsExported: number;
  /** Log records dropped because the log queue was full (or written after the final flush). */
  logsDroppedQueueFull: number;
  /** Log records that could not be delivered. */
  logsFailedExport: number;
}

/** What the owning SDK exposes to every copy of the runtime. */
export interface SdkController {
  /** Exports everything queued; resolves when done or when the flush timeout passes. */
  forceFlush(): Promise<void>;
  /** Ends unended spans, flushes, and stops the SDK. Idempotent. */
  shutdown(): Promise<void>;
}

/** The shared state object. */
export interface TracingState {
  /** GRANULARITY_RANK of the active granularity, or UNCONFIGURED. */
  threshold: number;
  granularity: Granularity;
  sdk: SdkController | undefined;
  /**
   * True while Statscope's own SDK exports: spans then carry their call site under `SITE_KEY` and the
   * export processor adds the code.* attributes in the background, off the hot path. Otherwise (api
   * mode) the attributes are set when the span starts.
   */
  isSiteDeferred: boolean;
  /** Set while Statscope's SDK exports log records (sdk mode, OTLP): every program log line goes here too. */
  logSink?: ((record: LogRecord) => void) | undefined;
  readonly counters: TracingCounters;
}

const KEY = Symbol.for('statscope.tracing.v1');

function createState(): TracingState {
  return {
    threshold: UNCONFIGURED,
    granularity: 'operation',
    sdk: undefined,
    isSiteDeferred: false,
    counters: { spansExported: 0, spansDroppedQueueFull: 0, spansFailedExport: 0, spansUnended: 0, spansDroppedAfterShutdown: 0, lastExportError: undefined, logsExported: 0, logsDroppedQueueFull: 0, logsFailedExport: 0 },
  };
}

/** The one tracing state of this process. */
export const state: TracingState = ((): TracingState => {
  // Cast: the process-wide slot is a symbol-keyed property of globalThis.
  const g = globalThis as { [KEY]?: TracingState };
  return (g[KEY] ??= createState());
})();

/** Sets the granularity for every copy of the runtime in this process. */
export function applyGranularity(granularity: Granularity): void {
  state.granularity = granularity;
  state.threshold = GRANULARITY_RANK[granularity];
}
