/**
 * Parent/child relations survive await, timers, setImmediate, listeners and microtasks, and an HTTP
 * hop between two preloaded processes (W3C traceparent through http and fetch).
 */
import assert from 'node:assert/strict';
import { OtlpReceiver } from './support/otlp-receiver';
import { runFixture, startFixture } from './support/run-fixture';
import { ensureRuntimeBundles } from './support/runtime-bundles';
import { outline, spanNamed } from './support/span-tree';

describe('preload: context propagation', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
  });
  after(() => receiver.stop());
  beforeEach(() => receiver.clear());

  it('keeps parents across await, timers, setImmediate, listeners and microtasks', async () => {
    const result = await runFixture('async-context.js', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      outline(receiver.spans),
      [
        'root',
        '  after-await',
        '    nested-after-await',
        '  in-immediate',
        '  in-listener',
        '  in-microtask',
        '  in-timeout',
        '  parallel-1',
        '  parallel-2',
        'second-root',
      ].join('\n'),
    );
    const root = spanNamed(receiver.spans, 'root');
    assert.notEqual(spanNamed(receiver.spans, 'second-root').traceId, root.traceId);
    assert.ok(receiver.spans.filter((s) => s.name !== 'second-root').every((s) => s.traceId === root.traceId));
  });

  it('propagates the trace across an HTTP hop between two processes (http.get and fetch)', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint };
    const server = startFixture('http-server.js', { env: { ...env, OTEL_SERVICE_NAME: 'service-b' } });
    await server.waitForOutput('listening ');
    const port = /listening (\d+)/.exec(server.stdout())?.[1] ?? '';
    const client = await runFixture('http-client.js', { env: { ...env, OTEL_SERVICE_NAME: 'service-a' }, args: [port] });
    assert.equal(client.code, 0, client.stderr);
    assert.match(client.stdout, /statuses 200 200/);
    const serverResult = await server.done;
    assert.equal(serverResult.code, 0, serverResult.stderr);

    const call = spanNamed(receiver.spans, 'client.call');
    assert.equal(call.resource['service.name'], 'service-a');
    const trace = receiver.spans.filter((s) => s.traceId === call.traceId);
    const works = trace.filter((s) => s.name === 'server.work');
    assert.equal(works.length, 2, `both requests reached service B in the same trace:\n${outline(receiver.spans)}`);
    for (const work of works) {
      assert.equal(work.resource['service.name'], 'service-b');
      const serverSpan = trace.find((s) => s.spanId === work.parentSpanId);
      assert.equal(serverSpan?.kind, 2, 'server.work is a child of the incoming HTTP server span');
      const clientSpan = trace.find((s) => s.spanId === serverSpan?.parentSpanId);
      assert.equal(clientSpan?.kind, 3, 'the server span is a child of the outgoing client span in the other process');
      assert.equal(clientSpan?.resource['service.name'], 'service-a');
      const inner = trace.find((s) => s.name === 'server.inner' && s.parentSpanId === work.spanId);
      assert.ok(inner, 'server.inner under server.work after an await');
    }
    const fetchSpan = spanNamed(receiver.spans, 'client.fetch');
    assert.equal(fetchSpan.parentSpanId, call.spanId);
    assert.ok(trace.some((s) => s.kind === 3 && s.parentSpanId === fetchSpan.spanId), 'the fetch client span is under client.fetch');
  });
});
