import assert from 'node:assert/strict';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../../../runs/store/record-defaults';
import type { HistogramPoint, MetricData, NumberPoint, PointExemplar } from '../../../runs/store/model';
import { sid, testSpan, tid } from '../../../runs/test-support/test-records';
import type { MetricView } from '../../../protocol/webview';
import { RunStore } from '../../../runs/store/run-store';
import type { Run } from '../../../runs/store/run';
import { bucketBars, kindLabel, MAX_CHART_LINES, metricsRunView, runOptions } from './metrics-view-model';
import { alignTimelines, seriesTimeline, windowRate } from './series-timeline';
import { unitName } from './unit-names';
import { clockTime } from './clock-time';
import { exemplarTarget } from './exemplar-view';
import { isMetricsWebviewMessage } from './is-webview-message';

const HOSTILE = '<img src=x onerror=alert(1)>';
const S = 1_000_000_000n;

function metric(name: string, kind: MetricData['kind'], points: MetricData['points'], extra: Partial<MetricData> = {}): MetricData {
  return { name, description: `${name} help`, unit: '', kind, temporality: 'cumulative', isMonotonic: kind === 'sum', resource: EMPTY_RESOURCE, scope: EMPTY_SCOPE, points, ...extra };
}

function num(value: number, second: number, options: { start?: bigint; attributes?: NumberPoint['attributes'] } = {}): NumberPoint {
  return { type: 'number', value, isInt: true, attributes: options.attributes ?? [], startTimeUnixNano: options.start ?? S, timeUnixNano: BigInt(second) * S, timeMs: second * 1000, flags: 0 };
}

function hist(count: number, sum: number, bucketCounts: number[], second: number): HistogramPoint {
  return { type: 'histogram', count, sum, min: undefined, max: undefined, bucketCounts, explicitBounds: [0.01, 0.025], attributes: [], startTimeUnixNano: S, timeUnixNano: BigInt(second) * S, timeMs: second * 1000, flags: 0 };
}

function withRun(fill: (run: Run) => void, check: (run: Run) => void): void {
  const store = new RunStore();
  try {
    const run = store.createRun({ label: 'model-server.js' });
    fill(run);
    check(run);
  } finally {
    store.dispose();
  }
}

function cellsOf(run: Run, name: string): Record<string, string> {
  const view = metricsRunView(run).metrics.find((m) => m.name === name);
  assert.ok(view, `${name} in the view`);
  const series = view.series[0];
  assert.ok(series);
  return Object.fromEntries(view.columns.map((c, i) => [c.label, series.cells[i] ?? '']));
}

describe('metrics panel view model', () => {
  it('counters: total, increase during the run, rate over the run and over the last minute', () => {
    withRun(
      (run) => run.addMetrics([metric('requests_total', 'sum', [num(10, 2), num(30, 4), num(90, 64)], { unit: '{request}' })]),
      (run) => {
        // Started at 1 s: 90 over 63 s; the last minute (4 s → 64 s] grew by 60.
        assert.deepEqual(cellsOf(run, 'requests_total'), { total: '90', increase: '90', rate: '1.429/s', 'rate 1m': '1/s' });
        const view = metricsRunView(run).metrics[0];
        assert.equal(view?.kind, 'counter');
        assert.equal(view?.unit, 'requests');
        assert.equal(view?.chart.meaning, 'rate per second');
        assert.equal(view?.chart.unit, 'requests per second');
        assert.deepEqual(view?.chart.times, [2, 4, 64], 'epoch seconds');
        assert.deepEqual(view?.chart.lines[0]?.values, [10, 10, 1], 'increase per second between points');
      },
    );
  });

  it('counters without a start time count the increase from their first point', () => {
    withRun(
      (run) => run.addMetrics([metric('jobs_total', 'sum', [num(100, 10, { start: 0n }), num(130, 20, { start: 0n })])]),
      (run) => assert.deepEqual(cellsOf(run, 'jobs_total'), { total: '130', increase: '30', rate: '3/s', 'rate 1m': '3/s' }),
    );
  });

  it('histograms: count, sum, avg and p50/p95/p99 from the buckets, with bucket bars', () => {
    withRun(
      (run) => run.addMetrics([metric('latency_seconds', 'histogram', [hist(4, 0.1, [1, 2, 1], 2)], { unit: 's' })]),
      (run) => {
        // p50: rank 2 → 1 into the (0.01, 0.025] bucket of 2 → 0.0175; p95/p99 fall in +Inf → 0.025.
        assert.deepEqual(cellsOf(run, 'latency_seconds'), { count: '4', sum: '0.1', avg: '0.025', p50: '0.0175', p95: '0.025', p99: '0.025' });
        const view = metricsRunView(run).metrics[0];
        assert.equal(view?.unit, 'seconds');
        assert.deepEqual(view?.series[0]?.buckets?.map((b) => [b.label, b.count, b.share]), [['≤ 0.01', 1, 0.25], ['≤ 0.025', 2, 0.5], ['> 0.025', 1, 0.25]]);
        assert.equal(view?.chart.meaning, 'p95 per interval');
      },
    );
  });

  it('gauges: last, min, max, avg (ratio unit by name)', () => {
    withRun(
      (run) => run.addMetrics([metric('accuracy_ratio', 'gauge', [num(0.5, 2), num(0.25, 3), num(0.75, 4)], { unit: '1' })]),
      (run) => {
        assert.deepEqual(cellsOf(run, 'accuracy_ratio'), { last: '0.75', min: '0.25', max: '0.75', avg: '0.5' });
        const view = metricsRunView(run).metrics[0];
        assert.equal(view?.unit, 'ratio');
        assert.deepEqual(view?.chart.lines[0]?.values, [0.5, 0.25, 0.75]);
        assert.equal(view?.series[0]?.buckets, undefined);
      },
    );
  });

  it('charts every label set on one time axis, label values verbatim, at most MAX_CHART_LINES lines', () => {
    withRun(
      (run) => {
        const points = [num(1, 2, { attributes: [{ key: 'model', value: HOSTILE }] }), num(2, 3, { attributes: [{ key: 'model', value: 'bert' }] })];
        for (let i = 0; i < MAX_CHART_LINES + 5; i++) points.push(num(i, 5, { attributes: [{ key: 'model', value: `m${String(i).padStart(2, '0')}` }] }));
        run.addMetrics([metric('queue_depth', 'gauge', points)]);
      },
      (run) => {
        const chart = metricsRunView(run).metrics[0]?.chart;
        assert.ok(chart);
        assert.equal(chart.lines.length, MAX_CHART_LINES);
        assert.equal(chart.omittedLines, 7);
        assert.deepEqual(chart.times, [2, 3, 5]);
        const hostile = chart.lines.find((l) => l.label === `model=${HOSTILE}`);
        assert.deepEqual(hostile?.values, [1, null, null], 'gaps are null');
        assert.deepEqual(chart.lines.find((l) => l.label === 'model=bert')?.values, [null, 2, null]);
        assert.doesNotThrow(() => JSON.stringify(metricsRunView(run)), 'plain JSON (no bigint)');
      },
    );
  });

  it('lists runs with their state and names kinds', () => {
    withRun(
      (run) => {
        run.addMetrics([metric('a_total', 'sum', [num(1, 2)])]);
        run.finish(0);
      },
      (run) => assert.deepEqual(runOptions([run]), [{ id: run.id, label: 'model-server.js · finished (exit 0) · 1 series' }]),
    );
    assert.equal(kindLabel({ kind: 'sum', isMonotonic: false }), 'up-down counter');
    assert.equal(kindLabel({ kind: 'exponentialHistogram', isMonotonic: false }), 'exponential histogram');
    assert.equal(bucketBars({ buckets: () => undefined }), undefined);
    assert.deepEqual(bucketBars({ buckets: () => ({ bounds: [1], counts: [0, 0] }) })?.map((b) => b.share), [0, 0]);
  });
});

describe('metrics panel exemplars', () => {
  const TRACE = tid(7);
  const SPAN = sid(3);
  const exemplar = (value: number, second: number, traceId = TRACE, spanId = SPAN): PointExemplar => ({ traceId, spanId, value, timeUnixNano: BigInt(second) * S, timeMs: second * 1000, filteredAttributes: [] });
  const withExemplars = <P extends NumberPoint | HistogramPoint>(point: P, exemplars: PointExemplar[]): P => ({ ...point, exemplars });

  function metricNamed(run: Run, name: string): MetricView {
    const view = metricsRunView(run).metrics.find((m) => m.name === name);
    assert.ok(view, `${name} in the view`);
    return view;
  }

  it('puts a histogram bucket’s exemplar next to its bar: value, time, short trace id, linked to the span', () => {
    withRun(
      (run) => {
        run.addSpans([testSpan({ id: 3, trace: 7, name: 'checkout', start: 0, end: 50 })]);
        // Bounds 0.01, 0.025: 0.02 falls in bucket 1; bucket 0 and +Inf have none.
        run.addMetrics([metric('latency_seconds', 'histogram', [withExemplars(hist(3, 0.05, [1, 2, 0], 2), [exemplar(0.02, 2)])])]);
      },
      (run) => {
        const buckets = metricNamed(run, 'latency_seconds').series[0]?.buckets;
        assert.deepEqual(buckets?.map((b) => b.exemplar === undefined), [true, false, true], 'only the bucket the value falls in');
        const shown = buckets?.[1]?.exemplar;
        assert.deepEqual(shown, { value: '0.02', time: clockTime(2000), traceId: TRACE, spanId: SPAN, shortTraceId: TRACE.slice(0, 8), isTraceInRun: true });
        assert.deepEqual(exemplarTarget(run, TRACE, SPAN), { timeline: { runId: run.id, traceId: TRACE, spanId: SPAN } });
        // On the chart (p95 per interval, in seconds) the exemplar is a point at its own time.
        const chart = metricNamed(run, 'latency_seconds').chart;
        assert.deepEqual(chart.exemplars.map((l) => l.values[chart.times.indexOf(2)]), [0.02]);
      },
    );
  });

  it('puts a counter’s exemplar next to its total; gauges and histograms have none there', () => {
    withRun(
      (run) => {
        run.addSpans([testSpan({ id: 3, trace: 7, start: 0, end: 5 })]);
        run.addMetrics([metric('orders_total', 'sum', [withExemplars(num(4, 2), [exemplar(1, 2)])]), metric('queue', 'gauge', [num(3, 2)])]);
      },
      (run) => {
        const series = metricNamed(run, 'orders_total').series[0];
        assert.equal(series?.exemplar?.traceId, TRACE);
        assert.equal(series.exemplar.value, '1');
        assert.equal(series.cells[0], '4', 'the total it sits next to');
        assert.equal(metricNamed(run, 'queue').series[0]?.exemplar, undefined);
        assert.deepEqual(metricNamed(run, 'orders_total').chart.exemplars, [], 'a rate chart has no room for increments');
      },
    );
  });

  it('marks an exemplar whose trace did not arrive, and a click says so plainly', () => {
    const missing = tid(99);
    withRun(
      (run) => run.addMetrics([metric('orders_total', 'sum', [withExemplars(num(4, 2), [exemplar(1, 2, missing)])])]),
      (run) => {
        assert.equal(metricNamed(run, 'orders_total').series[0]?.exemplar?.isTraceInRun, false);
        const running = exemplarTarget(run, missing, SPAN);
        assert.ok('message' in running);
        assert.match(running.message, new RegExp(`trace ${missing} of this exemplar did not arrive in the run yet`));
        run.finish(0);
        const finished = exemplarTarget(run, missing, SPAN);
        assert.ok('message' in finished);
        assert.match(finished.message, /did not arrive in the run \(the span was not exported, or was dropped\)/);
        assert.ok('message' in exemplarTarget(undefined, missing, SPAN), 'no run: a message, not a throw');
      },
    );
  });

  it('accepts an exemplar click only with well-formed ids', () => {
    assert.ok(isMetricsWebviewMessage({ type: 'openExemplar', traceId: TRACE, spanId: SPAN }));
    for (const bad of [
      { type: 'openExemplar', traceId: '<script>alert(1)</script>', spanId: SPAN },
      { type: 'openExemplar', traceId: TRACE, spanId: TRACE },
      { type: 'openExemplar', traceId: TRACE.toUpperCase(), spanId: SPAN },
      { type: 'openExemplar', traceId: TRACE },
      { type: 'openExemplar', traceId: 42, spanId: SPAN },
      { type: 'revealLogSpan', traceId: TRACE, spanId: SPAN },
    ]) {
      assert.equal(isMetricsWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('opens the trace without a span when the exemplar’s span is not in it', () => {
    withRun(
      (run) => run.addSpans([testSpan({ id: 1, trace: 7, start: 0, end: 5 })]),
      (run) => assert.deepEqual(exemplarTarget(run, TRACE, SPAN), { timeline: { runId: run.id, traceId: TRACE } }),
    );
  });
});

describe('series timeline', () => {
  const counter = (points: NumberPoint[], temporality: 'cumulative' | 'delta' = 'cumulative') => ({ kind: 'sum' as const, isMonotonic: true, temporality, points: () => points });

  it('a cumulative counter that restarts counts from zero again (Prometheus counter reset)', () => {
    const timeline = seriesTimeline(counter([num(50, 10), num(70, 20), num(5, 25, { start: 24n * S })]));
    assert.deepEqual(timeline.points.map((p) => p.value), [50 / 9, 2, 5]);
  });

  it('a delta counter: each point is its interval’s increase', () => {
    const points = [num(4, 2, { start: 0n }), num(6, 4, { start: 2n * S }), num(3, 5, { start: 4n * S })];
    assert.deepEqual(seriesTimeline(counter(points, 'delta')).points.map((p) => p.value), [3, 3]);
    assert.equal(windowRate(counter(points, 'delta'), 60_000), 3, '9 over 3 s');
  });

  it('a histogram plots the p95 of each interval’s own buckets', () => {
    const series = { kind: 'histogram' as const, isMonotonic: false, temporality: 'cumulative' as const, points: () => [hist(2, 0.01, [2, 0, 0], 2), hist(12, 0.3, [2, 0, 10], 4)] };
    // First interval (1 s → 2 s): both in ≤ 0.01 → p95 0.0095; second: the 10 new ones are all > 0.025.
    assert.deepEqual(seriesTimeline(series).points.map((p) => p.value), [0.0095, 0.025]);
  });

  it('aligns timelines on the union of their times', () => {
    assert.deepEqual(alignTimelines([[{ timeMs: 1000, value: 1 }], [{ timeMs: 2000, value: 2 }, { timeMs: 1000, value: 3 }]]), {
      times: [1000, 2000],
      values: [[1, null], [3, 2]],
    });
  });
});

describe('unit names', () => {
  it('says UCUM codes in words', () => {
    const cases: [string, string][] = [
      ['1', 'ratio'],
      ['s', 'seconds'],
      ['ms', 'milliseconds'],
      ['By', 'bytes'],
      ['MiBy', 'mebibytes'],
      ['%', 'percent'],
      ['Cel', 'celsius'],
      ['{request}', 'requests'],
      ['{connections}', 'connections'],
      ['By/s', 'bytes per second'],
      ['{request}/s', 'requests per second'],
      ['1/s', 'per second'],
      ['furlongs', 'furlongs'],
      ['', ''],
    ];
    for (const [code, words] of cases) assert.equal(unitName(code), words, code);
  });
});
