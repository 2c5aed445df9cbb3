import assert from 'node:assert/strict';
import { validateBuckets, validateDeclaration, validateLabelNames, validateUnit } from './index';

describe('conventions: declaration validation', () => {
  it('accepts a good declaration', () => {
    assert.deepEqual(validateDeclaration({ component: 'inference', name: 'latency', kind: 'histogram', description: 'x', unit: 'seconds', labels: ['model'], buckets: [0.1, 1] }), []);
  });

  it('rejects non-base and unknown units with the base unit to use', () => {
    assert.match(validateUnit('ms')?.message ?? '', /use "seconds" and multiply values by 0.001/);
    assert.match(validateUnit('MiB')?.message ?? '', /use "bytes"/);
    assert.equal(validateUnit('furlongs')?.code, 'unknown-unit');
    assert.equal(validateUnit(undefined), undefined);
  });

  it('checks label names: grammar, reserved, duplicates', () => {
    const codes = validateLabelNames(['ok', 'le', 'quantile', '__x', 'a-b', 'ok', 3]).map((p) => p.code);
    assert.deepEqual(codes, ['reserved-label-name', 'reserved-label-name', 'reserved-label-name', 'invalid-label-name', 'duplicate-label-name', 'invalid-label-name']);
    assert.equal(validateLabelNames('model')[0]?.code, 'invalid-labels');
  });

  it('checks buckets', () => {
    assert.equal(validateBuckets([1, 2, 3]), undefined);
    for (const bad of [[], [2, 1], [1, 1], [1, Infinity], [NaN], ['1'], 'x', new Array(65).fill(0).map((_, i) => i)]) {
      assert.equal(validateBuckets(bad)?.code, 'invalid-buckets', JSON.stringify(bad));
    }
  });

  it('flags reserved suffixes as errors and kind words / unit segments as warnings', () => {
    const p = validateDeclaration({ component: 'q', name: 'jobsCount', kind: 'counter', description: 'x' });
    assert.deepEqual(p.map((x) => [x.code, x.severity]), [['reserved-suffix', 'error']]);
    const w = validateDeclaration({ component: 'q', name: 'latencyMsGauge', kind: 'gauge', description: 'x' });
    assert.deepEqual(w.map((x) => x.code).sort(), ['kind-word-in-name', 'non-base-unit-in-name']);
    assert.equal(validateDeclaration({ component: '!!', name: 'x', kind: 'gauge', description: 'x' })[0]?.code, 'invalid-component');
  });
});
