import assert from 'node:assert/strict';
import { plural } from './format';

describe('plural', () => {
  it('puts the noun in the number of the count', () => {
    assert.equal(plural(1, 'span'), '1 span');
    assert.equal(plural(0, 'span'), '0 spans');
    assert.equal(plural(2, 'trace'), '2 traces');
    assert.equal(plural(12_345, 'span'), '12,345 spans');
    assert.equal(plural(1, 'series', 'series'), '1 series');
    assert.equal(plural(3, 'log record'), '3 log records');
    assert.equal(plural(1, 'child span'), '1 child span');
  });
});
