/**
 * Copies every family's current values into plain data (`RegistrySnapshot`), the format the OTel producer,
 * the in-memory backend and custom backends read. Allocates; runs on the collection path only.
 */
import type { FamilyBase } from './family';
import { HISTOGRAM_BUCKETS_AT } from './histogram';
import type { HistogramFamily } from './histogram';
import type { FamilySnapshot, RegistrySnapshot, SeriesExemplar, SeriesSnapshot } from './registry-types';

/** Snapshot of `families` at monotonic time `now` (for windows). */
export function takeSnapshot(families: readonly FamilyBase[], now: number): RegistrySnapshot {
  return { timeMs: Date.now(), families: families.map((f) => familySnapshot(f, now)) };
}

function familySnapshot(family: FamilyBase, now: number): FamilySnapshot {
  const spec = family.spec;
  const isHistogram = spec.kind === 'histogram';
  const hist = family as HistogramFamily;
  const series: SeriesSnapshot[] = [];
  const n = family.seriesCount();
  for (let i = 0; i < n; i++) {
    const o = family.offsetOf(i);
    const labels = family.valuesOf(i);
    const window = spec.exportWindow ? family.window(o, false).composite(now) : undefined;
    const d = family.d;
    let entry: SeriesSnapshot;
    if (isHistogram) {
      const [min, max] = hist.minMax(o);
      const counts = Array.from(d.subarray(o + HISTOGRAM_BUCKETS_AT, o + HISTOGRAM_BUCKETS_AT + hist.b.length + 1));
      entry = { labels, value: d[o] as number, histogram: { count: d[o] as number, sum: d[o + 1] as number, min, max, counts } };
    } else {
      entry = { labels, value: d[o] as number };
    }
    const exemplars = exemplarsOf(family, i);
    if (exemplars.length > 0) entry = { ...entry, exemplars };
    series.push(window ? { ...entry, window } : entry);
  }
  return {
    name: spec.name,
    component: spec.component,
    key: spec.key,
    kind: spec.kind,
    description: spec.description,
    unit: spec.unit,
    labelNames: spec.labelNames,
    bounds: isHistogram ? Array.from(hist.b) : [],
    startTimeMs: family.createdWallMs,
    series,
  };
}

/** The exemplars of exported series `index`, by bucket. */
function exemplarsOf(family: FamilyBase, index: number): SeriesExemplar[] {
  const out: SeriesExemplar[] = [];
  if (family.x === null) return out;
  for (let bucket = 0; bucket < family.x.perRow; bucket++) {
    const e = family.exemplarOf(index, bucket);
    if (e !== undefined) out.push({ ...e, bucket });
  }
  return out;
}
