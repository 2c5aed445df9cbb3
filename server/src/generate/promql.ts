/**
 * The PromQL the dashboard and the rules share, and the names of the recorded series. Metric and label names
 * reach here only after declared-components.ts checked them against Prometheus's grammar, so they are written
 * as is; label values (Grafana variables) are the only quoted parts.
 */
import type { DeclaredMetric } from './declared-components';

/** The range of the recorded rates and quantiles. */
export const RULE_WINDOW = '5m';

/** A label matcher: `model=~"$model"`. */
export interface Matcher {
  readonly label: string;
  readonly regex: string;
}

/** `name{a=~"x",b=~"y"}`, or the bare name without matchers. */
export function selector(name: string, matchers: readonly Matcher[]): string {
  if (matchers.length === 0) return name;
  return `${name}{${matchers.map((m) => `${m.label}=~${JSON.stringify(m.regex)}`).join(',')}}`;
}

/** `sum by (a, b) (expr)`; `sum (expr)` without labels. */
export function sumBy(labels: readonly string[], expr: string): string {
  return labels.length === 0 ? `sum(${expr})` : `sum by (${labels.join(', ')}) (${expr})`;
}

/** The per-second increase of a counter, summed by `by`. */
export function counterRate(m: DeclaredMetric, by: readonly string[], matchers: readonly Matcher[], range: string): string {
  return sumBy(by, `rate(${selector(m.exposedName, matchers)}[${range}])`);
}

/** The bucket rates of a histogram, summed by `le` and `by`. */
export function bucketRate(m: DeclaredMetric, by: readonly string[], matchers: readonly Matcher[], range: string): string {
  return sumBy(['le', ...by], `rate(${selector(`${m.exposedName}_bucket`, matchers)}[${range}])`);
}

/** `histogram_quantile(0.95, rates)`. */
export function quantileOf(phi: number, rates: string): string {
  return `histogram_quantile(${phi}, ${rates})`;
}

/** Recorded series names (`level:metric:operations`, the Prometheus convention); `job` is the level kept. */
export const recorded = {
  counterRate: (m: DeclaredMetric): string => `job:${m.exposedName.replace(/_total$/, '')}:rate${RULE_WINDOW}`,
  bucketRate: (m: DeclaredMetric): string => `job:${m.exposedName}_bucket:rate${RULE_WINDOW}`,
  quantile: (m: DeclaredMetric, quantile: string): string => `job:${m.exposedName}:${quantile}_rate${RULE_WINDOW}`,
};

/** Quantiles a histogram is drawn and recorded at: p50, p95, p99 and any other the declaration names. */
export function quantilesOf(m: DeclaredMetric): { readonly quantile: string; readonly phi: number }[] {
  const all = new Map<string, number>([
    ['p50', 0.5],
    ['p95', 0.95],
    ['p99', 0.99],
  ]);
  for (const o of m.objectives) all.set(o.quantile, o.phi);
  return [...all].sort((a, b) => a[1] - b[1]).map(([quantile, phi]) => ({ quantile, phi }));
}
