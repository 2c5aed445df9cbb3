/** A bounded buffer of log records: past its capacity the oldest records are discarded and counted. */
import type { LogEntry } from './model';

export class LogBuffer {
  private readonly ring: LogEntry[] = [];
  private head = 0;
  private discarded = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.ring.length;
  }

  /** Records discarded to stay within the capacity. */
  get droppedCount(): number {
    return this.discarded;
  }

  add(entry: LogEntry): void {
    if (this.capacity <= 0) {
      this.discarded++;
      return;
    }
    if (this.ring.length < this.capacity) {
      this.ring.push(entry);
      return;
    }
    this.ring[this.head] = entry;
    this.head = (this.head + 1) % this.capacity;
    this.discarded++;
  }

  /** The kept records in arrival order. */
  entries(): readonly LogEntry[] {
    return this.head === 0 ? this.ring.slice() : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  /** The kept records of one trace (and, when given, one span), in arrival order. */
  forTrace(traceId: string, spanId?: string): readonly LogEntry[] {
    return this.entries().filter((e) => e.traceId === traceId && (spanId === undefined || e.spanId === spanId));
  }
}
