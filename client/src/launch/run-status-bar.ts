import * as vscode from 'vscode';
import { describeRefusals, programSpanDrops, refusedRequestCount } from '../../../runs/index';
import type { OtlpReceiver, Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { runStatusText } from './status-text';

/** Refusals do not change the store; they refresh the item at most this often. */
const REFUSAL_REFRESH_MS = 250;

/**
 * One status-bar item for the newest traced run: running · spans received · errors · drops · refused
 * requests; click stops or shows it.
 */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('statscope.run', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private run: Run | undefined;
  private receiver: OtlpReceiver | undefined;
  private refusalSubscription: { dispose(): void } | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: RunsHost) {
    this.item.name = 'Statscope Run';
    this.subscription = host.onDidChange(() => this.update());
  }

  /** Shows this run, and the requests its receiver refused, from now on. */
  track(run: Run, receiver?: OtlpReceiver): void {
    this.run = run;
    this.receiver = receiver;
    this.refusalSubscription?.dispose();
    this.refusalSubscription = receiver?.onDidRefuse(() => this.scheduleUpdate());
    this.update();
  }

  update(): void {
    const run = this.run;
    if (run === undefined || this.host.getRun(run.id) === undefined) {
      this.run = undefined;
      this.item.hide();
      return;
    }
    const stats = run.stats();
    const rejected = this.receiver?.stats().rejected;
    const isRunning = run.state === 'running';
    const { text, tooltip } = runStatusText({
      label: run.label,
      isRunning,
      exitCode: run.exitCode,
      spanCount: stats.spanCount,
      errorSpanCount: stats.errorSpanCount,
      droppedSpanCount: stats.droppedSpanCount,
      programDroppedSpanCount: programSpanDrops(run.metrics).reduce((sum, d) => sum + d.spans, 0),
      refusedRequestCount: rejected === undefined ? 0 : refusedRequestCount(rejected),
      hasGrpcRefusals: (rejected?.grpc ?? 0) > 0,
      refusals: rejected === undefined ? undefined : describeRefusals(rejected),
    });
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = isRunning ? { command: 'statscope.stopRun', title: 'Stop Run', arguments: [run.id] } : { command: 'statscope.focusSpans', title: 'Show Spans' };
    this.item.backgroundColor = !isRunning && run.exitCode !== undefined && run.exitCode !== 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  private scheduleUpdate(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.update();
    }, REFUSAL_REFRESH_MS);
  }

  dispose(): void {
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    this.refusalSubscription?.dispose();
    this.subscription.dispose();
    this.item.dispose();
  }
}
