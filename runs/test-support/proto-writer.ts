/** Test support: a minimal protobuf writer for hand-made OTLP messages (fields in any order, odd wire types). */

export const pb = {
  /** A varint; a bigint is written as its 64-bit two's complement (negative int64 values take 10 bytes). */
  varint(n: number | bigint): Buffer {
    const out: number[] = [];
    let v = BigInt.asUintN(64, BigInt(n));
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return Buffer.from(out);
  },
  tag(field: number, wire: number): Buffer {
    return pb.varint(field * 8 + wire);
  },
  bytes(field: number, value: Buffer | string): Buffer {
    const data = typeof value === 'string' ? Buffer.from(value) : value;
    return Buffer.concat([pb.tag(field, 2), pb.varint(data.length), data]);
  },
  message(field: number, ...parts: Buffer[]): Buffer {
    return pb.bytes(field, Buffer.concat(parts));
  },
  uint(field: number, value: number | bigint): Buffer {
    return Buffer.concat([pb.tag(field, 0), pb.varint(value)]);
  },
  fixed64(field: number, value: bigint): Buffer {
    const data = Buffer.alloc(8);
    data.writeBigUInt64LE(value);
    return Buffer.concat([pb.tag(field, 1), data]);
  },
  double(field: number, value: number): Buffer {
    const data = Buffer.alloc(8);
    data.writeDoubleLE(value);
    return Buffer.concat([pb.tag(field, 1), data]);
  },
  fixed32(field: number, value: number): Buffer {
    const data = Buffer.alloc(4);
    data.writeUInt32LE(value);
    return Buffer.concat([pb.tag(field, 5), data]);
  },
  hex(field: number, id: string): Buffer {
    return pb.bytes(field, Buffer.from(id, 'hex'));
  },
  stringAttribute(key: string, value: string): Buffer {
    return pb.message(9, pb.bytes(1, key), pb.message(2, pb.bytes(1, value)));
  },
};
