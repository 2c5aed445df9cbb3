/**
 * Run by alloc.test.ts as `node --expose-gc --max-semi-space-size=256 alloc-probe.js <case>`: warms a hot
 * path up, collects garbage, then runs it 1,000,000 times and prints the heap growth and the number of
 * garbage collections during the run as JSON. The large semi-space keeps any allocation visible in the
 * heap (no scavenge can hide it); the `control` case allocates on purpose to prove the probe sees it.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { context, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { counter, createExemplarSpanProcessor, createRegistry, defineStats, gauge, histogram } from '../../../src/index';

const N = 1_000_000;
const registry = createRegistry();
const s = defineStats(
  'alloc',
  {
    requests: counter({ description: 'R', labels: ['model', 'status'] }),
    plain: counter({ description: 'P' }),
    depth: gauge({ description: 'D', labels: ['queue'] }),
    latency: histogram({ description: 'L', unit: 'seconds', labels: ['model', 'status'] }),
  },
  { registry },
);
const bound = s.requests.labels({ model: 'bert', status: 'ok' });
const boundHistogram = s.latency.labels({ model: 'bert', status: 'ok' });
const boundGauge = s.depth.labels({ queue: 'a' });
const labelSets = Array.from({ length: 16 }, (_, i) => ({ model: `m${i & 3}`, status: `s${i >> 2}` }));
for (const l of labelSets) s.requests.inc(l);
// Numbers and booleans as label values: converted to strings once, then found without allocating.
const numericSets = Array.from({ length: 16 }, (_, i) => ({ model: `m${i & 3}`, status: 200 + (i >> 2), isCached: (i & 1) === 1 }));
const numeric = defineStats('alloc2', { requests: counter({ description: 'R', labels: ['model', 'status', 'isCached'] }) }, { registry });
for (const l of numericSets) numeric.requests.inc(l as never);
const values = new Float64Array(1024).map((_, i) => (i * 7919) % 1000 / 100);
const kept: unknown[] = [];

// Exemplar cases: one sampled span of the real SDK stays open and active while the loop runs, so every
// record call reads the active span from the AsyncLocalStorage context and keeps an exemplar. The span is
// started by the exemplar cases only: the other cases measure the path of a program without sampled spans.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
let sampled: Context | undefined;
function openSampledSpan(): Context {
  return (sampled ??= trace.setSpan(context.active(), new BasicTracerProvider({ spanProcessors: [createExemplarSpanProcessor()] }).getTracer('alloc').startSpan('probe')));
}
const inSampledSpan = (loop: (n: number) => void) => (n: number) => {
  context.with(openSampledSpan(), loop, undefined, n);
};
/** A sampled span is open (in another async context), none is active where the loop runs. */
const besideSampledSpan = (loop: (n: number) => void) => (n: number) => {
  openSampledSpan();
  loop(n);
};

const cases: Record<string, (n: number) => void> = {
  'counter inc (bound handle)': (n) => {
    for (let i = 0; i < n; i++) bound.inc();
  },
  'counter add (bound handle)': (n) => {
    for (let i = 0; i < n; i++) bound.add(0.5);
  },
  'counter inc (unlabelled)': (n) => {
    for (let i = 0; i < n; i++) s.plain.inc();
  },
  'counter inc (label values, no handle)': (n) => {
    for (let i = 0; i < n; i++) s.requests.inc(labelSets[i & 15] as { model: string; status: string });
  },
  'counter inc (numeric and boolean label values, no handle)': (n) => {
    // Cast: the declared label values are strings; numbers and booleans are accepted and converted.
    for (let i = 0; i < n; i++) numeric.requests.inc(numericSets[i & 15] as never);
  },
  'histogram observe (bound handle)': (n) => {
    for (let i = 0; i < n; i++) boundHistogram.observe(values[i & 1023] as number);
  },
  'gauge set (bound handle)': (n) => {
    for (let i = 0; i < n; i++) boundGauge.set(values[i & 1023] as number);
  },
  'histogram observe inside a sampled span (exemplar)': inSampledSpan((n) => {
    for (let i = 0; i < n; i++) boundHistogram.observe(values[i & 1023] as number);
  }),
  'counter inc inside a sampled span (exemplar)': inSampledSpan((n) => {
    for (let i = 0; i < n; i++) bound.inc();
  }),
  'histogram observe while a sampled span is open elsewhere': besideSampledSpan((n) => {
    for (let i = 0; i < n; i++) boundHistogram.observe(values[i & 1023] as number);
  }),
  control: (n) => {
    for (let i = 0; i < n; i++) kept.push({ i });
    kept.length = 0;
  },
};

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (typeof collect !== 'function') throw new Error('run with --expose-gc');
  collect();
  collect();
}

const name = process.argv[2] ?? '';
const run = cases[name];
if (run === undefined) throw new Error(`unknown case ${name}; cases: ${Object.keys(cases).join(', ')}`);
for (let i = 0; i < 5; i++) run(N);
let gcs = 0;
const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));
observer.observe({ entryTypes: ['gc'] });
const deltas: number[] = [];
setTimeout(() => {
  for (let round = 0; round < 3; round++) {
    gc();
    const before = getHeapStatistics().used_heap_size;
    run(N);
    deltas.push(getHeapStatistics().used_heap_size - before);
  }
  setTimeout(() => {
    observer.disconnect();
    // Our own gc() calls show up as 2 per round.
    const exemplars = registry.snapshot().families.flatMap((f) => f.series.flatMap((series) => series.exemplars ?? []));
    const exemplarTraceIds = [...new Set(exemplars.map((e) => e.traceId))];
    process.stdout.write(`${JSON.stringify({ name, bytes: Math.min(...deltas), deltas, gcsDuringRuns: gcs - 6, ops: N, check: bound.value() > 0, exemplarTraceIds })}\n`);
  }, 50);
}, 10);
