import * as vscode from 'vscode';
import { LOGS_PANEL_VIEW_TYPE } from '../../../protocol/webview';
import type { LogFilter, LogsPanelMessage, LogsWebviewMessage, SpanDetailsPanelState } from '../../../protocol/webview';
import type { Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { isLogFilter, isLogsWebviewMessage, stateString } from './is-webview-message';
import { DEFAULT_LOG_FILTER, logsRunView } from './logs-view-model';
import { runOptions } from './metrics-view-model';
import { RunPanel } from './run-panel';

/** Shows a span in the Spans view and opens its source; false when the span is not in the run (yet). */
export type RevealSpan = (target: SpanDetailsPanelState) => Promise<boolean>;

/**
 * The Logs panel: the log records of one run (selectable) with level, time, message, attributes and
 * logger, filtered by level and text, updated while the run goes. A line written inside a span links
 * to it: clicking reveals the span in the Spans view and its source. One instance.
 */
export class LogsPanel extends RunPanel<LogsPanelMessage> {
  private static instance: LogsPanel | undefined;
  private filter: LogFilter = DEFAULT_LOG_FILTER;

  static get current(): LogsPanel | undefined {
    return LogsPanel.instance;
  }

  /** Opens the panel (or reveals it) showing `runId`, else the newest run. */
  static createOrShow(extensionUri: vscode.Uri, host: RunsHost, revealSpan: RevealSpan, runId?: string): LogsPanel {
    const existing = LogsPanel.instance;
    if (existing !== undefined) {
      existing.panel.reveal(undefined, true);
      if (runId !== undefined) existing.selectRun(runId);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(LOGS_PANEL_VIEW_TYPE, 'Statscope Logs', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    return (LogsPanel.instance = new LogsPanel(panel, extensionUri, host, revealSpan, runId, undefined));
  }

  /** Restores a panel after a reload with its filter; runs are in memory, so it shows the newest one. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: RunsHost, revealSpan: RevealSpan, state: unknown): LogsPanel {
    LogsPanel.instance?.dispose();
    const filter = typeof state === 'object' && state !== null && 'filter' in state && isLogFilter(state.filter) ? state.filter : undefined;
    return (LogsPanel.instance = new LogsPanel(panel, extensionUri, host, revealSpan, stateString(state, 'runId'), filter));
  }

  private constructor(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    host: RunsHost,
    private readonly revealSpan: RevealSpan,
    runId: string | undefined,
    filter: LogFilter | undefined,
  ) {
    super(panel, extensionUri, host, runId, { script: 'logs', title: 'Statscope Logs' });
    if (filter !== undefined) this.filter = filter;
  }

  /** Applies a filter as the panel's controls do (tests drive the panel this way too). */
  setFilter(filter: LogFilter): void {
    this.filter = filter;
    this.postNow();
  }

  protected receive(message: unknown): void {
    if (!isLogsWebviewMessage(message)) return;
    const m: LogsWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.postNow();
        break;
      case 'selectRun':
        this.selectRun(m.runId);
        break;
      case 'filterLogs':
        this.setFilter(m.filter);
        break;
      case 'revealLogSpan':
        void this.reveal(m.traceId, m.spanId);
        break;
      case 'domReport':
        this.answerDomReport(m.requestId, m.report);
        break;
    }
  }

  protected stateMessage(run: Run | undefined): LogsPanelMessage {
    this.panel.title = run === undefined ? 'Statscope Logs' : `Logs: ${run.label}`;
    return { type: 'logs', runs: runOptions(this.host.runs()), run: run === undefined ? undefined : logsRunView(run, this.filter), filter: this.filter };
  }

  protected onDispose(): void {
    if (LogsPanel.instance === this) LogsPanel.instance = undefined;
  }

  private async reveal(traceId: string, spanId: string): Promise<void> {
    const run = this.run;
    if (run === undefined || !(await this.revealSpan({ runId: run.id, traceId, spanId }))) {
      void vscode.window.setStatusBarMessage('Statscope: the span of this log line is not in the run (it may not have been exported).', 4000);
    }
  }
}
