/** Validity of trace and span ids as the decoders see them. */

const HEX_TRACE_ID = /^[0-9a-f]{32}$/;
const HEX_SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

/** A valid (non-zero, lowercase hex) trace id. */
export function isValidTraceId(id: string): boolean {
  return id.length === 32 && id !== ZERO_TRACE_ID && HEX_TRACE_ID.test(id);
}

/** A valid (non-zero, lowercase hex) span id. */
export function isValidSpanId(id: string): boolean {
  return id.length === 16 && id !== ZERO_SPAN_ID && HEX_SPAN_ID.test(id);
}

/**
 * Validity of an id that is known to be lowercase hex already (decoded from protobuf bytes):
 * only its length and non-zero-ness need checking.
 */
export function isValidHexId(id: string, bytes: 8 | 16): boolean {
  return id.length === bytes * 2 && id !== (bytes === 16 ? ZERO_TRACE_ID : ZERO_SPAN_ID);
}
