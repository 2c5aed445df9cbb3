import assert from 'node:assert/strict';
import { countChangeText, relativeChangeText } from './change-text';

describe('change text', () => {
  it('writes relative changes with a sign, one decimal below 10%', () => {
    assert.equal(relativeChangeText(10, 11.8), '+18%');
    assert.equal(relativeChangeText(10, 9.58), '-4.2%');
    assert.equal(relativeChangeText(10, 10), '±0%');
    assert.equal(relativeChangeText(0, 3), 'new');
    assert.equal(relativeChangeText(0, 0), '±0%');
    assert.equal(relativeChangeText(undefined, 3), '–');
    assert.equal(relativeChangeText(3, Number.NaN), '–');
  });

  it('writes count changes as differences', () => {
    assert.equal(countChangeText(3, 5), '+2');
    assert.equal(countChangeText(5, 3), '-2');
    assert.equal(countChangeText(2, 2), '±0');
    assert.equal(countChangeText(1000, 3000), '+2,000');
    assert.equal(countChangeText(undefined, 3), '–');
  });
});
