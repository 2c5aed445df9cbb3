import assert from 'node:assert/strict';
import { buildLaunchEnv, quoteNodeOption, serviceNameFor, withPreload } from './launch-env';

const telemetry = { endpoint: 'http://127.0.0.1:4567', token: 'abc123', preloadPath: '/opt/statscope/register.cjs' };

describe('launch environment', () => {
  it('points OTLP at the receiver with the bearer token and injects the preload', () => {
    const env = buildLaunchEnv({ PATH: '/usr/bin', HOME: '/home/u' }, { ...telemetry, granularity: 'all', mode: 'sdk', serviceName: 'app' });
    assert.equal(env['OTEL_EXPORTER_OTLP_ENDPOINT'], 'http://127.0.0.1:4567');
    assert.equal(env['OTEL_EXPORTER_OTLP_HEADERS'], 'authorization=Bearer abc123');
    assert.equal(env['OTEL_EXPORTER_OTLP_PROTOCOL'], 'http/protobuf');
    assert.equal(env['STATSCOPE_GRANULARITY'], 'all');
    assert.equal(env['STATSCOPE_MODE'], 'sdk');
    assert.equal(env['OTEL_SERVICE_NAME'], 'app');
    assert.equal(env['NODE_OPTIONS'], '--require /opt/statscope/register.cjs');
    assert.equal(env['PATH'], '/usr/bin');
    assert.equal(env['OTEL_BSP_SCHEDULE_DELAY'], '500');
    assert.equal(env['OTEL_METRIC_EXPORT_INTERVAL'], '1000');
  });

  it('keeps existing NODE_OPTIONS, the user\'s service name and export intervals', () => {
    const env = buildLaunchEnv({ NODE_OPTIONS: '--max-old-space-size=4096', OTEL_SERVICE_NAME: 'mine', OTEL_BSP_SCHEDULE_DELAY: '100' }, { ...telemetry, serviceName: 'app' });
    assert.equal(env['NODE_OPTIONS'], '--max-old-space-size=4096 --require /opt/statscope/register.cjs');
    assert.equal(env['OTEL_SERVICE_NAME'], 'mine');
    assert.equal(env['OTEL_BSP_SCHEDULE_DELAY'], '100');
  });

  it('removes variables that would send telemetry elsewhere or replace the token', () => {
    const env = buildLaunchEnv(
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces', OTEL_EXPORTER_OTLP_HEADERS: 'x=1', STATSCOPE_HEADERS: '{"authorization":"x"}', OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'a=b' },
      telemetry,
    );
    assert.equal(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'], undefined);
    assert.equal(env['OTEL_EXPORTER_OTLP_METRICS_HEADERS'], undefined);
    assert.equal(env['STATSCOPE_HEADERS'], undefined);
    assert.equal(env['OTEL_EXPORTER_OTLP_HEADERS'], 'authorization=Bearer abc123');
  });

  it('runs without a preload when none is given', () => {
    const env = buildLaunchEnv({ NODE_OPTIONS: '--inspect' }, { ...telemetry, preloadPath: undefined });
    assert.equal(env['NODE_OPTIONS'], '--inspect');
  });

  it('quotes preload paths with spaces, quotes and backslashes for NODE_OPTIONS', () => {
    assert.equal(quoteNodeOption('/a b/register.cjs'), '"/a b/register.cjs"');
    assert.equal(quoteNodeOption('C:\\Program Files\\x.cjs'), '"C:\\\\Program Files\\\\x.cjs"');
    assert.equal(withPreload('--require "/a b/r.cjs"', '/a b/r.cjs'), '--require "/a b/r.cjs"', 'not added twice');
  });

  it('derives a service name from the script', () => {
    assert.equal(serviceNameFor('node', ['--enable-source-maps', 'src/server.js']), 'server');
    assert.equal(serviceNameFor('node', ['app.mjs']), 'app');
    assert.equal(serviceNameFor('npm', ['run', 'start']), 'npm');
    assert.equal(serviceNameFor('/usr/bin/python3', ['worker.py']), 'worker');
  });
});
