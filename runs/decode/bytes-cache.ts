/**
 * A small direct-mapped cache from byte ranges to decoded values. OTLP repeats the same attribute
 * keys, key/value pairs, span names and trace/parent ids in many records; decoding each distinct
 * byte sequence once and sharing the (immutable) result saves most of the memory of a large run and
 * most of the allocation and garbage-collection work of decoding it. A colliding entry is replaced.
 *
 * Lookups read words through a `DataView` (hash: length plus four sampled words; equality: every
 * byte, eight at a time), so a hit costs a few dozen operations for a typical attribute.
 */
export class BytesCache<T> {
  private readonly keys: Array<DataView | undefined>;
  /** Key lengths per slot (a DataView's `byteLength` is a slow call in optimized code). */
  private readonly lengths: Int32Array;
  private readonly values: Array<T | undefined>;
  private readonly sightings: Int32Array;
  private readonly mask: number;

  /** @param slots a power of two. */
  constructor(slots: number) {
    this.keys = new Array<DataView | undefined>(slots);
    this.lengths = new Int32Array(slots).fill(-1);
    this.values = new Array<T | undefined>(slots);
    this.sightings = new Int32Array(slots);
    this.mask = slots - 1;
  }

  private hashOf(view: DataView, start: number, end: number): number {
    const length = end - start;
    let hash = Math.imul(length, 0x9e3779b1);
    if (length >= 8) {
      hash = Math.imul(hash ^ view.getUint32(start, true), 0x85ebca6b);
      hash = Math.imul(hash ^ view.getUint32(start + 4, true), 0xc2b2ae35);
      hash = Math.imul(hash ^ view.getUint32(end - 4, true), 0x85ebca6b);
      hash = Math.imul(hash ^ view.getUint32(start + ((length >> 1) & ~3), true), 0xc2b2ae35);
    } else {
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ view.getUint8(i), 0x01000193);
    }
    return hash ^ (hash >>> 15);
  }

  /**
   * Whether bytes with this hash were offered before (then they are worth caching): lets callers
   * cache large, often-unique values (whole attribute sets) only once they repeat, so unique
   * values cost no copies.
   */
  isRepeat(view: DataView, start: number, end: number): boolean {
    const hash = this.hashOf(view, start, end);
    const slot = hash & this.mask;
    if (this.sightings[slot] === hash) return true;
    this.sightings[slot] = hash;
    return false;
  }

  private slotOf(view: DataView, start: number, end: number): number {
    return this.hashOf(view, start, end) & this.mask;
  }

  /** The key bytes of the last successful {@link get} (callers may compare bytes against it again). */
  lastKey: DataView | undefined;

  /** The cached value for bytes `[start, end)` of `view`, or undefined. */
  get(view: DataView, start: number, end: number): T | undefined {
    const slot = this.slotOf(view, start, end);
    const length = end - start;
    if (this.lengths[slot] !== length) return undefined;
    const key = this.keys[slot] as DataView;
    if (!equalBytes(key, view, start, length)) return undefined;
    this.lastKey = key;
    return this.values[slot];
  }

  /** Stores `value` for bytes `[start, end)` of `view`. */
  set(view: DataView, start: number, end: number, value: T): void {
    const slot = this.slotOf(view, start, end);
    const copy = new ArrayBuffer(end - start);
    const key = new DataView(copy);
    for (let i = 0; i < copy.byteLength; i++) key.setUint8(i, view.getUint8(start + i));
    this.keys[slot] = key;
    this.lengths[slot] = copy.byteLength;
    this.values[slot] = value;
    this.lastKey = key;
  }
}

/**
 * Whether bytes `[start, start + length)` of `view` equal the first `length` bytes of `key`. Eight
 * bytes a step, as doubles: equal doubles have equal bits except +0/-0 (told apart by the high
 * word), and unequal ones differ in bits unless both are NaN (then the bits are compared).
 */
export function equalBytes(key: DataView, view: DataView, start: number, length: number): boolean {
  let i = 0;
  for (; i + 8 <= length; i += 8) {
    const a = key.getFloat64(i, true);
    const b = view.getFloat64(start + i, true);
    if (a === b) {
      if (a === 0 && key.getUint32(i + 4, true) !== view.getUint32(start + i + 4, true)) return false;
    } else if (!Number.isNaN(a) || !Number.isNaN(b) || key.getUint32(i, true) !== view.getUint32(start + i, true) || key.getUint32(i + 4, true) !== view.getUint32(start + i + 4, true)) return false;
  }
  for (; i < length; i++) if (key.getUint8(i) !== view.getUint8(start + i)) return false;
  return true;
}
