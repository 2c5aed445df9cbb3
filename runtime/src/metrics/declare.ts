/**
 * Declaration builders: `counter()`, `gauge()`, `histogram()` return plain data that `defineStats` turns
 * into metrics. They never validate or throw; `defineStats` validates everything once.
 */
import type { MetricKind } from '../conventions';
import { optionsOf } from '../internal/is';
import type {
  CounterDeclaration,
  GaugeDeclaration,
  HistogramDeclaration,
  HistogramOptions,
  MetricDeclaration,
  ScalarOptions,
} from './types';

function declaration<K extends MetricKind, L extends string>(kind: K, options: HistogramOptions<L> | ScalarOptions<L> | undefined): MetricDeclaration<K, L> {
  // JavaScript callers may pass anything; keep what is there and let defineStats report the rest.
  try {
    return copyOf(kind, optionsOf(options));
  } catch {
    // Hostile options (a Proxy inside them that throws): a declaration without a description, which
    // defineStats reports and turns into a no-op metric.
    return copyOf(kind, {});
  }
}

function copyOf<K extends MetricKind, L extends string>(kind: K, o: Partial<HistogramOptions<L> & ScalarOptions<L>>): MetricDeclaration<K, L> {
  return Object.freeze({
    kind,
    description: o.description as string,
    unit: o.unit,
    labels: Array.isArray(o.labels) ? Object.freeze(o.labels.slice()) : (o.labels ?? Object.freeze([])),
    buckets: Array.isArray(o.buckets) ? Object.freeze(o.buckets.slice()) : o.buckets,
    maxSeries: o.maxSeries,
    window: o.window,
    alert: o.alert,
    slo: o.slo,
  });
}

// The return types wrap L in NoInfer: inside defineStats({...}) the declaration is contextually typed by
// StatsDeclarations, and without NoInfer TypeScript would infer L = string from that instead of `never`.

/** Declares a counter: a value that only goes up (`_total` is appended to its exposed name). */
export function counter<const L extends string = never>(options: ScalarOptions<L>): CounterDeclaration<NoInfer<L>> {
  return declaration('counter', options);
}

/** Declares a gauge: a value that goes up and down. */
export function gauge<const L extends string = never>(options: ScalarOptions<L>): GaugeDeclaration<NoInfer<L>> {
  return declaration('gauge', options);
}

/** Declares a histogram: observations counted into buckets, with their sum, count, min and max. */
export function histogram<const L extends string = never>(options: HistogramOptions<L>): HistogramDeclaration<NoInfer<L>> {
  return declaration('histogram', options);
}
