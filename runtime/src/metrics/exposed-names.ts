/**
 * The family names a declared metric puts in the exposition, so that two declarations that would write the
 * same `# TYPE` family are caught when the second is declared (one duplicate family makes Prometheus reject
 * the whole scrape). A metric claims its name; a counter also its OpenMetrics family name (without
 * `_total`); an exported window its `<base>_window_<stat>` gauges. The self metrics' names are reserved.
 */
import { WINDOW_STATS, windowBaseName } from '../export/text-format';
import type { FamilySpec } from './family';
import { SELF_METRICS, selfMetricName } from './self-metrics';
import type { SelfMetricKey } from './self-metrics';

/** Every family name `spec` exposes, in either format. */
export function exposedFamilyNames(spec: Pick<FamilySpec, 'name' | 'kind' | 'exportWindow'>): string[] {
  const names = [spec.name];
  const base = windowBaseName(spec.kind, spec.name);
  if (base !== spec.name) names.push(base);
  if (spec.exportWindow) for (const stat of WINDOW_STATS) names.push(`${base}_window_${stat}`);
  return names;
}

/** The family names of the runtime's own metrics, which no declaration may take. */
export function reservedFamilyNames(): Set<string> {
  const reserved = new Set<string>();
  for (const key of Object.keys(SELF_METRICS) as SelfMetricKey[]) { // keys of a const object literal
    for (const name of exposedFamilyNames({ name: selfMetricName(key), kind: 'counter', exportWindow: false })) reserved.add(name);
  }
  return reserved;
}
