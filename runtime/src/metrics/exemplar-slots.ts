/**
 * The exemplars of one family: one slot per histogram bucket (counters: one per series), indexed
 * `row * perRow + bucket`, each holding the latest exemplar. Storage is columns grown on the cold path (a
 * new series past the capacity); recording writes two numbers and two references to the span context's
 * existing id strings, so it allocates nothing. A slot with time 0 is empty.
 */

/** One exemplar, as readers (exposition, OTLP, snapshots) see it. */
export interface Exemplar {
  /** 32 lowercase hex digits. */
  readonly traceId: string;
  /** 16 lowercase hex digits. */
  readonly spanId: string;
  /** The observation, or the counter increment. */
  readonly value: number;
  /** Wall-clock milliseconds. */
  readonly timeMs: number;
}

export class ExemplarSlots {
  traceIds: string[];
  spanIds: string[];
  values: Float64Array;
  times: Float64Array;

  constructor(readonly perRow: number, rows: number) {
    const size = perRow * rows;
    this.traceIds = new Array<string>(size).fill('');
    this.spanIds = new Array<string>(size).fill('');
    this.values = new Float64Array(size);
    this.times = new Float64Array(size);
  }

  /** Slots available. */
  get size(): number {
    return this.times.length;
  }

  /** Cold path: room for at least `rows` rows. */
  grow(rows: number): void {
    const size = this.perRow * rows;
    if (size <= this.size) return;
    const values = new Float64Array(size);
    values.set(this.values);
    const times = new Float64Array(size);
    times.set(this.times);
    for (let i = this.traceIds.length; i < size; i++) {
      this.traceIds.push('');
      this.spanIds.push('');
    }
    this.values = values;
    this.times = times;
  }

  /** True when `slot` holds an exemplar whose ids are well-formed (ids come from any span context). */
  has(slot: number): boolean {
    return slot < this.size && (this.times[slot] as number) > 0 && isHexId(this.traceIds[slot] as string, 32) && isHexId(this.spanIds[slot] as string, 16);
  }

  /** The exemplar in `slot`, or undefined (cold path: allocates the result). */
  get(slot: number): Exemplar | undefined {
    if (!this.has(slot)) return undefined;
    return { traceId: this.traceIds[slot] as string, spanId: this.spanIds[slot] as string, value: this.values[slot] as number, timeMs: this.times[slot] as number };
  }
}

/** True for `length` lowercase hex digits that are not all zero (an invalid id in W3C trace context). */
export function isHexId(id: string, length: number): boolean {
  if (id.length !== length) return false;
  let isZero = true;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
    if (c !== 48) isZero = false;
  }
  return !isZero;
}
