/** `statscope run` for real: fixture programs run as child processes exporting to the real receiver. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findPreload, importRunFile, parseRunFile, RunStore, startReceiver } from '../../../runs/index';
import { runCommand } from './run-command';
import type { RunCommandIo } from './run-command';

const ROOT = resolve(__dirname, '../../../..');
const FIXTURES = join(ROOT, 'test-fixtures/otlp');
const MAIN = join(ROOT, 'out/cli/src/main.js');

interface Captured {
  readonly io: RunCommandIo;
  readonly report: () => string;
  readonly programOutput: () => string;
}

function capture(): Captured {
  let report = '';
  let output = '';
  const io: RunCommandIo = {
    cwd: FIXTURES,
    env: { ...process.env, NO_COLOR: '1' },
    writeErr: (text) => (report += text),
    stdio: 'pipe',
    onProgramOutput: (chunk) => (output += chunk.toString()),
    color: false,
    preloadSearchFrom: ROOT,
  };
  return { io, report: () => report, programOutput: () => output };
}

describe('statscope run', function () {
  this.timeout(60_000);

  it('runs an SDK-instrumented program: tree, composites, exit code and --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'statscope-cli-'));
    try {
      const c = capture();
      const out = join(dir, 'run.json');
      const code = await runCommand(['--no-preload', '--out', out, '--', process.execPath, 'sdk-app.js'], c.io);
      const report = c.report();
      assert.equal(code, 3, report + c.programOutput());
      assert.match(c.programOutput(), /sdk-app: done/);
      assert.match(report, /exited with code 3/);
      assert.match(report, /7 spans in 1 trace, 5 metric series/);
      assert.match(report, /^trace [0-9a-f]{8}… · handle request · .* · 7 spans · 1 error · 1 unended$/m);
      assert.match(report, /^└─ handle request {2}\S+ (ms|µs)$/m);
      assert.match(report, /^ {3}│ {2}├─ <img src=x onerror=alert\(1\)> {2}/m);
      assert.match(report, /^ {3}│ {2}└─ <script>alert\(1\)<\/script> {2}/m);
      assert.match(report, /save result {2}\S+ (ms|µs) {2}✗ error: disk full/);
      assert.match(report, /left open {2}\S+ (ms|µs) {2}⚠ unended/);
      assert.match(report, /^metric +labels +kind +total +increase +rate$/m);
      assert.match(report, /^metric +labels +kind +count +sum +avg +p50 +p95 +p99$/m);
      assert.match(report, /^app_latency_seconds \(s\) +route=\/predict +histogram +2 +0\.25 +0\.125 /m);
      assert.match(report, /^app_requests_total +route=\/health +counter +1 +/m);
      assert.match(report, /^app_queue_depth +updown +3 +3 +3 +3$/m);
      const file = parseRunFile(await readFile(out, 'utf8'));
      assert.equal(file.spans.items.length, 7);
      assert.equal(file.metrics.items.length, 3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sends OTLP/JSON with --protocol http/json', async () => {
    const c = capture();
    const code = await runCommand(['--no-preload', '--protocol', 'http/json', '--', process.execPath, 'sdk-app.js'], c.io);
    assert.equal(code, 3);
    assert.match(c.report(), /7 spans in 1 trace/);
  });

  it('runs a program with no telemetry code through the runtime preload', async function () {
    if (findPreload(ROOT) === undefined) this.skip(); // Needs runtime/dist/register.cjs (`node esbuild.mjs`).
    const c = capture();
    const code = await runCommand(['--granularity', 'all', '--', process.execPath, 'preload-app.js'], c.io);
    const report = c.report();
    assert.equal(code, 0, report + c.programOutput());
    assert.match(report, /5 spans in 1 trace/);
    assert.match(report, /└─ job {2}/);
    assert.match(report, /failing step {2}\S+ (ms|µs) {2}✗ error: expected failure/);
    assert.match(report, /never ended {2}.*⚠ unended/);
    assert.match(report, /preload_app_hits_total +counter +2 +/);
    assert.doesNotMatch(report, /dropped/, 'no drops, no word about them');
  });

  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    it(`carries exemplars from the program's metrics into the run and its file (${protocol})`, async function () {
      if (findPreload(ROOT) === undefined) this.skip(); // Needs runtime/dist/register.cjs (`node esbuild.mjs`).
      const dir = await mkdtemp(join(tmpdir(), 'statscope-cli-'));
      try {
        const c = capture();
        const io = { ...c.io, env: { ...c.io.env, STATSCOPE_LIB: join(ROOT, 'runtime/dist/index.cjs') } };
        const out = join(dir, 'run.json');
        const code = await runCommand(['--protocol', protocol, '--out', out, '--', process.execPath, 'exemplar-app.js'], io);
        assert.equal(code, 0, c.report() + c.programOutput());
        const traceId = /exemplar-app: trace ([0-9a-f]{32})/.exec(c.programOutput())?.[1];
        assert.ok(traceId !== undefined, c.programOutput());
        const store = new RunStore({ maxRuns: 1, maxSpansPerRun: 1000 });
        const run = await importRunFile(store, out);
        const latency = run.metrics.seriesNamed('shop_latency_seconds')[0];
        assert.ok(latency !== undefined, run.metrics.names().join(', '));
        const exemplars = run.metrics.exemplarsOf(latency);
        assert.deepEqual(exemplars.map((e) => [e.bucketIndex, e.value, e.traceId]), [[1, 0.042, traceId]]);
        assert.equal(run.trace(traceId)?.span(exemplars[0]?.spanId ?? '')?.name, 'checkout', 'the exemplar opens the span it was recorded in');
        const orders = run.metrics.seriesNamed('shop_orders_total')[0];
        assert.deepEqual(orders && run.metrics.exemplarsOf(orders).map((e) => [e.bucketIndex, e.value, e.traceId]), [[undefined, 1, traceId]]);
        assert.equal(run.metrics.droppedExemplarCount, 0);
        store.dispose();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it('shows the spans the program dropped, as its statscope_spans_dropped_total reports them', async function () {
    if (findPreload(ROOT) === undefined) this.skip(); // Needs runtime/dist/register.cjs (`node esbuild.mjs`).
    const c = capture();
    const io = { ...c.io, env: { ...c.io.env, OTEL_BSP_MAX_QUEUE_SIZE: '100' } };
    const code = await runCommand(['--granularity', 'all', '--', process.execPath, 'burst-app.js'], io);
    const report = c.report();
    assert.equal(code, 0, report + c.programOutput());
    const summary = /^statscope: (\d+) spans in \d+ traces?, .*; (\d+) spans dropped by the program \(queue full\)$/m.exec(report);
    assert.ok(summary !== null, report);
    assert.equal(Number(summary[1]) + Number(summary[2]), 5000, 'every span ended either arrived or was counted as dropped');
    assert.ok(Number(summary[2]) > 0);
  });

  it('keeps two spans that share an id and says so', async () => {
    const c = capture();
    const code = await runCommand(['--no-preload', '--', process.execPath, 'shared-id-app.js'], c.io);
    const report = c.report();
    assert.equal(code, 0, report + c.programOutput());
    assert.match(c.programOutput(), /shared-id-app: 200/);
    assert.match(report, /^statscope: 2 spans in 1 trace, 0 metric series, 0 log records; 1 span shares its id with another span \(both kept\)$/m);
  });

  it('says which requests were refused and why, and how to switch a gRPC exporter', async () => {
    const c = capture();
    const code = await runCommand(['--no-preload', '--', process.execPath, 'wrong-protocol-app.js'], c.io);
    const report = c.report();
    assert.equal(code, 0, report + c.programOutput());
    assert.match(c.programOutput(), /wrong-protocol-app: done/);
    assert.match(report, /^statscope: 0 spans in 0 traces, 0 metric series, 0 log records; 3 requests refused: 2 unsupported media type, 1 gRPC \(set OTEL_EXPORTER_OTLP_PROTOCOL=http\/protobuf\)$/m);
  });

  it('refuses and counts telemetry past --max-run-bytes', async () => {
    const c = capture();
    const code = await runCommand(['--no-preload', '--max-run-bytes', '100', '--', process.execPath, 'sdk-app.js'], c.io);
    const report = c.report();
    assert.equal(code, 4, 'sdk-app exits 4 when its export failed');
    assert.match(c.programOutput(), /export failed/);
    assert.match(report, /^statscope: 0 spans in 0 traces, 0 metric series, 0 log records; ([1-9]\d*) requests? refused: \1 over the run budget, the run reached its budget of 100 bytes \(raise it with --max-run-bytes\)$/m);
  });

  it('forwards everything to another OTLP endpoint with --forward', async () => {
    const store = new RunStore();
    const upstreamRun = store.createRun({ label: 'collector' });
    const upstream = await startReceiver({ sink: upstreamRun });
    try {
      const c = capture();
      const code = await runCommand(['--no-preload', '--forward', upstream.url, '--forward-header', `authorization=Bearer ${upstream.token}`, '--', process.execPath, 'sdk-app.js'], c.io);
      assert.equal(code, 3);
      assert.match(c.report(), /forwarded [1-9]\d* requests \(0 failed, 0 dropped\)/);
      assert.equal(upstreamRun.stats().spanCount, 7);
      assert.equal(upstreamRun.metrics.seriesNamed('app_requests_total').length, 2);
    } finally {
      await upstream.close();
      store.dispose();
    }
  });

  it('prints usage and exits 2 on bad arguments', async () => {
    const c = capture();
    assert.equal(await runCommand(['--granularity', 'everything', '--', 'node', 'x.js'], c.io), 2);
    assert.match(c.report(), /--granularity must be/);
    assert.match(c.report(), /Usage: statscope run/);
  });

  it('works as the real `statscope` binary (exit code passed through, report on stderr)', async function () {
    const child = spawn(process.execPath, [MAIN, 'run', '--no-preload', '--', process.execPath, 'sdk-app.js'], { cwd: FIXTURES, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, 3, stderr);
    assert.equal(stdout, 'sdk-app: done\n', 'the program output is streamed; the report stays off stdout');
    assert.match(stderr, /└─ handle request/);
  });
});
