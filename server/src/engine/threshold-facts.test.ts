import assert from 'node:assert/strict';
import { extractFacts } from './extract-facts';
import { parseSource } from './parse';

const SOURCE = `
import { counter, defineStats, gauge, histogram } from 'statscope';
const LONG = '15m';
export const stats = defineStats('queue', {
  latency: histogram({ description: 'Latency', unit: 'seconds', slo: { p95: 0.2, p99: 1, p42: 3, for: LONG, severity: 'page' } }),
  depth: gauge({ description: 'Depth', alert: { above: 100, below: -1, for: '5m' } }),
  errors: counter({ description: 'Errors', alert: { above: limit() } }),
  misplaced: histogram({ description: 'x', alert: { above: 1 } }),
  spread: gauge({ description: 'x', alert: shared }),
});
`;

describe('threshold facts', () => {
  const facts = extractFacts(parseSource('/w/queue.ts', SOURCE));
  const metric = (name: string) => facts.structs[0]?.metrics.find((m) => m.name === name);

  it('reads histogram objectives: known quantiles with constant values, for and severity', () => {
    const slo = metric('latency')?.slo;
    assert.deepEqual(slo?.quantiles, [
      { quantile: 'p95', value: 0.2 },
      { quantile: 'p99', value: 1 },
    ]);
    assert.equal(slo?.for, '15m');
    assert.equal(slo?.severity, 'page');
  });

  it('reads gauge and counter thresholds, leaving out values that are not constants', () => {
    const depth = metric('depth')?.alert;
    assert.equal(depth?.above, 100);
    assert.equal(depth?.below, -1);
    assert.equal(depth?.for, '5m');
    const errors = metric('errors')?.alert;
    assert.ok(errors);
    assert.equal(errors.above, undefined);
  });

  it('ignores an alert on a histogram and a threshold that is not an object literal', () => {
    assert.equal(metric('misplaced')?.alert, undefined);
    assert.equal(metric('spread')?.alert, undefined);
  });
});
