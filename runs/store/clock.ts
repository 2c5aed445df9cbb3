/** Time and timers as the run store uses them, injectable so tests control time (test-support/manual-clock.ts). */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once after `ms`; the timer never keeps the process alive. Returns a handle for {@link cancel}. */
  schedule(callback: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** `Date.now()` and `unref()`ed Node timers. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  schedule: (callback, ms) => setTimeout(callback, ms).unref(),
  // Cast: the handles this clock hands out are Node timers.
  cancel: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
