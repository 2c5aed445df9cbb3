import * as vscode from 'vscode';
import { METRICS_PANEL_VIEW_TYPE } from '../../../protocol/webview';
import type { MetricsPanelMessage, MetricsWebviewMessage } from '../../../protocol/webview';
import { log } from '../log';
import type { Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { exemplarTarget } from './exemplar-view';
import { isMetricsWebviewMessage, stateString } from './is-webview-message';
import { metricsRunView, runOptions } from './metrics-view-model';
import { RunPanel } from './run-panel';

/**
 * The Metrics panel: per-kind statistics per metric and label set, histogram bars and a time-series
 * chart of one run (selectable), updated while the run goes. A bucket's or counter's exemplar opens the
 * trace it was recorded in. One instance; `createOrShow` reveals it.
 */
export class MetricsPanel extends RunPanel<MetricsPanelMessage> {
  private static instance: MetricsPanel | undefined;

  /** The open panel, if any. */
  static get current(): MetricsPanel | undefined {
    return MetricsPanel.instance;
  }

  /** Opens the panel (or reveals it) showing `runId`, else the newest run. */
  static createOrShow(extensionUri: vscode.Uri, host: RunsHost, runId?: string): MetricsPanel {
    const existing = MetricsPanel.instance;
    if (existing !== undefined) {
      existing.panel.reveal(undefined, true);
      if (runId !== undefined) existing.selectRun(runId);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_PANEL_VIEW_TYPE, 'Statscope Metrics', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
    return (MetricsPanel.instance = new MetricsPanel(panel, extensionUri, host, runId));
  }

  /** Restores a panel after a reload (the serializer); runs are in memory, so it shows the newest one. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: RunsHost, state: unknown): MetricsPanel {
    MetricsPanel.instance?.dispose();
    return (MetricsPanel.instance = new MetricsPanel(panel, extensionUri, host, stateString(state, 'runId')));
  }

  private constructor(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: RunsHost, runId: string | undefined) {
    super(panel, extensionUri, host, runId, { script: 'metrics-panel', title: 'Statscope Metrics' });
  }

  protected receive(message: unknown): void {
    if (!isMetricsWebviewMessage(message)) return;
    const m: MetricsWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.postNow();
        break;
      case 'selectRun':
        this.selectRun(m.runId);
        break;
      case 'toggleFullWidth':
        void this.toggleFullWidth();
        break;
      case 'openExemplar':
        void this.openExemplar(m.traceId, m.spanId);
        break;
      case 'domReport':
        this.answerDomReport(m.requestId, m.report);
        break;
    }
  }

  protected stateMessage(run: Run | undefined): MetricsPanelMessage {
    this.panel.title = run === undefined ? 'Statscope Metrics' : `Metrics: ${run.label}`;
    return { type: 'metrics', runs: runOptions(this.host.runs()), run: run === undefined ? undefined : metricsRunView(run) };
  }

  protected onDispose(): void {
    if (MetricsPanel.instance === this) MetricsPanel.instance = undefined;
  }

  /**
   * Opens an exemplar's trace in the Trace timeline at its span (what a click on the exemplar does);
   * says plainly when the trace is not in the run. Returns whether the timeline opened.
   */
  async openExemplar(traceId: string, spanId: string): Promise<boolean> {
    const target = exemplarTarget(this.run, traceId, spanId);
    if ('message' in target) {
      void vscode.window.showInformationMessage(target.message);
      return false;
    }
    try {
      await vscode.commands.executeCommand('statscope.openTimeline', target.timeline);
      return true;
    } catch (error) {
      log().warn(`metrics panel: could not open the exemplar's trace: ${String(error)}`);
      return false;
    }
  }

  /** Gives the chart the whole editor area: the panel's group is maximised (asked again: restored). */
  private async toggleFullWidth(): Promise<void> {
    try {
      this.panel.reveal(this.panel.viewColumn, false);
      await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
    } catch (error) {
      log().warn(`metrics panel: could not maximise the editor group: ${String(error)}`);
    }
  }
}
