import * as vscode from 'vscode';
import { METRICS_PANEL_VIEW_TYPE } from '../../../protocol/webview';
import type { DomReport, MetricsPanelMessage, MetricsWebviewMessage } from '../../../protocol/webview';
import { log } from '../log';
import type { Run, StoreChangeEvent } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { isMetricsWebviewMessage, stateString } from './is-webview-message';
import { metricsRunView, runOptions } from './metrics-view-model';
import { DomReports, loadPanelHtml } from './panel-webview';

/** Live updates are posted at most this often while a run goes. */
const UPDATE_INTERVAL_MS = 500;

/**
 * The Metrics panel: per-kind statistics per metric and label set, histogram bars and a time-series
 * chart of one run (selectable), updated while the run goes. One instance; `createOrShow` reveals it.
 */
export class MetricsPanel implements vscode.Disposable {
  private static instance: MetricsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reports = new DomReports();
  private selectedRunId: string | undefined;
  private lastPostMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private isDisposed = false;

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

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: RunsHost,
    runId: string | undefined,
  ) {
    this.selectedRunId = runId;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'statscope.svg');
    loadPanelHtml(panel.webview, extensionUri, 'metrics-panel', 'Statscope Metrics');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      host.onDidChange((event) => this.onStoreChange(event)),
    );
    // The panel may be the first thing that needs the store (e.g. restored after a reload).
    void host.load().then(() => this.post(), (error: unknown) => log().error(`metrics panel: ${String(error)}`));
  }

  /** The HTML of the current load (tests check the CSP and nonces). */
  get html(): string {
    return this.panel.webview.html;
  }

  /** The run shown: the selected one while it exists, else the newest. */
  get run(): Run | undefined {
    return (this.selectedRunId === undefined ? undefined : this.host.getRun(this.selectedRunId)) ?? this.host.latestRun();
  }

  selectRun(runId: string): void {
    this.selectedRunId = runId;
    this.post();
  }

  /** Asks the webview what its DOM holds (rendered text, img elements, scripts). */
  requestDomReport(timeoutMs?: number): Promise<DomReport> {
    return this.reports.request((requestId) => this.send({ type: 'reportDom', requestId }), timeoutMs);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (MetricsPanel.instance === this) MetricsPanel.instance = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private receive(message: unknown): void {
    if (!isMetricsWebviewMessage(message)) return;
    const m: MetricsWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.post();
        break;
      case 'selectRun':
        this.selectRun(m.runId);
        break;
      case 'toggleFullWidth':
        void this.toggleFullWidth();
        break;
      case 'domReport':
        this.reports.answer(m.requestId, m.report);
        break;
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

  private onStoreChange(event: StoreChangeEvent | undefined): void {
    const shown = this.run;
    const isRelevant = event === undefined || event.runsChanged || (shown !== undefined && event.runs.has(shown.id));
    if (!isRelevant || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastPostMs + UPDATE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, wait);
  }

  private post(): void {
    if (this.isDisposed) return;
    this.lastPostMs = Date.now();
    const run = this.run;
    this.panel.title = run === undefined ? 'Statscope Metrics' : `Metrics: ${run.label}`;
    void this.send({ type: 'metrics', runs: runOptions(this.host.runs()), run: run === undefined ? undefined : metricsRunView(run) });
  }

  private send(message: MetricsPanelMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}
