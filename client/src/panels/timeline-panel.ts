import * as vscode from 'vscode';
import { TIMELINE_VIEW_TYPE } from '../../../protocol/webview';
import type { DomReport, TimelinePanelMessage, TimelinePanelState, TimelineWebviewMessage } from '../../../protocol/webview';
import { log } from '../log';
import type { SpanRecord, StoreChangeEvent, TraceIndex } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { revealSource } from '../views/reveal-source';
import { isTimelineWebviewMessage, stateString } from './is-webview-message';
import { DomReports, loadPanelHtml } from './panel-webview';
import { SpanDetailsPanel } from './span-details-panel';
import { buildTimeline } from './timeline-data';

/** While the trace grows (a running program), it is posted again at most this often. */
const UPDATE_INTERVAL_MS = 1000;

/** What the panel posted last: the rows' spans, to answer a row click. */
interface Posted {
  readonly version: number;
  readonly traceVersion: number;
  readonly spans: readonly SpanRecord[];
  /** Milliseconds spent building the columns (shown in the log; the bench measures it too). */
  readonly buildMs: number;
}

/**
 * The Trace timeline panel: one trace as a waterfall (the webview draws only the rows on screen).
 * A row click opens the span in the Span details panel and reveals its source line. One instance;
 * opening another trace replaces its content.
 */
export class TimelinePanel implements vscode.Disposable {
  private static instance: TimelinePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reports = new DomReports();
  private posted: Posted | undefined;
  private version = 0;
  private timer: NodeJS.Timeout | undefined;
  private isDisposed = false;

  static get current(): TimelinePanel | undefined {
    return TimelinePanel.instance;
  }

  /** Shows a trace, creating or revealing the panel. */
  static createOrShow(extensionUri: vscode.Uri, host: RunsHost, target: TimelinePanelState): TimelinePanel {
    const existing = TimelinePanel.instance;
    if (existing !== undefined) {
      existing.target = target;
      existing.panel.reveal(undefined, true);
      existing.post();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Trace timeline', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableScripts: true });
    return (TimelinePanel.instance = new TimelinePanel(panel, extensionUri, host, target));
  }

  /** Restores a panel after a reload; the trace is usually gone with its run, which the panel then says. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: RunsHost, state: unknown): TimelinePanel {
    TimelinePanel.instance?.dispose();
    const target: TimelinePanelState = { runId: stateString(state, 'runId') ?? '', traceId: stateString(state, 'traceId') ?? '' };
    return (TimelinePanel.instance = new TimelinePanel(panel, extensionUri, host, target));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly host: RunsHost,
    private target: TimelinePanelState,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'statscope.svg');
    loadPanelHtml(panel.webview, extensionUri, 'timeline', 'Statscope Trace Timeline', ['timeline']);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      host.onDidChange((event) => this.onStoreChange(event)),
    );
    void host.load().then(() => this.post(), (error: unknown) => log().error(`trace timeline panel: ${String(error)}`));
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** The trace shown, while its run is in memory. */
  get trace(): TraceIndex | undefined {
    return this.host.getRun(this.target.runId)?.trace(this.target.traceId);
  }

  /** Rows in the last post (0 before the first), and how long building them took. */
  get postedRows(): { readonly rows: number; readonly buildMs: number } {
    return { rows: this.posted?.spans.length ?? 0, buildMs: this.posted?.buildMs ?? 0 };
  }

  requestDomReport(timeoutMs?: number): Promise<DomReport> {
    return this.reports.request((requestId) => this.send({ type: 'reportDom', requestId }), timeoutMs);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (TimelinePanel.instance === this) TimelinePanel.instance = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private receive(message: unknown): void {
    if (!isTimelineWebviewMessage(message)) return;
    const m: TimelineWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.post();
        break;
      case 'openRow':
        void this.openRow(m.version, m.row);
        break;
      case 'domReport':
        this.reports.answer(m.requestId, m.report);
        break;
    }
  }

  /** Shows the row's span in the Span details panel and reveals its source line. */
  private async openRow(version: number, row: number): Promise<void> {
    const span = this.posted?.version === version ? this.posted.spans[row] : undefined;
    if (span === undefined) return;
    SpanDetailsPanel.createOrShow(this.extensionUri, this.host, { runId: this.target.runId, traceId: span.traceId, spanId: span.spanId });
    // The source opens in another editor group and the focus stays here, so the timeline stays in view
    // and its keys keep working.
    const viewColumn = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    if (span.code !== undefined) await revealSource(span.code, { viewColumn, preserveFocus: true });
  }

  private onStoreChange(event: StoreChangeEvent | undefined): void {
    const isRelevant = event === undefined || event.runsChanged || event.runs.has(this.target.runId);
    if (!isRelevant || this.timer !== undefined) return;
    if (this.posted !== undefined && this.posted.traceVersion === this.trace?.changeCount) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, UPDATE_INTERVAL_MS);
  }

  private post(): void {
    if (this.isDisposed) return;
    const trace = this.trace;
    if (trace === undefined) {
      this.posted = undefined;
      this.panel.title = 'Trace timeline';
      void this.send({ type: 'timeline', data: undefined, message: 'This trace’s run is no longer in memory (it was closed, or VS Code was reloaded). Open the run file again to see it.', focusRow: undefined });
      return;
    }
    const started = performance.now();
    const built = buildTimeline(trace, { runId: this.target.runId, version: ++this.version });
    const buildMs = performance.now() - started;
    this.posted = { version: built.data.version, traceVersion: trace.changeCount, spans: built.spans, buildMs };
    log().info(`trace timeline: ${built.spans.length} spans built in ${buildMs.toFixed(1)} ms`);
    this.panel.title = `Timeline: ${built.data.title}`;
    // The span the timeline was opened from is selected once; later posts keep the webview's selection.
    const opened = this.target.spanId === undefined ? undefined : trace.span(this.target.spanId);
    const focus = opened === undefined ? -1 : built.spans.indexOf(opened);
    this.target = { runId: this.target.runId, traceId: this.target.traceId };
    void this.send({ type: 'timeline', data: built.data, message: undefined, focusRow: focus >= 0 ? focus : undefined });
  }

  private send(message: TimelinePanelMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}
