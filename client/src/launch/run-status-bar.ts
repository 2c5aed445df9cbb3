import * as vscode from 'vscode';
import { programSpanDrops } from '../../../runs/index';
import type { Run } from '../../../runs/index';
import type { RunsHost } from '../store/runs-host';
import { runStatusText } from './status-text';

/** One status-bar item for the newest traced run: running · spans received · errors; click stops or shows it. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('statscope.run', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;
  private run: Run | undefined;

  constructor(private readonly host: RunsHost) {
    this.item.name = 'Statscope Run';
    this.subscription = host.onDidChange(() => this.update());
  }

  /** Shows this run from now on. */
  track(run: Run): void {
    this.run = run;
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
    const isRunning = run.state === 'running';
    const { text, tooltip } = runStatusText({
      label: run.label,
      isRunning,
      exitCode: run.exitCode,
      spanCount: stats.spanCount,
      errorSpanCount: stats.errorSpanCount,
      droppedSpanCount: stats.droppedSpanCount,
      programDroppedSpanCount: programSpanDrops(run.metrics).reduce((sum, d) => sum + d.spans, 0),
    });
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = isRunning ? { command: 'statscope.stopRun', title: 'Stop Run', arguments: [run.id] } : { command: 'statscope.focusSpans', title: 'Show Spans' };
    this.item.backgroundColor = !isRunning && run.exitCode !== undefined && run.exitCode !== 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
