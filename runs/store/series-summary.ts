/**
 * The statistics that describe a metric series, per kind, the way a Prometheus user reads them (pure):
 * counters as total, increase and rate (never avg/min/max of cumulative samples); histograms as count,
 * sum, avg and p50/p95/p99 estimated from the buckets (`histogram_quantile`); gauges and up-down counters
 * as last, min, max, avg. The Metrics panel, the editor hover and the CLI's table all show these.
 */
import { formatNumber } from '../tree/format';
import { histogramQuantile } from './histogram-quantile';
import type { MetricSeries } from './metric-store';

/** How a series is summarised. `distribution`: exponential histograms and summaries (no explicit buckets). */
export type SummaryKind = 'counter' | 'gauge' | 'histogram' | 'distribution';

/** One statistic: its short label, what it means (for tooltips), and whether it is a per-second rate. */
export interface SummaryColumn {
  readonly label: string;
  readonly title: string;
  readonly isRate: boolean;
}

/** The series fields a summary reads. */
export type SummarySource = Pick<MetricSeries, 'kind' | 'isMonotonic' | 'composites' | 'buckets'>;

/** A series' statistics, in the order of {@link summaryColumns} of its kind (undefined: not known yet). */
export interface SeriesSummary {
  readonly kind: SummaryKind;
  readonly values: readonly (number | undefined)[];
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

const COLUMNS: Readonly<Record<SummaryKind, readonly SummaryColumn[]>> = {
  counter: [
    { label: 'total', title: 'The counter’s value at the newest point (restarts stitched together)', isRate: false },
    { label: 'increase', title: 'How much the counter grew during the run (Prometheus increase)', isRate: false },
    { label: 'rate', title: 'Increase per second over the whole run', isRate: true },
  ],
  gauge: [
    { label: 'last', title: 'The newest value', isRate: false },
    { label: 'min', title: 'The smallest value received', isRate: false },
    { label: 'max', title: 'The largest value received', isRate: false },
    { label: 'avg', title: 'The mean of the values received', isRate: false },
  ],
  histogram: [
    { label: 'count', title: 'Observations during the run', isRate: false },
    { label: 'sum', title: 'Sum of the observations', isRate: false },
    { label: 'avg', title: 'sum / count', isRate: false },
    ...QUANTILES.map((q) => ({ label: `p${q * 100}`, title: `Estimated from the buckets by linear interpolation, as Prometheus histogram_quantile(${q}, …)`, isRate: false })),
  ],
  distribution: [
    { label: 'count', title: 'Observations during the run', isRate: false },
    { label: 'sum', title: 'Sum of the observations', isRate: false },
    { label: 'avg', title: 'sum / count', isRate: false },
  ],
};

export function summaryKindOf(series: Pick<MetricSeries, 'kind' | 'isMonotonic'>): SummaryKind {
  switch (series.kind) {
    case 'sum':
      return series.isMonotonic ? 'counter' : 'gauge';
    case 'gauge':
      return 'gauge';
    case 'histogram':
      return 'histogram';
    default:
      return 'distribution';
  }
}

/** The statistics shown for a kind of series. */
export function summaryColumns(kind: SummaryKind): readonly SummaryColumn[] {
  return COLUMNS[kind];
}

export function seriesSummary(series: SummarySource): SeriesSummary {
  const kind = summaryKindOf(series);
  const c = series.composites();
  switch (kind) {
    case 'counter':
      return { kind, values: [c.sum, c.increase, c.rate] };
    case 'gauge':
      return { kind, values: [c.last, c.min, c.max, c.avg] };
    case 'histogram': {
      const buckets = series.buckets();
      return { kind, values: [c.count, c.sum, c.avg, ...QUANTILES.map((q) => (buckets === undefined ? undefined : histogramQuantile(buckets, q)))] };
    }
    case 'distribution':
      return { kind, values: [c.count, c.sum, c.avg] };
  }
}

/** A statistic as text: `–` when unknown, rates with `/s`. */
export function formatStat(value: number | undefined, isRate: boolean): string {
  const text = formatNumber(value);
  return isRate && text !== '–' ? `${text}/s` : text;
}

/** The summary's values as text, in column order. */
export function formatSummary(summary: SeriesSummary): string[] {
  const columns = summaryColumns(summary.kind);
  return summary.values.map((value, i) => formatStat(value, columns[i]?.isRate === true));
}
