import assert from 'node:assert/strict';
import { MetricStore } from './metric-store';
import type { MetricData, Temporality } from './model';
import { describeProgramSpanDrops, programSpanDrops } from './program-span-drops';

const RESOURCE = { attributes: [], serviceName: 'app', droppedAttributesCount: 0, schemaUrl: '' };
const SCOPE = { name: 'statscope', version: '', attributes: [], schemaUrl: '' };

/** One export of the drop counter: a value per reason. */
function drops(values: Readonly<Record<string, number>>, options: { name?: string; start?: bigint; temporality?: Temporality; service?: string } = {}): MetricData {
  const start = options.start ?? 1_000n;
  return {
    name: options.name ?? 'statscope_spans_dropped_total',
    description: '',
    unit: '',
    kind: 'sum',
    temporality: options.temporality ?? 'cumulative',
    isMonotonic: true,
    resource: { ...RESOURCE, serviceName: options.service ?? 'app' },
    scope: SCOPE,
    points: Object.entries(values).map(([reason, value]) => ({ type: 'number', value, isInt: true, attributes: [{ key: 'reason', value: reason }], startTimeUnixNano: start, timeUnixNano: start + 1n, timeMs: 1, flags: 0 })),
  };
}

function store(...data: MetricData[]): MetricStore {
  const metrics = new MetricStore({ maxSeries: 100, maxPointsPerSeries: 10 });
  for (const d of data) metrics.add(d);
  return metrics;
}

describe('programSpanDrops', () => {
  it('is empty, and says nothing, when the program reported no drop', () => {
    assert.deepEqual(programSpanDrops(store()), []);
    assert.deepEqual(programSpanDrops(store(drops({ queue_full: 0 }))), []);
    assert.equal(describeProgramSpanDrops([]), undefined);
  });

  it('reads the latest cumulative total per reason, most first', () => {
    const metrics = store(drops({ queue_full: 1000 }), drops({ queue_full: 165_184, export_failed: 3 }));
    assert.deepEqual(programSpanDrops(metrics), [{ reason: 'queue_full', spans: 165_184 }, { reason: 'export_failed', spans: 3 }]);
    assert.equal(describeProgramSpanDrops(programSpanDrops(metrics)), '165187 spans dropped by the program (165184 queue full, 3 export failed)');
  });

  it('names a single reason in words', () => {
    assert.equal(describeProgramSpanDrops(programSpanDrops(store(drops({ queue_full: 165_184 })))), '165184 spans dropped by the program (queue full)');
    assert.equal(describeProgramSpanDrops(programSpanDrops(store(drops({ after_shutdown: 1 })))), '1 span dropped by the program (ended after shutdown)');
    assert.equal(describeProgramSpanDrops(programSpanDrops(store(drops({ 'new_reason\u001b[31m': 2 })))), '2 spans dropped by the program (new reason [31m)');
  });

  it('adds delta points, stitches a restarted process, sums processes, and reads OTel naming', () => {
    assert.deepEqual(programSpanDrops(store(drops({ queue_full: 5 }, { temporality: 'delta' }), drops({ queue_full: 7 }, { temporality: 'delta' }))), [{ reason: 'queue_full', spans: 12 }]);
    assert.deepEqual(programSpanDrops(store(drops({ queue_full: 10 }), drops({ queue_full: 4 }, { start: 2_000n }))), [{ reason: 'queue_full', spans: 14 }]);
    assert.deepEqual(programSpanDrops(store(drops({ queue_full: 10 }, { service: 'a' }), drops({ queue_full: 20 }, { service: 'b' }))), [{ reason: 'queue_full', spans: 30 }]);
    assert.deepEqual(programSpanDrops(store(drops({ export_failed: 2 }, { name: 'statscope.spans_dropped' }))), [{ reason: 'export_failed', spans: 2 }]);
  });
});
