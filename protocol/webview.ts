/**
 * Messages between the extension host and its webview panels (Metrics, Span details, Trace timeline),
 * both ways, as discriminated unions on `type`. Everything here is plain JSON (numbers, strings, arrays,
 * objects), except the Trace timeline's columns: typed arrays, which `postMessage` carries as binary.
 * Strings that came from the traced program (span names, attribute values, label values) are
 * untrusted: webviews render them with `textContent` only.
 */

/** The view type of the Metrics panel (also its serializer id). */
export const METRICS_PANEL_VIEW_TYPE = 'statscope.metrics';
/** The view type of the Span details panel (also its serializer id). */
export const SPAN_DETAILS_VIEW_TYPE = 'statscope.spanDetails';

/** What a webview found in its own DOM; lets tests prove in the real browser that data stayed text. */
export interface DomReport {
  /** `document.body.textContent`. */
  readonly textContent: string;
  /** `<img>` elements in the document (data rendered as HTML would create some). */
  readonly imgCount: number;
  /** Elements with any `on*` attribute. */
  readonly inlineHandlerCount: number;
  readonly scriptCount: number;
  /**
   * `<script>` elements without a nonce, each as `#id`, its `src`, or `inline`. VS Code itself
   * injects one (`#_vscodeApiScript`, placed before the page's CSP); the page's own scripts all carry the nonce.
   */
  readonly scriptsWithoutNonce: readonly string[];
  /** The content of the CSP `<meta>` element, if any. */
  readonly contentSecurityPolicy: string | undefined;
}

/** Asks the webview for a {@link DomReport}; it answers with `domReport` and the same id. */
export interface ReportDomMessage {
  readonly type: 'reportDom';
  readonly requestId: number;
}

/** The answer to {@link ReportDomMessage}. */
export interface DomReportMessage {
  readonly type: 'domReport';
  readonly requestId: number;
  readonly report: DomReport;
}

/** The webview script loaded and listens; the host then sends the current state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

// ---------------------------------------------------------------------------------------------
// Metrics panel

/** One entry of the run selector. */
export interface RunOption {
  readonly id: string;
  /** Display text, e.g. `model-server.js · finished · 234 spans`. */
  readonly label: string;
}

/** A composite value, already formatted for display (`–` when unknown). */
export interface CompositeCells {
  readonly count: string;
  readonly avg: string;
  readonly min: string;
  readonly max: string;
  readonly rate: string;
  readonly last: string;
}

/** One histogram bucket bar. */
export interface BucketBar {
  /** `≤ 0.05`, or `+Inf`. */
  readonly label: string;
  readonly count: number;
  /** Share of the series' observations in this bucket, 0..1. */
  readonly share: number;
}

/** One label set of a metric. */
export interface SeriesView {
  /** Unique within the metric. */
  readonly key: string;
  /** `model=bert, status=ok`, or `(no labels)`. */
  readonly labels: string;
  readonly composites: CompositeCells;
  /** Recent values, oldest first, for a sparkline (gauges: value; counters: running total; histograms: mean). */
  readonly sparkline: readonly number[];
  /** Explicit-bucket histograms only. */
  readonly buckets?: readonly BucketBar[];
}

/** One metric with all its label sets. */
export interface MetricView {
  readonly name: string;
  readonly description: string;
  /** Display unit (`seconds`, `1`), or '' when none. */
  readonly unit: string;
  /** `counter`, `gauge`, `up-down counter`, `histogram`, … */
  readonly kind: string;
  readonly series: readonly SeriesView[];
}

/** The selected run's metrics. */
export interface MetricsRunView {
  readonly runId: string;
  readonly title: string;
  /** `running`, `finished (exit 0)`, `imported`. */
  readonly state: string;
  /** Whether more data may arrive (the run is running). */
  readonly isLive: boolean;
  readonly summary: string;
  readonly metrics: readonly MetricView[];
}

/** The whole panel state; sent on `ready`, on selection and (throttled) when the run changes. */
export interface MetricsStateMessage {
  readonly type: 'metrics';
  readonly runs: readonly RunOption[];
  /** Undefined when there are no runs. */
  readonly run: MetricsRunView | undefined;
}

/** Host → Metrics panel. */
export type MetricsPanelMessage = MetricsStateMessage | ReportDomMessage;

/** The user chose another run. */
export interface SelectRunMessage {
  readonly type: 'selectRun';
  readonly runId: string;
}

/** Metrics panel → host. */
export type MetricsWebviewMessage = ReadyMessage | SelectRunMessage | DomReportMessage;

/** What the Metrics panel keeps in its webview state (restored after a reload). */
export interface MetricsPanelState {
  readonly runId: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Span details panel

/** One key/value row; `value` is display text. */
export interface DetailRow {
  readonly key: string;
  readonly value: string;
}

/** A titled table of rows (attributes, resource, scope). */
export interface DetailSection {
  readonly title: string;
  readonly rows: readonly DetailRow[];
}

/** A span event or a log record of the span. */
export interface DetailEvent {
  /** Offset from the span start, e.g. `+12.3 ms`. */
  readonly at: string;
  readonly name: string;
  readonly rows: readonly DetailRow[];
}

/** Everything the panel shows about one span, formatted. */
export interface SpanDetailsView {
  readonly runId: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly name: string;
  /** `error: message`, `ok`, `unset`. */
  readonly status: string;
  readonly isError: boolean;
  readonly isUnended: boolean;
  readonly isOnCriticalPath: boolean;
  /** Headline rows: duration, start, kind, service, ids, parent. */
  readonly summary: readonly DetailRow[];
  /** `src/app.ts:12`, when the span has a source location. */
  readonly source: string | undefined;
  readonly sections: readonly DetailSection[];
  readonly events: readonly DetailEvent[];
  readonly logs: readonly DetailEvent[];
  readonly links: readonly DetailRow[];
}

/** Shows a span, or a message when it is gone (run closed, window reloaded). */
export interface SpanDetailsStateMessage {
  readonly type: 'span';
  readonly span: SpanDetailsView | undefined;
  readonly message: string | undefined;
}

/** Host → Span details panel. */
export type SpanDetailsPanelMessage = SpanDetailsStateMessage | ReportDomMessage;

/** The user asked to open the span's source location. */
export interface OpenSourceMessage {
  readonly type: 'openSource';
}

/** The user asked to copy the trace id. */
export interface CopyTraceIdMessage {
  readonly type: 'copyTraceId';
}

/** Span details panel → host. */
export type SpanDetailsWebviewMessage = ReadyMessage | OpenSourceMessage | CopyTraceIdMessage | DomReportMessage;

/** What the Span details panel keeps in its webview state. */
export interface SpanDetailsPanelState {
  readonly runId: string;
  readonly traceId: string;
  readonly spanId: string;
}

// ---------------------------------------------------------------------------------------------
// Trace timeline panel

/** The view type of the Trace timeline panel (also its serializer id). */
export const TIMELINE_VIEW_TYPE = 'statscope.timeline';

/** Bits of {@link TimelineData.flags}. */
export const ROW_ERROR = 1;
export const ROW_CRITICAL = 2;
export const ROW_UNENDED = 4;
export const ROW_HAS_SOURCE = 8;

/**
 * One trace as columns, one entry per span (a row), rows in tree order (depth first, siblings by
 * start time): compact to post and to read for 100,000 spans. Typed arrays travel through
 * `postMessage` as binary; strings (names, services) are in one deduplicated table. Read strings with
 * `tableString` (protocol/timeline-view.ts).
 */
export interface TimelineData {
  readonly runId: string;
  readonly traceId: string;
  /** Increases with every post of this panel; the webview echoes it so the host maps rows to spans. */
  readonly version: number;
  /** Name of the root span, or the trace id. */
  readonly title: string;
  /** Trace start, epoch ms (offsets are relative to it). */
  readonly startTimeMs: number;
  /** Trace extent in ms (latest end − earliest start). */
  readonly durationMs: number;
  /**
   * Names and service names, each once, concatenated: string k is
   * `text.slice(textStart[k], textStart[k + 1])` (one string clones far faster than 100,000).
   */
  readonly text: string;
  readonly textStart: Uint32Array;
  /** Per row: start offset from the trace start, ms. */
  readonly start: Float64Array;
  /** Per row: duration, ms. */
  readonly duration: Float64Array;
  /** Per row: nesting depth (roots 0). */
  readonly depth: Uint16Array;
  /** Per row: the parent's row, or -1. */
  readonly parent: Int32Array;
  /** Per row: index of the span name in the string table (`text`/`textStart`). */
  readonly name: Uint32Array;
  /** Per row: index of the service name in the string table. */
  readonly service: Uint32Array;
  /** Per row: ROW_* bits. */
  readonly flags: Uint8Array;
  /** Row r's events are `eventTime[eventStart[r] .. eventStart[r + 1])` (offsets from the trace start, ms); length rows + 1. */
  readonly eventStart: Uint32Array;
  readonly eventTime: Float64Array;
}

/** Shows a trace, or a message when it is gone (run closed, window reloaded). */
export interface TimelineStateMessage {
  readonly type: 'timeline';
  readonly data: TimelineData | undefined;
  readonly message: string | undefined;
  /** The row to select and scroll to (the span the timeline was opened from), if any. */
  readonly focusRow: number | undefined;
}

/** Host → Trace timeline panel. */
export type TimelinePanelMessage = TimelineStateMessage | ReportDomMessage;

/** The user clicked a row (or pressed Enter on it): show the span's details and reveal its source. */
export interface OpenRowMessage {
  readonly type: 'openRow';
  readonly version: number;
  readonly row: number;
}

/** Trace timeline panel → host. */
export type TimelineWebviewMessage = ReadyMessage | OpenRowMessage | DomReportMessage;

/** What the Trace timeline panel keeps in its webview state. */
export interface TimelinePanelState {
  readonly runId: string;
  readonly traceId: string;
  /** The span the timeline was opened from, selected when it shows. */
  readonly spanId?: string;
}
