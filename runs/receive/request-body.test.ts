import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { BodyBuffers, readGunzipped } from './request-body';

/** A request whose body is `chunks`, pulled one at a time; `pulled()` says how many were read. */
function fakeRequest(chunks: readonly Buffer[]): { readonly req: IncomingMessage; pulled(): number } {
  let pulled = 0;
  const stream = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        pulled++;
        yield chunk;
      }
    })(),
    { objectMode: false, highWaterMark: 1 },
  );
  const req = Object.assign(stream, { complete: false });
  stream.on('end', () => (req.complete = true)); // as IncomingMessage does before its 'end' listeners run
  // Cast: readGunzipped uses only the Readable side of IncomingMessage and `complete`.
  return { req: req as unknown as IncomingMessage, pulled: () => pulled };
}

describe('BodyBuffers', () => {
  it('hands a given-back buffer out again for a body that fits', () => {
    const buffers = new BodyBuffers();
    const first = buffers.take(100_000);
    assert.ok(first.length >= 100_000);
    buffers.give(first);
    assert.equal(buffers.take(90_000), first);
    assert.notEqual(buffers.take(90_000), first, 'a buffer is handed out once');
  });

  it('keeps no huge buffers and a bounded number of bytes', () => {
    const buffers = new BodyBuffers();
    const huge = buffers.take(5 * 1024 * 1024);
    assert.equal(huge.length, 5 * 1024 * 1024);
    buffers.give(huge);
    assert.notEqual(buffers.take(5 * 1024 * 1024), huge);
    const many = Array.from({ length: 8 }, () => buffers.take(2 * 1024 * 1024));
    for (const buffer of many) buffers.give(buffer);
    const kept = new Set<Buffer>();
    for (let i = 0; i < 8; i++) kept.add(buffers.take(2 * 1024 * 1024));
    assert.ok(many.filter((b) => kept.has(b)).length <= 4, 'at most 8 MiB are kept idle');
  });
});

describe('readGunzipped', () => {
  it('inflates while reading and stops reading a bomb at the output limit', async () => {
    const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 256 }, () => member)); // 256 KiB → 256 MiB
    const chunks = Array.from({ length: bomb.length / 1024 }, (_, i) => bomb.subarray(i * 1024, (i + 1) * 1024));
    const { req, pulled } = fakeRequest(chunks);
    const result = await readGunzipped(req, { maxRawBytes: 16 * 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024, shouldKeepRaw: false });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.status === 413 && result.limit === 'decoded');
    assert.ok(pulled() < chunks.length / 10, `read ${pulled()} of ${chunks.length} chunks`);
  });

  it('returns the inflated body, and the body as sent when asked to keep it', async () => {
    const text = Buffer.from('{"resourceSpans":[]}'.repeat(1000));
    const gz = gzipSync(text);
    const result = await readGunzipped(fakeRequest([gz.subarray(0, 10), gz.subarray(10)]).req, { maxRawBytes: 1024 * 1024, maxDecodedBytes: 1024 * 1024, shouldKeepRaw: true });
    assert.ok(result.ok);
    assert.deepEqual(result.body, text);
    assert.deepEqual(result.raw, gz);
    assert.equal(result.rawBytes, gz.length);
  });

  it('stops at the limit of bytes as sent, and answers 400 for corrupt data', async () => {
    const big = await readGunzipped(fakeRequest([gzipSync(Buffer.alloc(10)), Buffer.alloc(2000)]).req, { maxRawBytes: 1000, maxDecodedBytes: 1024, shouldKeepRaw: false });
    assert.ok(!big.ok && big.status === 413 && big.limit === 'raw');
    const corrupt = await readGunzipped(fakeRequest([Buffer.from('not gzip at all')]).req, { maxRawBytes: 1000, maxDecodedBytes: 1000, shouldKeepRaw: false });
    assert.ok(!corrupt.ok && corrupt.status === 400);
  });
});
