import * as vscode from 'vscode';
import { SPAN_DETAILS_VIEW_TYPE } from '../../../protocol/webview';
import type { DomReport, SpanDetailsPanelMessage, SpanDetailsPanelState, SpanDetailsWebviewMessage } from '../../../protocol/webview';
import { log } from '../log';
import type { SpanRecord } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { revealSource } from '../views/reveal-source';
import { isSpanDetailsWebviewMessage, stateString } from './is-webview-message';
import { DomReports, loadPanelHtml } from './panel-webview';
import { spanDetailsView } from './span-details-view-model';

/**
 * The Span details panel: one span's timings, status, attributes, resource, events, links and logs,
 * all rendered as text. One instance; opening another span replaces its content.
 */
export class SpanDetailsPanel implements vscode.Disposable {
  private static instance: SpanDetailsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reports = new DomReports();
  private isDisposed = false;

  static get current(): SpanDetailsPanel | undefined {
    return SpanDetailsPanel.instance;
  }

  /** Shows a span in the panel, creating or revealing it. */
  static createOrShow(extensionUri: vscode.Uri, host: RunsHost, target: SpanDetailsPanelState): SpanDetailsPanel {
    const existing = SpanDetailsPanel.instance;
    if (existing !== undefined) {
      existing.target = target;
      existing.panel.reveal(undefined, true);
      existing.post();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(SPAN_DETAILS_VIEW_TYPE, 'Span', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    return (SpanDetailsPanel.instance = new SpanDetailsPanel(panel, extensionUri, host, target));
  }

  /** Restores a panel after a reload; the span is usually gone with the run, which the panel then says. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: RunsHost, state: unknown): SpanDetailsPanel {
    SpanDetailsPanel.instance?.dispose();
    const target: SpanDetailsPanelState = { runId: stateString(state, 'runId') ?? '', traceId: stateString(state, 'traceId') ?? '', spanId: stateString(state, 'spanId') ?? '' };
    return (SpanDetailsPanel.instance = new SpanDetailsPanel(panel, extensionUri, host, target));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: RunsHost,
    private target: SpanDetailsPanelState,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'statscope.svg');
    loadPanelHtml(panel.webview, extensionUri, 'span-details', 'Statscope Span');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      host.onDidChange((event) => {
        if (event === undefined || event.runsChanged) this.post();
      }),
    );
    void host.load().then(() => this.post(), (error: unknown) => log().error(`span details panel: ${String(error)}`));
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** The span shown, while its run is in memory. */
  get span(): SpanRecord | undefined {
    return this.host.getRun(this.target.runId)?.span(this.target.traceId, this.target.spanId);
  }

  requestDomReport(timeoutMs?: number): Promise<DomReport> {
    return this.reports.request((requestId) => this.send({ type: 'reportDom', requestId }), timeoutMs);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (SpanDetailsPanel.instance === this) SpanDetailsPanel.instance = undefined;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private receive(message: unknown): void {
    if (!isSpanDetailsWebviewMessage(message)) return;
    const m: SpanDetailsWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.post();
        break;
      case 'openSource': {
        const code = this.span?.code;
        if (code !== undefined) void revealSource(code);
        break;
      }
      case 'copyTraceId':
        void vscode.env.clipboard.writeText(this.target.traceId);
        void vscode.window.setStatusBarMessage(`Statscope: copied trace id ${this.target.traceId}`, 3000);
        break;
      case 'domReport':
        this.reports.answer(m.requestId, m.report);
        break;
    }
  }

  private post(): void {
    if (this.isDisposed) return;
    const run = this.host.getRun(this.target.runId);
    const span = this.span;
    if (run === undefined || span === undefined) {
      this.panel.title = 'Span';
      void this.send({ type: 'span', span: undefined, message: 'This span’s run is no longer in memory (it was closed, or VS Code was reloaded). Open the run file again to see it.' });
      return;
    }
    const node = this.host.tree?.nodeOfSpan(run, span.traceId, span.spanId);
    this.panel.title = `Span: ${span.name}`;
    const view = spanDetailsView({ runId: run.id, span, isOnCriticalPath: node?.isOnCriticalPath ?? false, logs: run.logs.forTrace(span.traceId, span.spanId) });
    void this.send({ type: 'span', span: view, message: undefined });
  }

  private send(message: SpanDetailsPanelMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}
