import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { collectorConfigYaml } from './collector-config';
import { declaredComponents } from './declared-components';
import { factsOf, HOSTILE_SOURCE, QUEUE_SOURCE } from './fixture-declarations';

interface Pipeline {
  readonly receivers: string[];
  readonly processors: string[];
  readonly exporters: string[];
}

// No OpenTelemetry Collector binary can be installed on these machines (it is not in Debian or npm): the
// configuration is checked as parsed YAML against the pipelines it must wire, not by `otelcol validate`.
describe('generated OpenTelemetry Collector configuration (parsed as YAML; no collector binary here)', () => {
  const text = collectorConfigYaml(declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE, '/w/hostile.ts': HOSTILE_SOURCE })).components);
  const config = parse(text) as Record<string, Record<string, unknown>>;
  const pipelines = (config['service']?.['pipelines'] ?? {}) as Record<string, Pipeline>;

  it('receives OTLP and wires traces, metrics and logs, memory limiter first and batch last', () => {
    assert.deepEqual(Object.keys(pipelines).sort(), ['logs', 'metrics', 'traces']);
    for (const p of Object.values(pipelines)) {
      assert.deepEqual(p.receivers, ['otlp']);
      assert.equal(p.processors[0], 'memory_limiter');
      assert.equal(p.processors.at(-1), 'batch');
      for (const name of [...p.processors, ...p.exporters]) assert.ok(name in (config['processors'] ?? {}) || name in (config['exporters'] ?? {}), `${name} is not defined`);
    }
    assert.deepEqual(pipelines['metrics']?.exporters, ['prometheusremotewrite']);
    assert.deepEqual(pipelines['traces']?.exporters, ['otlp/traces']);
    assert.deepEqual(pipelines['logs']?.exporters, ['file/logs']);
  });

  it('tail-samples traces keeping errors and traces slower than the tightest latency objective', () => {
    assert.deepEqual(pipelines['traces']?.processors, ['memory_limiter', 'tail_sampling', 'batch']);
    const policies = (config['processors']?.['tail_sampling'] as { policies: Record<string, unknown>[] }).policies;
    assert.deepEqual(policies[0], { name: 'errors', type: 'status_code', status_code: { status_codes: ['ERROR'] } });
    // queue_wait_seconds has p95 0.2 s, the hostile histogram 0.3 s: the tighter one wins.
    assert.deepEqual(policies[1], { name: 'slow', type: 'latency', latency: { threshold_ms: 200 } });
  });

  it('keeps hostile component names inside its header comments', () => {
    assert.match(text, /^# {3}<script>alert\(1\)<\/script>$/m);
    const withBreak = collectorConfigYaml([{ name: 'a\nreceivers: {}', metrics: [] }]);
    assert.deepEqual(Object.keys(parse(withBreak) as object), Object.keys(config));
  });
});
