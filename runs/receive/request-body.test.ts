import assert from 'node:assert/strict';
import { BodyBuffers } from './request-body';

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
