/**
 * Tracing hot-path benchmark, measured against the raw OpenTelemetry SDK in the same run:
 * - a gated-off `withSpan` must cost ≤ 1/20 of an OTel span;
 * - an enabled `withSpan` (and `@traced`, `startSpan`) ≤ 1.3× the equivalent raw OTel SDK call;
 * - with Statscope loaded for metrics only, an `await` costs the same as without it, and no
 *   AsyncLocalStorage or async hook is created.
 * Both sides share one SDK (BasicTracerProvider, AsyncLocalStorage context manager, a processor that
 * only counts), so the ratio isolates Statscope's own overhead; the processors are compared separately.
 * Each case runs in interleaved rounds and the fastest round counts (noise on a shared machine only adds
 * time). Prints a table and one JSON line.
 *   node out/runtime/bench/tracing.bench.js [--quick]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan, Span as SdkSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { parseConfig } from '../src/config/parse';
import { ExportingSpanProcessor } from '../src/tracing/export-processor';
import { OtlpHttpSender } from '../src/tracing/otlp-sender';
import { OtlpSpanSink } from '../src/tracing/span-sinks';
import { OtlpReceiver } from '../test/tracing/support/otlp-receiver';
import { setGranularity } from '../src/tracing/granularity';
import { applySite, attachSite, siteAt } from '../src/tracing/span-site';
import { startSpan, withSpan } from '../src/tracing/spans';
import { state } from '../src/tracing/state';
import { traced } from '../src/tracing/traced';
import { writeReport } from './harness';
import type { BenchCase, BenchReport } from './harness';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 5 : 15;
const OPS_PER_ROUND = QUICK ? 20_000 : 100_000;

/** One measured case. */
interface Result {
  readonly name: string;
  readonly nsPerOp: number;
}

/** One budget check. */
interface Ratio {
  readonly name: string;
  readonly ratio: number;
  readonly limit: number;
  readonly isWithinBudget: boolean;
}

let ended = 0;
const countingProcessor: SpanProcessor = {
  onStart: () => undefined,
  onEnd: (_span: ReadableSpan) => {
    ended++;
  },
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [countingProcessor] }));
const tracer = trace.getTracer('raw-otel');

let sink = 0;
function work(): number {
  return ++sink;
}
function rawBody(span: Span): number {
  try {
    return work();
  } finally {
    span.end();
  }
}

class Service {
  @traced('service.handle')
  handle(n: number): number {
    return n + work();
  }
  rawHandle(n: number): number {
    return tracer.startActiveSpan('service.handle', (span) => {
      try {
        return n + work();
      } finally {
        span.end();
      }
    });
  }
}
const service = new Service();

/** Runs `fn` as in api mode: code.* attributes set on the host SDK's span when it starts (no Statscope SDK). */
function apiMode<T>(fn: () => T): () => T {
  return () => {
    state.isSiteDeferred = false;
    try {
      return fn();
    } finally {
      state.isSiteDeferred = true;
    }
  };
}

const site = siteAt({ filepath: '/app/src/service.ts', lineno: 42, column: 5, functionName: 'Service.handle' });
const siteOptions = { attributes: site.attributes };
const exportedSpan = { attributes: {} as Record<string, unknown> };

/** The cases; sdk mode (Statscope's SDK adds code.* attributes at export) unless marked api mode. */
const CASES: Readonly<Record<string, () => unknown>> = {
  'otel startActiveSpan': () => tracer.startActiveSpan('op', rawBody),
  'otel startActiveSpan + 3 code.* attrs': () => tracer.startActiveSpan('op', siteOptions, rawBody),
  'statscope withSpan': () => withSpan('op', work),
  'statscope withSpan (api mode)': apiMode(() => withSpan('op-api', work)),
  'statscope withSpan gated off': () => withSpan('detail-op', work, { level: 'detail' }),
  'otel method in startActiveSpan': () => service.rawHandle(1),
  'statscope @traced method': () => service.handle(1),
  'statscope @traced method (api mode)': apiMode(() => service.handle(1)),
  'otel startSpan().end()': () => tracer.startSpan('manual').end(),
  'statscope startSpan().end()': () => startSpan('manual').end(),
  'export-time code.* (per span)': () => {
    attachSite(exportedSpan, site);
    applySite(exportedSpan);
  },
  'plain call': () => work(),
};

function runRound(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS_PER_ROUND; i++) fn();
  return Number(process.hrtime.bigint() - start) / OPS_PER_ROUND;
}


/** The fastest round: on a shared machine noise only ever adds time, so the minimum is the steadiest estimate. */
function fastest(values: number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

/** Interleaves the cases round by round so that drift (GC, CPU frequency) hits all of them alike. */
function measureAll(): Result[] {
  setGranularity('operation');
  state.isSiteDeferred = true;
  const names = Object.keys(CASES);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  for (const name of names) runRound(CASES[name] as () => unknown);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) samples.get(name)?.push(runRound(CASES[name] as () => unknown));
  }
  return names.map((name) => ({ name, nsPerOp: fastest(samples.get(name) ?? []) }));
}

function measureNone(): Result {
  setGranularity('none');
  const fn = (): unknown => withSpan('op', work);
  runRound(fn);
  const values: number[] = [];
  for (let round = 0; round < ROUNDS; round++) values.push(runRound(fn));
  setGranularity('operation');
  return { name: 'statscope withSpan at none', nsPerOp: fastest(values) };
}

/** Child program: times `await` in a loop, optionally after loading Statscope and using metrics. */
const AWAIT_PROGRAM = `
const hooks = require('node:async_hooks');
let created = 0;
const OriginalALS = hooks.AsyncLocalStorage;
hooks.AsyncLocalStorage = class extends OriginalALS { constructor(...a) { created++; super(...a); } };
const originalCreateHook = hooks.createHook;
hooks.createHook = (...a) => { created++; return originalCreateHook(...a); };
if (process.env.WITH_STATSCOPE === '1') {
  const s = require(process.env.STATSCOPE_INDEX);
  const stats = s.defineStats('bench', { loops: s.counter({ description: 'Loops run' }) });
  stats.loops.inc();
  s.withSpan('no-sdk', () => stats.loops.inc());
}
const N = Number(process.env.AWAITS);
async function loop() { for (let i = 0; i < N; i++) await null; }
(async () => {
  await loop();
  const t0 = process.hrtime.bigint();
  await loop();
  process.stdout.write(JSON.stringify({ ns: Number(process.hrtime.bigint() - t0) / N, created }));
})();
`;

function measureAwait(): { without: number; with: number; asyncHooksCreated: number } {
  const run = (withStatscope: boolean): { ns: number; created: number } => {
    const r = spawnSync(process.execPath, ['-e', AWAIT_PROGRAM], {
      env: { ...process.env, WITH_STATSCOPE: withStatscope ? '1' : '0', STATSCOPE_INDEX: join(__dirname, '..', 'src', 'index.js'), AWAITS: String(QUICK ? 300_000 : 2_000_000), NODE_OPTIONS: '' },
      encoding: 'utf8',
    });
    // The child prints exactly this JSON shape.
    return JSON.parse(r.stdout) as { ns: number; created: number };
  };
  const without: number[] = [];
  const withIt: number[] = [];
  let created = 0;
  for (let i = 0; i < (QUICK ? 3 : 7); i++) {
    without.push(run(false).ns);
    const w = run(true);
    withIt.push(w.ns);
    created = Math.max(created, w.created);
  }
  return { without: fastest(without), with: fastest(withIt), asyncHooksCreated: created };
}

/**
 * Span processors alone, per span (onStart + onEnd): the SDK's BatchSpanProcessor against Statscope's
 * exporting processor (which also tracks open spans), both exporting to nowhere and flushed between rounds.
 */
async function measureProcessors(): Promise<Result[]> {
  const batch = { maxQueueSize: OPS_PER_ROUND, maxExportBatchSize: 512, scheduleDelayMs: 60_000, exportTimeoutMs: 5_000 };
  const bsp = new BatchSpanProcessor({ export: (_spans, done) => done({ code: 0 }), shutdown: () => Promise.resolve() }, { ...batch, scheduledDelayMillis: 60_000, exportTimeoutMillis: 5_000 });
  const counters = { spansExported: 0, spansDroppedQueueFull: 0, spansFailedExport: 0, spansUnended: 0, spansDroppedAfterShutdown: 0, lastExportError: undefined, logsExported: 0, logsDroppedQueueFull: 0, logsFailedExport: 0 };
  const ours = new ExportingSpanProcessor({ description: 'nowhere', send: () => Promise.resolve({ ok: true }), sendSync: (b) => b.map(() => true), shutdown: () => Promise.resolve() }, batch, counters);
  // A real SDK span object (the processors only read it).
  const span = new BasicTracerProvider().getTracer('p').startSpan('p') as unknown as SdkSpan;
  span.end();
  const ctx = context.active();
  const rounds = async (processor: SpanProcessor): Promise<number[]> => {
    const values: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const ns = runRound(() => {
        processor.onStart(span, ctx);
        processor.onEnd(span);
      });
      await processor.forceFlush();
      if (round > 0) values.push(ns);
    }
    return values;
  };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 2; i++) {
    a.push(...(await rounds(bsp)));
    b.push(...(await rounds(ours)));
  }
  return [
    { name: 'otel BatchSpanProcessor (per span)', nsPerOp: fastest(a) },
    { name: 'statscope processor (per span)', nsPerOp: fastest(b) },
  ];
}

/** Spans ended in one tight loop for the burst case (no await: no export can progress meanwhile). */
const BURST_SPANS = 200_000;

/**
 * A burst: BURST_SPANS spans started and ended in a tight loop, then flushed, each processor with its
 * default settings exporting OTLP/protobuf to a real loopback receiver. Returns the spans each lost.
 */
async function measureBurst(): Promise<{ statscope: number; otel: number; statscopeMs: number; otelMs: number }> {
  const receiver = await new OtlpReceiver().start();
  const url = `${receiver.endpoint}/v1/traces`;
  const run = async (processor: SpanProcessor): Promise<{ lost: number; ms: number }> => {
    receiver.clear();
    const t = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('burst');
    const started = process.hrtime.bigint();
    for (let i = 0; i < BURST_SPANS; i++) t.startSpan('burst').end();
    await processor.forceFlush();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    await processor.shutdown();
    return { lost: BURST_SPANS - receiver.spans.length, ms };
  };
  try {
    const config = parseConfig({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } }).config;
    const counters = { spansExported: 0, spansDroppedQueueFull: 0, spansFailedExport: 0, spansUnended: 0, spansDroppedAfterShutdown: 0, lastExportError: undefined, logsExported: 0, logsDroppedQueueFull: 0, logsFailedExport: 0 };
    const sink = new OtlpSpanSink(new OtlpHttpSender(config.traces, (fn) => fn()), ProtobufTraceSerializer);
    const ours = await run(new ExportingSpanProcessor(sink, config.batch, counters));
    const theirs = await run(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
    return { statscope: ours.lost, otel: theirs.lost, statscopeMs: ours.ms, otelMs: theirs.ms };
  } finally {
    await receiver.stop();
  }
}

async function main(): Promise<void> {
  const results = [...measureAll(), measureNone(), ...(await measureProcessors())];
  const burst = await measureBurst();
  const ns = (name: string): number => results.find((r) => r.name === name)?.nsPerOp ?? Number.NaN;
  const awaitCost = measureAwait();
  const ratio = (name: string, value: number, limit: number): Ratio => ({ name, ratio: value, limit, isWithinBudget: value <= limit });
  const ratios: Ratio[] = [
    ratio('gated-off withSpan / OTel span', ns('statscope withSpan gated off') / ns('otel startActiveSpan'), 1 / 20),
    ratio('withSpan at none / OTel span', ns('statscope withSpan at none') / ns('otel startActiveSpan'), 1 / 20),
    ratio('withSpan / OTel startActiveSpan', ns('statscope withSpan') / ns('otel startActiveSpan'), 1.3),
    ratio('withSpan (api mode) / OTel startActiveSpan', ns('statscope withSpan (api mode)') / ns('otel startActiveSpan'), 1.3),
    ratio('withSpan (api mode) / OTel span with the same code.*', ns('statscope withSpan (api mode)') / ns('otel startActiveSpan + 3 code.* attrs'), 1.3),
    ratio('@traced / OTel method span', ns('statscope @traced method') / ns('otel method in startActiveSpan'), 1.3),
    ratio('@traced (api mode) / OTel method span', ns('statscope @traced method (api mode)') / ns('otel method in startActiveSpan'), 1.3),
    ratio('startSpan / OTel startSpan', ns('statscope startSpan().end()') / ns('otel startSpan().end()'), 1.3),
    ratio(
      'withSpan+processor / OTel span+BatchSpanProcessor',
      (ns('statscope withSpan') + ns('statscope processor (per span)')) / (ns('otel startActiveSpan') + ns('otel BatchSpanProcessor (per span)')),
      1.3,
    ),
    ratio('await with / without statscope (metrics only)', awaitCost.with / awaitCost.without, 1.1),
  ];

  console.log(`tracing benchmark (ns/op, fastest of ${ROUNDS} interleaved rounds; one SDK for both sides, counting processor)`);
  for (const r of results) console.log(`  ${r.name.padEnd(38)} ${r.nsPerOp.toFixed(1).padStart(9)} ns`);
  console.log(`  ${'await, without statscope'.padEnd(38)} ${awaitCost.without.toFixed(1).padStart(9)} ns`);
  console.log(`  ${'await, statscope loaded (metrics)'.padEnd(38)} ${awaitCost.with.toFixed(1).padStart(9)} ns   async hooks/ALS created: ${awaitCost.asyncHooksCreated}`);
  console.log('ratios');
  for (const r of ratios) console.log(`  ${r.name.padEnd(54)} ${r.ratio.toFixed(3).padStart(7)}  (budget ≤ ${r.limit.toFixed(3)}) ${r.isWithinBudget ? 'ok' : 'OVER'}`);
  console.log(`burst of ${BURST_SPANS} spans in a tight loop, default settings: statscope lost ${burst.statscope} (${burst.statscopeMs.toFixed(0)} ms to exported), OTel BatchSpanProcessor lost ${burst.otel} (${burst.otelMs.toFixed(0)} ms)`);
  console.log(JSON.stringify({ bench: 'tracing', spansEnded: ended, results, await: awaitCost, burst, ratios }));
  writeReport(tracingReport(ns, awaitCost, burst));
}

/** The same measurements in the driver's report shape (scripts/bench.mjs), so they land in docs/benchmarks.md. */
function tracingReport(ns: (name: string) => number, awaitCost: { without: number; with: number }, burst: { statscope: number; otel: number; statscopeMs: number; otelMs: number }): BenchReport {
  const OTEL = '@opentelemetry/sdk-trace-base';
  const pair = (id: string, title: string, ours: string, theirs: string, minRatio: number, wording: string): BenchCase => ({
    id,
    title,
    unit: 'ns/op',
    baseline: 'statscope',
    results: { statscope: ns(ours), [OTEL]: ns(theirs) },
    targets: [{ against: OTEL, minRatio, wording }],
  });
  return {
    suite: 'runtime: tracing',
    packages: [OTEL, '@opentelemetry/api', '@opentelemetry/exporter-trace-otlp-proto'],
    settings: { rounds: ROUNDS, statistic: 'fastest of interleaved rounds' },
    cases: [
      pair('gated-off', 'withSpan gated off by granularity vs an OTel span', 'statscope withSpan gated off', 'otel startActiveSpan', 20, '≤ 1/20 of the cost of an OTel span'),
      pair('with-span', 'withSpan (sdk mode) vs OTel startActiveSpan', 'statscope withSpan', 'otel startActiveSpan', 1 / 1.3, '≤ 1.3× the raw OTel SDK span'),
      pair('with-span-api', 'withSpan (api mode, code.* set on the host SDK span) vs OTel startActiveSpan', 'statscope withSpan (api mode)', 'otel startActiveSpan', 1 / 1.3, '≤ 1.3× the raw OTel SDK span'),
      pair('start-span', 'startSpan().end() vs OTel startSpan().end()', 'statscope startSpan().end()', 'otel startSpan().end()', 1 / 1.3, '≤ 1.3× the raw OTel SDK span'),
      pair('traced', '@traced method vs a method wrapped in OTel startActiveSpan', 'statscope @traced method', 'otel method in startActiveSpan', 1 / 1.3, '≤ 1.3× the raw OTel SDK span'),
      pair('traced-api', '@traced method (api mode) vs a method wrapped in OTel startActiveSpan', 'statscope @traced method (api mode)', 'otel method in startActiveSpan', 1 / 1.3, '≤ 1.3× the raw OTel SDK span'),
      {
        id: 'await',
        title: 'an await with statscope loaded for metrics only vs without statscope',
        unit: 'ns/op',
        baseline: 'with statscope',
        results: { 'with statscope': awaitCost.with, 'without statscope': awaitCost.without },
        targets: [{ against: 'without statscope', minRatio: 1 / 1.1, wording: 'the same cost (within 10%)' }],
      },
      {
        id: 'burst',
        title: `${BURST_SPANS.toLocaleString('en-US')} spans ended in a tight loop, then flushed to a loopback OTLP receiver (default settings)`,
        unit: 'spans lost',
        baseline: 'statscope',
        results: { statscope: burst.statscope, [OTEL]: burst.otel },
        // Any loss by statscope makes the ratio finite, so this target holds only for 0 spans lost.
        targets: [{ against: OTEL, minRatio: Number.MAX_VALUE, wording: 'none lost (the ratio is infinite only then)' }],
        notes: [
          `time from the first span to all exported: statscope ${burst.statscopeMs.toFixed(0)} ms, OTel BatchSpanProcessor + OTLPTraceExporter (proto) ${burst.otelMs.toFixed(0)} ms`,
          "statscope's processor encodes full batches while every export slot is busy and keeps them as bytes; OTel's keeps at most 2,048 span objects",
        ],
      },
    ],
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
