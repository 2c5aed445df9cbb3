/**
 * Metric series of two runs side by side (pure). Series are matched by metric name and label set
 * (not by resource: a second run of a program has a new process id and instance). What is compared
 * depends on the kind of series:
 *
 * | kind | values |
 * | --- | --- |
 * | counter (monotonic sum) | `total` (increase over the run), `rate` (per second) |
 * | gauge, up-down counter | `last`, `min`, `max` |
 * | histogram (explicit buckets) | `count`, `p50`, `p95`, `p99` (interpolated in the accumulated buckets) |
 * | exponential histogram, summary | `count`, `avg` |
 */
import { formatAttributeValue } from '../store/attributes';
import { histogramQuantile } from '../store/histogram-quantile';
import { labelKey } from '../store/metric-store';
import type { MetricSeries, MetricStore } from '../store/metric-store';

/** One compared value; undefined where the run has no such series or the value is not known. */
export interface MetricValueChange {
  readonly stat: 'total' | 'rate' | 'last' | 'min' | 'max' | 'count' | 'avg' | 'p50' | 'p95' | 'p99';
  readonly base: number | undefined;
  readonly head: number | undefined;
}

/** One series (metric name + label set) in the two runs. */
export interface SeriesComparison {
  readonly name: string;
  /** `route=/predict, status=200`, or '' without labels. */
  readonly labels: string;
  /** `counter`, `gauge`, `up-down counter`, `histogram`, `exponential histogram`, `summary`. */
  readonly kind: string;
  readonly unit: string;
  readonly inBase: boolean;
  readonly inHead: boolean;
  readonly values: readonly MetricValueChange[];
}

type StatValues = ReadonlyMap<MetricValueChange['stat'], number | undefined>;

function kindOf(series: MetricSeries): string {
  if (series.kind === 'sum') return series.isMonotonic ? 'counter' : 'up-down counter';
  if (series.kind === 'exponentialHistogram') return 'exponential histogram';
  return series.kind;
}

/** The values compared for one series (see the module table). */
export function seriesValues(series: MetricSeries): StatValues {
  const c = series.composites();
  switch (kindOf(series)) {
    case 'counter':
      return new Map([['total', c.sum], ['rate', c.rate]]);
    case 'gauge':
    case 'up-down counter':
      return new Map([['last', c.last], ['min', c.min], ['max', c.max]]);
    case 'histogram': {
      const buckets = series.buckets();
      const q = (p: number): number | undefined => (buckets === undefined ? undefined : histogramQuantile(buckets, p));
      return new Map([['count', c.count], ['p50', q(0.5)], ['p95', q(0.95)], ['p99', q(0.99)]]);
    }
    default:
      return new Map([['count', c.count], ['avg', c.avg]]);
  }
}

function seriesId(series: MetricSeries): string {
  return `${series.name}\u0000${labelKey(series.labels)}`;
}

function labelText(series: MetricSeries): string {
  return series.labels.map((l) => `${l.key}=${formatAttributeValue(l.value, 200)}`).join(', ');
}

/** Every series of either run, sorted by metric name and labels. */
export function compareMetrics(base: MetricStore, head: MetricStore): SeriesComparison[] {
  const pairs = new Map<string, { base?: MetricSeries; head?: MetricSeries }>();
  for (const s of base.series()) pairs.set(seriesId(s), { base: s });
  for (const s of head.series()) {
    const pair = pairs.get(seriesId(s));
    if (pair === undefined) pairs.set(seriesId(s), { head: s });
    else pair.head = s;
  }
  const rows: SeriesComparison[] = [];
  for (const pair of pairs.values()) {
    const shown = (pair.head ?? pair.base) as MetricSeries; // every pair has at least one side
    const baseValues = pair.base === undefined ? undefined : seriesValues(pair.base);
    const headValues = pair.head === undefined ? undefined : seriesValues(pair.head);
    const stats = [...(headValues ?? baseValues ?? new Map<MetricValueChange['stat'], number | undefined>()).keys()];
    rows.push({
      name: shown.name,
      labels: labelText(shown),
      kind: kindOf(shown),
      unit: shown.unit,
      inBase: pair.base !== undefined,
      inHead: pair.head !== undefined,
      values: stats.map((stat) => ({ stat, base: baseValues?.get(stat), head: headValues?.get(stat) })),
    });
  }
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0));
}
