/**
 * Coalesces change notifications for UI consumers: however fast data arrives, listeners are called
 * at most once per interval, asynchronously (never inside the receiver's request handling), with
 * everything that changed since the last call. The timer is `unref()`ed.
 */
import { SYSTEM_CLOCK } from './clock';
import type { Clock } from './clock';

/** A handle that removes a listener. Structurally compatible with `vscode.Disposable`. */
export interface Disposable {
  dispose(): void;
}

export class ChangeThrottle<T> {
  private readonly listeners = new Set<(change: T) => void>();
  private pending: T | undefined;
  private timer: unknown;
  private lastEmit = 0;

  /**
   * @param merge combines the pending change with a new one.
   * @param onListenerError called when a listener throws (the others still run).
   * @param clock time and timers (tests inject a manual one).
   */
  constructor(
    private readonly intervalMs: number,
    private readonly merge: (pending: T | undefined, next: T) => T,
    private readonly onListenerError: (error: unknown) => void = () => undefined,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  listen(listener: (change: T) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** Records a change and schedules delivery. */
  mark(change: T): void {
    this.pending = this.merge(this.pending, change);
    if (this.timer !== undefined) return;
    const delay = Math.max(0, this.lastEmit + this.intervalMs - this.clock.now());
    this.timer = this.clock.schedule(() => this.flush(), delay);
  }

  /** Delivers the pending change now (tests, or before a final render). */
  flush(): void {
    if (this.timer !== undefined) this.clock.cancel(this.timer);
    this.timer = undefined;
    const change = this.pending;
    this.pending = undefined;
    if (change === undefined) return;
    this.lastEmit = this.clock.now();
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.cancel(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.listeners.clear();
  }
}
