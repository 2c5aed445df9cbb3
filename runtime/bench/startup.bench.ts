/**
 * Process-level costs of the zero-code preload, against OpenTelemetry's own `NodeSDK` set up the same
 * way (OTLP/HTTP trace exporter from the environment, the http and undici instrumentations, shutdown
 * on `beforeExit` so it flushes like the preload does):
 * - startup: `node --require <preload> -e 0`, wall time until the process has exited;
 * - exit with the collector down: a program that ends one span and exits while nothing listens at the
 *   OTLP endpoint. The preload sends once and gives up within its export timeout; the stock exporter
 *   retries with backoff and holds the process open.
 * These are the measurements behind building the preload on the trace SDK packages and its own OTLP
 * sender rather than on `NodeSDK` and `OTLPTraceExporter` (runtime/TRACING.md, "Design notes").
 * Needs the bundles (`npm run build`). Median of interleaved rounds.
 *   node out/runtime/bench/startup.bench.js [--quick]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/helpers';
import { isQuick, isSelected, median, writeReport } from './harness';
import type { BenchCase } from './harness';

const ROOT = resolve(__dirname, '..', '..', '..');
const PRELOAD = join(ROOT, 'runtime', 'dist', 'register.cjs');
const ROUNDS = isQuick || process.argv.includes('--quick') ? 3 : 9;
const EXIT_ROUNDS = isQuick || process.argv.includes('--quick') ? 1 : 3;
const NODE_SDK = '@opentelemetry/sdk-node';

/** Writes the NodeSDK starter and the one-span program; returns their paths. */
function writeScripts(dir: string): { nodeSdk: string; oneSpan: string } {
  const nodeSdk = join(dir, 'node-sdk.cjs');
  const oneSpan = join(dir, 'one-span.cjs');
  const req = (name: string): string => JSON.stringify(require.resolve(name));
  writeFileSync(
    nodeSdk,
    [
      `const { NodeSDK } = require(${req(NODE_SDK)});`,
      `const { HttpInstrumentation } = require(${req('@opentelemetry/instrumentation-http')});`,
      `const { UndiciInstrumentation } = require(${req('@opentelemetry/instrumentation-undici')});`,
      'const sdk = new NodeSDK({ instrumentations: [new HttpInstrumentation(), new UndiciInstrumentation()] });',
      'sdk.start();',
      'let isDone = false;',
      "process.on('beforeExit', () => { if (!isDone) { isDone = true; void sdk.shutdown(); } });",
      '',
    ].join('\n'),
  );
  writeFileSync(oneSpan, `require(${req('@opentelemetry/api')}).trace.getTracer('bench').startActiveSpan('op', (span) => span.end());\n`);
  return { nodeSdk, oneSpan };
}

/** Wall milliseconds from spawn to exit. */
function timeProcess(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore', timeout: 60_000 });
  if (result.error !== undefined) throw result.error;
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median wall ms per contender over interleaved rounds. */
function measure(contenders: Readonly<Record<string, readonly string[]>>, env: NodeJS.ProcessEnv, rounds: number): Record<string, number> {
  const names = Object.keys(contenders);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  for (const name of names) timeProcess(contenders[name] as readonly string[], env); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length] as string;
      samples.get(name)?.push(timeProcess(contenders[name] as readonly string[], env));
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples.get(n) ?? [])]));
}

async function main(): Promise<void> {
  if (!existsSync(PRELOAD)) throw new Error(`${PRELOAD} is missing; run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'statscope-startup-bench-'));
  try {
    const { nodeSdk, oneSpan } = writeScripts(dir);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      // Free a moment ago, so nothing listens there: the collector is down.
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
    const cases: BenchCase[] = [];
    if (isSelected('startup')) {
      const ms = measure({ statscope: ['--require', PRELOAD, '-e', '0'], [NODE_SDK]: ['--require', nodeSdk, '-e', '0'], 'node alone': ['-e', '0'] }, env, ROUNDS);
      const statscope = ms['statscope'] ?? Number.NaN;
      const sdk = ms[NODE_SDK] ?? Number.NaN;
      const node = ms['node alone'] ?? Number.NaN;
      cases.push({
        id: 'startup',
        title: 'process startup with the preload vs NodeSDK (http + undici instrumentations, OTLP/HTTP traces)',
        unit: 'ms/process',
        baseline: 'statscope',
        results: { statscope, [NODE_SDK]: sdk, 'node alone': node },
        targets: [{ against: NODE_SDK, minRatio: 1, wording: 'no slower than starting NodeSDK' }],
        notes: [`added to a bare node start: statscope +${(statscope - node).toFixed(0)} ms, NodeSDK +${(sdk - node).toFixed(0)} ms`],
      });
    }
    if (isSelected('exit-collector-down')) {
      const ms = measure({ statscope: ['--require', PRELOAD, oneSpan], [NODE_SDK]: ['--require', nodeSdk, oneSpan] }, env, EXIT_ROUNDS);
      cases.push({
        id: 'exit-collector-down',
        title: 'one span, then exit, with nothing listening at the OTLP endpoint',
        unit: 'ms/process',
        baseline: 'statscope',
        results: ms,
        targets: [{ against: NODE_SDK, minRatio: 2, wording: 'exits at least 2× sooner than NodeSDK with OTLPTraceExporter' }],
        notes: ['the stock exporter retries a refused connection with backoff until its timeout (10 s by default) and the process waits for it'],
      });
    }
    for (const c of cases) console.log(`${c.title}: ${Object.entries(c.results).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
    writeReport({ suite: 'runtime: preload startup and exit', packages: [NODE_SDK, '@opentelemetry/exporter-trace-otlp-http'], settings: { rounds: ROUNDS, exitRounds: EXIT_ROUNDS, statistic: 'median wall time of interleaved rounds' }, cases });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
