import * as vscode from 'vscode';
import type { DomReport, ReportDomMessage } from '../../../protocol/webview';
import type { Run, StoreChangeEvent } from '../../../runs/index';
import { log } from '../log';
import type { RunsHost } from '../store/runs-host';
import { DomReports, loadPanelHtml } from './panel-webview';

/** Live updates are posted at most this often while a run goes. */
const UPDATE_INTERVAL_MS = 500;

/**
 * What the panels showing one run (Metrics, Logs) share: the selected run (else the newest), throttled
 * re-posting while that run changes, and DOM reports for tests. Subclasses build and send their state.
 */
export abstract class RunPanel<TMessage> implements vscode.Disposable {
  protected readonly disposables: vscode.Disposable[] = [];
  private readonly reports = new DomReports();
  private selectedRunId: string | undefined;
  private lastPostMs = 0;
  private timer: NodeJS.Timeout | undefined;
  private isDisposed = false;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    protected readonly host: RunsHost,
    runId: string | undefined,
    page: { readonly script: string; readonly title: string },
  ) {
    this.selectedRunId = runId;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'statscope.svg');
    loadPanelHtml(panel.webview, extensionUri, page.script, page.title);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      host.onDidChange((event) => this.onStoreChange(event)),
    );
    // The panel may be the first thing that needs the store (e.g. restored after a reload).
    void host.load().then(
      () => this.postNow(),
      (error: unknown) => log().error(`${page.title}: ${String(error)}`),
    );
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
    this.postNow();
  }

  /** Asks the webview what its DOM holds (rendered text, img elements, scripts). */
  requestDomReport(timeoutMs?: number): Promise<DomReport> {
    return this.reports.request((requestId) => this.send({ type: 'reportDom', requestId }), timeoutMs);
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.onDispose();
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }

  /** Handles one message from the webview (untrusted). */
  protected abstract receive(message: unknown): void;
  /** The state message for the current run. */
  protected abstract stateMessage(run: Run | undefined): TMessage;
  /** Releases the panel's single-instance slot. */
  protected abstract onDispose(): void;

  /** Delivers a DOM report the webview sent. */
  protected answerDomReport(requestId: number, report: DomReport): void {
    this.reports.answer(requestId, report);
  }

  /** Posts the current state now. */
  protected postNow(): void {
    if (this.isDisposed) return;
    this.lastPostMs = Date.now();
    void this.send(this.stateMessage(this.run));
  }

  protected send(message: TMessage | ReportDomMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  private onStoreChange(event: StoreChangeEvent | undefined): void {
    const shown = this.run;
    const isRelevant = event === undefined || event.runsChanged || (shown !== undefined && event.runs.has(shown.id));
    if (!isRelevant || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastPostMs + UPDATE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.postNow();
    }, wait);
  }
}
