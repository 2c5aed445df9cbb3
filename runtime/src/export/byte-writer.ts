/**
 * The chunked byte buffer the exposition is written into (see exposition.ts for what goes in it).
 *
 * With a sink, the writer emits a chunk whenever the next reservation does not fit, and continues in a new
 * chunk: memory stays at one chunk and no large buffer is ever allocated (fresh multi-megabyte buffers cost
 * page faults on every scrape). Callers reserve before writing and never reserve in the middle of bytes
 * they will copy again, so offsets within a reservation stay valid.
 */
/** Fragments up to this length are copied with a loop; longer ones with `set`. */
const LOOP_COPY_MAX = 48;

/** Size of the chunks a streaming writer emits. */
export const CHUNK_SIZE = 64 * 1024;

/** Receives a finished chunk; the chunk is the receiver's (the writer continues in a new one). */
export type ChunkSink = (chunk: Buffer) => void;

/** An append-only byte buffer that emits chunks to a sink, or grows when it has none. */
export class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(initialSize: number, private readonly sink?: ChunkSink) {
    this.buf = Buffer.allocUnsafe(Math.max(256, initialSize));
  }

  /** Makes room for `n` more bytes: emits the current chunk (with a sink) or grows. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.sink !== undefined && this.pos > 0) {
      this.sink(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK_SIZE, n));
      this.pos = 0;
      return;
    }
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Emits what is left to the sink (streaming writers). */
  end(): void {
    if (this.sink !== undefined && this.pos > 0) this.sink(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  /** Appends `src[start, end)`. */
  bytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    this.reserve(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n <= LOOP_COPY_MAX) {
      for (let i = start; i < end; i++) buf[pos++] = src[i] as number;
    } else {
      buf.set(src.subarray(start, end), pos);
      pos += n;
    }
    this.pos = pos;
  }
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}
