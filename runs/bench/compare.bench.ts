/**
 * Benchmark of comparing two runs (the `statscope diff` table and the Compare view), following the
 * protocol of `scripts/bench.mjs` (a JSON report to `STATSCOPE_BENCH_RESULT_FILE`; lower is better; the
 * absolute target is a pseudo-contender holding the target value, so "ratio ≥ 1" means it holds).
 *
 * - compare: `compareRuns` on two 100,000-span runs (1,000 traces of 100 spans), names drawn from 60
 *   operation names with a Zipf-like distribution (a few hot names, a long tail), log-normal durations,
 *   2% errors, 30 metric series per run; the head run has a third of the names 15% slower. Measured
 *   per round from the stored runs to the finished comparison (span stats, noise tests, metric diffs);
 *   median of the rounds. Target ≤ 500 ms.
 *
 * Run alone: `node --expose-gc out/runs/bench/compare.bench.js` (prints the report).
 */
import { writeFileSync } from 'node:fs';
import { compareRuns } from '../compare/compare-runs';
import type { MetricData, MetricPoint, SpanRecord } from '../store/model';
import { EMPTY_RESOURCE, EMPTY_SCOPE } from '../store/record-defaults';
import type { Run } from '../store/run';
import { RunStore } from '../store/run-store';
import { testSpan } from '../test-support/test-records';

const QUICK = process.env['STATSCOPE_BENCH_QUICK'] === '1' || process.argv.includes('--quick');
const ROUNDS = QUICK ? 3 : 9;
const TRACES = 1_000;
const SPANS_PER_TRACE = 100;
const NAMES = 60;
const CONTENDER = 'statscope compareRuns';
const TARGET = 'target';

/** A small deterministic generator (mulberry32), so both runs and every bench run are the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Span names with Zipf(1) weights: name k is drawn with probability ∝ 1/k. */
function nameSampler(next: () => number): () => string {
  const names = Array.from({ length: NAMES }, (_, k) => (k % 3 === 0 ? `GET /api/v1/resource-${k}` : k % 3 === 1 ? `db.query table_${k}` : `render.component-${k}`));
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= NAMES; k++) cumulative.push((total += 1 / k));
  return () => {
    const x = next() * total;
    const index = cumulative.findIndex((c) => c >= x);
    return names[index < 0 ? NAMES - 1 : index] as string;
  };
}

function spansOf(seed: number, slowdown: number): SpanRecord[][] {
  const next = random(seed);
  const name = nameSampler(next);
  const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const traces: SpanRecord[][] = [];
  let id = 0;
  for (let t = 0; t < TRACES; t++) {
    const spans: SpanRecord[] = [];
    const root = id;
    for (let s = 0; s < SPANS_PER_TRACE; s++) {
      const spanName = name();
      const slower = spanName.endsWith('0') || spanName.endsWith('3') || spanName.endsWith('6') ? slowdown : 1;
      const duration = Math.exp(1 + 0.6 * gaussian()) * slower; // log-normal, median e ≈ 2.7 ms
      spans.push(testSpan({ id: id++, trace: t, ...(s === 0 ? {} : { parent: root }), name: spanName, start: s, end: s + duration, error: next() < 0.02 }));
    }
    traces.push(spans);
  }
  return traces;
}

function metricsOf(scale: number): MetricData[] {
  const S = 1_000_000_000n;
  const point = (value: number, seconds: number, route: number): MetricPoint => ({ type: 'number', value, isInt: false, attributes: [{ key: 'route', value: `/r${route}` }], startTimeUnixNano: 1n, timeUnixNano: BigInt(seconds) * S, timeMs: seconds * 1000, flags: 0 });
  const metric = (name: string, isMonotonic: boolean, points: MetricPoint[]): MetricData => ({ name, description: '', unit: '1', kind: isMonotonic ? 'sum' : 'gauge', temporality: 'cumulative', isMonotonic, resource: EMPTY_RESOURCE, scope: EMPTY_SCOPE, points });
  const routes = Array.from({ length: 15 }, (_, r) => r);
  return [
    metric('http_requests_total', true, routes.flatMap((r) => [point(0, 1, r), point(100 * scale * (r + 1), 11, r)])),
    metric('queue_depth', false, routes.flatMap((r) => [point(r, 1, r), point(r * scale, 11, r)])),
  ];
}

function filledRun(store: RunStore, label: string, seed: number, slowdown: number): Run {
  const run = store.createRun({ label });
  for (const trace of spansOf(seed, slowdown)) run.addSpans(trace);
  run.addMetrics(metricsOf(slowdown));
  return run;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function main(): void {
  process.stderr.write('compare: generating two 100,000-span runs…\n');
  const store = new RunStore({ maxRuns: 2, maxSpansPerRun: 200_000 });
  const base = filledRun(store, 'base', 1, 1);
  const head = filledRun(store, 'head', 2, 1.15);
  const times: number[] = [];
  let beyondNoise = 0;
  let names = 0;
  for (let round = 0; round < ROUNDS; round++) {
    globalThis.gc?.();
    const started = performance.now();
    const comparison = compareRuns(base, head);
    times.push(performance.now() - started);
    beyondNoise = comparison.spans.filter((s) => s.isBeyondNoise).length;
    names = comparison.spans.length;
  }
  const ms = median(times);
  const report = {
    suite: 'Run comparison (runs)',
    packages: [],
    settings: { spansPerRun: TRACES * SPANS_PER_TRACE, spanNames: NAMES, rounds: ROUNDS },
    cases: [
      {
        id: 'compare',
        title: 'compare two 100,000-span runs (span stats, noise tests, metric diffs)',
        unit: 'ms',
        baseline: CONTENDER,
        results: { [CONTENDER]: ms, [TARGET]: 500 },
        targets: [{ against: TARGET, minRatio: 1, wording: '≤ 500 ms' }],
        notes: [
          `${names} span names (Zipf-distributed over 60 names, log-normal durations), ${beyondNoise} flagged beyond noise (the head run makes a third of them 15% slower); 30 metric series`,
          `rounds ${times.map((t) => t.toFixed(0)).join(', ')} ms; median of ${ROUNDS}, each on the stored runs (spans read through their accessor objects)`,
        ],
      },
    ],
  };
  const file = process.env['STATSCOPE_BENCH_RESULT_FILE'];
  if (file !== undefined && file !== '') writeFileSync(file, JSON.stringify(report, null, 2));
  else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  store.dispose();
}

main();
