import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { factsOf, QUEUE_SOURCE } from './fixture-declarations';
import { generate, GENERATORS, isGeneratorName } from './generate';

describe('generate', () => {
  const files = factsOf({ '/w/queue.ts': QUEUE_SOURCE, '/w/empty.ts': 'export const x = 1;' });

  it('names a file per generator and parses as its format', () => {
    const made = GENERATORS.map((what) => generate(what, files));
    assert.deepEqual(
      made.map((f) => f.fileName),
      ['grafana/statscope.json', 'prometheus/statscope-rules.yaml', 'otelcol/config.yaml'],
    );
    assert.equal((JSON.parse(made[0]?.text ?? '') as { uid: string }).uid, 'statscope');
    assert.ok(parse(made[1]?.text ?? '') !== null);
    assert.ok(made.every((f) => f.components === 1 && f.warnings.length === 0));
  });

  it('knows its generator names and nothing else', () => {
    assert.ok(isGeneratorName('grafana'));
    assert.ok(!isGeneratorName('toString'));
    assert.ok(!isGeneratorName(undefined));
  });
});
