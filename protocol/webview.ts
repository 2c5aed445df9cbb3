/**
 * Messages between the extension host and its webview panels (Metrics, Logs, Span details, Compare, Trace
 * timeline), both ways, as discriminated unions on `type`. Everything here is plain JSON (numbers, strings,
 * arrays, objects), except the Trace timeline's columns: typed arrays, which `postMessage` carries as binary.
 * Strings that came from the traced program (span names, attribute values, label values) are
 * untrusted: webviews render them with `textContent` only.
 */

/** The view type of the Metrics panel (also its serializer id). */
export const METRICS_PANEL_VIEW_TYPE = 'statscope.metrics';
/** The view type of the Logs panel (also its serializer id). */
export const LOGS_PANEL_VIEW_TYPE = 'statscope.logs';
/** The view type of the Span details panel (also its serializer id). */
export const SPAN_DETAILS_VIEW_TYPE = 'statscope.spanDetails';
/** The view type of the Compare panel. */
export const COMPARE_PANEL_VIEW_TYPE = 'statscope.compare';

/** What a webview found in its own DOM; lets tests prove in the real browser that data stayed text. */
export interface DomReport {
  /** `document.body.textContent`. */
  readonly textContent: string;
  /** `<img>` elements in the document (data rendered as HTML would create some). */
  readonly imgCount: number;
  /** `<canvas>` elements (the charts draw on canvases). */
  readonly canvasCount: number;
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
  /** Content Security Policy violations seen since the page's script started (`directive blocked-uri`). */
  readonly cspViolations: readonly string[];
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

/** One statistic column of a metric's table; which ones depend on the kind (counter, gauge, histogram). */
export interface StatColumn {
  /** `total`, `increase`, `rate`, `p95`, `last`, … */
  readonly label: string;
  /** What the number means, for the column's tooltip. */
  readonly title: string;
}

/** A measurement recorded inside a sampled span: a link to that span's trace. */
export interface ExemplarView {
  /** The measurement, formatted. */
  readonly value: string;
  /** Local time of day, `12:03:41.002`. */
  readonly time: string;
  readonly traceId: string;
  readonly spanId: string;
  /** The first hex digits of the trace id, for the link text. */
  readonly shortTraceId: string;
  /** False while the trace has not arrived in the run (a click then says so). */
  readonly isTraceInRun: boolean;
}

/** One histogram bucket bar. */
export interface BucketBar {
  /** `≤ 0.05`, or `+Inf`. */
  readonly label: string;
  readonly count: number;
  /** Share of the series' observations in this bucket, 0..1. */
  readonly share: number;
  /** The bucket's latest exemplar, when one arrived. */
  readonly exemplar?: ExemplarView;
}

/** One label set of a metric. */
export interface SeriesView {
  /** Unique within the metric. */
  readonly key: string;
  /** `model=bert, status=ok`, or `(no labels)`. */
  readonly labels: string;
  /** The statistics, formatted (`–` when unknown), in the order of {@link MetricView.columns}. */
  readonly cells: readonly string[];
  /** Explicit-bucket histograms only. */
  readonly buckets?: readonly BucketBar[];
  /** Counters: the latest exemplar of the series, when one arrived. */
  readonly exemplar?: ExemplarView;
}

/** One line of a metric's chart: a label set's values on the chart's time axis (null: no value then). */
export interface ChartLine {
  /** The series' {@link SeriesView.key}. */
  readonly key: string;
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** A metric's time-series chart: every label set on one time axis. */
export interface MetricChart {
  /** `rate per second`, `p95 per interval`, `value`. */
  readonly meaning: string;
  /** The y axis unit in words (`seconds`, `requests per second`), or ''. */
  readonly unit: string;
  /** Epoch seconds, ascending. */
  readonly times: readonly number[];
  readonly lines: readonly ChartLine[];
  /** Histograms: per label set that has exemplars, their values on the same time axis (drawn as points). */
  readonly exemplars: readonly ChartLine[];
  /** Label sets left out of the chart to keep it readable. */
  readonly omittedLines: number;
}

/** One metric with all its label sets. */
export interface MetricView {
  readonly name: string;
  readonly description: string;
  /** The unit in words (`seconds`, `bytes`, `ratio`), or '' when none. */
  readonly unit: string;
  /** `counter`, `gauge`, `up-down counter`, `histogram`, … */
  readonly kind: string;
  readonly columns: readonly StatColumn[];
  readonly series: readonly SeriesView[];
  readonly chart: MetricChart;
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

/** The user asked for a wider chart: the host maximises the panel's editor group (again: restores it). */
export interface ToggleFullWidthMessage {
  readonly type: 'toggleFullWidth';
}

/** The user clicked an exemplar: open its trace in the Trace timeline at its span. */
export interface OpenExemplarMessage {
  readonly type: 'openExemplar';
  readonly traceId: string;
  readonly spanId: string;
}

/** Metrics panel → host. */
export type MetricsWebviewMessage = ReadyMessage | SelectRunMessage | ToggleFullWidthMessage | OpenExemplarMessage | DomReportMessage;

/** What the Metrics panel keeps in its webview state (restored after a reload). */
export interface MetricsPanelState {
  readonly runId: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Logs panel

/** Log levels from lowest to highest (OTLP severity ranges TRACE 1–4 … FATAL 21–24). */
export const LOG_LEVEL_NAMES = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevelName = (typeof LOG_LEVEL_NAMES)[number];

/** Which log lines the panel shows: at least `minLevel` (`all`: every line, unspecified severity too) and containing `text`. */
export interface LogFilter {
  readonly minLevel: LogLevelName | 'all';
  /** Case-insensitive; matched against the message, the attributes and the span name. '' matches all. */
  readonly text: string;
}

/** One log line, formatted. */
export interface LogLineView {
  /** `12:03:41.002`. */
  readonly time: string;
  /** The full timestamp (ISO 8601), for the tooltip. */
  readonly timestamp: string;
  /** A level name, or `unspecified`. */
  readonly level: LogLevelName | 'unspecified';
  readonly message: string;
  /** `key=value key=value`, or ''. */
  readonly attributes: string;
  /** The logger (instrumentation scope) name, or ''. */
  readonly logger: string;
  /** The span the line was written in, when it carries one. */
  readonly span?: { readonly traceId: string; readonly spanId: string; readonly name: string };
}

/** The selected run's log lines that match the filter (the newest {@link LogsRunView.lines} of them). */
export interface LogsRunView {
  readonly runId: string;
  readonly title: string;
  readonly state: string;
  readonly isLive: boolean;
  /** `1,204 log records · 3 older dropped (run limit)`. */
  readonly summary: string;
  /** Matching lines, oldest first. */
  readonly lines: readonly LogLineView[];
  /** Matching lines older than the shown ones (not sent, to keep the panel fast). */
  readonly olderMatching: number;
}

/** The whole Logs panel state. */
export interface LogsStateMessage {
  readonly type: 'logs';
  readonly runs: readonly RunOption[];
  readonly run: LogsRunView | undefined;
  readonly filter: LogFilter;
}

/** Host → Logs panel. */
export type LogsPanelMessage = LogsStateMessage | ReportDomMessage;

/** The user changed the level or text filter. */
export interface FilterLogsMessage {
  readonly type: 'filterLogs';
  readonly filter: LogFilter;
}

/** The user clicked a line's span: reveal it in the Spans view and open its source. */
export interface RevealLogSpanMessage {
  readonly type: 'revealLogSpan';
  readonly traceId: string;
  readonly spanId: string;
}

/** Logs panel → host. */
export type LogsWebviewMessage = ReadyMessage | SelectRunMessage | FilterLogsMessage | RevealLogSpanMessage | DomReportMessage;

/** What the Logs panel keeps in its webview state. */
export interface LogsPanelState {
  readonly runId: string | undefined;
  readonly filter: LogFilter;
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
// Compare panel

/** How a row of the span table is judged: changed beyond noise (slower or faster), noise, or in one run only. */
export type CompareVerdict = 'slower' | 'faster' | 'noise' | 'base only' | 'head only';

/** One row: display texts, and per column a key to sort by (null sorts last). */
export interface CompareRow {
  readonly cells: readonly string[];
  readonly sortKeys: readonly (number | string | null)[];
  readonly verdict: CompareVerdict | undefined;
  /** Span rows with a source location: clicking the name reveals it. */
  readonly spanName: string | undefined;
  readonly hasSource: boolean;
}

export interface CompareTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly CompareRow[];
  /** Columns from this index on hold numbers (aligned right). */
  readonly firstNumericColumn: number;
  /** Shown when there are no rows. */
  readonly empty: string;
}

/** Two runs compared, formatted. */
export interface CompareView {
  readonly baseRunId: string;
  readonly headRunId: string;
  /** `model-server.js · 14:02:11 → model-server.js · 14:03:40`. */
  readonly title: string;
  readonly summary: string;
  readonly spans: CompareTable;
  readonly metrics: CompareTable;
  /** What "beyond noise" means here. */
  readonly noiseNote: string;
}

/** Shows a comparison, or a message when a run is gone. */
export interface CompareStateMessage {
  readonly type: 'compare';
  readonly view: CompareView | undefined;
  readonly message: string | undefined;
}

/** Host → Compare panel. */
export type ComparePanelMessage = CompareStateMessage | ReportDomMessage;

/** The user clicked a span name: reveal its source. */
export interface RevealSpanNameMessage {
  readonly type: 'revealSpanName';
  readonly spanName: string;
}

/** Compare panel → host. */
export type CompareWebviewMessage = ReadyMessage | RevealSpanNameMessage | DomReportMessage;

/** What the Compare panel keeps in its webview state. */
export interface ComparePanelState {
  readonly baseRunId: string;
  readonly headRunId: string;
}

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
  /**
   * Per row: the span's arrival index in its trace, its identity from one post of a growing trace to
   * the next (rows shift as spans arrive); the webview keeps collapsed rows and the selection by it.
   */
  readonly key: Int32Array;
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
