import assert from 'node:assert/strict';
import { relativeChangeText } from '../../../runs/compare/change-text';
import { compareLensSuffix } from './compare-lens-text';

describe('compare CodeLens text', () => {
  it('shows this run\'s p95 and its change against the compared run', () => {
    assert.equal(compareLensSuffix(12.3, { p95Ms: 10.42 }, '14:02:11', relativeChangeText), ' · p95 12.3 ms (+18% vs 14:02:11 run)');
    assert.equal(compareLensSuffix(9, { p95Ms: 10 }, '14:02:11', relativeChangeText), ' · p95 9.00 ms (-10% vs 14:02:11 run)');
    assert.equal(compareLensSuffix(2, undefined, '14:02:11', relativeChangeText), ' · p95 2.00 ms (not in the 14:02:11 run)');
  });
});
