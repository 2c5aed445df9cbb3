/** The CodeLens text of a comparison (pure): ` · p95 12.3 ms (+18% vs 14:02:11 run)`. */
import { formatDuration } from '../../../runs/tree/format';
import type { SpanNameStats } from '../../../runs/index';

/** The lens suffix (pure): this run's p95 and its change against the other run's p95 of the same name. */
export function compareLensSuffix(p95Ms: number, other: Pick<SpanNameStats, 'p95Ms'> | undefined, otherStart: string, change: (base: number, head: number) => string): string {
  const against = other === undefined ? `not in the ${otherStart} run` : `${change(other.p95Ms, p95Ms)} vs ${otherStart} run`;
  return ` · p95 ${formatDuration(p95Ms)} (${against})`;
}
