/**
 * What one receiver lets a run cost: a total of decoded bytes (the store keeps what they decode
 * to, so this bounds a run's memory whatever the span count) and a number of requests handled at
 * once (each may hold a body and its inflated copy). Past the first, requests are refused and
 * counted; past the second, they are answered 429 and retried by the exporter.
 */

/** Default total of decoded request bytes a run accepts: 512 MiB. */
export const DEFAULT_MAX_RUN_BYTES = 512 * 1024 * 1024;

/** Default number of requests read, inflated and decoded at once. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** Seconds a client is asked to wait (`Retry-After`) when too many requests are in progress. */
export const RETRY_AFTER_SECONDS = 1;

export class ReceiverBudget {
  private runBytes = 0;
  private active = 0;

  constructor(
    readonly maxRunBytes: number,
    readonly maxConcurrent: number,
  ) {}

  /** Decoded bytes accepted so far. */
  get bytes(): number {
    return this.runBytes;
  }

  /** Decoded bytes the run may still accept. */
  get remainingBytes(): number {
    return Math.max(0, this.maxRunBytes - this.runBytes);
  }

  /** Whether the run accepts no more bytes. */
  get isExhausted(): boolean {
    return this.runBytes >= this.maxRunBytes;
  }

  /** Takes a request slot; false when all are busy. Give it back with {@link release}. */
  tryAdmit(): boolean {
    if (this.active >= this.maxConcurrent) return false;
    this.active++;
    return true;
  }

  release(): void {
    this.active--;
  }

  /** Counts `bytes` against the run's total; false (and nothing counted) when they do not fit. */
  tryCharge(bytes: number): boolean {
    if (this.runBytes + bytes > this.maxRunBytes) return false;
    this.runBytes += bytes;
    return true;
  }
}
