import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('SDK startup with failing optional parts', function () {
  this.timeout(30_000);

  it('a throwing meter provider and instrumentation registry do not abort the build (no half-installed globals)', () => {
    const r = spawnSync(process.execPath, [join(__dirname, 'support', 'sdk-partial-failure-probe.js')], { encoding: 'utf8', env: { ...process.env, STATSCOPE_LOG_LEVEL: 'silent' } });
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    assert.deepEqual(JSON.parse(line ?? '{}'), { threw: false, started: true, hasState: true, isRecording: true });
  });
});
