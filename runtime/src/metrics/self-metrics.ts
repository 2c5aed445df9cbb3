/**
 * The runtime's own metrics, created on the first problem so a healthy exposition carries no extra lines:
 * - `statscope_dropped_samples_total{metric,reason}`: samples dropped for a bad value or bad labels;
 * - `statscope_cardinality_overflow_total{metric}`: label sets refused by the series cap (their samples went
 *   to the overflow series, whose label values are all `__overflow__`);
 * - `statscope_callback_errors_total{metric}`: callbacks that threw, rejected, or lost a queued crossing;
 * - `statscope_truncated_label_values_total{metric}`: label values cut to `maxLabelValueLength`.
 */
import type { CounterFamily } from './counter';

/** Specs of the self metrics, keyed by their struct key under the `statscope` component. */
export const SELF_METRICS = {
  droppedSamples: {
    description: 'Samples dropped because of a bad value (NaN, infinite, negative counter increment, wrong type) or bad label values',
    labels: ['metric', 'reason'],
  },
  cardinalityOverflow: {
    description: 'Label sets refused because the metric reached its series cap; their samples went to the overflow series',
    labels: ['metric'],
  },
  truncatedLabelValues: {
    description: 'Label values longer than maxLabelValueLength, truncated to it (values that differ only past the cap share a series)',
    labels: ['metric'],
  },
  callbackErrors: {
    description: 'onChange/onThreshold callbacks that threw or rejected, or crossings dropped from a full batch queue',
    labels: ['metric'],
  },
} as const;

/** Keys of the self metrics. */
export type SelfMetricKey = keyof typeof SELF_METRICS;

/** The exposed name of a self metric (`droppedSamples` → `statscope_dropped_samples_total`). */
export function selfMetricName(key: SelfMetricKey): string {
  return `statscope_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_total`;
}

/** Lazily created self-metric families. */
export class SelfMetrics {
  private readonly families = new Map<SelfMetricKey, CounterFamily>();

  constructor(private readonly create: (key: SelfMetricKey) => CounterFamily) {}

  /** Adds 1 to the self metric `key` for these label values. */
  count(key: SelfMetricKey, values: readonly string[]): void {
    let family = this.families.get(key);
    if (family === undefined) {
      family = this.create(key);
      this.families.set(key, family);
    }
    family.incAt(family.offsetForValues(values));
  }

  clear(): void {
    this.families.clear();
  }
}
