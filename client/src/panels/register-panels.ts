import * as vscode from 'vscode';
import { LOGS_PANEL_VIEW_TYPE, METRICS_PANEL_VIEW_TYPE, SPAN_DETAILS_VIEW_TYPE, TIMELINE_VIEW_TYPE } from '../../../protocol/webview';
import type { SpanDetailsPanelState, TimelinePanelState } from '../../../protocol/webview';
import type { RunsHost } from '../store/runs-host';
import { ComparePanel } from './compare-panel';
import { resolveComparedRuns, runIdOf } from './compare-runs-command';
import { LogsPanel } from './logs-panel';
import type { RevealSpan } from './logs-panel';
import { MetricsPanel } from './metrics-panel';
import { SpanDetailsPanel } from './span-details-panel';
import { TimelinePanel } from './timeline-panel';

/** Opens the panels from commands, and restores them after a reload. */
export class Panels implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: RunsHost,
    private readonly revealSpan: RevealSpan,
  ) {
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(LOGS_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => void LogsPanel.revive(panel, extensionUri, host, revealSpan, state),
      }),
      vscode.window.registerWebviewPanelSerializer(METRICS_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => void MetricsPanel.revive(panel, extensionUri, host, state),
      }),
      vscode.window.registerWebviewPanelSerializer(SPAN_DETAILS_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => void SpanDetailsPanel.revive(panel, extensionUri, host, state),
      }),
      vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => void TimelinePanel.revive(panel, extensionUri, host, state),
      }),
    ];
  }

  /** The open Metrics panel, if any. */
  get metrics(): MetricsPanel | undefined {
    return MetricsPanel.current;
  }

  /** The open Logs panel, if any. */
  get logs(): LogsPanel | undefined {
    return LogsPanel.current;
  }

  /** The open Span details panel, if any. */
  get spanDetails(): SpanDetailsPanel | undefined {
    return SpanDetailsPanel.current;
  }

  /** The open Trace timeline panel, if any. */
  get timeline(): TimelinePanel | undefined {
    return TimelinePanel.current;
  }

  /** `statscope.showMetrics`: a run node or run id, else the newest run. */
  async showMetrics(arg?: unknown): Promise<MetricsPanel> {
    await this.host.load();
    const runId = runIdOf(arg);
    return MetricsPanel.createOrShow(this.extensionUri, this.host, runId);
  }

  /** The open Compare panel, if any. */
  get compare(): ComparePanel | undefined {
    return ComparePanel.current;
  }

  /** `statscope.compareRuns`: a run node or id, and optionally the other run's id (else a quick pick). */
  async compareRuns(arg?: unknown, other?: unknown): Promise<ComparePanel | undefined> {
    const pair = await resolveComparedRuns(this.host, arg, other);
    return pair === undefined ? undefined : ComparePanel.createOrShow(this.extensionUri, this.host, pair);
  }

  /** `statscope.showLogs`: a run node or run id, else the newest run. */
  async showLogs(arg?: unknown): Promise<LogsPanel> {
    await this.host.load();
    const runId = typeof arg === 'string' ? arg : runIdOf(arg);
    return LogsPanel.createOrShow(this.extensionUri, this.host, this.revealSpan, runId);
  }

  /** `statscope.openSpanDetails`: a span node, or `{ runId, traceId, spanId }`. */
  async openSpanDetails(arg: unknown): Promise<SpanDetailsPanel | undefined> {
    const target = spanTargetOf(arg);
    if (target === undefined) {
      void vscode.window.setStatusBarMessage('Statscope: select a span in the Spans view first.', 3000);
      return undefined;
    }
    await this.host.load();
    return SpanDetailsPanel.createOrShow(this.extensionUri, this.host, target);
  }

  /** `statscope.openTimeline`: a trace or span node (the span is selected), or `{ runId, traceId, spanId? }`. */
  async openTimeline(arg: unknown): Promise<TimelinePanel | undefined> {
    const target = traceTargetOf(arg);
    if (target === undefined) {
      void vscode.window.setStatusBarMessage('Statscope: select a trace or span in the Spans view first.', 3000);
      return undefined;
    }
    await this.host.load();
    return TimelinePanel.createOrShow(this.extensionUri, this.host, target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    TimelinePanel.current?.dispose();
    MetricsPanel.current?.dispose();
    LogsPanel.current?.dispose();
    SpanDetailsPanel.current?.dispose();
    ComparePanel.current?.dispose();
  }
}

function spanTargetOf(arg: unknown): SpanDetailsPanelState | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = arg as { kind?: unknown; run?: { id?: unknown }; span?: { traceId?: unknown; spanId?: unknown }; runId?: unknown; traceId?: unknown; spanId?: unknown }; // a span node or plain ids
  if (value.kind === 'span' && typeof value.run?.id === 'string' && typeof value.span?.traceId === 'string' && typeof value.span.spanId === 'string') {
    return { runId: value.run.id, traceId: value.span.traceId, spanId: value.span.spanId };
  }
  if (typeof value.runId === 'string' && typeof value.traceId === 'string' && typeof value.spanId === 'string') return { runId: value.runId, traceId: value.traceId, spanId: value.spanId };
  return undefined;
}

function traceTargetOf(arg: unknown): TimelinePanelState | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = arg as { kind?: unknown; run?: { id?: unknown }; trace?: { traceId?: unknown }; span?: { spanId?: unknown }; runId?: unknown; traceId?: unknown; spanId?: unknown }; // a trace/span node or plain ids
  if ((value.kind === 'trace' || value.kind === 'span') && typeof value.run?.id === 'string' && typeof value.trace?.traceId === 'string') {
    const spanId = value.kind === 'span' ? value.span?.spanId : undefined;
    return { runId: value.run.id, traceId: value.trace.traceId, ...(typeof spanId === 'string' ? { spanId } : {}) };
  }
  if (typeof value.runId === 'string' && typeof value.traceId === 'string') return { runId: value.runId, traceId: value.traceId, ...(typeof value.spanId === 'string' ? { spanId: value.spanId } : {}) };
  return undefined;
}
