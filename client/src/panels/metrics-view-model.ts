/**
 * Maps a run's metrics to the Metrics panel's messages (pure), with the statistics a Prometheus user
 * expects per kind: counters as total, increase and rates (not avg/min/max of cumulative samples);
 * histograms as count, sum, avg and p50/p95/p99 from the buckets (`histogram_quantile`) with bucket bars;
 * gauges as last, min, max, avg (see runs/store/series-summary.ts). Each metric also gets a time-series chart of
 * all its label sets. A histogram bucket or counter with an exemplar links to the trace it was recorded in.
 */
import type { BucketBar, ChartLine, ExemplarView, MetricChart, MetricsRunView, MetricView, RunOption, SeriesView, StatColumn } from '../../../protocol/webview';
import { formatAttributeValue } from '../../../runs/store/attributes';
import { formatStat, formatSummary, seriesSummary, summaryColumns, summaryKindOf } from '../../../runs/store/series-summary';
import type { SummaryKind } from '../../../runs/store/series-summary';
import { formatNumber, plural } from '../../../runs/tree/format';
import type { MetricSeries, Run, SeriesExemplar } from '../../../runs/index';
import { exemplarView } from './exemplar-view';
import { alignTimelines, seriesTimeline, windowRate } from './series-timeline';
import { unitName } from './unit-names';

/** The window of a counter's "recent rate" (Prometheus `rate(x[1m])` at the newest point). */
export const RECENT_RATE_WINDOW_MS = 60_000;
/** Label sets drawn in one chart at most; the table still lists every one. */
export const MAX_CHART_LINES = 25;

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
    .map(([name, list]) => metricView(name, list, run));
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

/** The panel's columns of a kind: the shared summary, plus a recent rate for counters. */
function columnsOf(kind: SummaryKind): StatColumn[] {
  const columns = summaryColumns(kind).map(({ label, title }) => ({ label, title }));
  return kind === 'counter' ? [...columns, RECENT_RATE_COLUMN] : columns;
}

const RECENT_RATE_COLUMN: StatColumn = { label: 'rate 1m', title: 'Increase per second over the last minute before the newest point (Prometheus rate(x[1m]))' };

function cellsOf(series: MetricSeries): string[] {
  const summary = seriesSummary(series);
  const cells = formatSummary(summary);
  return summary.kind === 'counter' ? [...cells, formatStat(windowRate(series, RECENT_RATE_WINDOW_MS), true)] : cells;
}

function metricView(name: string, list: readonly MetricSeries[], run: Run): MetricView {
  const first = list[0] as MetricSeries;
  const unit = unitName(first.unit);
  const columns = columnsOf(summaryKindOf(first));
  const sorted = list
    .map((series) => ({ series, labels: labelText(series) }))
    .sort((a, b) => a.labels.localeCompare(b.labels));
  return {
    name,
    description: first.description,
    unit,
    kind: kindLabel(first),
    columns,
    series: sorted.map(({ series, labels }) => seriesView(series, labels, run)),
    chart: metricChart(first, sorted, unit, (series) => run.metrics.exemplarsOf(series)),
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

function labelText(series: MetricSeries): string {
  return series.labels.length === 0 ? '(no labels)' : series.labels.map((l) => `${l.key}=${formatAttributeValue(l.value, 200)}`).join(', ');
}

function seriesView(series: MetricSeries, labels: string, run: Run): SeriesView {
  const exemplars = run.metrics.exemplarsOf(series).map((e) => ({ bucketIndex: e.bucketIndex, view: exemplarView(e, run) }));
  const buckets = bucketBars(series, exemplars);
  const counterExemplar = series.kind === 'sum' ? exemplars.find((e) => e.bucketIndex === undefined)?.view : undefined;
  return { key: series.key, labels, cells: cellsOf(series), ...(buckets === undefined ? {} : { buckets }), ...(counterExemplar === undefined ? {} : { exemplar: counterExemplar }) };
}

/** All label sets of a metric on one time axis (the first {@link MAX_CHART_LINES}), with a histogram's exemplars as points. */
export function metricChart(
  first: Pick<MetricSeries, 'kind' | 'isMonotonic'>,
  sorted: readonly { readonly series: MetricSeries; readonly labels: string }[],
  unit: string,
  exemplarsOf?: (series: MetricSeries) => readonly SeriesExemplar[],
): MetricChart {
  const shown = sorted.slice(0, MAX_CHART_LINES);
  const timelines = shown.map(({ series }) => seriesTimeline(series));
  // A histogram's chart is in the unit of its observations, so its exemplars fit on it as points.
  const exemplarPoints = first.kind === 'histogram' && exemplarsOf !== undefined ? shown.map(({ series }) => exemplarsOf(series).map((e) => ({ timeMs: e.timeMs, value: e.value }))) : [];
  const { times, values } = alignTimelines([...timelines.map((t) => t.points), ...exemplarPoints]);
  const lines: ChartLine[] = shown.map(({ series, labels }, i) => ({ key: series.key, label: labels, values: values[i] ?? [] }));
  const exemplars: ChartLine[] = exemplarPoints.flatMap((points, i) => {
    const line = shown[i];
    return points.length === 0 || line === undefined ? [] : [{ key: line.series.key, label: line.labels, values: values[shown.length + i] ?? [] }];
  });
  const meaning = timelines[0]?.meaning ?? 'value';
  const isRate = first.kind === 'sum' && first.isMonotonic;
  return {
    meaning,
    unit: isRate ? (unit === '' ? 'per second' : `${unit} per second`) : unit,
    times: times.map((t) => t / 1000),
    lines,
    exemplars,
    omittedLines: sorted.length - shown.length,
  };
}

/** Histogram buckets as bars (`≤ bound`, last `> bound`), with their share of all observations and their exemplar. */
export function bucketBars(series: Pick<MetricSeries, 'buckets'>, exemplars: readonly { readonly bucketIndex: number | undefined; readonly view: ExemplarView }[] = []): BucketBar[] | undefined {
  const buckets = series.buckets();
  if (buckets === undefined) return undefined;
  const total = buckets.counts.reduce((a, b) => a + b, 0);
  return buckets.counts.map((count, i) => {
    const bound = buckets.bounds[i];
    const label = bound === undefined ? `> ${formatNumber(buckets.bounds[buckets.bounds.length - 1])}` : `≤ ${formatNumber(bound)}`;
    const exemplar = exemplars.find((e) => e.bucketIndex === i)?.view;
    return { label, count, share: total > 0 ? count / total : 0, ...(exemplar === undefined ? {} : { exemplar }) };
  });
}
