/**
 * Messages between the extension host and its webview panels (Metrics, Span details), both ways, as
 * discriminated unions on `type`. Everything here is plain JSON: numbers, strings, arrays, objects.
 * Strings that came from the traced program (span names, attribute values, label values) are
 * untrusted: webviews render them with `textContent` only.
 */

/** The view type of the Metrics panel (also its serializer id). */
export const METRICS_PANEL_VIEW_TYPE = 'statscope.metrics';
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
