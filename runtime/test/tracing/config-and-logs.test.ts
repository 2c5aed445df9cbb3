/**
 * Configuration errors never stop the program (one warning naming the variable and accepted values,
 * then the default), the config file is read from the working directory, api mode leaves exporting to
 * the host's SDK, the sampler variables apply, and logs correlate with traces.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture } from './support/run-fixture';
import { ensureRuntimeBundles } from './support/runtime-bundles';
import { outline, spanNamed } from './support/span-tree';

describe('preload: configuration, modes, sampling and logs', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  it('warns once per bad value, names the variable and accepted values, uses defaults, and runs', async () => {
    const result = await runFixture('granularity.js', {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        STATSCOPE_GRANULARITY: 'verbose',
        STATSCOPE_MODE: 'both',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_BSP_SCHEDULE_DELAY: '-5',
        STATSCOPE_HEADERS: '{not json',
        STATSCOPE_METRICS_PORT: '99999',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /done/);
    const warnings = result.stderr.trim().split('\n');
    assert.equal(warnings.length, 7, result.stderr);
    assert.match(result.stderr, /STATSCOPE_GRANULARITY="verbose" is not valid: accepted values are none, operation, operation_and_segment, all \(aliases: partial=operation, full=all\); using the default "operation"/);
    assert.match(result.stderr, /STATSCOPE_MODE="both" is not valid: accepted values are api, sdk; using the default "sdk"/);
    assert.match(result.stderr, /OTEL_TRACES_SAMPLER="sometimes" is not valid: accepted values are always_on, always_off, traceidratio/);
    assert.match(result.stderr, /OTEL_BSP_SCHEDULE_DELAY="-5" is not valid: expected an integer from 0 to 86400000; using the default 5000/);
    assert.match(result.stderr, /STATSCOPE_HEADERS \(value not shown\) is not valid: not valid JSON \(at character 2\); expected a JSON object of strings/);
    assert.match(result.stderr, /STATSCOPE_METRICS_PORT="99999" is not valid: expected an integer from 0 to 65535/);
    assert.match(result.stderr, /OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is not valid: accepted values are http\/protobuf, http\/json; using the default "http\/protobuf"/);
    assert.equal(outline(receiver.spans), ['handle-request', '  db.query'].join('\n'), 'defaults applied: sdk mode, operation granularity');
  });

  it('reads statscope.config.json from the working directory; the environment wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statscope-config-'));
    try {
      writeFileSync(
        join(dir, 'statscope.config.json'),
        JSON.stringify({ STATSCOPE_GRANULARITY: 'all', OTEL_SERVICE_NAME: 'from-file', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, STATSCOPE_HEADERS: { 'x-from-file': 'yes' }, NOT_A_SETTING: 1 }),
      );
      const result = await runFixture('granularity.js', { cwd: dir, env: { OTEL_SERVICE_NAME: 'from-env' } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /statscope\.config\.json: unknown key "NOT_A_SETTING" ignored/);
      assert.equal(receiver.spans.length, 6, 'granularity all from the file');
      assert.equal(spanNamed(receiver.spans, 'handle-request').resource['service.name'], 'from-env');
      assert.equal(receiver.requestsTo('/v1/traces')[0]?.headers['x-from-file'], 'yes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never prints a planted header secret: warnings, logs and program output', async () => {
    const SECRET = 'pl4nted-S3CRET';
    const dir = mkdtempSync(join(tmpdir(), 'statscope-config-'));
    try {
      writeFileSync(join(dir, 'statscope.config.json'), JSON.stringify({ STATSCOPE_HEADERS: `{"x-api-key": "${SECRET}"`, OTEL_EXPORTER_OTLP_METRICS_HEADERS: [SECRET] }));
      const result = await runFixture('granularity.js', {
        cwd: dir,
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_HEADERS: `x-api-key:${SECRET},b=${SECRET}%zz`,
          OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${SECRET}`,
          STATSCOPE_LOG_LEVEL: 'debug',
          OTEL_LOG_LEVEL: 'debug',
        },
      });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stderr.split('\n').length >= 5, result.stderr);
      assert.ok(!result.stderr.includes(SECRET) && !result.stdout.includes(SECRET), result.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken config file is one warning; the program runs with defaults', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statscope-config-'));
    try {
      writeFileSync(join(dir, 'statscope.config.json'), '{ "STATSCOPE_GRANULARITY": ');
      const result = await runFixture('granularity.js', { cwd: dir, env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.match(result.stderr, /statscope\.config\.json is not valid JSON/);
      assert.equal(receiver.spans.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('OTEL_TRACES_SAMPLER=always_off and traceidratio 0 export nothing', async () => {
    for (const env of [{ OTEL_TRACES_SAMPLER: 'always_off' }, { OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }]) {
      const result = await runFixture('granularity.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, ...env } });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(receiver.spans.length, 0);
    }
  });

  it('STATSCOPE_MODE=api starts no SDK: the host application owns exporting', async () => {
    const result = await runFixture('host-sdk.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, STATSCOPE_MODE: 'api' } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(receiver.spans.length, 0, 'Statscope exported nothing itself');
    const hostSpans: unknown = JSON.parse(/host exported (.*)/.exec(result.stdout)?.[1] ?? '[]');
    assert.deepEqual(hostSpans, [{ name: 'host.work', filepath: true }]);
  });

  it('json logs carry time, level, message, service, trace_id and span_id; span events at all', async () => {
    const result = await runFixture('logs.js', {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, STATSCOPE_LOG_FORMAT: 'json', OTEL_SERVICE_NAME: 'logs-fixture', STATSCOPE_GRANULARITY: 'all' },
    });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => [l['level'], l['message']]), [
      ['info', 'starting'],
      ['warn', 'inside span'],
      ['error', 'failed step'],
      ['info', 'finished'],
    ]);
    const work = spanNamed(receiver.spans, 'work');
    const inside = lines[1] ?? {};
    assert.equal(inside['service'], 'logs-fixture');
    assert.equal(inside['trace_id'], work.traceId);
    assert.equal(inside['span_id'], work.spanId);
    assert.equal(inside['items'], 3);
    assert.match(String(inside['time']), /^\d{4}-\d\d-\d\dT/);
    assert.equal(lines[0]?.['trace_id'], undefined, 'no trace id outside spans');
    assert.equal(lines[2]?.['logger'], 'child');
    assert.equal((lines[2]?.['error'] as { message?: string } | undefined)?.message, 'bad');
    assert.deepEqual(work.events.map((e) => [e.name, e.attributes['log.severity']]), [
      ['inside span', 'warn'],
      ['failed step', 'error'],
    ]);
  });

  it('pretty logs by default at info: warn and above to stderr', async () => {
    const result = await runFixture('logs.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\d\d:\d\d:\d\d\.\d{3} INFO {2}starting version=1$/m);
    assert.doesNotMatch(result.stdout, /debug detail/);
    assert.match(result.stderr, /^\d\d:\d\d:\d\d\.\d{3} WARN {2}inside span items=3 trace_id=[0-9a-f]{32}$/m);
    assert.match(result.stderr, /ERROR \[child\] failed step error="Error: bad"/);
  });
});
