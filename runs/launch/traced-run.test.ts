/** Real child processes exporting real OTLP to the real receiver. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findPreload } from './preload-path';
import { RunStore } from '../store/run-store';
import { startTracedRun } from './traced-run';

const ROOT = resolve(__dirname, '../../..');
const FIXTURES = resolve(ROOT, 'test-fixtures/otlp');

describe('traced runs (real child processes)', function () {
  this.timeout(60_000);

  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    it(`runs a program that exports with the OTel SDK itself (${protocol}) and collects everything`, async () => {
      const store = new RunStore();
      let output = '';
      const traced = await startTracedRun({ store, command: process.execPath, args: [resolve(FIXTURES, 'sdk-app.js')], cwd: FIXTURES, preloadPath: undefined, stdio: 'pipe', protocol });
      traced.program.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      traced.program.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      assert.equal(traced.run.state, 'running');
      const result = await traced.finished;
      assert.equal(result.exit.exitCode, 3, output);
      assert.match(output, /sdk-app: done/);
      const run = traced.run;
      assert.equal(run.state, 'finished');
      assert.equal(run.exitCode, 3);
      assert.equal(run.stats().spanCount, 7, output);
      const [trace] = run.traces();
      const root = trace?.rootSpan();
      assert.equal(root?.name, 'handle request');
      assert.equal(root?.resource.serviceName, 'sdk-app', 'OTEL_SERVICE_NAME derived from the script');
      assert.deepEqual(trace?.children(root?.spanId ?? '').map((s) => s.name).sort(), ['left open', 'load model', 'predict', 'save result']);
      assert.equal([...run.spans()].find((s) => s.name === 'left open')?.isUnended, true);
      const names = [...run.spans()].map((s) => s.name);
      assert.ok(names.includes('<img src=x onerror=alert(1)>'));
      assert.ok(names.includes('<script>alert(1)</script>'));
      const failed = [...run.spans()].find((s) => s.name === 'save result');
      assert.equal(failed?.isError, true);
      assert.equal(failed?.code?.filePath, resolve(FIXTURES, 'sdk-app.js'));
      assert.equal(run.metrics.seriesNamed('app_requests_total').length, 2);
      assert.equal(run.metrics.seriesNamed('app_latency_seconds').find((s) => s.labels[0]?.value === '/predict')?.composites().count, 2);
      assert.equal(run.metrics.seriesNamed('app_queue_depth')[0]?.composites().last, 3);
      assert.equal(result.receiver.rejected.unauthorized, 0);
      assert.equal(result.isFlushComplete, true);
      store.dispose();
    });
  }

  it('reports a program that cannot start (exit code 127)', async () => {
    const store = new RunStore();
    const traced = await startTracedRun({ store, command: 'statscope-no-such-program', args: [], preloadPath: undefined, stdio: 'pipe' });
    const result = await traced.finished;
    assert.equal(result.exit.exitCode, 127);
    assert.match(result.exit.error ?? '', /ENOENT/);
    assert.equal(traced.run.state, 'finished');
    store.dispose();
  });

  it('stops a running program (SIGTERM) and still finishes the run', async () => {
    const store = new RunStore();
    const traced = await startTracedRun({ store, command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], preloadPath: undefined, stdio: 'pipe', killTree: true });
    setTimeout(() => traced.stop(), 200);
    const result = await traced.finished;
    assert.equal(result.exit.signal, 'SIGTERM');
    assert.equal(result.exit.exitCode, 143);
    store.dispose();
  });

  const preload = findPreload(ROOT);
  it('runs a program with no telemetry setup through the runtime preload (NODE_OPTIONS --require)', async function () {
    if (preload === undefined || !existsSync(preload)) this.skip(); // Needs `node esbuild.mjs` (runtime/dist/register.cjs).
    const store = new RunStore();
    let output = '';
    const traced = await startTracedRun({ store, command: process.execPath, args: [resolve(FIXTURES, 'preload-app.js')], cwd: FIXTURES, preloadPath: preload, stdio: 'pipe', granularity: 'all' });
    traced.program.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    traced.program.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const result = await traced.finished;
    assert.equal(result.exit.exitCode, 0, output);
    const names = [...traced.run.spans()].map((s) => s.name).sort();
    assert.deepEqual(names, ['<img src=x onerror=alert(1)>', 'failing step', 'job', 'never ended', 'step one'], output);
    assert.equal([...traced.run.spans()].find((s) => s.name === 'never ended')?.isUnended, true, 'the preload marks spans left open at exit');
    const [trace] = traced.run.traces();
    assert.equal(trace?.rootSpan()?.name, 'job');
    assert.equal(trace?.children(trace.rootSpan()?.spanId ?? '').length, 4);
    assert.equal(traced.run.metrics.seriesNamed('preload_app_hits_total')[0]?.composites().last, 2, 'metrics pushed by the preload at exit');
    store.dispose();
  });

  /** Runs a logs-app fixture and checks its log records arrived linked to the span they were written in. */
  async function checkLogsApp(command: string, args: readonly string[], env: NodeJS.ProcessEnv, preloadPath: string | undefined, errorText: string): Promise<void> {
    const store = new RunStore();
    let output = '';
    const traced = await startTracedRun({ store, command, args: [...args], cwd: FIXTURES, env, preloadPath, stdio: 'pipe' });
    traced.program.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    traced.program.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const result = await traced.finished;
    assert.equal(result.exit.exitCode, 0, output);
    const run = traced.run;
    assert.equal(run.stats().logCount, 4, output);
    const byBody = new Map(run.logs.entries().map((entry) => [String(entry.body), entry]));
    const span = [...run.spans()].find((s) => s.name === 'checkout');
    assert.ok(span !== undefined, output);
    const placed = byBody.get('order placed');
    assert.equal(placed?.traceId, span.traceId);
    assert.equal(placed?.spanId, span.spanId);
    assert.equal(placed?.severityNumber, 9);
    assert.equal(placed?.severityText, 'INFO');
    assert.deepEqual(placed?.attributes.map((a) => [a.key, a.value]), [['order_id', BigInt(42)]], 'an integer attribute arrives as an OTLP int');
    assert.equal(placed?.scope.name, 'statscope', 'an unnamed logger');
    assert.deepEqual(run.logs.forTrace(span.traceId, span.spanId).map((e) => String(e.body)), ['order placed', '<script>alert(1)</script>']);
    const hostile = byBody.get('<script>alert(1)</script>');
    assert.equal(hostile?.scope.name, 'db', 'the logger name is the instrumentation scope');
    assert.equal(hostile?.severityNumber, 13);
    assert.equal(hostile?.severityText, 'WARN');
    assert.equal(byBody.get('starting')?.spanId, undefined, 'a line outside any span has no span id');
    const failed = byBody.get('finished with an error');
    assert.equal(failed?.severityNumber, 17);
    assert.equal(failed?.severityText, 'ERROR');
    assert.equal(failed?.attributes.find((a) => a.key === 'error')?.value, errorText);
    assert.equal(placed?.resource.serviceName, 'logs-app');
    store.dispose();
  }

  it('receives the log lines of a Node program as OTLP log records, each linked to the span it was written in', async function () {
    const runtimeModules = resolve(ROOT, 'dist/node-path');
    if (preload === undefined || !existsSync(preload) || !existsSync(resolve(runtimeModules, 'statscope/index.js'))) this.skip(); // Needs `node esbuild.mjs`.
    await checkLogsApp(process.execPath, [resolve(FIXTURES, 'logs-app.js')], { ...process.env, NODE_PATH: runtimeModules }, preload, 'Error: boom');
  });

  it('stores the log records of the Python runtime like the Node runtime\'s (same severities, attributes, scopes, links)', async function () {
    if (spawnSync('python3', ['--version']).error !== undefined) this.skip(); // No Python on this machine.
    await checkLogsApp('python3', ['-m', 'statscope.run', resolve(FIXTURES, 'logs-app.py')], { ...process.env, PYTHONPATH: resolve(ROOT, 'runtime/python') }, undefined, 'ValueError: boom');
  });
});
