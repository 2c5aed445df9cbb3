/**
 * What a metric series looks like over time, the way a Prometheus user would graph it (pure):
 * counters as `rate()` (increase per second between points), histograms as `histogram_quantile(0.95,
 * rate())` over each interval's buckets (the mean per interval when there are no explicit buckets),
 * gauges and up-down counters as their values. Cumulative restarts (new start time or a value going
 * down) count from zero, as Prometheus' counter-reset handling does.
 */
import { histogramQuantile } from '../../../runs/store/histogram-quantile';
import type { MetricPoint, MetricSeries } from '../../../runs/index';

/** One plotted value at an epoch-millisecond time. */
export interface TimelinePoint {
  readonly timeMs: number;
  readonly value: number;
}

/** The plotted values of one series and what they mean. */
export interface Timeline {
  /** `rate per second`, `p95 per interval`, `mean per interval`, `value`. */
  readonly meaning: string;
  readonly points: readonly TimelinePoint[];
}

/** The series fields the timeline needs. */
export type TimelineSource = Pick<MetricSeries, 'kind' | 'isMonotonic' | 'temporality' | 'points'>;

/** The quantile a histogram's chart shows per interval. */
export const CHART_QUANTILE = 0.95;

/** How much a total grew over one interval that ends at `timeMs`. */
interface Interval {
  readonly startMs: number;
  readonly timeMs: number;
  readonly increase: number;
  readonly current: MetricPoint;
  /** The cumulative point the interval starts from; undefined for a delta point or after a restart. */
  readonly previous: MetricPoint | undefined;
}

export function seriesTimeline(series: TimelineSource): Timeline {
  const points = series.points();
  if (series.kind === 'gauge' || (series.kind === 'sum' && !series.isMonotonic)) {
    return { meaning: 'value', points: points.flatMap((p) => (p.type === 'number' && Number.isFinite(p.value) ? [{ timeMs: p.timeMs, value: p.value }] : [])) };
  }
  const intervals = intervalsOf(points, series.temporality === 'delta');
  if (series.kind === 'sum') return { meaning: 'rate per second', points: intervals.flatMap((i) => perSecond(i, i.increase)) };
  if (series.kind === 'histogram') return { meaning: `p${CHART_QUANTILE * 100} per interval`, points: intervals.flatMap(intervalQuantile) };
  return { meaning: 'mean per interval', points: intervals.flatMap(intervalMean) };
}

/**
 * Increase per second over the last `windowMs` of a counter (Prometheus `rate(x[window])` at the newest
 * point); undefined when the window holds no complete interval.
 */
export function windowRate(series: TimelineSource, windowMs: number): number | undefined {
  const intervals = intervalsOf(series.points(), series.temporality === 'delta');
  const last = intervals[intervals.length - 1];
  if (last === undefined) return undefined;
  let increase = 0;
  let startMs = last.timeMs;
  for (let i = intervals.length - 1; i >= 0; i--) {
    const interval = intervals[i] as Interval;
    if (interval.timeMs <= last.timeMs - windowMs) break;
    increase += interval.increase;
    startMs = interval.startMs;
  }
  const seconds = (last.timeMs - startMs) / 1000;
  return seconds > 0 ? increase / seconds : undefined;
}

function intervalsOf(points: readonly MetricPoint[], isDelta: boolean): Interval[] {
  const out: Interval[] = [];
  let previous: MetricPoint | undefined;
  for (const point of points) {
    const startMs = Number(point.startTimeUnixNano) / 1e6;
    const total = totalOf(point);
    if (total === undefined) continue;
    if (isDelta) {
      const from = point.startTimeUnixNano > 0n ? startMs : previous?.timeMs;
      if (from !== undefined) out.push({ startMs: from, timeMs: point.timeMs, increase: total, current: point, previous: undefined });
    } else if (previous === undefined || point.startTimeUnixNano !== previous.startTimeUnixNano || total < (totalOf(previous) ?? 0)) {
      // The first point, or a restart: the total counts from the series' start time, when sent.
      if (point.startTimeUnixNano > 0n && startMs < point.timeMs) out.push({ startMs, timeMs: point.timeMs, increase: total, current: point, previous: undefined });
    } else {
      out.push({ startMs: previous.timeMs, timeMs: point.timeMs, increase: total - (totalOf(previous) ?? 0), current: point, previous });
    }
    previous = point;
  }
  return out;
}

/** A counter's value, or a distribution's observation count. */
function totalOf(point: MetricPoint): number | undefined {
  const total = point.type === 'number' ? point.value : point.count;
  return Number.isFinite(total) ? total : undefined;
}

function perSecond(interval: Interval, amount: number): TimelinePoint[] {
  const seconds = (interval.timeMs - interval.startMs) / 1000;
  return seconds > 0 ? [{ timeMs: interval.timeMs, value: amount / seconds }] : [];
}

function intervalQuantile(interval: Interval): TimelinePoint[] {
  const current = interval.current;
  if (current.type !== 'histogram') return [];
  const before = interval.previous?.type === 'histogram' && interval.previous.bucketCounts.length === current.bucketCounts.length ? interval.previous.bucketCounts : undefined;
  const counts = current.bucketCounts.map((c, i) => c - (before?.[i] ?? 0));
  const value = histogramQuantile({ bounds: current.explicitBounds, counts }, CHART_QUANTILE);
  return value === undefined ? [] : [{ timeMs: interval.timeMs, value }];
}

function intervalMean(interval: Interval): TimelinePoint[] {
  const current = interval.current;
  if (current.type === 'number' || interval.increase <= 0) return [];
  const previous = interval.previous;
  const sumBefore = previous === undefined || previous.type === 'number' ? 0 : (previous.sum ?? 0);
  const value = ((current.sum ?? 0) - sumBefore) / interval.increase;
  return Number.isFinite(value) ? [{ timeMs: interval.timeMs, value }] : [];
}

/** Several timelines on one time axis (uPlot's aligned data): the union of their times, gaps as null. */
export function alignTimelines(timelines: readonly (readonly TimelinePoint[])[]): { times: number[]; values: (number | null)[][] } {
  const times = [...new Set(timelines.flatMap((points) => points.map((p) => p.timeMs)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const values = timelines.map((points) => {
    const row = new Array<number | null>(times.length).fill(null);
    for (const p of points) row[index.get(p.timeMs) as number] = p.value;
    return row;
  });
  return { times, values };
}
