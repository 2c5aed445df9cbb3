/**
 * Time and timers as the runtime's cold paths use them (window rolls, batched watcher delivery), injectable
 * so unit tests move time themselves instead of sleeping. The hot path never reads a clock.
 */

/** A monotonic clock with one-shot timers. */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /**
   * Calls `callback` once after `ms` (0: once the current I/O phase is over); the timer never keeps the
   * process alive. Returns a handle for {@link Clock.cancel}.
   */
  schedule(callback: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** `performance.now()` and `unref()`ed Node timers (`setImmediate` for 0 ms). */
export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  schedule: (callback, ms) => (ms > 0 ? setTimeout(callback, ms) : setImmediate(callback)).unref(),
  cancel: (handle) => {
    // Casts: the handles this clock hands out are Node timeouts or immediates. clearTimeout leaves an
    // immediate alone and marks a timeout destroyed, which clearImmediate then skips.
    clearTimeout(handle as NodeJS.Timeout);
    clearImmediate(handle as NodeJS.Immediate);
  },
};

/** A clock that reads time from `now` and schedules on Node timers. */
export function clockWithNow(now: () => number): Clock {
  return { now, schedule: SYSTEM_CLOCK.schedule, cancel: SYSTEM_CLOCK.cancel };
}
