import assert from 'node:assert/strict';
import { BytesCache, equalBytes } from './bytes-cache';

function view(bytes: number[]): DataView {
  return new DataView(Uint8Array.from(bytes).buffer);
}

/** The 8 little-endian bytes of a double, then `tail`. */
function doubleBytes(value: number, tail: number[] = []): number[] {
  const out = new DataView(new ArrayBuffer(8));
  out.setFloat64(0, value, true);
  return [...new Uint8Array(out.buffer), ...tail];
}

/** Whether `bytes` equal those of `other` from `start`. */
function eq(bytes: number[], other: number[], start: number): boolean {
  return equalBytes(view(bytes), view(other), start, bytes.length);
}

describe('BytesCache and equalBytes', () => {
  it('compare bytes, not the doubles they happen to encode (+0/-0, NaN payloads)', () => {
    assert.equal(eq(doubleBytes(0), doubleBytes(-0), 0), false, '+0 and -0 are equal doubles, different bytes');
    const nan1 = [0, 0, 0, 0, 0, 0, 0xf8, 0x7f];
    const nan2 = [1, 0, 0, 0, 0, 0, 0xf8, 0x7f];
    assert.equal(eq(nan1, nan1, 0), true, 'identical NaN bytes are equal');
    assert.equal(eq(nan1, nan2, 0), false, 'different NaN payloads differ');
    assert.equal(eq(doubleBytes(1.5, [1, 2, 3]), [9, ...doubleBytes(1.5, [1, 2, 3])], 1), true, 'at an offset, with a tail');
    assert.equal(eq(doubleBytes(1.5, [1, 2, 3]), doubleBytes(1.5, [1, 2, 4]), 0), false, 'the tail counts');
  });

  it('finds what was stored for the same bytes anywhere, and nothing for other bytes', () => {
    const cache = new BytesCache<string>(16);
    const data = view([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]);
    assert.equal(cache.get(data, 0, 11), undefined);
    cache.set(data, 0, 11, 'first');
    assert.equal(cache.get(data, 12, 23), 'first');
    assert.equal(cache.lastKey?.byteLength, 11);
    assert.equal(cache.get(data, 12, 24), undefined);
    assert.equal(cache.get(data, 0, 10), undefined);
    assert.equal(cache.isRepeat(data, 0, 5), false);
    assert.equal(cache.isRepeat(data, 12, 17), true, 'the same bytes elsewhere were seen');
  });
});
