/**
 * No-op metrics: what a rejected declaration gets. Every method exists and does nothing, so user code keeps
 * running unchanged; `isNoop` is true so tests and tools can tell.
 */
import type { MetricKind } from '../conventions';
import { EMPTY_COMPOSITE } from './window';
import type { Composite, CounterHandle, GaugeHandle, HistogramHandle, HistogramValue, Unsubscribe } from './types';

const EMPTY_HISTOGRAM: HistogramValue = Object.freeze({ count: 0, sum: 0, min: NaN, max: NaN, buckets: Object.freeze([]) });
const unsubscribe: Unsubscribe = () => undefined;

/** A handle of every kind that records nothing. */
class NoopHandle implements CounterHandle, GaugeHandle, HistogramHandle {
  constructor(private readonly isHistogram: boolean) {}
  inc(): void {}
  dec(): void {}
  add(): void {}
  set(): void {}
  observe(): void {}
  value(): number & HistogramValue {
    // One method serves counters/gauges (0) and histograms (empty value); callers see their kind's type.
    return (this.isHistogram ? EMPTY_HISTOGRAM : 0) as number & HistogramValue;
  }
  composite(): Composite {
    return EMPTY_COMPOSITE;
  }
}

const NOOP_SCALAR = new NoopHandle(false);
const NOOP_HISTOGRAM = new NoopHandle(true);

/** A metric (labelled or not) of any kind that does nothing. */
export class NoopMetric extends NoopHandle {
  readonly isNoop = true;
  readonly labelNames: readonly string[];

  constructor(
    readonly name: string,
    readonly kind: MetricKind,
    readonly component: string,
    readonly key: string,
    readonly description: string,
    readonly unit: string | undefined,
    labelNames: readonly string[],
  ) {
    super(kind === 'histogram');
    this.labelNames = Object.freeze(labelNames.slice());
  }

  labels(): NoopHandle {
    return this.kind === 'histogram' ? NOOP_HISTOGRAM : NOOP_SCALAR;
  }

  onChange(): Unsubscribe {
    return unsubscribe;
  }

  onThreshold(): Unsubscribe {
    return unsubscribe;
  }
}
