/**
 * No span or log line of an exiting program is lost: normal exit, SIGTERM, SIGINT, process.exit(),
 * uncaught exceptions; the program's exit code and default signal behaviour are kept; unended spans are
 * exported marked and logged; an unreachable endpoint does not hold or break the program.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture, startFixture } from './support/run-fixture';
import { ensureRuntimeBundles } from './support/runtime-bundles';
import { spanNamed } from './support/span-tree';

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The log records the receiver got as OTLP/JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`). */
function logRecords(receiver: OtlpReceiver): { body?: { stringValue?: string }; spanId?: string }[] {
  type Body = { resourceLogs?: { scopeLogs?: { logRecords?: { body?: { stringValue?: string }; spanId?: string }[] }[] }[] };
  return receiver
    .requestsTo('/v1/logs')
    .flatMap((r) => (JSON.parse(r.body.toString('utf8')) as Body).resourceLogs ?? [])
    .flatMap((rl) => rl.scopeLogs ?? [])
    .flatMap((sl) => sl.logRecords ?? []);
}

describe('preload: flush on exit', function () {
  this.timeout(90_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  it('delivers all 10,000 spans of a program that exits normally', async () => {
    const result = await runFixture('many-spans.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(receiver.spans.length, 10_000);
    assert.equal(new Set(receiver.spans.map((s) => s.spanId)).size, 10_000, 'no duplicates');
    assert.equal(result.stderr, '', 'nothing dropped, nothing logged');
  });

  it('delivers all 10,000 spans after SIGTERM and still dies by SIGTERM', async () => {
    const run = startFixture('many-spans.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, WAIT: '1' } });
    await run.waitForOutput('ready');
    run.child.kill('SIGTERM');
    const result = await run.done;
    assert.equal(result.signal, 'SIGTERM', `exit ${result.code} ${result.stderr}`);
    assert.equal(receiver.spans.length, 10_000);
  });

  it('flushes on SIGINT and keeps the default SIGINT behaviour', async () => {
    const run = startFixture('exit-paths.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, MODE: 'wait' } });
    await run.waitForOutput('ready');
    run.child.kill('SIGINT');
    const result = await run.done;
    assert.equal(result.signal, 'SIGINT');
    spanNamed(receiver.spans, 'before-exit-work');
  });

  it('leaves SIGTERM to a program that handles it, and flushes what it does in the handler', async () => {
    const run = startFixture('exit-paths.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, MODE: 'own-handler' } });
    await run.waitForOutput('ready');
    run.child.kill('SIGTERM');
    const result = await run.done;
    assert.equal(result.signal, null);
    assert.equal(result.code, 4, 'the program chose its exit code');
    assert.match(result.stdout, /handled SIGTERM/);
    spanNamed(receiver.spans, 'graceful-shutdown');
  });

  it('delivers spans pending at process.exit(3) and keeps exit code 3', async () => {
    const result = await runFixture('exit-paths.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, MODE: 'process-exit' } });
    assert.equal(result.code, 3);
    spanNamed(receiver.spans, 'before-exit-work');
    spanNamed(receiver.spans, 'last');
  });

  it('delivers spans on an uncaught exception, which still exits 1 with its stack printed', async () => {
    const result = await runFixture('exit-paths.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, MODE: 'throw' } });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Error: uncaught boom/);
    const throwing = spanNamed(receiver.spans, 'throwing');
    assert.equal(throwing.statusCode, 2);
    const leaked = spanNamed(receiver.spans, 'leaked-before-throw');
    assert.equal(leaked.attributes['statscope.unended'], true);
  });

  it('exports unended spans marked statscope.unended with ERROR status, and logs where they started', async () => {
    const result = await runFixture('exit-paths.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, MODE: 'unended' } });
    assert.equal(result.code, 0);
    const leaked = spanNamed(receiver.spans, 'leaked');
    assert.equal(leaked.attributes['statscope.unended'], true);
    assert.equal(leaked.attributes['note'], 'never ended');
    assert.equal(leaked.statusCode, 2);
    assert.match(result.stderr, /span "leaked" was never ended \(started at .*exit-paths\.js:\d+\)/);
    assert.equal(spanNamed(receiver.spans, 'before-exit-work').attributes['statscope.unended'], undefined);
  });

  it('exits normally and promptly when the endpoint is down, and reports the dropped spans', async () => {
    const port = await closedPort();
    const result = await runFixture('many-spans.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, SPAN_COUNT: '1000' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /created 1000/);
    assert.ok(result.durationMs < 5000, `took ${result.durationMs} ms`);
    assert.match(result.stderr, /1000 spans were not exported \(0 dropped on a full queue, 1000 failed to send, last error: ECONNREFUSED/);
  });

  it('delivers log lines pending at process.exit(3), each with its span id, and keeps exit code 3', async () => {
    const result = await runFixture('many-logs.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', MODE: 'process-exit', LOG_COUNT: '50' } });
    assert.equal(result.code, 3, result.stderr);
    const records = logRecords(receiver);
    assert.equal(records.length, 50);
    assert.ok(records.every((r) => r.body?.stringValue === 'line' && /^[0-9a-f]{16}$/.test(r.spanId ?? '')), 'every line carries the span it was written in');
    assert.equal(spanNamed(receiver.spans, 'logging').spanId, records[0]?.spanId);
  });

  it('reports log lines it could not export when the endpoint is down', async () => {
    const port = await closedPort();
    const result = await runFixture('many-logs.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, LOG_COUNT: '20' } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /20 log records were not exported \(0 dropped on a full queue or after the final flush, 20 failed to send\); 0 exported/);
  });

  it('counts log lines dropped on a full queue', async () => {
    const result = await runFixture('many-logs.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', LOG_COUNT: '300', OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1000' } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(logRecords(receiver).length, 100);
    assert.match(result.stderr, /200 log records were not exported \(200 dropped on a full queue or after the final flush, 0 failed to send\); 100 exported/);
  });

  it('exits on time when the endpoint accepts connections but never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const result = await runFixture('many-spans.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, SPAN_COUNT: '10', STATSCOPE_FLUSH_TIMEOUT: '500' } });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.durationMs < 4000, `took ${result.durationMs} ms`);
      assert.match(result.stderr, /10 spans were not exported/);
    } finally {
      silent.close();
    }
  });

  it('counts spans dropped on a full queue', async () => {
    const result = await runFixture('many-spans.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, SPAN_COUNT: '300', OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '1000' } });
    assert.equal(result.code, 0);
    assert.equal(receiver.spans.length, 100);
    assert.match(result.stderr, /200 spans were not exported \(200 dropped on a full queue/);
  });
});
