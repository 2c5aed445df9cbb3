/**
 * Benchmarks of the receiver and the span tree against the targets, following the protocol
 * of `scripts/bench.mjs` (a JSON report to `STATSCOPE_BENCH_RESULT_FILE`; units lower-is-better; a
 * target is a ratio against a contender). An absolute target is expressed as a pseudo-contender
 * holding the target value, so "ratio ≥ 1" means the target holds.
 *
 * - ingest: 1,000-span batches of real SDK spans, encoded beforehand by the SDK's own OTLP
 *   serializer, posted by a worker thread over 4 keep-alive connections to the receiver on loopback;
 *   the main thread receives, gunzips/decodes and stores into a run. Reported as wall-clock time per
 *   span (median of the timed rounds; each round a fresh run); target ≥ 200,000 spans/s = ≤ 5 µs/span.
 *   OTLP/JSON is measured too, for comparison.
 * - tree: time to the first screen of a 100,000-span run (runs → traces → the first trace's spans,
 *   down six levels), for 1,000 traces of 100 spans and for one trace of 100,000 spans; ≤ 200 ms.
 *
 * Run alone: `node --expose-gc out/client/src/runs/bench/receiver.bench.js` (prints the report).
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { startReceiver } from '../receiver';
import { RunStore } from '../run-store';
import { makeSdkSpans } from '../sdk-test-spans';
import { SpanTreeModel } from '../span-tree-model';
import type { TreeNode } from '../span-tree-model';
import type { SpanRecord } from '../model';
import { spanTree } from '../test-records';

/** The report shape `scripts/bench.mjs` reads (see runtime/bench/harness.ts). */
interface BenchCase {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly results: Readonly<Record<string, number>>;
  readonly baseline: string;
  readonly targets: ReadonlyArray<{ readonly against: string; readonly minRatio: number; readonly wording: string }>;
  readonly notes?: readonly string[];
}

const QUICK = process.env['STATSCOPE_BENCH_QUICK'] === '1' || process.argv.includes('--quick');
const FILTER = process.env['STATSCOPE_BENCH_FILTER'] ?? '';
const SPANS_PER_BATCH = 1_000;
const BATCHES = QUICK ? 40 : 100;
const ROUNDS = QUICK ? 3 : 7;
const CONCURRENCY = 4;
const STATSCOPE = 'statscope receiver';
const TARGET = 'issue 6 target';

/** The sender: posts every batch, `concurrency` at a time over keep-alive sockets; reports elapsed ms. */
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, token, batches, concurrency, contentType } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const bodies = batches.map((b) => Buffer.from(b));
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/traces', method: 'POST', agent,
      headers: { 'content-type': contentType, 'content-length': body.length, authorization: 'Bearer ' + token } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error('HTTP ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
parentPort.on('message', async () => {
  const started = performance.now();
  let next = 0;
  const lane = async () => { while (next < bodies.length) await post(bodies[next++]); };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
    parentPort.postMessage({ ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

/** Wall nanoseconds per span for one encoding: the median of `ROUNDS` rounds after one warm-up round. */
async function ingestNsPerSpan(batches: readonly Uint8Array[], contentType: string): Promise<number> {
  const spans = batches.length * SPANS_PER_BATCH;
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const store = new RunStore({ maxSpansPerRun: spans, maxRuns: 1 });
    const run = store.createRun({ label: `bench ${round}` });
    const receiver = await startReceiver({ sink: run });
    const worker = new Worker(SENDER, { eval: true, workerData: { port: receiver.port, token: receiver.token, batches, concurrency: CONCURRENCY, contentType } });
    await new Promise((resolve) => worker.once('online', resolve));
    gc();
    const result = await new Promise<{ ms?: number; error?: string }>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('go');
    });
    await worker.terminate();
    await receiver.close();
    if (result.error !== undefined || result.ms === undefined) throw new Error(`sender failed: ${result.error ?? 'no result'}`);
    if (run.stats().spanCount !== spans) throw new Error(`stored ${run.stats().spanCount} of ${spans} spans`);
    store.dispose();
    if (round > 0) rounds.push((result.ms * 1e6) / spans);
  }
  return median(rounds);
}

async function benchIngest(): Promise<BenchCase> {
  progress(`encoding ${BATCHES} batches of ${SPANS_PER_BATCH} SDK spans…`);
  const proto: Uint8Array[] = [];
  const json: Uint8Array[] = [];
  for (let i = 0; i < BATCHES; i++) {
    const spans = await makeSdkSpans({ traces: 10, spansPerTrace: SPANS_PER_BATCH / 10 });
    proto.push(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
    json.push(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array());
  }
  progress('ingest: OTLP protobuf…');
  const protobufNs = await ingestNsPerSpan(proto, 'application/x-protobuf');
  progress('ingest: OTLP JSON…');
  const jsonNs = await ingestNsPerSpan(json, 'application/json');
  const perSecond = Math.round(1e9 / protobufNs);
  return {
    id: 'ingest',
    title: 'receiver ingest: OTLP over loopback HTTP into the run store',
    unit: 'ns per span (wall)',
    baseline: STATSCOPE,
    results: { [STATSCOPE]: protobufNs, 'statscope receiver, OTLP/JSON': jsonNs, [TARGET]: 1e9 / 200_000 },
    targets: [{ against: TARGET, minRatio: 1, wording: '≥ 200,000 spans/s (≤ 5,000 ns per span)' }],
    notes: [
      `protobuf: ${perSecond.toLocaleString('en-US')} spans/s; JSON: ${Math.round(1e9 / jsonNs).toLocaleString('en-US')} spans/s`,
      `${BATCHES} distinct batches × ${SPANS_PER_BATCH} spans (${Math.round((proto[0]?.length ?? 0) / 1024)} KiB protobuf each, 8 attributes per span) sent by a worker thread over ${CONCURRENCY} keep-alive connections; median of ${ROUNDS} rounds, each into a fresh run`,
    ],
  };
}

/** What a tree view asks for on first display: every visible level down the first path. */
function firstScreen(model: SpanTreeModel): void {
  let level: readonly TreeNode[] = model.roots();
  for (let depth = 0; depth < 7; depth++) {
    const first = level[0];
    if (first === undefined) break;
    level = model.children(first);
  }
}

/**
 * Cold first render: every round loads the spans into a fresh store (so no per-trace index or
 * cache survives from an earlier round), then times the first screen of a fresh model.
 */
function firstRenderMs(traces: ReadonlyArray<readonly SpanRecord[]>): number {
  const times: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const store = new RunStore({ maxSpansPerRun: 100_000 });
    const run = store.createRun({ label: 'tree' });
    for (const spans of traces) run.addSpans(spans);
    gc();
    const model = new SpanTreeModel(store, { sort: i % 2 === 0 ? 'start' : 'duration' });
    const started = performance.now();
    firstScreen(model);
    if (i > 0) times.push(performance.now() - started);
    model.dispose();
    store.dispose();
  }
  return median(times);
}

function treeCase(id: string, shape: string, traces: ReadonlyArray<readonly SpanRecord[]>): BenchCase {
  return {
    id,
    title: `span tree first render, 100,000 spans in ${shape}`,
    unit: 'ms',
    baseline: STATSCOPE,
    results: { [STATSCOPE]: firstRenderMs(traces), [TARGET]: 200 },
    targets: [{ against: TARGET, minRatio: 1, wording: '≤ 200 ms' }],
    notes: ['cold: spans loaded into a fresh store each round; first screen = runs, traces, and the first trace expanded six levels (alternately sorted by start and by duration); median of rounds'],
  };
}

function benchTree(): BenchCase[] {
  progress('tree: generating 100,000-span runs…');
  const many = Array.from({ length: 1000 }, (_, t) => spanTree(100, 4, t));
  const one = [spanTree(100_000, 10)];
  return [treeCase('tree-many-traces', '1,000 traces of 100', many), treeCase('tree-one-trace', 'one trace', one)];
}

async function main(): Promise<void> {
  const cases: BenchCase[] = [];
  if ('ingest'.includes(FILTER)) cases.push(await benchIngest());
  cases.push(...benchTree().filter((c) => c.id.includes(FILTER)));
  const report = {
    suite: 'OTLP receiver and span tree (client/src/runs)',
    packages: ['@opentelemetry/otlp-transformer', '@opentelemetry/sdk-trace-base'],
    settings: { batches: BATCHES, spansPerBatch: SPANS_PER_BATCH, rounds: ROUNDS, concurrency: CONCURRENCY },
    cases,
  };
  const file = process.env['STATSCOPE_BENCH_RESULT_FILE'];
  if (file !== undefined && file !== '') writeFileSync(file, JSON.stringify(report, null, 2));
  else process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
