import assert from 'node:assert/strict';
import { declaredComponents } from './declared-components';
import { generate } from './generate';
import { factsOf, HOSTILE_SOURCE, QUEUE_PYTHON_SOURCE, QUEUE_SOURCE } from './fixture-declarations';

describe('declared components', () => {
  it('reads exposed names, kinds, units, labels, objectives and thresholds from the index', () => {
    const { components, warnings } = declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE }));
    assert.deepEqual(warnings, []);
    assert.equal(components.length, 1);
    const byKey = new Map(components[0]?.metrics.map((m) => [m.key, m]));
    assert.equal(byKey.get('jobs')?.exposedName, 'queue_jobs_total');
    assert.deepEqual(byKey.get('jobs')?.labels, ['queue', 'status']);
    assert.equal(byKey.get('wait')?.exposedName, 'queue_wait_seconds');
    assert.deepEqual(byKey.get('wait')?.objectives, [
      { quantile: 'p95', phi: 0.95, value: 0.2 },
      { quantile: 'p99', phi: 0.99, value: 0.5 },
    ]);
    assert.deepEqual(byKey.get('wait')?.objectiveTiming, { for: '2m', severity: 'page' });
    assert.deepEqual(byKey.get('depth')?.threshold, { above: 100, for: '5m', severity: 'ticket' });
    assert.deepEqual(byKey.get('failures')?.threshold, { above: 0.5, for: '1m', severity: 'page' });
  });

  it('leaves out labels Prometheus rejects and defaults a bad duration and severity, saying where', () => {
    const { components, warnings } = declaredComponents(factsOf({ '/w/hostile.ts': HOSTILE_SOURCE }));
    const counter = components[0]?.metrics.find((m) => m.kind === 'counter');
    assert.deepEqual(counter?.labels, ['ok']);
    const lat = components[0]?.metrics.find((m) => m.kind === 'histogram');
    assert.deepEqual(lat?.objectiveTiming, { for: '5m', severity: 'page' });
    assert.equal(warnings.length, 5, warnings.join('\n'));
    assert.ok(warnings.every((w) => w.startsWith('/w/hostile.ts:')));
  });

  it('reads a Python struct like its TypeScript twin: the same components, and the same rules, dashboard and collector', () => {
    const fromTs = declaredComponents(factsOf({ '/w/queue.ts': QUEUE_SOURCE }));
    const fromPython = declaredComponents(factsOf({ '/w/queue.py': QUEUE_PYTHON_SOURCE }));
    assert.deepEqual(fromPython.warnings, []);
    const shape = (model: typeof fromTs) => model.components.map((c) => ({ ...c, metrics: c.metrics.map((m) => ({ ...m, source: undefined })), source: undefined }));
    assert.deepEqual(shape(fromPython), shape(fromTs));
    for (const what of ['prometheus-rules', 'grafana', 'collector'] as const) {
      assert.equal(generate(what, factsOf({ '/w/queue.py': QUEUE_PYTHON_SOURCE })).text, generate(what, factsOf({ '/w/queue.ts': QUEUE_SOURCE })).text, what);
    }
  });

  it('reads Python thresholds written as keyword calls, and ignores what is not constant', () => {
    const { components } = declaredComponents(
      factsOf({
        '/w/q.py': `
from statscope import HistogramSlo, ThresholdAlert, counter, define_stats, gauge, histogram
LIMIT = load()
stats = define_stats("q",
    lat=histogram("Latency", unit="seconds", slo=HistogramSlo(p90=0.1, p42=3)),
    depth=gauge("Depth", alert=ThresholdAlert(below=2, severity="page")),
    errors=counter("Errors", alert={"above": LIMIT}),
    shared=gauge("Shared", alert=SHARED),
)
`,
      }),
    );
    const byKey = new Map(components[0]?.metrics.map((m) => [m.key, m]));
    assert.deepEqual(byKey.get('lat')?.objectives, [{ quantile: 'p90', phi: 0.9, value: 0.1 }]);
    assert.deepEqual(byKey.get('depth')?.threshold, { below: 2, for: '5m', severity: 'page' });
    assert.equal(byKey.get('errors')?.threshold?.above, undefined);
    assert.equal(byKey.get('shared')?.threshold, undefined);
  });
});
