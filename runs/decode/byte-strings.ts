/**
 * Bytes of a request as text: UTF-8 strings and lowercase hex ids, decoded with Buffer's native
 * slice methods and, when short and repeated (attribute keys, names, trace ids), decoded once and
 * shared (see {@link BytesCache}). `view` is a DataView over the same memory as `buf`.
 */
import { BytesCache, equalBytes } from './bytes-cache';

/**
 * Buffer's native slice methods. `toString(encoding, start, end)` wraps them with argument handling
 * that costs as much as the decoding itself for short strings (the common case in OTLP).
 */
interface NativeSlices {
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
}

const HAS_NATIVE_SLICES = typeof (Buffer.prototype as Partial<NativeSlices>).utf8Slice === 'function' && typeof (Buffer.prototype as Partial<NativeSlices>).hexSlice === 'function';

function utf8(buf: Buffer, start: number, end: number): string {
  // Cast: the methods exist on every Buffer (checked once above) but are not in @types/node.
  return HAS_NATIVE_SLICES ? (buf as unknown as NativeSlices).utf8Slice(start, end) : buf.toString('utf8', start, end);
}

function hex(buf: Buffer, start: number, end: number): string {
  // Cast: as above.
  return HAS_NATIVE_SLICES ? (buf as unknown as NativeSlices).hexSlice(start, end) : buf.toString('hex', start, end);
}

const INTERN_MAX_BYTES = 64;
/** Short strings and repeated ids are decoded once (see {@link BytesCache}). */
const utf8Strings = new BytesCache<string>(4096);
const hexStrings = new BytesCache<string>(1024);
/** The bytes and text of the last shared hex id found in (or added to) `hexStrings`. */
let lastSharedHex: DataView | undefined;
let lastSharedLength = 0;
let lastSharedText = '';

function cached(cache: BytesCache<string>, decode: (buf: Buffer, start: number, end: number) => string, buf: Buffer, view: DataView, start: number, end: number): string {
  const hit = cache.get(view, start, end);
  if (hit !== undefined) return hit;
  const text = decode(buf, start, end);
  if (cache.isRepeat(view, start, end)) cache.set(view, start, end, text);
  return text;
}

/** The UTF-8 text of `buf[start, end)`. */
export function utf8Text(buf: Buffer, view: DataView, start: number, end: number): string {
  return end - start <= INTERN_MAX_BYTES ? cached(utf8Strings, utf8, buf, view, start, end) : utf8(buf, start, end);
}

/** The lowercase hex of `buf[start, end)`. `shared`: the id repeats across many records (trace ids), so intern it. */
export function hexText(buf: Buffer, view: DataView, start: number, end: number, shared: boolean): string {
  if (!shared || end - start > 16) return hex(buf, start, end);
  // Records of one trace mostly come together: first compare with the previous shared id.
  const length = end - start;
  const last = lastSharedHex;
  if (last !== undefined && lastSharedLength === length && equalBytes(last, view, start, length)) return lastSharedText;
  const text = cached(hexStrings, hex, buf, view, start, end);
  const key = hexStrings.lastKey;
  if (key !== undefined && key.byteLength === length && equalBytes(key, view, start, length)) {
    lastSharedHex = key;
    lastSharedLength = length;
    lastSharedText = text;
  }
  return text;
}
