/**
 * Maps a run's metrics to the Metrics panel's messages (pure), with the statistics a Prometheus user
 * expects per kind: counters as total, increase and rates (not avg/min/max of cumulative samples);
 * histograms as count, sum, avg and p50/p95/p99 from the buckets (`histogram_quantile`) with bucket bars;
 * gauges as last, min, max, avg. Each metric also gets a time-series chart of all its label sets.
 */
import type { BucketBar, ChartLine, MetricChart, MetricsRunView, MetricView, RunOption, SeriesView, StatColumn } from '../../../protocol/webview';
import { formatAttributeValue } from '../../../runs/store/attributes';
import { histogramQuantile } from '../../../runs/store/histogram-quantile';
import { formatNumber, plural } from '../../../runs/tree/format';
import type { MetricSeries, Run } from '../../../runs/index';
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

/** How a kind of series is summarised: its columns and the cells of one series. */
interface Summary {
  readonly columns: readonly StatColumn[];
  cells(series: MetricSeries): string[];
}

const COUNTER: Summary = {
  columns: [
    { label: 'total', title: 'The counter’s value at the newest point (restarts stitched together)' },
    { label: 'increase', title: 'How much the counter grew during the run (Prometheus increase)' },
    { label: 'rate', title: 'Increase per second over the whole run' },
    { label: 'rate 1m', title: 'Increase per second over the last minute before the newest point (Prometheus rate(x[1m]))' },
  ],
  cells(series) {
    const c = series.composites();
    return [formatNumber(c.sum), formatNumber(c.increase), perSecond(c.rate), perSecond(windowRate(series, RECENT_RATE_WINDOW_MS))];
  },
};

const GAUGE: Summary = {
  columns: [
    { label: 'last', title: 'The newest value' },
    { label: 'min', title: 'The smallest value received' },
    { label: 'max', title: 'The largest value received' },
    { label: 'avg', title: 'The mean of the values received' },
  ],
  cells(series) {
    const c = series.composites();
    return [c.last, c.min, c.max, c.avg].map((v) => formatNumber(v));
  },
};

const QUANTILES = [0.5, 0.95, 0.99] as const;

const HISTOGRAM: Summary = {
  columns: [
    { label: 'count', title: 'Observations during the run' },
    { label: 'sum', title: 'Sum of the observations' },
    { label: 'avg', title: 'sum / count' },
    ...QUANTILES.map((q) => ({ label: `p${q * 100}`, title: `Estimated from the buckets by linear interpolation, as Prometheus histogram_quantile(${q}, …)` })),
  ],
  cells(series) {
    const c = series.composites();
    const buckets = series.buckets();
    return [formatNumber(c.count), formatNumber(c.sum), formatNumber(c.avg), ...QUANTILES.map((q) => formatNumber(buckets === undefined ? undefined : histogramQuantile(buckets, q)))];
  },
};

/** Exponential histograms and summaries: no explicit buckets to estimate quantiles from here. */
const DISTRIBUTION: Summary = {
  columns: HISTOGRAM.columns.slice(0, 3),
  cells(series) {
    return HISTOGRAM.cells(series).slice(0, 3);
  },
};

export function summaryOf(series: Pick<MetricSeries, 'kind' | 'isMonotonic'>): Summary {
  switch (series.kind) {
    case 'sum':
      return series.isMonotonic ? COUNTER : GAUGE;
    case 'gauge':
      return GAUGE;
    case 'histogram':
      return HISTOGRAM;
    default:
      return DISTRIBUTION;
  }
}

function metricView(name: string, list: readonly MetricSeries[]): MetricView {
  const first = list[0] as MetricSeries;
  const unit = unitName(first.unit);
  const summary = summaryOf(first);
  const sorted = list
    .map((series) => ({ series, labels: labelText(series) }))
    .sort((a, b) => a.labels.localeCompare(b.labels));
  return {
    name,
    description: first.description,
    unit,
    kind: kindLabel(first),
    columns: summary.columns,
    series: sorted.map(({ series, labels }) => seriesView(series, labels, summary)),
    chart: metricChart(first, sorted, unit),
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

function seriesView(series: MetricSeries, labels: string, summary: Summary): SeriesView {
  const buckets = bucketBars(series);
  return { key: series.key, labels, cells: summary.cells(series), ...(buckets === undefined ? {} : { buckets }) };
}

/** All label sets of a metric on one time axis (the first {@link MAX_CHART_LINES}). */
export function metricChart(first: Pick<MetricSeries, 'kind' | 'isMonotonic'>, sorted: readonly { readonly series: MetricSeries; readonly labels: string }[], unit: string): MetricChart {
  const shown = sorted.slice(0, MAX_CHART_LINES);
  const timelines = shown.map(({ series }) => seriesTimeline(series));
  const { times, values } = alignTimelines(timelines.map((t) => t.points));
  const lines: ChartLine[] = shown.map(({ series, labels }, i) => ({ key: series.key, label: labels, values: values[i] ?? [] }));
  const meaning = timelines[0]?.meaning ?? 'value';
  const isRate = first.kind === 'sum' && first.isMonotonic;
  return {
    meaning,
    unit: isRate ? (unit === '' ? 'per second' : `${unit} per second`) : unit,
    times: times.map((t) => t / 1000),
    lines,
    omittedLines: sorted.length - shown.length,
  };
}

function perSecond(value: number | undefined): string {
  const text = formatNumber(value);
  return text === '–' ? text : `${text}/s`;
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
