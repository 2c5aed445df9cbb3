/**
 * A bounds-checked protobuf wire-format reader for untrusted input. Every read checks the current
 * message end, so truncated or lying lengths throw a {@link DecodeError} instead of reading past it.
 * Nested messages are read in place with {@link ProtoReader.enter}/{@link ProtoReader.leave}
 * (no sub-buffers, no reader objects per message).
 */
import { hexText, utf8Text } from './byte-strings';

/** Malformed input; `message` is safe to send back to the client as the reason. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Protobuf wire types. */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;
/** Bit n set: wire type n is supported (varint, fixed64, length-delimited, fixed32). */
const VALID_WIRE_TYPES = (1 << WIRE_VARINT) | (1 << WIRE_FIXED64) | (1 << WIRE_LEN) | (1 << WIRE_FIXED32);

/**
 * The wire types of a message's known fields, by field number (-1: unknown, skipped). Decoders
 * declare one table per message type with {@link fieldWires} and loop with {@link ProtoReader.nextField}.
 */
export type FieldWires = Int8Array;

/** In a {@link FieldWires} table: the field's reader accepts any wire type (packed or unpacked repeated fields). */
export const ANY_WIRE = 8;

/** A {@link FieldWires} table from `{ fieldNumber: wireType }`. */
export function fieldWires(wires: Readonly<Record<number, number>>): FieldWires {
  const fields = Object.keys(wires).map(Number);
  const table = new Int8Array(Math.max(0, ...fields) + 1).fill(-1);
  for (const field of fields) table[field] = wires[field] as number;
  return table;
}

export class ProtoReader {
  pos = 0;
  /** End of the message being read (exclusive). */
  end: number;

  /** The same bytes as `buf`, for word-sized reads. */
  readonly view: DataView;
  /** The two 32-bit halves of the last {@link fixed64Big} or {@link id64} value. */
  lastHigh = 0;
  lastLow = 0;

  constructor(readonly buf: Buffer) {
    this.end = buf.length;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  isAtEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Where the tag of the field last returned by {@link nextField} starts. */
  fieldStart = 0;
  /** The tag of the field last returned by {@link nextField}. */
  fieldTag = 0;

  /**
   * The field loop of every message decoder: reads up to the next field of the current message that
   * `wires` declares and returns its number, the reader at its value (`fieldTag`, `fieldStart` tell
   * its tag and where that starts); skips undeclared fields; returns 0 at the end of the message.
   * Throws {@link DecodeError} when a declared field has another wire type.
   *
   * `for (let f = r.nextField(WIRES); f !== 0; f = r.nextField(WIRES)) switch (f) { … }`
   */
  nextField(wires: FieldWires): number {
    while (this.pos < this.end) {
      const start = this.pos;
      const tag = this.tag();
      const field = tag >>> 3;
      const wire = tag & 7;
      const expected = field < wires.length ? (wires[field] as number) : -1;
      if (expected === wire || expected === ANY_WIRE) {
        this.fieldStart = start;
        this.fieldTag = tag;
        return field;
      }
      if (expected >= 0) this.expect(wire, expected);
      this.skip(wire);
    }
    return 0;
  }

  /** Calls `read` for each occurrence of the length-delimited `field` of the current message, inside it (skipping other fields). */
  forEachMessage(field: number, read: () => void): void {
    while (this.pos < this.end) {
      const tag = this.tag();
      if (tag >>> 3 !== field) {
        this.skip(tag & 7);
        continue;
      }
      this.expect(tag & 7, WIRE_LEN);
      const outer = this.enter();
      read();
      this.leave(outer);
    }
  }

  /** Reads a field tag; returns `fieldNumber << 3 | wireType` after validating both. */
  tag(): number {
    const pos = this.pos;
    if (pos < this.end) {
      // One-byte tags (fields 1–15) are the common case: a valid field number and wire type
      // (0, 1, 2 or 5: the bits of VALID_WIRE_TYPES) need no varint decoding.
      const byte = this.buf[pos] as number;
      if (byte >= 8 && byte < 0x80 && ((VALID_WIRE_TYPES >>> (byte & 7)) & 1) === 1) {
        this.pos = pos + 1;
        return byte;
      }
    }
    const tag = this.uint32();
    const wire = tag & 7;
    if (tag >>> 3 === 0) throw new DecodeError(`invalid field number 0 at byte ${this.pos}`);
    if (wire !== WIRE_VARINT && wire !== WIRE_FIXED64 && wire !== WIRE_LEN && wire !== WIRE_FIXED32) {
      throw new DecodeError(`unsupported wire type ${wire} at byte ${this.pos}`);
    }
    return tag;
  }

  /** A varint that must fit 32 bits (tags, lengths, enums, uint32). Longer varints are truncated to 32 bits like protobuf does. */
  uint32(): number {
    const buf = this.buf;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new DecodeError('truncated varint');
      const byte = buf[this.pos++] as number;
      if (shift < 32) result |= (byte & 0x7f) << shift;
      if (byte < 0x80) return result >>> 0;
      shift += 7;
    }
    throw new DecodeError('varint longer than 10 bytes');
  }

  /** A 64-bit varint as a number (exact up to 2^53; used for counts). */
  uint64(): number {
    this.varint64();
    return this.hi * TWO_32 + this.lo;
  }

  /**
   * A signed int64 varint, as a bigint: an OTLP `int_value` stays an integer however small, so it
   * is never confused with a `double_value` that happens to be whole.
   */
  int64(): bigint {
    this.varint64();
    const { hi, lo } = this;
    if (hi < 0x200000) return BigInt(hi * TWO_32 + lo);
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  }

  /** Zigzag-encoded sint32. */
  sint32(): number {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  bool(): boolean {
    this.varint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  private lo = 0;
  private hi = 0;

  private varint64(): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new DecodeError('truncated varint');
      const byte = buf[this.pos++] as number;
      const bits = byte & 0x7f;
      if (i < 4) lo |= bits << (i * 7);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (i * 7 - 32);
      if (byte < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw new DecodeError('varint longer than 10 bytes');
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.end) throw new DecodeError(`truncated: need ${n} bytes at byte ${at}`);
    this.pos = at + n;
    return at;
  }

  /**
   * fixed64 (timestamps) as an exact unsigned bigint; its halves are left in `lastHigh`/`lastLow`
   * (converting a bigint back to a number costs more than decoding it).
   */
  fixed64Big(): bigint {
    const at = this.need(8);
    this.lastLow = this.view.getUint32(at, true);
    this.lastHigh = this.view.getUint32(at + 4, true);
    return this.view.getBigUint64(at, true);
  }

  /** Skips a fixed64 value; returns where it starts (read its words from {@link view}). */
  fixed64At(): number {
    return this.need(8);
  }

  /**
   * A length-delimited 8-byte id (span ids) as two big-endian 32-bit halves (hex order) in
   * `lastHigh`/`lastLow`; returns false, halves 0, when the field has any other length.
   */
  id64(): boolean {
    const end = this.delimited();
    const start = this.pos;
    this.pos = end;
    if (end - start !== 8) {
      this.lastHigh = 0;
      this.lastLow = 0;
      return false;
    }
    this.lastHigh = this.view.getUint32(start, false);
    this.lastLow = this.view.getUint32(start + 4, false);
    return true;
  }

  /** fixed64 as a number (counts; exact up to 2^53). */
  fixed64(): number {
    const at = this.need(8);
    return this.buf.readUInt32LE(at + 4) * TWO_32 + this.buf.readUInt32LE(at);
  }

  /** sfixed64 as a number. */
  sfixed64(): number {
    return Number(this.buf.readBigInt64LE(this.need(8)));
  }

  fixed32(): number {
    return this.buf.readUInt32LE(this.need(4));
  }

  double(): number {
    return this.buf.readDoubleLE(this.need(8));
  }

  /** Reads a length prefix and returns the end of the delimited range (checked against the current end). */
  private delimited(): number {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > this.end) throw new DecodeError(`truncated: length ${len} at byte ${this.pos} runs past the end`);
    return end;
  }

  string(): string {
    const end = this.delimited();
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : utf8Text(this.buf, this.view, start, end);
  }

  /** Bytes as lowercase hex (ids). `shared`: the id repeats across many records (trace ids), so intern it. */
  hex(shared = false): string {
    const end = this.delimited();
    const start = this.pos;
    this.pos = end;
    return start === end ? '' : hexText(this.buf, this.view, start, end, shared);
  }

  /** Bytes copied out of the request buffer. */
  bytes(): Uint8Array {
    const end = this.delimited();
    const out = Uint8Array.prototype.slice.call(this.buf, this.pos, end);
    this.pos = end;
    return out;
  }

  /** Starts reading an embedded message; returns the outer end to pass to {@link leave}. */
  enter(): number {
    const end = this.delimited();
    const outer = this.end;
    this.end = end;
    return outer;
  }

  /** Finishes an embedded message (skipping anything unread) and restores the outer end. */
  leave(outerEnd: number): void {
    this.pos = this.end;
    this.end = outerEnd;
  }

  /** Reads a packed (or single unpacked) repeated fixed64/double field into `out`. */
  packedFixed64(wire: number, out: number[], asDouble: boolean): void {
    if (wire === WIRE_FIXED64) {
      out.push(asDouble ? this.double() : this.fixed64());
      return;
    }
    this.expect(wire, WIRE_LEN);
    const end = this.delimited();
    if ((end - this.pos) % 8 !== 0) throw new DecodeError('packed 64-bit field length is not a multiple of 8');
    while (this.pos < end) out.push(asDouble ? this.double() : this.fixed64());
  }

  /** Reads a packed (or single unpacked) repeated uint64 varint field into `out`. */
  packedVarint(wire: number, out: number[]): void {
    if (wire === WIRE_VARINT) {
      out.push(this.uint64());
      return;
    }
    this.expect(wire, WIRE_LEN);
    const end = this.delimited();
    const outer = this.end;
    this.end = end;
    while (this.pos < end) out.push(this.uint64());
    this.end = outer;
  }

  /**
   * The end of the run of consecutive fields with exactly this `tag` (length-delimited) that starts
   * at `start` (a tag position). Validates the lengths; does not move the reader.
   */
  runEnd(start: number, tag: number): number {
    const pos = this.pos;
    this.pos = start;
    let end = start;
    if (tag < 0x80) {
      // A one-byte tag (every OTLP attribute field): compare the byte instead of decoding a tag.
      const buf = this.buf;
      while (this.pos < this.end && buf[this.pos] === tag) {
        this.pos++;
        this.pos = this.delimited();
      }
      end = this.pos;
    } else {
      while (!this.isAtEnd()) {
        if (this.tag() !== tag) break;
        this.skip(WIRE_LEN);
        end = this.pos;
      }
    }
    this.pos = pos;
    return end;
  }

  /** Throws unless the field has the wire type its schema declares. */
  expect(wire: number, expected: number): void {
    if (wire !== expected) throw new DecodeError(`wire type ${wire} where ${expected} was expected at byte ${this.pos}`);
  }

  /** Skips a field of the given wire type. */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        this.need(8);
        return;
      case WIRE_LEN:
        this.pos = this.delimited();
        return;
      case WIRE_FIXED32:
        this.need(4);
        return;
      default:
        throw new DecodeError(`unsupported wire type ${wire}`);
    }
  }
}
