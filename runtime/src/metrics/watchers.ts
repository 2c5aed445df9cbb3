/**
 * onChange / onThreshold subscriptions of one family. The hot path calls `notify` only when the family has
 * subscribers (`family.w !== null`, one load). Sync subscriptions run the callback inline inside a guard;
 * batched ones note the series' latest value (no allocation once the pending list has grown) and deliver
 * later.
 * Exceptions and promise rejections from callbacks are caught and reported, never propagated.
 */
import type { Clock } from '../internal/clock';
import { isThenable } from '../internal/is';
import type {
  ChangeCallback,
  DeliveryOptions,
  LabelValues,
  Threshold,
  ThresholdCallback,
  ThresholdEvent,
} from './types';

/** What a subscription needs from its family. */
export interface WatchedFamily {
  readonly stride: number;
  /** Schedules batched deliveries. */
  readonly clock: Clock;
  labelsOf(index: number): LabelValues<string>;
  /** Reports a callback failure (counted and logged once). */
  callbackFailed(error: unknown): void;
}

/** One subscription. */
interface Subscription {
  notify(index: number, value: number): void;
  dispose(): void;
}

/** Most threshold crossings a batched subscription queues between deliveries; later ones are dropped and counted. */
const MAX_QUEUED_CROSSINGS = 4096;

abstract class Delivering implements Subscription {
  private labelCache: (LabelValues<string> | undefined)[] = [];
  private scheduled = false;
  protected disposed = false;
  private timer: unknown = undefined;

  constructor(protected readonly family: WatchedFamily, private readonly intervalMs: number) {}

  abstract notify(index: number, value: number): void;
  protected abstract flush(): void;

  protected labels(index: number): LabelValues<string> {
    let l = this.labelCache[index];
    if (l === undefined) {
      l = this.family.labelsOf(index);
      this.labelCache[index] = l;
    }
    return l;
  }

  /** Gives a promise returned by a callback a rejection handler. */
  protected settle(result: unknown): void {
    if (!isThenable(result)) return;
    try {
      result.then(undefined, (error: unknown) => this.family.callbackFailed(error));
    } catch (error) {
      this.family.callbackFailed(error); // a thenable whose `then` throws
    }
  }

  protected schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    const run = (): void => {
      this.scheduled = false;
      this.timer = undefined;
      if (!this.disposed) this.flush();
    };
    this.timer = this.family.clock.schedule(run, this.intervalMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.family.clock.cancel(this.timer);
  }
}

class ChangeSubscription extends Delivering {
  /** Latest value per pending series (undefined: not pending). */
  private readonly latest: (number | undefined)[] = [];
  private readonly pending: number[] = [];

  constructor(family: WatchedFamily, private readonly callback: ChangeCallback<string>, private readonly batched: boolean, intervalMs: number) {
    super(family, intervalMs);
  }

  notify(index: number, value: number): void {
    if (!this.batched) {
      try {
        this.settle(this.callback(value, this.labels(index)));
      } catch (error) {
        this.family.callbackFailed(error);
      }
      return;
    }
    const wasPending = this.latest[index] !== undefined;
    this.latest[index] = value;
    if (wasPending) return;
    this.pending.push(index);
    this.schedule();
  }

  protected flush(): void {
    const list = this.pending.splice(0, this.pending.length);
    for (const index of list) {
      const value = this.latest[index] as number;
      this.latest[index] = undefined;
      try {
        this.settle(this.callback(value, this.labels(index)));
      } catch (error) {
        this.family.callbackFailed(error);
      }
    }
  }
}

const ABOVE = 1;
const BELOW = 2;

class ThresholdSubscription extends Delivering {
  private readonly state: number[] = [];
  private readonly queue: { index: number; value: number; direction: 'above' | 'below' }[] = [];

  constructor(
    family: WatchedFamily,
    private readonly threshold: Threshold,
    private readonly callback: ThresholdCallback<string>,
    private readonly batched: boolean,
    intervalMs: number,
  ) {
    super(family, intervalMs);
  }

  notify(index: number, value: number): void {
    const previous = this.state[index] ?? 0;
    let next = 0;
    const { above, below } = this.threshold;
    if (above !== undefined && value > above) next |= ABOVE;
    if (below !== undefined && value < below) next |= BELOW;
    if (next === previous) return;
    this.state[index] = next;
    if ((next & ABOVE) !== 0 && (previous & ABOVE) === 0) this.crossed(index, value, 'above');
    if ((next & BELOW) !== 0 && (previous & BELOW) === 0) this.crossed(index, value, 'below');
  }

  private crossed(index: number, value: number, direction: 'above' | 'below'): void {
    if (!this.batched) {
      this.deliver(index, value, direction);
      return;
    }
    if (this.queue.length >= MAX_QUEUED_CROSSINGS) {
      this.family.callbackFailed(new Error(`threshold queue full (${MAX_QUEUED_CROSSINGS} crossings): a crossing was dropped`));
      return;
    }
    this.queue.push({ index, value, direction });
    this.schedule();
  }

  private deliver(index: number, value: number, direction: 'above' | 'below'): void {
    const threshold = (direction === 'above' ? this.threshold.above : this.threshold.below) as number;
    try {
      const event: ThresholdEvent<string> = { value, labels: this.labels(index), direction, threshold };
      this.settle(this.callback(value, event));
    } catch (error) {
      this.family.callbackFailed(error);
    }
  }

  protected flush(): void {
    const list = this.queue.splice(0, this.queue.length);
    for (const e of list) this.deliver(e.index, e.value, e.direction);
  }
}

/** The subscriptions of one family. */
export class Watchers {
  private subs: Subscription[] = [];

  constructor(private readonly family: WatchedFamily) {}

  get isEmpty(): boolean {
    return this.subs.length === 0;
  }

  /** Called from the hot path when series `index` changed to `value`. */
  notify(index: number, value: number): void {
    const subs = this.subs;
    for (let i = 0; i < subs.length; i++) (subs[i] as Subscription).notify(index, value);
  }

  onChange(callback: ChangeCallback<string>, options: DeliveryOptions | undefined): () => void {
    const { batched, intervalMs } = delivery(options);
    return this.add(new ChangeSubscription(this.family, callback, batched, intervalMs));
  }

  onThreshold(threshold: Threshold, callback: ThresholdCallback<string>, options: DeliveryOptions | undefined): () => void {
    const { batched, intervalMs } = delivery(options);
    return this.add(new ThresholdSubscription(this.family, threshold, callback, batched, intervalMs));
  }

  private add(sub: Subscription): () => void {
    this.subs = [...this.subs, sub];
    return () => {
      sub.dispose();
      this.subs = this.subs.filter((s) => s !== sub);
    };
  }
}

function delivery(options: DeliveryOptions | undefined): { batched: boolean; intervalMs: number } {
  const batched = typeof options === 'object' && options !== null && options.delivery === 'batched';
  const ms = batched ? options.intervalMs : undefined;
  return { batched, intervalMs: typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : 0 };
}

/** Checks a threshold object from any caller. */
export function isValidThreshold(value: unknown): value is Threshold {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  const ok = (x: unknown): boolean => x === undefined || (typeof x === 'number' && !Number.isNaN(x));
  return ok(t['above']) && ok(t['below']) && (t['above'] !== undefined || t['below'] !== undefined);
}
