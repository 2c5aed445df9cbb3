import assert from 'node:assert/strict';
import { parseLintArgs } from './args';

describe('statscope lint arguments', () => {
  it('defaults to the current folder and stylish output', () => {
    assert.deepEqual(parseLintArgs([]), { kind: 'lint', args: { paths: ['.'], format: 'stylish' } });
  });

  it('reads paths, format, max warnings and config in both flag styles', () => {
    assert.deepEqual(parseLintArgs(['src', '--format', 'sarif', '--max-warnings=0', '--config', 'ci/statscope.config.json', 'lib']), {
      kind: 'lint',
      args: { paths: ['src', 'lib'], format: 'sarif', maxWarnings: 0, config: 'ci/statscope.config.json' },
    });
  });

  it('reports usage errors', () => {
    assert.deepEqual(parseLintArgs(['--format', 'xml']), { kind: 'error', message: "unknown format 'xml' (use stylish, json, sarif)" });
    assert.deepEqual(parseLintArgs(['--max-warnings', '-1']), { kind: 'error', message: "--max-warnings needs a non-negative integer, got '-1'" });
    assert.deepEqual(parseLintArgs(['--config']), { kind: 'error', message: '--config needs a value' });
    assert.deepEqual(parseLintArgs(['--fix']), { kind: 'error', message: '--fix needs a value' });
    assert.deepEqual(parseLintArgs(['--fix=yes']), { kind: 'error', message: 'unknown option --fix' });
    assert.deepEqual(parseLintArgs(['-h']), { kind: 'help' });
  });
});
