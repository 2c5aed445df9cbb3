/**
 * The layout of a stored span's row (32-bit words in a `SpanChunk`, stored-span.ts) and the conversions of
 * nanosecond times and 64-bit ids to and from pairs of words.
 */

/** Word offsets inside a span row. Ids are stored big-endian (hex order): HI = bytes 0–3. */
export const ROW_START_LO = 0;
export const ROW_START_HI = 1;
export const ROW_END_LO = 2;
export const ROW_END_HI = 3;
export const ROW_ID_HI = 4;
export const ROW_ID_LO = 5;
export const ROW_PARENT_HI = 6;
export const ROW_PARENT_LO = 7;
export const ROW_FLAGS = 8;
/** The span kind in the low byte; above it the span's copy number (see {@link copyIdWord}). */
export const ROW_KIND = 9;
/** Reference words: indexes in the chunk's `refs` (see `SpanChunk.setRefs`). */
export const ROW_TRACE_ID = 10;
export const ROW_NAME = 11;
export const ROW_STATUS = 12;
export const ROW_BLOCK = 13;
export const ROW_SOURCE = 14;
export const ROW_EVENTS = 15;
/** Words per span row. */
export const ROW_WORDS = 16;

/** The span kind's bits of the ROW_KIND word. */
export const KIND_MASK = 0xff;
/** Where the copy number starts in the ROW_KIND word. */
export const COPY_SHIFT = 8;
/** Most spans of one trace that can share one span id (the first one and its copies). */
export const MAX_ID_COPIES = 15;

/**
 * One word of the id of copy `copy` of a span id: a span that arrives with the span id of an earlier,
 * different span of its trace (Zipkin-style shared client/server ids) is stored under a derived id, the
 * shared id xor a constant per copy number, so the shared id can always be computed back (copy 0 is
 * the id itself). `half` is 0 for the high word, 1 for the low word.
 */
export function copyIdWord(word: number, copy: number, half: 0 | 1): number {
  return (word ^ Math.imul(copy, half === 0 ? 0x9e3779b9 : 0x85ebca6b)) >>> 0;
}

/** Rows per chunk. */
export const ROWS_PER_CHUNK = 1024;
/** Words per chunk: every row offset is below it. */
export const CHUNK_WORDS = ROWS_PER_CHUNK * ROW_WORDS;
/** 2^32, the weight of a high word. */
export const TWO_32 = 4294967296;

/** Fractional epoch milliseconds from the two 32-bit halves of a nanosecond timestamp (same value as `nanosToMs`). */
export function halvesToMs(high: number, low: number): number {
  return (high * TWO_32 + low) / 1e6;
}

const scratch = Buffer.alloc(8);
const scratchView = new DataView(scratch.buffer, scratch.byteOffset, 8);

/** The unsigned 64-bit value of two 32-bit halves, as a bigint. */
export function halvesToBig(high: number, low: number): bigint {
  scratchView.setUint32(0, low, true);
  scratchView.setUint32(4, high, true);
  return scratchView.getBigUint64(0, true);
}

/** The lowercase hex of a 64-bit id given as two big-endian 32-bit halves. */
export function halvesToHex(high: number, low: number): string {
  scratchView.setUint32(0, high, false);
  scratchView.setUint32(4, low, false);
  return scratch.toString('hex', 0, 8);
}

/** Lowercase hex digit values by char code, -1 for anything else. */
const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_DIGITS['0123456789abcdef'.charCodeAt(i)] = i;

/** The value of 8 lowercase hex digits of `text` from `at`, or -1 when one is not. */
function hexWord(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? (HEX_DIGITS[code] as number) : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Writes a 16-char lowercase hex id as two words at `at`; false (words 0) when it is not one. */
export function writeHexId(words: Uint32Array, at: number, id: string | undefined): boolean {
  const high = id !== undefined && id.length === 16 ? hexWord(id, 0) : -1;
  const low = high < 0 ? -1 : hexWord(id as string, 8);
  if (low < 0) {
    words[at] = 0;
    words[at + 1] = 0;
    return false;
  }
  words[at] = high;
  words[at + 1] = low;
  return true;
}

/** Writes a nanosecond time as two little-endian words (low first) at `at`. */
export function writeNanos(words: Uint32Array, at: number, nanos: bigint): void {
  scratchView.setBigUint64(0, BigInt.asUintN(64, nanos), true);
  words[at] = scratchView.getUint32(0, true);
  words[at + 1] = scratchView.getUint32(4, true);
}
