/**
 * The ids a trace has seen (as span ids or parent ids), each numbered once as an entry: an
 * open-addressing hash table of 64-bit ids given as two 32-bit words. Per entry it keeps the id
 * and payload words for the caller (-1 when the entry is new), all in one plain array of small
 * integers, so interning an id makes no object, no id string and no map entry. The hash is seeded
 * per process, so ids crafted to collide in the table cannot be prepared in advance.
 */

// Per entry e, the words at e * ENTRY_STRIDE + …
const E_HIGH = 0;
const E_LOW = 1;
/** The first of the caller's payload words of an entry. */
export const ENTRY_PAYLOAD = 2;
/** Words per entry: the id's two words and two payload words. */
export const ENTRY_STRIDE = 4;

const SEED_LOW = Math.floor(Math.random() * 0x100000000) | 0;
const SEED_HIGH = Math.floor(Math.random() * 0x100000000) | 0;

function hashOf(high: number, low: number): number {
  let h = Math.imul(low ^ SEED_LOW, 0x85ebca6b) ^ Math.imul(high ^ SEED_HIGH, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}

export class IdTable {
  /**
   * Per entry: the id (as int32, `| 0`) and the payload words. Plain array, not a typed one: most
   * traces are small, and growing typed arrays costs far more than growing an array of small integers.
   */
  readonly words: number[] = [];
  /** Number of entries. Entry numbers never change. */
  count = 0;
  /** Open addressing: entry + 1 per slot, 0 = free; at most half full. */
  private slots: number[] = new Array<number>(16).fill(0);

  /** The entry of an id, -1 when the id was never seen. */
  find(high: number, low: number): number {
    const h = high | 0;
    const l = low | 0;
    const slots = this.slots;
    const ew = this.words;
    const mask = slots.length - 1;
    for (let s = hashOf(h, l) & mask; ; s = (s + 1) & mask) {
      const e = (slots[s] as number) - 1;
      if (e < 0) return -1;
      if (ew[e * ENTRY_STRIDE + E_LOW] === l && ew[e * ENTRY_STRIDE + E_HIGH] === h) return e;
    }
  }

  /** The entry of an id, created (payload words -1) when new. */
  intern(high: number, low: number): number {
    const h = high | 0;
    const l = low | 0;
    const slots = this.slots;
    const ew = this.words;
    const mask = slots.length - 1;
    let s = hashOf(h, l) & mask;
    for (; ; s = (s + 1) & mask) {
      const e = (slots[s] as number) - 1;
      if (e < 0) break;
      if (ew[e * ENTRY_STRIDE + E_LOW] === l && ew[e * ENTRY_STRIDE + E_HIGH] === h) return e;
    }
    const e = this.count++;
    // E_HIGH, E_LOW, then the payload words.
    ew.push(h, l, -1, -1);
    slots[s] = e + 1;
    if (this.count * 2 > slots.length) this.rehash();
    return e;
  }

  private rehash(): void {
    const slots = new Array<number>(this.slots.length * 2).fill(0);
    const mask = slots.length - 1;
    const ew = this.words;
    for (let e = 0; e < this.count; e++) {
      let s = hashOf(ew[e * ENTRY_STRIDE + E_HIGH] as number, ew[e * ENTRY_STRIDE + E_LOW] as number) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }
}
