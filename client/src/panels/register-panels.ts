import * as vscode from 'vscode';
import { METRICS_PANEL_VIEW_TYPE, SPAN_DETAILS_VIEW_TYPE, TIMELINE_VIEW_TYPE } from '../../../protocol/webview';
import type { SpanDetailsPanelState, TimelinePanelState } from '../../../protocol/webview';
import type { RunsHost } from '../store/runs-host';
import { MetricsPanel } from './metrics-panel';
import { SpanDetailsPanel } from './span-details-panel';
import { TimelinePanel } from './timeline-panel';

/** Opens the panels from commands, and restores them after a reload. */
export class Panels implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: RunsHost,
  ) {
    this.disposables = [
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
    const runId = typeof arg === 'string' ? arg : runIdOf(arg);
    return MetricsPanel.createOrShow(this.extensionUri, this.host, runId);
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
    SpanDetailsPanel.current?.dispose();
  }
}

function runIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; run?: { id?: unknown } }; // a node of the Spans view
  return (node.kind === 'run' || node.kind === 'trace' || node.kind === 'span') && typeof node.run?.id === 'string' ? node.run.id : undefined;
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
