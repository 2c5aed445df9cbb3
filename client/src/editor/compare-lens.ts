/**
 * The part of the span CodeLens that compares with another run while the Compare panel is open:
 * ` · p95 12.3 ms (+18% vs 14:02:11 run)`.
 */
import type { Run, SpanNameStats } from '../../../runs/index';
import { startTimeText } from '../launch/run-label';
import { compareLensSuffix } from './compare-lens-text';
import { CompareSelection } from '../panels/compare-selection';
import type { RunsHost } from '../store/runs-host';

/** Finds the other run of the open comparison and caches its per-name stats. */
export class CompareLensHint {
  private cache: { run: Run; spanCount: number; stats: ReadonlyMap<string, SpanNameStats> } | undefined;

  constructor(private readonly host: RunsHost) {}

  /** The suffix for a span of `run` (the lens's run), or '' when no comparison is open. */
  suffix(run: Run, spanName: string, p95Ms: number): string {
    const pair = CompareSelection.current;
    const module = this.host.module;
    if (pair === undefined || module === undefined) return '';
    const other = this.host.getRun(run.id === pair.baseRunId ? pair.headRunId : pair.baseRunId);
    if (other === undefined || other === run) return '';
    const spanCount = other.stats().spanCount;
    if (this.cache?.run !== other || this.cache.spanCount !== spanCount) this.cache = { run: other, spanCount, stats: module.spanNameStats(other) };
    return compareLensSuffix(p95Ms, this.cache.stats.get(spanName), startTimeText(new Date(other.createdAtMs)), module.relativeChangeText);
  }
}
