import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load';

describe('loadConfig', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'statscope-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads statscope.config.json from the given directory under the environment', () => {
    writeFileSync(join(dir, 'statscope.config.json'), '{"STATSCOPE_GRANULARITY":"all","OTEL_SERVICE_NAME":"file"}');
    const { config, warnings } = loadConfig({ cwd: dir, env: { OTEL_SERVICE_NAME: 'env' } });
    assert.deepEqual(warnings, []);
    assert.equal(config.granularity, 'all');
    assert.equal(config.serviceName, 'env');
  });

  it('works without a file, in a missing directory, and passes the default mode on', () => {
    assert.equal(loadConfig({ cwd: dir, env: {} }).config.granularity, 'operation');
    assert.equal(loadConfig({ cwd: join(dir, 'missing'), env: {}, defaultMode: 'sdk' }).config.mode, 'sdk');
  });
});
