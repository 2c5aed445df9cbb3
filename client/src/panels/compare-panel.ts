import * as vscode from 'vscode';
import { COMPARE_PANEL_VIEW_TYPE } from '../../../protocol/webview';
import type { ComparePanelMessage, CompareView, CompareWebviewMessage, DomReport } from '../../../protocol/webview';
import { log } from '../log';
import type { RunComparison, StoreChangeEvent } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { revealSource } from '../views/reveal-source';
import { CompareSelection } from './compare-selection';
import type { ComparedRuns } from './compare-selection';
import { compareView } from './compare-view-model';
import { isCompareWebviewMessage } from './is-webview-message';
import { DomReports, loadPanelHtml } from './panel-webview';

/** While a compared run still receives data, the comparison is recomputed at most this often. */
const UPDATE_INTERVAL_MS = 1000;

/**
 * The Compare panel: two runs side by side (per span name count, p50, p95, max, errors with the change
 * and a noise verdict; per metric series the change), sortable, span names revealing their source. One
 * instance; comparing another pair replaces its content.
 */
export class ComparePanel implements vscode.Disposable {
  private static instance: ComparePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly reports = new DomReports();
  private comparison: RunComparison | undefined;
  private lastView: CompareView | undefined;
  private timer: NodeJS.Timeout | undefined;
  private isDisposed = false;

  static get current(): ComparePanel | undefined {
    return ComparePanel.instance;
  }

  /** Shows the comparison of two runs, creating or revealing the panel. */
  static createOrShow(extensionUri: vscode.Uri, host: RunsHost, pair: ComparedRuns): ComparePanel {
    const existing = ComparePanel.instance;
    if (existing !== undefined) {
      existing.pair = pair;
      existing.panel.reveal(undefined, true);
      existing.post();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(COMPARE_PANEL_VIEW_TYPE, 'Compare Runs', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableScripts: true });
    return (ComparePanel.instance = new ComparePanel(panel, extensionUri, host, pair));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly host: RunsHost,
    private pair: ComparedRuns,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'statscope.svg');
    loadPanelHtml(panel.webview, extensionUri, 'compare', 'Statscope Compare Runs');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      host.onDidChange((event) => this.onStoreChange(event)),
    );
    this.post();
  }

  get html(): string {
    return this.panel.webview.html;
  }

  /** The view last posted (tests read its rows). */
  get view(): CompareView | undefined {
    return this.lastView;
  }

  /** Opens the source of a span name (what clicking the name does); undefined when it has no location. */
  async revealSpan(spanName: string): Promise<vscode.TextEditor | undefined> {
    const code = this.comparison?.spans.find((s) => s.name === spanName)?.code;
    return code === undefined ? undefined : revealSource(code);
  }

  requestDomReport(timeoutMs?: number): Promise<DomReport> {
    return this.reports.request((requestId) => this.send({ type: 'reportDom', requestId }), timeoutMs);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (ComparePanel.instance === this) ComparePanel.instance = undefined;
    CompareSelection.set(undefined);
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  private onStoreChange(event: StoreChangeEvent | undefined): void {
    const touched = event === undefined || event.runsChanged || event.runs.has(this.pair.baseRunId) || event.runs.has(this.pair.headRunId);
    if (!touched || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, UPDATE_INTERVAL_MS);
  }

  private receive(message: unknown): void {
    if (!isCompareWebviewMessage(message)) return;
    const m: CompareWebviewMessage = message;
    switch (m.type) {
      case 'ready':
        this.post();
        break;
      case 'revealSpanName':
        void this.revealSpan(m.spanName);
        break;
      case 'domReport':
        this.reports.answer(m.requestId, m.report);
        break;
    }
  }

  private post(): void {
    if (this.isDisposed) return;
    const module = this.host.module;
    const base = this.host.getRun(this.pair.baseRunId);
    const head = this.host.getRun(this.pair.headRunId);
    if (module === undefined || base === undefined || head === undefined) {
      this.comparison = undefined;
      this.lastView = undefined;
      CompareSelection.set(undefined);
      this.panel.title = 'Compare Runs';
      void this.send({ type: 'compare', view: undefined, message: 'One of the compared runs is no longer in memory (it was closed, or VS Code was reloaded).' });
      return;
    }
    const started = performance.now();
    this.comparison = module.compareRuns(base, head);
    this.lastView = compareView(this.comparison, this.pair);
    log().info(`compared ${base.label} with ${head.label} in ${(performance.now() - started).toFixed(1)} ms`);
    CompareSelection.set(this.pair);
    this.panel.title = `Compare: ${head.label}`;
    void this.send({ type: 'compare', view: this.lastView, message: undefined });
  }

  private send(message: ComparePanelMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }
}
