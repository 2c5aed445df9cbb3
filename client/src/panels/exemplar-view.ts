/**
 * Exemplars as the Metrics panel shows them (pure): the measurement, its time and a short trace id, and
 * where a click on one leads: the Trace timeline at the exemplar's span, or a plain message when that
 * trace did not arrive in the run (not sampled for export, dropped, or still on its way).
 */
import type { ExemplarView, TimelinePanelState } from '../../../protocol/webview';
import { formatNumber } from '../../../runs/tree/format';
import type { Run, SeriesExemplar } from '../../../runs/index';
import { clockTime } from './clock-time';

/** Hex digits of the trace id shown on the link (the full id is in its tooltip). */
const SHORT_TRACE_ID = 8;

export function exemplarView(exemplar: SeriesExemplar, run: Pick<Run, 'trace'>): ExemplarView {
  const isTraceInRun = run.trace(exemplar.traceId) !== undefined;
  return {
    value: formatNumber(exemplar.value),
    time: clockTime(exemplar.timeMs),
    traceId: exemplar.traceId,
    spanId: exemplar.spanId,
    shortTraceId: exemplar.traceId.slice(0, SHORT_TRACE_ID),
    isTraceInRun,
  };
}

/** Where an exemplar click leads: the timeline at its span, or why not. */
export type ExemplarTarget = { readonly timeline: TimelinePanelState } | { readonly message: string };

export function exemplarTarget(run: Pick<Run, 'id' | 'trace' | 'state'> | undefined, traceId: string, spanId: string): ExemplarTarget {
  if (run === undefined) return { message: 'Statscope: the run of this exemplar is no longer open.' };
  const trace = run.trace(traceId);
  if (trace === undefined) {
    const later = run.state === 'running' ? ' yet (it may still arrive)' : ' (the span was not exported, or was dropped)';
    return { message: `Statscope: trace ${traceId} of this exemplar did not arrive in the run${later}.` };
  }
  return { timeline: { runId: run.id, traceId, ...(trace.span(spanId) === undefined ? {} : { spanId }) } };
}
