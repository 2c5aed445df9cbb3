/**
 * The metrics of a run: one {@link MetricSeries} per resource × metric name × label set, each with
 * its recent points, latest point, composites and (histograms) accumulated buckets.
 */
import { formatAttributeValue } from './attributes';
import { CompositeAccumulator } from './composites';
import type { Composites, HistogramBuckets } from './composites';
import type { Attribute, MetricData, MetricKind, MetricPoint, ResourceInfo, ScopeInfo, Temporality } from './model';
import { SeriesExemplars } from './series-exemplars';
import type { SeriesExemplar } from './series-exemplars';

export interface MetricStoreLimits {
  /** Series kept per run; points of further series are dropped and counted. */
  readonly maxSeries: number;
  /** Recent points kept per series (for sparklines); older ones are discarded (they stay in the composites). */
  readonly maxPointsPerSeries: number;
}

const POINT_TYPE: Readonly<Record<MetricKind, MetricPoint['type']>> = {
  gauge: 'number',
  sum: 'number',
  histogram: 'histogram',
  exponentialHistogram: 'exponentialHistogram',
  summary: 'summary',
};

/** One time series. Read-only for consumers; the store updates it as points arrive. */
export class MetricSeries {
  private readonly recent: MetricPoint[] = [];
  private readonly accumulator: CompositeAccumulator;
  private received = 0;
  private latestPoint: MetricPoint | undefined;
  /** @internal Read through `MetricStore.exemplarsOf`. */
  readonly exemplarSlots = new SeriesExemplars();

  constructor(
    /** Unique within the run. */
    readonly key: string,
    readonly name: string,
    readonly description: string,
    readonly unit: string,
    readonly kind: MetricKind,
    readonly temporality: Temporality,
    readonly isMonotonic: boolean,
    /** The point attributes that identify this series. */
    readonly labels: readonly Attribute[],
    readonly resource: ResourceInfo,
    readonly scope: ScopeInfo,
    private readonly maxPoints: number,
  ) {
    this.accumulator = new CompositeAccumulator(kind !== 'gauge' && kind !== 'sum', kind === 'sum' && isMonotonic, temporality);
  }

  /** Total points received. */
  get pointCount(): number {
    return this.received;
  }

  /** The most recent point (by arrival). */
  get latest(): MetricPoint | undefined {
    return this.latestPoint;
  }

  /** The most recent points, oldest first (at most `maxPointsPerSeries`; a copy). */
  points(): readonly MetricPoint[] {
    return this.recent.slice(Math.max(0, this.recent.length - this.maxPoints));
  }

  composites(): Composites {
    return this.accumulator.composites();
  }

  /** Accumulated explicit buckets (histograms only). */
  buckets(): HistogramBuckets | undefined {
    return this.accumulator.histogram();
  }

  /** @internal Called by the store. */
  addPoint(point: MetricPoint): void {
    this.received++;
    this.latestPoint = point;
    this.accumulator.add(point);
    this.exemplarSlots.add(point);
    this.recent.push(point);
    if (this.recent.length >= this.maxPoints * 2) this.recent.splice(0, this.recent.length - this.maxPoints);
  }
}

export class MetricStore {
  private readonly byKey = new Map<string, MetricSeries>();
  private readonly byName = new Map<string, MetricSeries[]>();
  private points = 0;
  private dropped = 0;

  constructor(private readonly limits: MetricStoreLimits) {}

  /** Points accepted so far. */
  get pointCount(): number {
    return this.points;
  }

  /** Points dropped (series limit, or a point type that does not match its series). */
  get droppedPointCount(): number {
    return this.dropped;
  }

  /** Every series, in creation order. */
  series(): readonly MetricSeries[] {
    return [...this.byKey.values()];
  }

  /** The series of one metric name (all resources and label sets). */
  seriesNamed(name: string): readonly MetricSeries[] {
    return this.byName.get(name) ?? [];
  }

  /** Distinct metric names, sorted. */
  names(): readonly string[] {
    return [...this.byName.keys()].sort();
  }

  get(key: string): MetricSeries | undefined {
    return this.byKey.get(key);
  }

  /**
   * The exemplars of a series: for a histogram the latest of each bucket (with `bucketIndex`, in bucket
   * order), for a sum the latest one; empty for other kinds and for series without exemplars. Each names
   * the trace (`traceId`, `spanId`) a measurement was recorded in.
   */
  exemplarsOf(series: MetricSeries): readonly SeriesExemplar[] {
    return series.exemplarSlots.list();
  }

  /** Exemplars dropped across all series: malformed ids, or past the per-series bound. */
  get droppedExemplarCount(): number {
    let n = 0;
    for (const series of this.byKey.values()) n += series.exemplarSlots.dropped;
    return n;
  }

  /** Adds the points of one metric; returns how many were dropped. */
  add(metric: MetricData): number {
    const before = this.dropped;
    const type = POINT_TYPE[metric.kind];
    const prefix = `${resourceKey(metric.resource)}\u0000${metric.kind}\u0000${metric.name}\u0000`;
    for (const point of metric.points) {
      if (point.type !== type) {
        this.dropped++;
        continue;
      }
      const key = prefix + labelKey(point.attributes);
      let series = this.byKey.get(key);
      if (series === undefined) {
        if (this.byKey.size >= this.limits.maxSeries) {
          this.dropped++;
          continue;
        }
        series = this.createSeries(key, metric, point.attributes);
      }
      series.addPoint(point);
      this.points++;
    }
    return this.dropped - before;
  }

  private createSeries(key: string, m: MetricData, labels: readonly Attribute[]): MetricSeries {
    const series = new MetricSeries(key, m.name, m.description, m.unit, m.kind, m.temporality, m.isMonotonic, labels, m.resource, m.scope, this.limits.maxPointsPerSeries);
    this.byKey.set(key, series);
    const named = this.byName.get(m.name);
    if (named === undefined) this.byName.set(m.name, [series]);
    else named.push(series);
    return series;
  }
}

function resourceKey(resource: ResourceInfo): string {
  let key = resource.serviceName;
  for (const a of resource.attributes) {
    if (a.key === 'service.instance.id' || a.key === 'process.pid') key += `\u0001${a.key}=${formatAttributeValue(a.value)}`;
  }
  return key;
}

/**
 * A canonical key of a label set: the JSON of its [name, type, value] triples sorted by name. JSON
 * escapes every separator and nothing is truncated, so two different label sets never share a key
 * (values with a long common prefix, values containing `=` or control characters, `1` versus `'1'`).
 */
export function labelKey(labels: readonly Attribute[]): string {
  if (labels.length === 0) return '';
  const triples = labels.map((a): [string, string, string] => [a.key, typeof a.value, formatAttributeValue(a.value, Number.POSITIVE_INFINITY)]);
  triples.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  return JSON.stringify(triples);
}
