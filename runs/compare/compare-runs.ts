/**
 * Compares two runs (base → head): per span name count, p50, p95, max and errors with a noise
 * judgement, and per metric series the change of totals, rates, percentiles or gauge values.
 * Used by `statscope diff` and the extension's Compare view. Pure; one pass over each run's spans.
 */
import type { Run } from '../store/run';
import { compareMetrics } from './metric-compare';
import type { SeriesComparison } from './metric-compare';
import { compareSpanStats, DEFAULT_NOISE } from './span-compare';
import type { NoiseSettings, SpanComparison } from './span-compare';
import { spanNameStats } from './span-stats';

/** What a comparison says about each run. */
export interface ComparedRun {
  readonly label: string;
  readonly spanCount: number;
  readonly errorSpanCount: number;
}

export interface RunComparison {
  readonly base: ComparedRun;
  readonly head: ComparedRun;
  readonly noise: NoiseSettings;
  /** See `compareSpanStats` for the order. */
  readonly spans: readonly SpanComparison[];
  readonly metrics: readonly SeriesComparison[];
}

function described(run: Run): ComparedRun {
  const stats = run.stats();
  return { label: run.label, spanCount: stats.spanCount, errorSpanCount: stats.errorSpanCount };
}

/** Compares `head` against `base`. */
export function compareRuns(base: Run, head: Run, noise: NoiseSettings = DEFAULT_NOISE): RunComparison {
  return {
    base: described(base),
    head: described(head),
    noise,
    spans: compareSpanStats(spanNameStats(base), spanNameStats(head), noise),
    metrics: compareMetrics(base.metrics, head.metrics),
  };
}
