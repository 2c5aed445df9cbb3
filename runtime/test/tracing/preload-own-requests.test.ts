/**
 * The preload's http instrumentation records the program's requests, not Statscope's own OTLP exports:
 * a program that makes one request gets one client span and one `http.client.request.duration` point,
 * however many spans and metric pushes went out meanwhile.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { decodeProtobufMetrics } from '../metrics/support/otlp-metrics';
import type { ReceivedMetric } from '../metrics/support/otlp-metrics';
import { OtlpReceiver } from './support/otlp-receiver';
import { startFixture } from './support/run-fixture';
import { ensureRuntimeBundles, RUNTIME_DIR } from './support/runtime-bundles';
import { outline } from './support/span-tree';

const CLIENT_DURATION = 'http.client.request.duration';
const SPAN_KIND_CLIENT = 3;

describe('preload: its own OTLP exports are not instrumented', function () {
  this.timeout(60_000);
  const receiver = new OtlpReceiver();
  let server: Server | undefined;

  before(async () => {
    await ensureRuntimeBundles();
    await receiver.start();
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await receiver.stop();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  });

  it('records one client span and one duration point for the program\'s one request', async () => {
    const program = join(RUNTIME_DIR, 'test', 'tracing', 'programs', 'one-request.cjs');
    const port = (server?.address() as AddressInfo).port;
    const run = startFixture(program, {
      args: [String(port)],
      hasStdin: true,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_METRIC_EXPORT_INTERVAL: '100', OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
    await run.waitForOutput('requested 200');
    // Let the span export and several metric pushes complete while the program runs: each one would
    // otherwise show up in the next push as a client duration point of its own.
    await receiver.waitFor(() => receiver.requestsTo('/v1/traces').length >= 1 && receiver.requestsTo('/v1/metrics').length >= 3, 20_000, 'exports');
    run.child.stdin?.end();
    const result = await run.done;
    assert.equal(result.code, 0, result.stderr);

    const clientSpans = receiver.spans.filter((s) => s.kind === SPAN_KIND_CLIENT);
    assert.equal(clientSpans.length, 1, outline(receiver.spans));
    assert.equal(Number(clientSpans[0]?.attributes['server.port']), port);

    const pushes = receiver.requestsTo('/v1/metrics').map((r) => decodeProtobufMetrics(r.body));
    const ports = new Set(pushes.flatMap((metrics) => clientDuration(metrics).flatMap((m) => m.points.map((p) => Number(p.attributes['server.port'])))));
    assert.deepEqual([...ports], [port], `${CLIENT_DURATION} has points for other ports than the program's (receiver: ${receiver.endpoint})`);
    const last = clientDuration(pushes.at(-1) ?? []);
    assert.equal(last.length, 1, `the final push has ${CLIENT_DURATION}`);
    assert.deepEqual(last[0]?.points.map((p) => p.count), [1]);
  });
});

function clientDuration(metrics: readonly ReceivedMetric[]): ReceivedMetric[] {
  return metrics.filter((m) => m.name === CLIENT_DURATION);
}
