/** The result of decoding one OTLP request: the valid items plus how many were rejected, and why. */
import type { SpanRecord } from '../store/model';
import { ROW_WORDS } from '../store/span-row';
import type { SpanChunk, SpanRowRange } from '../store/stored-span';

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

/**
 * Decoded spans as rows (see `SpanChunk` in records.ts): no span objects exist until `items` is
 * read. A run stores the rows as they are ({@link SpanRowSink}).
 */
export class SpanRowBatch implements DecodedBatch<SpanRecord> {
  /** The rows, in decoding order. */
  readonly ranges: SpanRowRange[] = [];
  rejected = 0;
  reason: string | undefined = undefined;
  private count = 0;
  private objects: SpanRecord[] | undefined;

  /** Appends the row at `row` of `chunk`. */
  addRow(chunk: SpanChunk, row: number): void {
    const last = this.ranges[this.ranges.length - 1];
    if (last !== undefined && last.chunk === chunk && last.end === row) last.end = row + ROW_WORDS;
    else this.ranges.push({ chunk, start: row, end: row + ROW_WORDS });
    this.count++;
    this.objects = undefined;
  }

  /** Number of spans. */
  get size(): number {
    return this.count;
  }

  /** The spans as objects (made on first read). */
  get items(): SpanRecord[] {
    if (this.objects === undefined) {
      const objects: SpanRecord[] = [];
      for (const { chunk, start, end } of this.ranges) for (let row = start; row < end; row += ROW_WORDS) objects.push(chunk.spanAt(row));
      this.objects = objects;
    }
    return this.objects;
  }
}

/**
 * A sink that stores decoded span rows as they are, without span objects (a `Run`); must do what
 * `addSpans(batch.items)` would. The receiver uses it when the sink has it.
 */
export interface SpanRowSink {
  addSpanRows(batch: SpanRowBatch): number;
}

export function takesSpanRows(sink: object): sink is SpanRowSink {
  return typeof (sink as Partial<SpanRowSink>).addSpanRows === 'function';
}
