/**
 * Quantiles from explicit histogram buckets, computed the way Prometheus' `histogram_quantile` does, so
 * a p95 shown for a run is the number a Prometheus user would get from the same buckets.
 */
import type { HistogramBuckets } from './composites';

/**
 * The `q` quantile (0..1) of `buckets` (per-bucket counts, not cumulative; the last bucket is +Inf):
 * find the bucket holding rank `q × total` and interpolate linearly inside it. As in Prometheus, the first
 * bucket starts at 0 (or is its upper bound when that is ≤ 0) and a rank in the +Inf bucket yields the
 * highest finite bound. Undefined where Prometheus answers NaN or ±Inf: no observations, `q` outside
 * 0..1, or rank 0 falling in an empty first bucket.
 */
export function histogramQuantile(buckets: HistogramBuckets, q: number): number | undefined {
  const { bounds, counts } = buckets;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0 || !(q >= 0 && q <= 1) || counts.length !== bounds.length + 1) return undefined;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] ?? 0;
    if (seen + count < rank) {
      seen += count;
      continue;
    }
    // The first bucket whose cumulative count reaches the rank.
    const upper = bounds[i];
    if (upper === undefined) return bounds[bounds.length - 1];
    if (i === 0 && upper <= 0) return upper;
    // Rank 0 before the first observation: Prometheus divides 0 by 0 (NaN).
    if (count === 0) return undefined;
    const lower = i === 0 ? 0 : (bounds[i - 1] as number);
    return lower + ((upper - lower) * (rank - seen)) / count;
  }
  return bounds[bounds.length - 1];
}
