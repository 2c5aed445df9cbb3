import assert from 'node:assert/strict';
import { isJsonDepthWithin, MAX_JSON_DEPTH } from './json-depth';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('isJsonDepthWithin', () => {
  it('counts objects and arrays, up to and past the limit', () => {
    assert.equal(isJsonDepthWithin(bytes('{"a":[{"b":[1]}]}'), 4), true);
    assert.equal(isJsonDepthWithin(bytes('{"a":[{"b":[[1]]}]}'), 4), false);
    assert.equal(isJsonDepthWithin(bytes('[[]],[[]],[[]]'), 2), true, 'depth, not the number of brackets');
    assert.equal(isJsonDepthWithin(bytes(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)), true);
    assert.equal(isJsonDepthWithin(bytes('['.repeat(MAX_JSON_DEPTH + 1))), false);
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    assert.equal(isJsonDepthWithin(bytes('{"name":"[[[[{{{{"}'), 1), true);
    assert.equal(isJsonDepthWithin(bytes('{"name":"\\"[[[[\\\\","x":"{{{{"}'), 1), true);
    assert.equal(isJsonDepthWithin(bytes('{"name":"\\\\"}[[['), 2), false, 'an escaped backslash ends nothing early');
  });

  it('stops at the first byte past the limit: 16 MB of brackets cost microseconds', () => {
    const deep = Buffer.alloc(16 * 1000 * 1000, '[');
    const started = performance.now();
    assert.equal(isJsonDepthWithin(deep), false);
    assert.ok(performance.now() - started < 50);
  });
});
