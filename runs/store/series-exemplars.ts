/**
 * The exemplars a metric series keeps: for a histogram the latest one of each bucket, for a sum the
 * latest one. Bounded: at most one per bucket, and at most {@link MAX_EXEMPLAR_BUCKETS} buckets (more
 * are dropped and counted).
 */
import type { Attribute, MetricPoint, PointExemplar } from './model';

/** Histogram buckets that keep an exemplar, per series. */
export const MAX_EXEMPLAR_BUCKETS = 256;

/** One exemplar as consumers read it (`MetricStore.exemplarsOf`). */
export interface SeriesExemplar {
  /** Histograms: the index of the bucket the value falls in (the last is +Inf). Absent for sums. */
  readonly bucketIndex?: number;
  /** The measurement the exemplar was recorded with. */
  readonly value: number;
  /** Epoch milliseconds. */
  readonly timeMs: number;
  /** 32 lowercase hex digits: open it with the run's trace index. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  readonly filteredAttributes: readonly Attribute[];
}

/** Index of the explicit bucket `value` falls in: the first bound it does not exceed, else +Inf. */
export function bucketIndexOf(value: number, bounds: readonly number[]): number {
  let i = 0;
  while (i < bounds.length && value > (bounds[i] as number)) i++;
  return i;
}

export class SeriesExemplars {
  /** By bucket index; sums use -1. */
  private readonly latest = new Map<number, SeriesExemplar>();
  /** Exemplars received malformed or past the bucket bound. */
  dropped = 0;

  /** Takes the exemplars of a point. */
  add(point: MetricPoint): void {
    if (point.type !== 'number' && point.type !== 'histogram') return;
    this.dropped += point.droppedExemplars ?? 0;
    for (const e of point.exemplars ?? []) {
      const bucket = point.type === 'histogram' ? bucketIndexOf(e.value, point.explicitBounds) : -1;
      this.keep(bucket, e);
    }
  }

  private keep(bucket: number, e: PointExemplar): void {
    const current = this.latest.get(bucket);
    if (current === undefined && this.latest.size >= MAX_EXEMPLAR_BUCKETS) {
      this.dropped++;
      return;
    }
    if (current !== undefined && current.timeMs > e.timeMs) return;
    const kept: SeriesExemplar = { value: e.value, timeMs: e.timeMs, traceId: e.traceId, spanId: e.spanId, filteredAttributes: e.filteredAttributes };
    this.latest.set(bucket, bucket >= 0 ? { bucketIndex: bucket, ...kept } : kept);
  }

  /** The kept exemplars, by bucket index (a sum's single one first). */
  list(): SeriesExemplar[] {
    return [...this.latest.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  }
}
