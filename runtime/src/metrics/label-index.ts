/**
 * The label index of one family: label values → row, without building strings and with little memory.
 *
 * - Each label interns its values: `Map<string, id>` plus `id → value`, shared by every series, so a
 *   value used by a thousand series is stored once.
 * - A row is identified by the tuple of its value ids, kept in `ids` (an Int32Array, `n` per row).
 * - An open-addressing hash table (Int32Array of rows, -1 empty, load ≤ 1/2) maps a tuple to its row.
 * A lookup is `n` Map gets plus one or two probes; no allocation. Values of label sets that are refused
 * (cardinality cap) are never interned, so unbounded label values cannot grow memory.
 * - Numbers, booleans and bigints passed as label values are aliased to the id of their string form once
 *   the cold path has seen them, so `inc({ status: 200 })` hits the compiled lookup too. An alias only
 *   points at an interned value, and a string has at most two aliases (a number and a bigint, or a
 *   boolean), so aliases stay within the same bound as the values.
 */

const EMPTY = -1;
const GOLDEN = 0x9e3779b1;

/** Hash of a tuple of value ids (the same function the compiled lookup inlines). */
export function hashIds(ids: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ (ids[j] as number), GOLDEN);
  return h ^ (h >>> 15);
}

/** Label values → row for one family with `n` ≥ 1 labels. */
export class LabelIndex {
  /** Per label: value → id; the raw primitive aliases of interned values map to the same id. */
  readonly valueIds: Map<unknown, number>[];
  /** Per label: id → value. */
  readonly values: string[][];
  /** Value ids per row, `n` per row (row 0, the sink, unused). */
  ids: Int32Array;
  /** Open-addressing table of rows. */
  table: Int32Array;
  mask: number;
  private entries = 0;
  /** Scratch tuple for lookups from the cold path. */
  private readonly scratch: Int32Array;

  constructor(readonly names: readonly string[]) {
    const n = names.length;
    this.valueIds = names.map(() => new Map<unknown, number>());
    this.values = names.map(() => []);
    this.ids = new Int32Array(n * 8);
    this.table = new Int32Array(16).fill(EMPTY);
    this.mask = 15;
    this.scratch = new Int32Array(n);
  }

  /** The row holding exactly these values (declaration order), or -1. Interns nothing. */
  find(values: readonly string[]): number {
    const n = this.names.length;
    for (let j = 0; j < n; j++) {
      const id = this.valueIds[j]?.get(values[j] as string);
      if (id === undefined) return EMPTY;
      this.scratch[j] = id;
    }
    return this.probe(this.scratch);
  }

  private probe(tuple: Int32Array): number {
    const n = this.names.length;
    const table = this.table;
    const ids = this.ids;
    let h = hashIds(tuple, n) & this.mask;
    for (;;) {
      const row = table[h] as number;
      if (row === EMPTY) return EMPTY;
      let same = true;
      for (let j = 0; j < n && same; j++) same = ids[row * n + j] === tuple[j];
      if (same) return row;
      h = (h + 1) & this.mask;
    }
  }

  /** Records `values` as the label set of `row` (interning new values). The tuple must be new. */
  insert(row: number, values: readonly string[]): void {
    const n = this.names.length;
    if ((row + 1) * n > this.ids.length) {
      let size = this.ids.length * 2;
      while (size < (row + 1) * n) size *= 2;
      const next = new Int32Array(size);
      next.set(this.ids);
      this.ids = next;
    }
    for (let j = 0; j < n; j++) {
      const value = values[j] as string;
      const map = this.valueIds[j] as Map<unknown, number>;
      let id = map.get(value);
      if (id === undefined) {
        const list = this.values[j] as string[];
        id = list.length;
        list.push(value);
        map.set(value, id);
      }
      this.ids[row * n + j] = id;
    }
    if ((this.entries + 1) * 2 > this.table.length) this.grow();
    this.place(row);
    this.entries++;
  }

  private place(row: number): void {
    const n = this.names.length;
    let h = hashIds(this.ids.subarray(row * n, row * n + n), n) & this.mask;
    while (this.table[h] !== EMPTY) h = (h + 1) & this.mask;
    this.table[h] = row;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    this.mask = this.table.length - 1;
    for (const row of old) if (row !== EMPTY) this.place(row);
  }

  /**
   * Makes the primitive `raw` (a number, boolean or bigint whose string form is `value`) find the id of
   * `value` for label `j`. Does nothing when `value` is not interned (e.g. its label set was refused).
   */
  alias(j: number, raw: unknown, value: string): void {
    const map = this.valueIds[j];
    const id = map?.get(value);
    if (map !== undefined && id !== undefined && !map.has(raw)) map.set(raw, id);
  }

  /** The value of label `j` of `row`. */
  valueOf(row: number, j: number): string {
    return this.values[j]?.[this.ids[row * this.names.length + j] as number] as string;
  }

  /** The value id of label `j` of `row`. */
  idOf(row: number, j: number): number {
    return this.ids[row * this.names.length + j] as number;
  }
}

/**
 * Builds the hot lookup for one family: reads each declared label from the values object, maps it to its
 * id and probes the table; returns the row or -1. Generated per family (label names are validated
 * identifiers, embedded as JSON string literals) so each property read has its own inline cache; where
 * code generation is disabled a generic loop does the same. Never allocates.
 */
export function compileFind(index: LabelIndex): (values: object) => number {
  const n = index.names.length;
  const generic = (values: object): number => {
    let h = 0;
    const tuple = genericTuple;
    for (let j = 0; j < n; j++) {
      const id = index.valueIds[j]?.get((values as Record<string, unknown>)[index.names[j] as string]);
      if (id === undefined) return EMPTY;
      tuple[j] = id;
      h = Math.imul(h ^ id, GOLDEN);
    }
    h = (h ^ (h >>> 15)) & index.mask;
    const table = index.table;
    const ids = index.ids;
    for (;;) {
      const row = table[h] as number;
      if (row === EMPTY) return EMPTY;
      let same = true;
      for (let j = 0; j < n && same; j++) same = ids[row * n + j] === tuple[j];
      if (same) return row;
      h = (h + 1) & index.mask;
    }
  };
  const genericTuple = new Int32Array(n);
  try {
    let body = '';
    for (let j = 0; j < n; j++) {
      body += `const i${j} = m${j}.get(v[${JSON.stringify(index.names[j])}]); if (i${j} === undefined) return -1;`;
      body += `h = Math.imul(h ^ i${j}, ${GOLDEN});`;
    }
    const compare = Array.from({ length: n }, (_, j) => `ids[b + ${j}] === i${j}`).join(' && ');
    const source = `"use strict";
      const ${index.valueIds.map((_, j) => `m${j} = index.valueIds[${j}]`).join(', ')};
      return function find(v) {
        let h = 0;
        ${body}
        const table = index.table, ids = index.ids, mask = index.mask;
        h = (h ^ (h >>> 15)) & mask;
        for (;;) {
          const row = table[h];
          if (row === -1) return -1;
          const b = row * ${n};
          if (${compare}) return row;
          h = (h + 1) & mask;
        }
      };`;
    const factory: unknown = new Function('index', source);
    const find: unknown = typeof factory === 'function' ? (factory as (i: LabelIndex) => unknown)(index) : undefined;
    return typeof find === 'function' ? (find as (values: object) => number) : generic;
  } catch {
    return generic;
  }
}
