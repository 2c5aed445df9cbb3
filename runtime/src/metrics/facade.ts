/**
 * What every metric object shares: its description (`MetricInfo`) and subscriptions. The kind modules add
 * the record methods, which forward to the family's hot methods (`incAt`, `observeAt`, ...) with the
 * series offset, so every record path ends in the same monomorphic code.
 */
import type { MetricKind } from '../conventions';
import type { FamilyBase } from './family';
import type { DeliveryOptions, Threshold, ThresholdCallback, ChangeCallback, Unsubscribe } from './types';

/** Fields and subscriptions common to labelled and unlabelled metrics of every kind. */
export abstract class MetricFacade {
  readonly name: string;
  readonly kind: MetricKind;
  readonly component: string;
  readonly key: string;
  readonly description: string;
  readonly unit: string | undefined;
  readonly labelNames: readonly string[];
  readonly isNoop = false;

  constructor(family: FamilyBase) {
    const spec = family.spec;
    this.name = spec.name;
    this.kind = spec.kind;
    this.component = spec.component;
    this.key = spec.key;
    this.description = spec.description;
    this.unit = spec.unit;
    this.labelNames = spec.labelNames;
  }

  protected abstract family(): FamilyBase;

  onChange(callback: ChangeCallback<string>, options?: DeliveryOptions): Unsubscribe {
    return this.family().onChange(callback, options);
  }

  onThreshold(threshold: Threshold, callback: ThresholdCallback<string>, options?: DeliveryOptions): Unsubscribe {
    return this.family().onThreshold(threshold, callback, options);
  }
}
