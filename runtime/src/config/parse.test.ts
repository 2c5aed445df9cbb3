import assert from 'node:assert/strict';
import { appendPath, parseConfig } from './parse';
import type { ConfigResult } from './types';
import { VARIABLES } from './variables';

const parse = (env: Record<string, string>, fileText?: string, defaultMode?: 'api' | 'sdk'): ConfigResult =>
  parseConfig({ env, fileText, ...(defaultMode === undefined ? {} : { defaultMode }) });
const messages = (r: ConfigResult): string[] => r.warnings.map((w) => w.message);

describe('parseConfig', () => {
  it('gives the documented defaults for an empty environment and no file', () => {
    const { config, warnings } = parse({});
    assert.deepEqual(warnings, []);
    assert.equal(config.serviceName, 'unknown_service:node');
    assert.equal(config.mode, 'api');
    assert.equal(config.granularity, 'operation');
    assert.equal(config.traces.endpoint, 'http://localhost:4318/v1/traces');
    assert.equal(config.traces.isEndpointExplicit, false);
    assert.equal(config.metrics.endpoint, 'http://localhost:4318/v1/metrics');
    assert.equal(config.traces.protocol, 'http/protobuf');
    assert.equal(config.traces.timeoutMs, 10_000);
    assert.equal(config.traces.compression, 'none');
    assert.equal(config.sampler, 'parentbased_always_on');
    assert.equal(config.samplerArg, 1);
    assert.deepEqual(config.propagators, ['tracecontext', 'baggage']);
    assert.deepEqual(config.batch, { maxQueueSize: 32_768, maxExportBatchSize: 512, scheduleDelayMs: 5_000, exportTimeoutMs: 30_000 });
    assert.equal(config.metricsPort, undefined);
    assert.equal(config.metricsHost, '127.0.0.1');
    assert.equal(config.maxSeriesPerMetric, 2000);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.logFormat, 'pretty');
    assert.equal(config.diagLevel, 'none');
    assert.deepEqual(config.instrumentations, ['http', 'undici']);
    assert.equal(config.flushTimeoutMs, 5_000);
    assert.equal(config.isSdkDisabled, false);
    assert.equal(config.tracesExporter, 'otlp');
    assert.equal(config.metricsExporter, 'otlp');
  });

  it('takes the default mode from the caller (sdk for the preload)', () => {
    assert.equal(parse({}, undefined, 'sdk').config.mode, 'sdk');
    assert.equal(parse({ STATSCOPE_MODE: 'api' }, undefined, 'sdk').config.mode, 'api');
  });

  it('accepts granularities case-insensitively, with the partial/full aliases', () => {
    const cases: [string, string][] = [
      ['none', 'none'],
      ['operation', 'operation'],
      ['OPERATION_AND_SEGMENT', 'operation_and_segment'],
      [' all ', 'all'],
      ['partial', 'operation'],
      ['Full', 'all'],
    ];
    for (const [value, expected] of cases) {
      const r = parse({ STATSCOPE_GRANULARITY: value });
      assert.equal(r.config.granularity, expected, value);
      assert.deepEqual(r.warnings, []);
    }
  });

  it('warns once for a bad enum, naming the variable, the value and the accepted values', () => {
    const r = parse({ STATSCOPE_GRANULARITY: 'verbose' });
    assert.equal(r.config.granularity, 'operation');
    assert.deepEqual(r.warnings, [
      {
        variable: 'STATSCOPE_GRANULARITY',
        source: 'environment',
        message: 'STATSCOPE_GRANULARITY="verbose" is not valid: accepted values are none, operation, operation_and_segment, all (aliases: partial=operation, full=all); using the default "operation"',
      },
    ]);
  });

  it('treats empty values as unset (the OTel rule)', () => {
    const r = parse({ STATSCOPE_GRANULARITY: '', OTEL_SERVICE_NAME: '  ', OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    assert.deepEqual(r.warnings, []);
    assert.equal(r.config.granularity, 'operation');
    assert.equal(r.config.serviceName, 'unknown_service:node');
  });

  it('derives signal endpoints from the base endpoint; signal-specific ones are used as is', () => {
    const a = parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).config;
    assert.equal(a.traces.endpoint, 'http://collector:4318/v1/traces');
    assert.equal(a.metrics.endpoint, 'http://collector:4318/v1/metrics');
    assert.equal(a.metrics.isEndpointExplicit, true);
    const b = parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c/otlp/', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/custom' }).config;
    assert.equal(b.traces.endpoint, 'http://t:1/custom');
    assert.equal(b.metrics.endpoint, 'https://c/otlp/v1/metrics');
    assert.equal(appendPath('http://x/', 'v1/traces'), 'http://x/v1/traces');
  });

  it('rejects endpoints that are not absolute http(s) URLs', () => {
    const r = parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'ftp://x/y' });
    assert.equal(r.config.traces.endpoint, 'http://localhost:4318/v1/traces');
    assert.equal(r.config.metrics.isEndpointExplicit, false);
    assert.deepEqual(
      r.warnings.map((w) => w.variable),
      ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT'],
    );
    assert.match(messages(r)[0] ?? '', /expected an absolute http:\/\/ or https:\/\/ URL; ignoring it/);
  });

  it('merges headers: OTEL general < signal-specific < STATSCOPE_HEADERS, percent-decoded', () => {
    const { config, warnings } = parse({
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=two%20words,c=x',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'c=traces',
      STATSCOPE_HEADERS: '{"x-honeycomb-team":"abc","b":"json"}',
    });
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.traces.headers, { a: '1', b: 'json', c: 'traces', 'x-honeycomb-team': 'abc' });
    assert.deepEqual(config.metrics.headers, { a: '1', b: 'json', c: 'x', 'x-honeycomb-team': 'abc' });
  });

  it('skips bad header entries with a warning and keeps the good ones', () => {
    const r = parse({ OTEL_EXPORTER_OTLP_HEADERS: 'good=1,broken,=x,bad=%E0%A4%A' });
    assert.deepEqual(r.config.traces.headers, { good: '1' });
    assert.equal(r.warnings.length, 3);
    assert.ok(r.warnings.every((w) => w.variable === 'OTEL_EXPORTER_OTLP_HEADERS'));
  });

  it('never prints a header value: warnings name the setting, the entry key and position only', () => {
    const SECRET = 'pl4nted-S3CRET';
    const cases: [Record<string, string>, string | undefined][] = [
      [{ OTEL_EXPORTER_OTLP_HEADERS: `x-api-key:${SECRET}` }, undefined], // colon instead of "="
      [{ OTEL_EXPORTER_OTLP_HEADERS: `a=1,x-api-key=${SECRET}%zz` }, undefined], // bad percent escape
      [{ OTEL_EXPORTER_OTLP_TRACES_HEADERS: `=${SECRET}` }, undefined],
      [{ OTEL_EXPORTER_OTLP_METRICS_HEADERS: `${SECRET}%E0%A4%A` }, undefined],
      [{ STATSCOPE_HEADERS: `{"x-api-key": ${SECRET}}` }, undefined], // malformed JSON in the environment
      [{ STATSCOPE_HEADERS: `["${SECRET}"]` }, undefined],
      [{}, JSON.stringify({ STATSCOPE_HEADERS: `{"x-api-key":"${SECRET}"` })], // malformed JSON string in the file
      [{}, JSON.stringify({ STATSCOPE_HEADERS: [SECRET], OTEL_EXPORTER_OTLP_HEADERS: `k:${SECRET}` })],
      [{}, JSON.stringify({ STATSCOPE_HEADERS: { 'x-api-key': { nested: SECRET } }, OTEL_EXPORTER_OTLP_HEADERS: 42 })],
      [{}, `{"STATSCOPE_HEADERS": {"x-api-key": ${SECRET}}}`], // the whole file is malformed JSON
    ];
    for (const [env, file] of cases) {
      const r = parse(env, file);
      assert.ok(r.warnings.length > 0, JSON.stringify(env) + file);
      for (const w of r.warnings) assert.ok(!`${w.variable} ${w.source} ${w.message}`.includes(SECRET), w.message);
    }
    assert.deepEqual(messages(parse({ OTEL_EXPORTER_OTLP_HEADERS: `a=1,x-api-key:${SECRET}` })), [
      'OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 2 of 2: it has no "="; expected key1=value1,key2=value2 with percent-encoded values',
    ]);
    assert.deepEqual(messages(parse({ OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=ab%zz${SECRET}` })), [
      'OTEL_EXPORTER_OTLP_HEADERS: ignoring entry 1 of 1: the value of "x-api-key" has a bad percent escape at character 3; expected key1=value1,key2=value2 with percent-encoded values',
    ]);
    assert.deepEqual(messages(parse({ STATSCOPE_HEADERS: `{"x-api-key":"${SECRET}",}` })), [
      'STATSCOPE_HEADERS (value not shown) is not valid: not valid JSON (at character 31); expected a JSON object of strings, e.g. {"x-api-key":"abc"}; ignoring it',
    ]);
  });

  it('rejects STATSCOPE_HEADERS that is not a JSON object of strings', () => {
    for (const value of ['{not json', '["a"]', '"text"', '42']) {
      const r = parse({ STATSCOPE_HEADERS: value });
      assert.deepEqual(r.config.traces.headers, {});
      assert.equal(r.warnings.length, 1, value);
      assert.match(r.warnings[0]?.message ?? '', /^STATSCOPE_HEADERS \(value not shown\) is not valid: (not valid JSON \(.*\); )?expected a JSON object of strings/);
    }
    const nested = parse({ STATSCOPE_HEADERS: '{"ok":"1","bad":{"x":1}}' });
    assert.deepEqual(nested.config.traces.headers, { ok: '1' });
    assert.equal(nested.warnings.length, 1);
  });

  it('parses resource attributes; OTEL_SERVICE_NAME wins over service.name in them', () => {
    assert.equal(parse({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,deployment.environment=dev' }).config.serviceName, 'from-attrs');
    const c = parse({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attrs,team=a%2Cb', OTEL_SERVICE_NAME: 'svc' }).config;
    assert.equal(c.serviceName, 'svc');
    assert.deepEqual(c.resourceAttributes, { 'service.name': 'from-attrs', team: 'a,b' });
  });

  it('protocols: general and per signal; grpc is refused with a warning', () => {
    const c = parse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf' }).config;
    assert.equal(c.traces.protocol, 'http/json');
    assert.equal(c.metrics.protocol, 'http/protobuf');
    const r = parse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    assert.equal(r.config.traces.protocol, 'http/protobuf');
    assert.deepEqual(messages(r), ['OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is not valid: accepted values are http/protobuf, http/json; using the default "http/protobuf"']);
    const bad = parse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' });
    assert.equal(bad.config.traces.protocol, 'http/json', 'a bad signal protocol falls back to the general one');
  });

  it('samplers: every standard name; the ratio only for traceidratio ones and only in [0, 1]', () => {
    for (const name of ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']) {
      assert.equal(parse({ OTEL_TRACES_SAMPLER: name }).config.sampler, name);
    }
    assert.equal(parse({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).config.samplerArg, 0.25);
    assert.equal(parse({ OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: 'nonsense' }).warnings.length, 0, 'the arg is ignored for always_on');
    const r = parse({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' });
    assert.equal(r.config.samplerArg, 1);
    assert.deepEqual(messages(r), ['OTEL_TRACES_SAMPLER_ARG="1.5" is not valid: expected a number from 0 to 1; using the default 1']);
    assert.equal(parse({ OTEL_TRACES_SAMPLER: 'jaeger_remote' }).config.sampler, 'parentbased_always_on');
  });

  it('integers: range and integrality checked, defaults kept on error', () => {
    const r = parse({ OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_SCHEDULE_DELAY: '2.5', OTEL_EXPORTER_OTLP_TIMEOUT: '0', STATSCOPE_METRICS_PORT: '9464', STATSCOPE_FLUSH_TIMEOUT: 'soon' });
    assert.equal(r.config.batch.maxQueueSize, 100);
    assert.equal(r.config.batch.scheduleDelayMs, 5000);
    assert.equal(r.config.traces.timeoutMs, 10_000);
    assert.equal(r.config.metricsPort, 9464);
    assert.equal(r.config.flushTimeoutMs, 5000);
    assert.deepEqual(
      r.warnings.map((w) => w.variable),
      ['OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_BSP_SCHEDULE_DELAY', 'STATSCOPE_FLUSH_TIMEOUT'],
    );
    const port = parse({ STATSCOPE_METRICS_PORT: '70000' });
    assert.equal(port.config.metricsPort, undefined);
    assert.deepEqual(messages(port), ['STATSCOPE_METRICS_PORT="70000" is not valid: expected an integer from 0 to 65535; ignoring it']);
    assert.equal(parse({ STATSCOPE_METRICS_PORT: '0' }).config.metricsPort, 0);
  });

  it('booleans, log settings, propagators and instrumentations', () => {
    const c = parse({
      OTEL_SDK_DISABLED: 'TRUE',
      STATSCOPE_LOG_LEVEL: 'warning',
      STATSCOPE_LOG_FORMAT: 'json',
      OTEL_LOG_LEVEL: 'debug',
      OTEL_PROPAGATORS: 'tracecontext',
      STATSCOPE_INSTRUMENTATIONS: 'http, @opentelemetry/instrumentation-express',
    }).config;
    assert.equal(c.isSdkDisabled, true);
    assert.equal(c.logLevel, 'warn');
    assert.equal(c.logFormat, 'json');
    assert.equal(c.diagLevel, 'debug');
    assert.deepEqual(c.propagators, ['tracecontext']);
    assert.deepEqual(c.instrumentations, ['http', '@opentelemetry/instrumentation-express']);
    assert.deepEqual(parse({ OTEL_PROPAGATORS: 'none' }).config.propagators, []);
    assert.deepEqual(parse({ STATSCOPE_INSTRUMENTATIONS: 'none' }).config.instrumentations, []);
    const b3 = parse({ OTEL_PROPAGATORS: 'tracecontext,b3' });
    assert.deepEqual(b3.config.propagators, ['tracecontext']);
    assert.match(messages(b3)[0] ?? '', /OTEL_PROPAGATORS: "b3" is not supported: accepted values are tracecontext, baggage, none/);
    assert.equal(parse({ OTEL_SDK_DISABLED: 'maybe' }).warnings[0]?.message, 'OTEL_SDK_DISABLED="maybe" is not valid: accepted values are true, false; using the default false');
  });

  describe('with statscope.config.json', () => {
    it('reads the same keys, with JSON types; the environment wins', () => {
      const file = JSON.stringify({
        STATSCOPE_GRANULARITY: 'all',
        OTEL_SERVICE_NAME: 'from-file',
        STATSCOPE_METRICS_PORT: 9100,
        OTEL_SDK_DISABLED: false,
        STATSCOPE_HEADERS: { 'x-key': 'k' },
        OTEL_RESOURCE_ATTRIBUTES: { team: 'core' },
        STATSCOPE_INSTRUMENTATIONS: ['http'],
      });
      const { config, warnings } = parse({ OTEL_SERVICE_NAME: 'from-env' }, file);
      assert.deepEqual(warnings, []);
      assert.equal(config.granularity, 'all');
      assert.equal(config.serviceName, 'from-env');
      assert.equal(config.metricsPort, 9100);
      assert.deepEqual(config.traces.headers, { 'x-key': 'k' });
      assert.deepEqual(config.resourceAttributes, { team: 'core' });
      assert.deepEqual(config.instrumentations, ['http']);
    });

    it('names the file in warnings about its values', () => {
      const r = parse({}, JSON.stringify({ STATSCOPE_LOG_FORMAT: 'xml', STATSCOPE_METRICS_PORT: '80a' }));
      assert.deepEqual(messages(r), [
        'STATSCOPE_METRICS_PORT="80a" in statscope.config.json is not valid: expected an integer from 0 to 65535; ignoring it',
        'STATSCOPE_LOG_FORMAT="xml" in statscope.config.json is not valid: accepted values are pretty, json; using the default "pretty"',
      ]);
      assert.ok(r.warnings.every((w) => w.source === 'statscope.config.json'));
    });

    it('warns about unknown keys, bad JSON and non-objects without failing', () => {
      assert.deepEqual(messages(parse({}, '{"STATSCOPE_GRANULRITY":"all","$schema":"x"}')), [
        'statscope.config.json: unknown key "STATSCOPE_GRANULRITY" ignored (keys are the variable names, e.g. STATSCOPE_GRANULARITY)',
      ]);
      const broken = parse({}, '{ "a": ');
      assert.equal(broken.warnings.length, 1);
      assert.match(broken.warnings[0]?.message ?? '', /^statscope\.config\.json is not valid JSON \(.*\); ignoring the file$/);
      assert.equal(broken.config.granularity, 'operation');
      assert.match(messages(parse({}, '[1,2]'))[0] ?? '', /must hold a JSON object of settings/);
      assert.deepEqual(parse({}, '   ').warnings, []);
    });
  });

  it('never throws on hostile input', () => {
    const env: Record<string, string> = {};
    for (const v of VARIABLES) env[v.name] = '\u0000{"__proto__":1}%%%,=,';
    assert.doesNotThrow(() => parse(env, '{"__proto__":{"polluted":true},"constructor":1}'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});
