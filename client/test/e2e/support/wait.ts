/** Options for {@link waitFor}. */
export interface WaitOptions {
  /** Says what was awaited; it is the error message on timeout. */
  readonly message: string;
  /** Milliseconds before giving up (default 10 000). */
  readonly timeout?: number;
  /** Milliseconds between checks (default 50). */
  readonly interval?: number;
}

/** A value that means "not yet". */
type NotYet = undefined | null | false;

/**
 * Polls `predicate` until it returns a value other than `undefined`, `null` or `false`, and
 * resolves with that value. Use it to wait for a condition (a diagnostic present, a view
 * refreshed); never wait with a fixed sleep. A predicate that throws counts as "not yet"; the last
 * error is reported on timeout.
 */
export async function waitFor<T>(predicate: () => T | NotYet | Promise<T | NotYet>, options: WaitOptions): Promise<T> {
  const timeout = options.timeout ?? 10_000;
  const interval = options.interval ?? 50;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error: unknown) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor timed out after ${timeout} ms: ${options.message}${cause}`);
    }
    await new Promise<void>((resolve) => setTimeout(resolve, interval));
  }
}
