import assert from 'node:assert/strict';
import { labelWithStartTime, startTimeText } from './run-label';

describe('run labels', () => {
  it('append the local start time with seconds, zero-padded', () => {
    assert.equal(labelWithStartTime('demo', new Date(2026, 11, 7, 14, 2, 11)), 'demo · 14:02:11');
    assert.equal(startTimeText(new Date(2026, 0, 1, 9, 5, 7, 999)), '09:05:07');
  });

  it('tell two runs of one program apart a second later', () => {
    const first = labelWithStartTime('model-server.js', new Date(2026, 11, 7, 23, 59, 59));
    const second = labelWithStartTime('model-server.js', new Date(2026, 11, 8, 0, 0, 0));
    assert.notEqual(first, second);
    assert.equal(second, 'model-server.js · 00:00:00');
  });
});
