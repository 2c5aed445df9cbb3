/**
 * The preload in a real child process exports real OTLP/HTTP to a loopback receiver: protobuf and
 * JSON bodies, service resource, code locations, exceptions, headers; `--import` for ESM programs.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture, startFixture } from './support/run-fixture';
import { ensureRuntimeBundles, FIXTURES } from './support/runtime-bundles';
import { waitForScrape } from './support/scrape';
import { outline, spanNamed } from './support/span-tree';

describe('preload: OTLP export from a child process', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    it(`exports the span tree over ${protocol}`, async () => {
      const result = await runFixture('basic.js', {
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_SERVICE_NAME: 'basic-fixture', STATSCOPE_GRANULARITY: 'all' },
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /done/);
      const requests = receiver.requestsTo('/v1/traces');
      assert.ok(requests.length >= 1);
      assert.equal(requests[0]?.contentType, protocol === 'http/json' ? 'application/json' : 'application/x-protobuf');
      assert.equal(outline(receiver.spans), ['job', '  explode', '  manual', '  parse'].join('\n'));

      const job = spanNamed(receiver.spans, 'job');
      assert.equal(job.resource['service.name'], 'basic-fixture');
      assert.equal(job.scope, 'statscope');
      assert.equal(job.attributes['job.id'], 7);
      assert.equal(job.attributes['code.filepath'], join(FIXTURES, 'basic.js'));
      assert.equal(job.attributes['code.lineno'], 13);
      assert.equal(job.attributes['code.function'], 'main');
      assert.ok(job.endNs > job.startNs);

      const parse = spanNamed(receiver.spans, 'parse');
      assert.equal(parse.attributes['code.lineno'], 6);
      assert.equal(parse.attributes['code.function'], 'parse');
      assert.equal(parse.attributes['input.length'], 7);
      assert.equal(parse.traceId, job.traceId);

      const explode = spanNamed(receiver.spans, 'explode');
      assert.equal(explode.statusCode, 2);
      assert.equal(explode.statusMessage, 'boom');
      const exception = explode.events.find((e) => e.name === 'exception');
      assert.equal(exception?.attributes['exception.type'], 'TypeError');
      assert.equal(exception?.attributes['exception.message'], 'boom');

      assert.equal(spanNamed(receiver.spans, 'manual').attributes['manual.kind'], 'demo');
    });
  }

  it('exports all of 200,000 spans ended in a tight loop, with the default settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statscope-burst-'));
    try {
      const program = join(dir, 'burst.js');
      writeFileSync(program, "const { withSpan } = require(process.env.STATSCOPE_LIB);\nlet n = 0;\nfor (let i = 0; i < 200000; i++) withSpan('burst', () => n++);\nconsole.log('done', n);\n");
      const result = await runFixture(program, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint }, timeoutMs: 60_000 });
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /dropped|not exported/, result.stderr);
      assert.equal(receiver.spans.length, 200_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends OTEL_EXPORTER_OTLP_HEADERS and STATSCOPE_HEADERS to the receiver', async () => {
    const result = await runFixture('basic.js', {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-tenant=t1',
        STATSCOPE_HEADERS: '{"x-honeycomb-team":"hc-key","x-tenant":"t2"}',
      },
    });
    assert.equal(result.code, 0, result.stderr);
    const headers = receiver.requestsTo('/v1/traces')[0]?.headers;
    assert.equal(headers?.['authorization'], 'Bearer abc');
    assert.equal(headers?.['x-honeycomb-team'], 'hc-key');
    assert.equal(headers?.['x-tenant'], 't2', 'STATSCOPE_HEADERS wins over OTEL headers');
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is and gzip when asked', async () => {
    const result = await runFixture('basic.js', {
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces`, OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(receiver.requestsTo('/v1/traces')[0]?.headers['content-encoding'], 'gzip');
    assert.equal(receiver.spans.length, 3, 'default granularity (operation) drops the segment span');
  });

  it('works with --import for an ESM program (library imported as ESM, fetch instrumented)', async () => {
    const result = await runFixture('esm-app.mjs', {
      preload: 'import',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'esm-fixture' },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /status 200/);
    const outer = spanNamed(receiver.spans, 'esm.main');
    assert.equal(outer.attributes['code.filepath'], join(FIXTURES, 'esm-app.mjs'));
    const sameTrace = receiver.spans.filter((s) => s.traceId === outer.traceId);
    // esm.main -> fetch client span (undici) -> http server span (http instrumentation) -> esm.handler
    const clientSpan = sameTrace.find((s) => s.kind === 3 && s.parentSpanId === outer.spanId);
    assert.ok(clientSpan, `no client span under esm.main: ${outline(receiver.spans)}`);
    const serverSpan = sameTrace.find((s) => s.kind === 2 && s.parentSpanId === clientSpan.spanId);
    assert.ok(serverSpan, `no server span under the fetch span: ${outline(receiver.spans)}`);
    assert.equal(spanNamed(receiver.spans, 'esm.handler').parentSpanId, serverSpan.spanId);
  });

  it('exports OTLP metrics when an endpoint is set', async () => {
    const result = await runFixture('basic.js', {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_METRIC_EXPORT_INTERVAL: '100', FIXTURE_LINGER_MS: '400' },
    });
    assert.equal(result.code, 0, result.stderr);
    const metrics = receiver.requestsTo('/v1/metrics');
    assert.ok(metrics.length >= 1, 'a metrics push arrived');
    assert.equal(metrics[0]?.contentType, 'application/json');
    assert.ok(metrics.some((m) => m.body.toString('utf8').includes('"fixture.runs"')), 'the counter is in a push');
  });
});

describe('preload: metrics', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());

  it('serves /metrics on STATSCOPE_METRICS_PORT and pushes the metric store over OTLP once, with the spans', async () => {
    const port = await freePort();
    const run = startFixture('metrics-app.js', {
      env: { STATSCOPE_METRICS_PORT: String(port), OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
      hasStdin: true,
    });
    await run.waitForOutput('ready');
    const scrape = await waitForScrape(`http://127.0.0.1:${port}/metrics`);
    run.child.stdin?.end();
    assert.match(scrape, /^fixture_jobs_total 2$/m);
    const result = await run.done;
    assert.match(result.stdout, /bye/);
    assert.equal(result.code, 0, result.stderr);
    const pushes = receiver.requestsTo('/v1/metrics').map((r) => r.body.toString('utf8'));
    assert.ok(pushes.some((body) => body.includes('fixture_jobs')), 'the store is pushed at exit');
    assert.equal(spanNamed(receiver.spans, 'job').resource['service.name'], 'unknown_service:node');
    assert.deepEqual(receiver.spans.map((s) => s.name), ['job'], 'scraping /metrics creates no spans');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
