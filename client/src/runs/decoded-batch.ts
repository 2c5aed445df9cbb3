/** The result of decoding one OTLP request: the valid items plus how many were rejected, and why. */
export interface DecodedBatch<T> {
  items: T[];
  /** Items dropped as invalid while decoding (reported in `partial_success`). */
  rejected: number;
  /** The first rejection reason, for `partial_success.error_message`. */
  reason: string | undefined;
}

/** An empty batch to fill. */
export function emptyBatch<T>(): DecodedBatch<T> {
  return { items: [], rejected: 0, reason: undefined };
}
