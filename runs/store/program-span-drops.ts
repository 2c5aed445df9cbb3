/**
 * Spans the traced program ended but never sent, as it reports them in its own metrics:
 * `statscope_spans_dropped_total{reason}` (`statscope.spans_dropped` with OTel naming), exported by the
 * statscope runtime. The receiver cannot see these spans, so this counter is the only place the loss shows;
 * the CLI summary and the extension read it here. Pure: no I/O.
 */
import { getStringAttribute } from './attributes';
import type { MetricSeries, MetricStore } from './metric-store';

/** The names the runtime exports the counter under (Prometheus-style, the default, and OTel naming). */
export const SPANS_DROPPED_METRIC_NAMES: readonly string[] = ['statscope_spans_dropped_total', 'statscope.spans_dropped'];

/** Spans dropped by the program for one reason. */
export interface ProgramSpanDrop {
  /** The `reason` label: `queue_full`, `export_failed`, `after_shutdown`, or another the runtime adds. */
  readonly reason: string;
  readonly spans: number;
}

/** Spans the program dropped, by reason (most first; reasons with none left out), summed over its processes. */
export function programSpanDrops(metrics: MetricStore): readonly ProgramSpanDrop[] {
  const byReason = new Map<string, number>();
  for (const name of SPANS_DROPPED_METRIC_NAMES) {
    for (const series of metrics.seriesNamed(name)) {
      const reason = getStringAttribute(series.labels, 'reason') ?? 'unknown';
      byReason.set(reason, (byReason.get(reason) ?? 0) + totalOf(series));
    }
  }
  return [...byReason]
    .filter(([, spans]) => spans > 0)
    .map(([reason, spans]) => ({ reason, spans }))
    .sort((a, b) => b.spans - a.spans || a.reason.localeCompare(b.reason));
}

/** A counter's total over the run (restarts stitched, delta points added); a non-monotonic series' last value. */
function totalOf(series: MetricSeries): number {
  const c = series.composites();
  const total = series.kind === 'sum' && series.isMonotonic ? c.sum : (c.last ?? 0);
  return Number.isFinite(total) ? total : 0;
}

/** `165184 spans dropped by the program (queue full)`; undefined when nothing was dropped. */
export function describeProgramSpanDrops(drops: readonly ProgramSpanDrop[]): string | undefined {
  if (drops.length === 0) return undefined;
  const total = drops.reduce((sum, d) => sum + d.spans, 0);
  const reasons = drops.length === 1 ? reasonText(drops[0]?.reason ?? '') : drops.map((d) => `${d.spans} ${reasonText(d.reason)}`).join(', ');
  return `${total} ${total === 1 ? 'span' : 'spans'} dropped by the program (${reasons})`;
}

const REASON_TEXT: ReadonlyMap<string, string> = new Map([
  ['queue_full', 'queue full'],
  ['export_failed', 'export failed'],
  ['after_shutdown', 'ended after shutdown'],
]);

/** Known reasons in words; another label value (it comes from the program) with control characters blanked. */
function reasonText(reason: string): string {
  // eslint-disable-next-line no-control-regex -- blanking control characters is the point
  return REASON_TEXT.get(reason) ?? reason.slice(0, 40).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/_/g, ' ');
}
