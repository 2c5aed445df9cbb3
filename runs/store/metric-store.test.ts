import assert from 'node:assert/strict';
import { labelKey } from './metric-store';

describe('labelKey', () => {
  it('keeps label sets apart whose values share a prefix longer than any truncation', () => {
    const prefix = 'x'.repeat(20_000);
    assert.notEqual(labelKey([{ key: 'a', value: `${prefix}1` }]), labelKey([{ key: 'a', value: `${prefix}2` }]));
    assert.notEqual(labelKey([{ key: 'a', value: `${prefix}1` }, { key: 'b', value: 'y' }]), labelKey([{ key: 'a', value: `${prefix}2` }, { key: 'b', value: 'y' }]));
  });

  it('keeps label sets apart whose values contain the separators', () => {
    const one = labelKey([{ key: 'a', value: 'x\u0001b=y' }, { key: 'c', value: 'z' }]);
    const two = labelKey([{ key: 'a', value: 'x' }, { key: 'b', value: 'y\u0001c=z' }]);
    assert.notEqual(one, two);
    assert.notEqual(labelKey([{ key: 'a', value: 'b=c' }]), labelKey([{ key: 'a=b', value: 'c' }]));
    assert.notEqual(labelKey([{ key: 'a', value: '1' }]), labelKey([{ key: 'a', value: 1 }]));
  });

  it('ignores the order of labels', () => {
    assert.equal(labelKey([{ key: 'b', value: 'y' }, { key: 'a', value: 'x' }]), labelKey([{ key: 'a', value: 'x' }, { key: 'b', value: 'y' }]));
    assert.equal(labelKey([]), '');
  });
});
