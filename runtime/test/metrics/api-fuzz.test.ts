import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('public API fuzz', function () {
  this.timeout(60_000);

  it('no public function throws or rejects on junk arguments (null/non-object options, Proxies whose traps throw, revoked Proxies, non-function callbacks), nor on callbacks that throw or reject with them', () => {
    const env = {
      ...process.env,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      STATSCOPE_METRICS_PORT: '0',
    };
    const r = spawnSync(process.execPath, [join(__dirname, 'support', 'api-fuzz-probe.js')], { encoding: 'utf8', env, timeout: 50_000 });
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('FUZZ-RESULT '));
    assert.ok(line !== undefined, r.stdout + r.stderr);
    const failures = JSON.parse(line.slice('FUZZ-RESULT '.length)) as string[];
    assert.deepEqual(failures, []);
  });
});
