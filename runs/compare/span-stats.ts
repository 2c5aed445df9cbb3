/**
 * Per span name statistics of one run (pure; one pass over the spans): count, errors, and exact
 * percentiles from the sorted durations of the ended spans.
 */
import type { CodeLocation } from '../store/model';
import type { Run } from '../store/run';

/** The spans of one name in one run. */
export interface SpanNameStats {
  readonly name: string;
  /** Every span of the name, unended ones included. */
  readonly count: number;
  readonly errorCount: number;
  /** Nearest-rank percentiles and max of the ended spans' durations; 0 when none ended. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Where the first span of the name with a location was created. */
  readonly code: CodeLocation | undefined;
  /** Durations of the ended spans, ascending (for the noise test). */
  readonly sortedDurationsMs: Float64Array;
}

/** Nearest-rank percentile (`q` in 0..1) of values sorted ascending; 0 for none. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

interface Group {
  durations: number[];
  count: number;
  errors: number;
  code: CodeLocation | undefined;
}

/** Statistics per span name, keyed by the name (a `Map`: names come from the program). */
export function spanNameStats(run: Run): ReadonlyMap<string, SpanNameStats> {
  const groups = new Map<string, Group>();
  for (const span of run.spans()) {
    const name = span.name;
    let group = groups.get(name);
    if (group === undefined) {
      group = { durations: [], count: 0, errors: 0, code: undefined };
      groups.set(name, group);
    }
    group.count++;
    if (span.isError) group.errors++;
    if (!span.isUnended) group.durations.push(span.durationMs);
    // Reading `code` resolves attributes: only until the name has a location.
    if (group.code === undefined) group.code = span.code;
  }
  const stats = new Map<string, SpanNameStats>();
  for (const [name, g] of groups) {
    const sorted = Float64Array.from(g.durations).sort();
    stats.set(name, {
      name,
      count: g.count,
      errorCount: g.errors,
      p50Ms: percentileOfSorted(sorted, 0.5),
      p95Ms: percentileOfSorted(sorted, 0.95),
      maxMs: sorted.length === 0 ? 0 : (sorted[sorted.length - 1] as number),
      code: g.code,
      sortedDurationsMs: sorted,
    });
  }
  return stats;
}
