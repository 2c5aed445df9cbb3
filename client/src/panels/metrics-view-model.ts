/**
 * Maps a run's metrics to the Metrics panel's messages (pure): composites per metric and label set,
 * formatted; recent values for sparklines; accumulated histogram buckets as bars.
 */
import type { BucketBar, CompositeCells, MetricsRunView, MetricView, RunOption, SeriesView } from '../../../protocol/webview';
import { formatAttributeValue } from '../../../runs/store/attributes';
import { formatNumber, plural } from '../../../runs/tree/format';
import type { MetricPoint, MetricSeries, Run } from '../../../runs/index';

/** Sparkline length: the most recent points. */
export const SPARKLINE_POINTS = 60;

/** One run selector entry per run, newest first. */
export function runOptions(runs: readonly Run[]): RunOption[] {
  return runs.map((run) => ({ id: run.id, label: `${run.label} · ${runState(run)} · ${run.stats().seriesCount} series` }));
}

export function runState(run: Run): string {
  if (run.state === 'finished') return `finished (exit ${run.exitCode ?? '?'})`;
  return run.state;
}

export function metricsRunView(run: Run): MetricsRunView {
  const byName = new Map<string, MetricSeries[]>();
  for (const series of run.metrics.series()) {
    const list = byName.get(series.name);
    if (list === undefined) byName.set(series.name, [series]);
    else list.push(series);
  }
  // The program's own metrics first; what instrumentation libraries record (HTTP client timings…) after.
  const metrics = [...byName.entries()]
    .sort(([a, as], [b, bs]) => Number(isLibraryMetric(as)) - Number(isLibraryMetric(bs)) || a.localeCompare(b))
    .map(([name, list]) => metricView(name, list));
  const stats = run.stats();
  return {
    runId: run.id,
    title: run.label,
    state: runState(run),
    isLive: run.state === 'running',
    summary: `${plural(metrics.length, 'metric')} · ${plural(stats.seriesCount, 'series', 'series')} · ${plural(stats.metricPointCount, 'point')} · ${plural(stats.spanCount, 'span')}${stats.droppedMetricPointCount > 0 ? ` · ${plural(stats.droppedMetricPointCount, 'point')} dropped` : ''}`,
    metrics,
  };
}

/** Recorded by an OpenTelemetry instrumentation library rather than the program's own stats. */
function isLibraryMetric(list: readonly MetricSeries[]): boolean {
  return list[0]?.scope.name.startsWith('@opentelemetry/') === true;
}

function metricView(name: string, list: readonly MetricSeries[]): MetricView {
  const first = list[0] as MetricSeries;
  return {
    name,
    description: first.description,
    unit: first.unit,
    kind: kindLabel(first),
    series: list.map(seriesView).sort((a, b) => a.labels.localeCompare(b.labels)),
  };
}

export function kindLabel(series: Pick<MetricSeries, 'kind' | 'isMonotonic'>): string {
  switch (series.kind) {
    case 'sum':
      return series.isMonotonic ? 'counter' : 'up-down counter';
    case 'exponentialHistogram':
      return 'exponential histogram';
    default:
      return series.kind;
  }
}

function seriesView(series: MetricSeries): SeriesView {
  const labels = series.labels.length === 0 ? '(no labels)' : series.labels.map((l) => `${l.key}=${formatAttributeValue(l.value, 200)}`).join(', ');
  const buckets = bucketBars(series);
  return {
    key: series.key,
    labels,
    composites: compositeCells(series),
    sparkline: sparkline(series.points()),
    ...(buckets === undefined ? {} : { buckets }),
  };
}

function compositeCells(series: MetricSeries): CompositeCells {
  const c = series.composites();
  return {
    count: formatNumber(c.count),
    avg: formatNumber(c.avg),
    min: formatNumber(c.min),
    max: formatNumber(c.max),
    rate: c.rate === undefined ? '–' : `${formatNumber(c.rate)}/s`,
    last: formatNumber(c.last),
  };
}

/** The value each recent point contributes to a sparkline. */
export function sparkline(points: readonly MetricPoint[]): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, points.length - SPARKLINE_POINTS); i < points.length; i++) {
    const p = points[i] as MetricPoint;
    const value = p.type === 'number' ? p.value : p.count > 0 ? (p.sum ?? 0) / p.count : 0;
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** Histogram buckets as bars (`≤ bound`, last `> bound`), with their share of all observations. */
export function bucketBars(series: Pick<MetricSeries, 'buckets'>): BucketBar[] | undefined {
  const buckets = series.buckets();
  if (buckets === undefined) return undefined;
  const total = buckets.counts.reduce((a, b) => a + b, 0);
  return buckets.counts.map((count, i) => {
    const bound = buckets.bounds[i];
    const label = bound === undefined ? `> ${formatNumber(buckets.bounds[buckets.bounds.length - 1])}` : `≤ ${formatNumber(bound)}`;
    return { label, count, share: total > 0 ? count / total : 0 };
  });
}
